package io.presencestream.server;

import reactor.core.publisher.FluxSink;

/**
 * Where a {@link ClientStream} hands its items: a Reactor sink (in-process subscribers), or an SSE
 * connection written directly ({@link SseWriter}). {@link #demand}, {@link #next} and {@link #endOfTurn}
 * are called only inside the stream's turns, which never overlap, so an implementation needs no lock of
 * its own; {@link #complete} and {@link #error} may come from any thread and must be idempotent.
 */
interface ClientOutput {

  /** {@return how many more items it takes now} 0 leaves what is waiting in the client's buffer. */
  long demand();

  /** Hands on one item: a {@link StreamItem} in item mode, a batch of SSE frames in frames mode. */
  void next(Object item);

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
