package io.presencestream.analytics;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The instants at which something clock-driven happens (a wrap-up ends, a queue call's gap grace runs out,
 * a call leaves a rolling window, an alert's duration is passed, midnight), in time order. A timer is a
 * hint: its owner checks, when it fires, whether what it was set for still holds (a cancelled wait is
 * simply found stale), so nothing is ever removed from the middle.
 */
final class Timers {

  /** What a timer is for; {@code key} names the agent, queue call, queue or alert it concerns. */
  enum Kind { WRAP_UP_END, MISSED_DECISION, QUEUE_GAP, WINDOW_EXIT, ALERT_DUE, ALERT_CLEAR, MIDNIGHT }

  /** One timer; {@code seq} keeps timers of the same instant in the order they were set. */
  record Timer(Instant at, long seq, Kind kind, String key) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Timer> queue = new PriorityQueue<>();
  private long seq;

  void at(Instant at, Kind kind, String key) {
    queue.add(new Timer(at, seq++, kind, key));
  }

  /** The earliest timer, or null. */
  Timer peek() {
    return queue.peek();
  }

  Timer poll() {
    return queue.poll();
  }

  int size() {
    return queue.size();
  }
}
