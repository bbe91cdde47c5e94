package io.presencestream.engine;

import io.presencestream.model.CallDurations;
import io.presencestream.model.PartyStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statuses an extension's party went through in one session, ordered by the notifications'
 * {@code sequence} (not by arrival: RingCentral's guide warns that they arrive out of order), with their
 * {@code eventTime}s; the ring, talk and hold times of {@link CallDurations} come from it.
 */
final class StatusTimeline {

  private record Point(Long sequence, Instant at, PartyStatusCode code) {}

  private final List<Point> points = new ArrayList<>(8);
  private Instant lastSeen;

  /** An empty timeline, first seen at {@code seen} (input time). */
  StatusTimeline(Instant seen) {
    this.lastSeen = seen;
  }

  /**
   * Places a status by its sequence; a sequence already placed is ignored (a repeated delivery), a point
   * without a sequence goes last.
   *
   * @param seen the input time of the notification, for forgetting the timeline of an ended session
   */
  void add(Long sequence, Instant at, PartyStatusCode code, Instant seen) {
    if (seen.isAfter(lastSeen)) {
      lastSeen = seen;
    }
    if (sequence == null) {
      points.add(new Point(null, at, code));
      return;
    }
    int i = points.size();
    while (i > 0) {
      Point before = points.get(i - 1);
      if (before.sequence() == null || before.sequence() < sequence) {
        break;
      }
      if (before.sequence().equals(sequence)) {
        return;
      }
      i--;
    }
    points.add(i, new Point(sequence, at, code));
  }

  /** When a notification last added to this timeline (input time). */
  Instant lastSeen() {
    return lastSeen;
  }

  /** Whether the party was ever answered (talking, holding or parked). */
  boolean answered() {
    for (Point p : points) {
      if (p.code() == PartyStatusCode.ANSWERED || p.code() == PartyStatusCode.HOLD || p.code() == PartyStatusCode.PARKED) {
        return true;
      }
    }
    return false;
  }

  /** Whether the call reached voicemail. */
  boolean reachedVoicemail() {
    for (Point p : points) {
      if (p.code() == PartyStatusCode.VOICEMAIL || p.code() == PartyStatusCode.VOICEMAIL_SCREENING) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ring: first {@code Proceeding} to the first later status neither {@code Setup} nor {@code Proceeding};
   * talk and hold: the sums of the spans in {@code Answered} and {@code Hold}. A span still open ends at
   * {@code end}; a span whose times run backwards counts zero.
   */
  CallDurations durations(Instant end) {
    Duration ring = Duration.ZERO;
    Duration talk = Duration.ZERO;
    Duration hold = Duration.ZERO;
    int ringing = -1;
    boolean rang = false;
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      Instant stop = i + 1 < points.size() ? points.get(i + 1).at() : end;
      if (!rang) {
        if (ringing < 0 && p.code() == PartyStatusCode.PROCEEDING) {
          ringing = i;
        } else if (ringing >= 0 && p.code() != PartyStatusCode.PROCEEDING && p.code() != PartyStatusCode.SETUP) {
          ring = span(points.get(ringing).at(), p.at());
          rang = true;
        }
      }
      if (p.code() == PartyStatusCode.ANSWERED) {
        talk = talk.plus(span(p.at(), stop));
      } else if (p.code() == PartyStatusCode.HOLD) {
        hold = hold.plus(span(p.at(), stop));
      }
    }
    if (ringing >= 0 && !rang) {
      ring = span(points.get(ringing).at(), end);
    }
    return new CallDurations(ring, talk, hold);
  }

  private static Duration span(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
