package io.presencestream.internal;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.concurrent.Queues;

/**
 * Runs a handler on items offered from any number of threads, one item at a time and in the order
 * of the offers, without a lock: reactor-core's work-in-progress drain loop (as in
 * {@code FluxCreate.SerializedFluxSink}). An offer enqueues into a lock-free multi-producer queue; the
 * thread that moves the counter from zero drains until nothing is left, the others return at once.
 * So no thread ever waits for another, and the handler may call anything, including code that offers
 * back into this drain: that item simply runs after the current one, on the same thread.
 *
 * <p>State touched only by the handler needs no lock: one drain at a time, and the counter and the
 * queue publish each item's effects to the next drainer. The queue itself is unbounded; callers bound
 * what they offer (and count what they refuse).
 */
public final class SerialDrain<T> {

  private static final Logger log = LoggerFactory.getLogger(SerialDrain.class);

  private final Queue<T> queue = Queues.<T>unboundedMultiproducer().get();
  private final AtomicInteger wip = new AtomicInteger();
  private final Consumer<? super T> handler;

  /**
   * A drain that runs {@code handler} on every offered item, one at a time.
   *
   * @param handler runs on whichever offering thread drains; an exception it throws is logged and the
   *     item skipped
   */
  public SerialDrain(Consumer<? super T> handler) {
    this.handler = handler;
  }

  /**
   * Runs {@code item} now on this thread, or after what is queued on the thread that drains. Never
   * blocks.
   *
   * @param item the item, not null (the queue refuses null)
   */
  public void offer(T item) {
    queue.offer(item);
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      T next;
      while ((next = queue.poll()) != null) {
        try {
          handler.accept(next);
        } catch (RuntimeException e) {
          // A failing item must not stop the drain: every later offer would wait in the queue forever.
          log.error("skipped an item that failed: {}", next.getClass().getSimpleName(), e);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }
}
