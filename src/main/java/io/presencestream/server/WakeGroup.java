package io.presencestream.server;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's subscribers that read on one executor (one Netty event loop serves many connections). The
 * hub's writer wakes the group, not each subscriber: one atomic increment per group and event, and one
 * task on the executor for however many events arrive before it runs, in which every member takes a
 * turn. So the writer's work per event does not grow with the number of connections, and a burst is read
 * in batches.
 */
final class WakeGroup implements Runnable {

  /** A subscriber that reads what is new when its group wakes it. */
  interface Member {
    /** Reads what is new; called on the group's executor, one pass at a time. */
    void turn();
  }

  private final Executor executor;
  private final AtomicInteger wip = new AtomicInteger();
  /** Copy-on-write; changed under the hub's membership lock. */
  private volatile Member[] members = new Member[0];

  WakeGroup(Executor executor) {
    this.executor = executor;
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
      try {
        executor.execute(this);
      } catch (RuntimeException e) {
        // executor shut down (server closing): its connections are being closed anyway
        wip.set(0);
      }
    }
  }

  @Override
  public void run() {
    int missed = 1;
    do {
      for (Member client : members) {
        client.turn();
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }
}
