package io.presencestream.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * One event loop's copy of the batch its connections are writing, in direct memory, shared by consecutive
 * writes of the very same frames.
 *
 * <p>Why: the epoll transport sends only direct memory, so each connection's heap batch used to be
 * copied into a pooled direct buffer of its own, write by write. In a pass over an event loop's
 * connections (a {@link WakeGroup} pass) nearly all of them write the same frames one after the other:
 * the hub's, for the same new events. One copy then serves that run of writes, each holding a reference
 * to it (a duplicate with its own indices). Only the previous batch is remembered: a connection with
 * other frames in the middle of a pass (a filter, a replay, one that lags) gets a copy of its own, and
 * the connections after it share a new one.
 *
 * <p>The lifetime is explicit, unlike frames kept in direct memory by the hub's ring (tried and taken
 * out: the JDK frees such memory only when the collector clears the buffer object): this holder drops
 * its reference when the next batch differs, and at the latest in a task queued on the loop behind the
 * current one, so the memory returns to the pool as soon as the last socket has sent it. Frames are
 * compared by identity: the hub's frames are immutable arrays, and this holder keeps them reachable
 * while it holds their copy, so an identical array is the identical frame.
 *
 * <p>Confined to one thread (a {@link FastThreadLocal}): used only on an event loop, by the connection
 * whose turn is running, so no lock and no foreign call under one.
 */
final class SharedBatchCopy {

  /**
   * Where copies come from: Netty's pooled allocator, not the channel's (Netty 4.2's default is the
   * adaptive one), because the pooled allocator's duplicates are recycled objects. With the adaptive
   * allocator each duplicate is a new object, which every write then stores into the outbound buffer's
   * long-lived entries: garbage, and old-to-young references for the collector to track. Measured side
   * by side with 1,000 connections at 100 notifications/s: 5.1 against 5.7 s of CPU per million delivered
   * events (benchmarks/RESULTS.md, "Shared batch copies"). The pooled allocator keeps a chunk per arena
   * it has used (4 MiB by default) beside the adaptive allocator's.
   */
  private static final ByteBufAllocator POOL = PooledByteBufAllocator.DEFAULT;

  private static final FastThreadLocal<SharedBatchCopy> OF_THREAD = new FastThreadLocal<>() {
    @Override
    protected SharedBatchCopy initialValue() {
      return new SharedBatchCopy();
    }
  };

  /** The frames {@link #copy} holds; only the first {@link #count} are set. */
  private byte[][] frames = new byte[16][];
  private int count;
  /** The copy of the frames, with one reference of this holder's own; null when none is held. */
  private ByteBuf copy;
  private boolean releaseQueued;
  /** The queued release: the loop has finished the task that made the copy. */
  private final Runnable release = () -> {
    releaseQueued = false;
    drop();
  };

  /** A holder of its own (tests); the server uses the thread's, through {@link #of}. */
  SharedBatchCopy() {}

  /**
   * {@code frames[0..count)} in one direct buffer, for one write on {@code channel}: the copy made for
   * the previous write on this thread if it has the same frames, else a new one. Call on the channel's
   * event loop. The caller owns the returned buffer's reference (a write releases it once sent).
   *
   * @throws OutOfMemoryError when direct memory runs out (Netty's {@code OutOfDirectMemoryError})
   * @throws ArithmeticException if the frames add up to more than 2 GiB
   */
  static ByteBuf of(byte[][] frames, int count, Channel channel) {
    return OF_THREAD.get().copyOf(frames, count, channel);
  }

  ByteBuf copyOf(byte[][] wanted, int wantedCount, Channel channel) {
    if (copy != null && holds(wanted, wantedCount)) {
      return copy.retainedDuplicate();
    }
    drop();
    copy = copyInto(wanted, wantedCount);
    ByteBuf forWrite = copy.retainedDuplicate();
    if (frames.length < wantedCount) {
      frames = new byte[Math.max(wantedCount, 2 * frames.length)][];
    }
    System.arraycopy(wanted, 0, frames, 0, wantedCount);
    count = wantedCount;
    if (!releaseQueued(channel)) {
      drop(); // the loop runs no more tasks (shutting down): keep nothing only a task would release
    }
    return forWrite;
  }

  /**
   * The frames in one new buffer of exactly their size. Its capacity is its size, so no handler can
   * append a later write into it (as TLS does into a first buffer with room): the memory is shared.
   *
   * @throws ArithmeticException if the frames add up to more than 2 GiB
   */
  private static ByteBuf copyInto(byte[][] frames, int count) {
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += frames[i].length;
    }
    int size = Math.toIntExact(total);
    ByteBuf copy = POOL.directBuffer(size, size);
    for (int i = 0; i < count; i++) {
      copy.writeBytes(frames[i]);
    }
    return copy;
  }

  private boolean holds(byte[][] wanted, int wantedCount) {
    if (wantedCount != count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (wanted[i] != frames[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Queues this holder's release on the loop, behind the task in progress (the pass over its
   * connections), unless one is queued; false when the loop takes no more tasks.
   */
  private boolean releaseQueued(Channel channel) {
    if (!releaseQueued) {
      releaseQueued = true; // before: an executor may run the task at once
      try {
        channel.eventLoop().execute(release);
      } catch (RejectedExecutionException shuttingDown) {
        releaseQueued = false;
        return false;
      }
    }
    return true;
  }

  private void drop() {
    if (copy != null) {
      copy.release();
      copy = null;
    }
    Arrays.fill(frames, 0, count, null);
    count = 0;
  }
}
