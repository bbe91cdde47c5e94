package io.presencestream.store;

import io.presencestream.model.Call;
import io.presencestream.model.CallRecord;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows each live call through its events and, when it ends, writes its {@link CallRecord}: ring time
 * (start to answer, or to the end of a call never answered), talk time (answer to end, holds excluded) and
 * hold time, from the times of the {@code call.new}, {@code call.updated} ({@code connected}, {@code held},
 * {@code resumed}) and {@code call.ended} events. A call whose start this timeline did not see (the daemon
 * started during it, or it was forgotten beyond {@link #MAX_CALLS}) gets null durations where the events
 * seen do not tell them. Pure and clock-free; one caller at a time (the sink's {@code accept}).
 */
final class CallTimeline {

  /** Live calls followed at most; beyond, the oldest is forgotten (its record then lacks ring and hold). */
  static final int MAX_CALLS = 20_000;

  private record Key(String extensionId, String callId) {}

  private static final class Seen {
    final boolean sawStart;
    final boolean sawRinging;
    Instant answeredAt;
    Instant heldSince;
    Duration held = Duration.ZERO;

    Seen(boolean sawStart, boolean sawRinging) {
      this.sawStart = sawStart;
      this.sawRinging = sawRinging;
    }
  }

  private final Map<Key, Seen> live = new LinkedHashMap<>();

  /** {@return calls followed now} */
  int size() {
    return live.size();
  }

  /**
   * Takes the next event of the stream.
   *
   * @return the call's record when the event ends a call, else null
   */
  CallRecord apply(PresenceEvent event) {
    if (!(event instanceof PresenceEvent.CallEvent callEvent)) {
      return null;
    }
    Call call = callEvent.call();
    Key key = new Key(event.extensionId(), call.id());
    if (event instanceof PresenceEvent.CallStarted) {
      Seen seen = new Seen(true, call.telephonyStatus() == TelephonyStatus.RINGING);
      if (isTalking(call.telephonyStatus())) {
        seen.answeredAt = event.at();
      }
      remember(key, seen);
    } else if (event instanceof PresenceEvent.CallRinging) {
      live.computeIfAbsent(key, k -> new Seen(false, true));
    } else if (event instanceof PresenceEvent.CallUpdated updated) {
      Seen seen = live.get(key);
      if (seen == null) {
        seen = new Seen(false, false);
        remember(key, seen);
      }
      CallTransition transition = updated.transition();
      if (transition == CallTransition.CONNECTED && seen.answeredAt == null) {
        seen.answeredAt = event.at();
      } else if (transition == CallTransition.HELD && seen.heldSince == null) {
        seen.heldSince = event.at();
      } else if (transition == CallTransition.RESUMED && seen.heldSince != null) {
        seen.held = seen.held.plus(between(seen.heldSince, event.at()));
        seen.heldSince = null;
      }
    } else if (event instanceof PresenceEvent.CallEnded ended) {
      return record(ended, live.remove(key));
    }
    return null;
  }

  private void remember(Key key, Seen seen) {
    live.put(key, seen);
    if (live.size() > MAX_CALLS) {
      Iterator<Key> oldest = live.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private static CallRecord record(PresenceEvent.CallEnded ended, Seen seen) {
    Call call = ended.call();
    Instant end = ended.at();
    Instant start = call.startTime() != null ? call.startTime() : end.minus(ended.duration());
    if (start.isAfter(end)) {
      start = end;
    }
    boolean whole = seen != null && seen.sawStart;
    Instant answered = seen == null ? null : seen.answeredAt;
    Duration hold = null;
    if (seen != null) {
      hold = seen.heldSince == null ? seen.held : seen.held.plus(between(seen.heldSince, end));
    }
    SessionResult result = result(ended, answered);
    Duration ring = null;
    Duration talk = null;
    if (whole && seen.sawRinging) {
      ring = between(start, answered != null ? answered : end);
    }
    if (answered != null) {
      talk = between(answered, end).minus(hold);
      if (talk.isNegative()) {
        talk = Duration.ZERO;
      }
    } else if (whole && result != SessionResult.ANSWERED) {
      talk = Duration.ZERO;
    }
    return new CallRecord(
        ended.extensionId(), call.id(), call.sessionId(), call.telephonySessionId(),
        call.direction() == null ? Direction.UNKNOWN : call.direction(),
        call.from(), call.fromName(), call.to(), call.toName(), call.queueCall(), null,
        start, answered, end, between(start, end), ring, talk, whole ? hold : null,
        result, ended.reason(), ended.mergedInto());
  }

  /**
   * How the call ended for the extension, in the telephony feed's words: {@code merged} (a RingOut leg),
   * {@code answered} (seen connected), {@code missed} (inbound, last seen ringing), {@code no_answer}
   * (outbound, never connected), {@code evicted}, else {@code unknown}.
   */
  private static SessionResult result(PresenceEvent.CallEnded ended, Instant answered) {
    EndReason reason = ended.reason();
    if (reason == EndReason.MERGED) {
      return SessionResult.MERGED;
    }
    if (answered != null || isTalking(ended.call().telephonyStatus())) {
      return SessionResult.ANSWERED;
    }
    if (reason == EndReason.MISSED) {
      return SessionResult.MISSED;
    }
    if (reason == EndReason.EVICTED) {
      return SessionResult.EVICTED;
    }
    if (ended.call().direction() == Direction.OUTBOUND && reason == EndReason.HANGUP) {
      return SessionResult.NO_ANSWER;
    }
    return SessionResult.UNKNOWN;
  }

  private static boolean isTalking(TelephonyStatus status) {
    return status == TelephonyStatus.CALL_CONNECTED || status == TelephonyStatus.ON_HOLD
        || status == TelephonyStatus.PARKED_CALL;
  }

  private static Duration between(Instant from, Instant to) {
    return to.isBefore(from) ? Duration.ZERO : Duration.between(from, to);
  }
}
