package io.presencestream.server;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's subscribers that read on one executor (one Netty event loop serves many connections). The
 * hub's writer wakes the group, not each subscriber: one atomic increment per group and event, and one
 * task on the executor for however many events arrive before it runs, in which every member takes a
 * turn. So the writer's work per event does not grow with the number of connections, and a burst is read
 * in batches.
 *
 * <p>Passes are at least {@code coalesce} apart when the executor can schedule: an event arriving sooner
 * after the last pass began waits for the rest of that interval, with whatever else arrives meanwhile.
 * The first event after a quiet spell goes out at once. Each pass costs every member a write and a
 * {@code send()} to the kernel, whatever it carries; at a few events a second per connection most
 * passes carry one event, so coalescing for a few milliseconds divides the sends (and most of the
 * server's CPU per event) by the events that arrive within that time, for at most that much latency.
 */
final class WakeGroup implements Runnable {

  /** A subscriber that reads what is new when its group wakes it. */
  interface Member {
    /** Reads what is new; called on the group's executor, one pass at a time. */
    void turn();
  }

  private final Executor executor;
  /** Where a delayed pass is scheduled; null when passes are not coalesced. */
  private final ScheduledExecutorService timer;
  private final long coalesceNanos;
  private final AtomicInteger wip = new AtomicInteger();
  /** {@link System#nanoTime()} when the last pass began. */
  private volatile long lastPass;
  /** Copy-on-write; changed under the hub's membership lock. */
  private volatile Member[] members = new Member[0];

  /**
   * A group whose passes are at least {@code coalesceNanos} apart if {@code executor} can schedule
   * (a Netty event loop can); 0 runs every pass at once.
   */
  WakeGroup(Executor executor, long coalesceNanos) {
    this.executor = executor;
    this.timer = coalesceNanos > 0 && executor instanceof ScheduledExecutorService scheduled ? scheduled : null;
    this.coalesceNanos = coalesceNanos;
    this.lastPass = System.nanoTime() - coalesceNanos;
  }

  void add(Member client) {
    Member[] now = members;
    Member[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = client;
    members = next;
  }

  /** Removes {@code client}; true when the group is now empty. */
  boolean remove(Member client) {
    Member[] now = members;
    int at = -1;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == client) {
        at = i;
        break;
      }
    }
    if (at >= 0) {
      Member[] next = new Member[now.length - 1];
      System.arraycopy(now, 0, next, 0, at);
      System.arraycopy(now, at + 1, next, at, now.length - at - 1);
      members = next;
    }
    return members.length == 0;
  }

  /** New events are in the ring: schedules one pass over the members unless one is pending or running. */
  void signal() {
    if (wip.getAndIncrement() == 0) {
      schedule();
    }
  }

  private void schedule() {
    try {
      long wait = timer == null ? 0 : lastPass + coalesceNanos - System.nanoTime();
      if (wait > 0) {
        timer.schedule(this, wait, TimeUnit.NANOSECONDS);
      } else {
        executor.execute(this);
      }
    } catch (RuntimeException e) {
      // executor shut down (server closing): its connections are being closed anyway
      wip.set(0);
    }
  }

  @Override
  public void run() {
    int missed = wip.get();
    while (true) {
      lastPass = System.nanoTime();
      for (Member client : members) {
        client.turn();
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
      if (timer != null) {
        // Signalled during the pass: the next pass is coalesced like any other (wip stays raised, so
        // signals meanwhile only count).
        schedule();
        return;
      }
    }
  }
}
