package io.presencestream.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds of a queue query's intervals in the account's zone: {@code from} rounded down and {@code to} up
 * to the interval's boundaries in local time. A day is a calendar day (23 or 25 hours across a change of
 * summer time); an hour or a quarter starts on the local clock's hour or quarter and lasts exactly that long,
 * so the hour the clocks go back is two intervals of an hour each, and the hour they skip is none.
 */
final class QueueIntervals {

  /** The intervals the API offers. */
  enum Interval {
    QUARTER("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", null);

    private final String label;
    private final Duration length;

    Interval(String label, Duration length) {
      this.label = label;
      this.length = length;
    }

    String label() {
      return label;
    }

    /** {@return the interval named so, or null} */
    static Interval parse(String label) {
      for (Interval i : values()) {
        if (i.label.equals(label)) {
          return i;
        }
      }
      return null;
    }
  }

  private QueueIntervals() {}

  /**
   * The bounds: the first interval's start, then each interval's end.
   *
   * @return at least two instants, or null when more than {@code max} intervals are needed
   */
  static List<Instant> bounds(Instant from, Instant to, Interval interval, ZoneId zone, int max) {
    List<Instant> bounds = new ArrayList<>();
    ZonedDateTime start = from.atZone(zone);
    ZonedDateTime t = switch (interval) {
      case DAY -> start.toLocalDate().atStartOfDay(zone);
      case HOUR -> start.truncatedTo(ChronoUnit.HOURS);
      case QUARTER -> start.truncatedTo(ChronoUnit.HOURS).plusMinutes(start.getMinute() / 15 * 15L);
    };
    Instant bound = t.toInstant();
    bounds.add(bound);
    while (bound.isBefore(to)) {
      if (bounds.size() > max) {
        return null;
      }
      if (interval == Interval.DAY) {
        t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
        bound = t.toInstant();
      } else {
        bound = bound.plus(interval.length);
      }
      bounds.add(bound);
    }
    return bounds;
  }
}
