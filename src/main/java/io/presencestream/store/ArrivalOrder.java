package io.presencestream.store;

import io.presencestream.codec.HistoryJson.StoredEvent;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code seq} of each event the sink accepts: the clock's instant in microseconds, raised to one more than
 * the last whenever the clock has not moved on (or went back), and started above every seq already stored.
 * Strictly increasing for one writer, so the stored events can be read back in the order they arrived, and
 * comparable between runs (a restart continues above the last run, whatever its clock says).
 *
 * <p>{@link #firstOfThisRun()} is the boundary between what earlier runs stored and what this one stores:
 * a restore reads below it, and receives the rest live.
 */
final class ArrivalOrder {

  private final Clock clock;
  private final long first;
  private final AtomicLong last;

  /**
   * @param clock the accept time's source
   * @param maxStored the highest seq in the database at open, or {@link Long#MIN_VALUE} when it holds none
   */
  ArrivalOrder(Clock clock, long maxStored) {
    this.clock = clock;
    this.first = Math.max(maxStored == Long.MIN_VALUE ? Long.MIN_VALUE : maxStored + 1, StoredEvent.seqOf(clock.instant()));
    this.last = new AtomicLong(first - 1);
  }

  /** {@return the next seq: never below {@link #firstOfThisRun()}, always above the one before} */
  long next() {
    long now = StoredEvent.seqOf(clock.instant());
    return last.updateAndGet(previous -> Math.max(previous + 1, now));
  }

  /** {@return the lowest seq this run gives: every stored event below it was stored by an earlier run} */
  long firstOfThisRun() {
    return first;
  }
}
