package io.presencestream.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.FluxSink;

/**
 * Where a {@link ClientStream} hands its items: a Reactor sink (in-process subscribers), or an SSE
 * connection written directly ({@link SseWriter}). {@link #demand}, {@link #next}, {@link #nextFrames}
 * and {@link #endOfTurn} are called only inside the stream's turns, which never overlap, so an
 * implementation needs no lock of its own; {@link #complete} and {@link #error} may come from any thread
 * and must be idempotent.
 */
interface ClientOutput {

  /** {@return how many more items it takes now} 0 leaves what is waiting in the client's buffer. */
  long demand();

  /** Hands on one item: a {@link StreamItem} in item mode. */
  void next(Object item);

  /**
   * Hands on one batch in frames mode: the SSE frames {@code frames[0..count)}, UTF-8, in order. Event
   * frames are the arrays the hub encoded once for every subscriber and must never be modified; the
   * array itself is the stream's scratch space, reused after the call. By default the batch goes to
   * {@link #next} as one read-only heap buffer wrapping the frames, without copying them. Heap only:
   * Netty's {@code FixedCompositeByteBuf} judges whether it is direct by all its parts but the first, so
   * mixing heap and direct parts in one batch once made the epoll transport send a heap offset as an
   * address.
   */
  default void nextFrames(byte[][] frames, int count) {
    if (count == 1) {
      next(Unpooled.wrappedBuffer(frames[0]).asReadOnly());
      return;
    }
    ByteBuf[] parts = new ByteBuf[count];
    for (int i = 0; i < count; i++) {
      parts[i] = Unpooled.wrappedBuffer(frames[i]);
    }
    next(Unpooled.wrappedUnmodifiableBuffer(parts));
  }

  /** The turn is over: what was handed on may be flushed now. */
  default void endOfTurn() {}

  /** The stream has ended normally. */
  void complete();

  /** The stream has ended with {@code error} (an overflow under {@link OverflowPolicy#DISCONNECT}). */
  void error(Throwable error);

  /** A Reactor sink as an output: its demand is what was requested from downstream. */
  static ClientOutput of(FluxSink<?> sink) {
    @SuppressWarnings("unchecked")
    FluxSink<Object> items = (FluxSink<Object>) sink;
    return new ClientOutput() {
      @Override
      public long demand() {
        return items.requestedFromDownstream();
      }

      @Override
      public void next(Object item) {
        items.next(item);
      }

      @Override
      public void complete() {
        items.complete();
      }

      @Override
      public void error(Throwable error) {
        items.error(error);
      }
    };
  }
}
