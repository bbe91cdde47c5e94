package io.presencestream.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * RingCentral-like rate-limit groups (requests per window, 60 s by default, per user): {@code Auth} 5,
 * {@code Heavy} 10, {@code Medium} 40, {@code Light} 50. Enforced only when
 * {@link SimulatorOptions#enforceRateLimits()} is set; the numbers follow RingCentral's published
 * defaults for these groups. Not thread-safe: called under the simulator's lock.
 */
final class RateLimits {

  enum Group {
    AUTH("auth", 5),
    HEAVY("heavy", 10),
    MEDIUM("medium", 40),
    LIGHT("light", 50);

    final String header;
    final int limit;

    Group(String header, int limit) {
      this.header = header;
      this.limit = limit;
    }
  }

  /** The outcome of counting one request. */
  record Verdict(Group group, int remaining, long retryAfterSeconds) {
    boolean allowed() {
      return retryAfterSeconds < 0;
    }
  }

  private final Clock clock;
  private final Duration window;
  private final Map<Group, ArrayDeque<Instant>> recent = new EnumMap<>(Group.class);

  RateLimits(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
    for (Group g : Group.values()) {
      recent.put(g, new ArrayDeque<>());
    }
  }

  /** The window the limits count over. */
  Duration window() {
    return window;
  }

  /** Counts a request of {@code group}: allowed while fewer than the limit fell in the last window. */
  Verdict take(Group group) {
    Instant now = clock.instant();
    ArrayDeque<Instant> times = recent.get(group);
    while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
      times.removeFirst();
    }
    if (times.size() >= group.limit) {
      long wait = Duration.between(now, times.peekFirst().plus(window)).toMillis();
      return new Verdict(group, 0, Math.max(1, (wait + 999) / 1000));
    }
    times.addLast(now);
    return new Verdict(group, group.limit - times.size(), -1);
  }
}
