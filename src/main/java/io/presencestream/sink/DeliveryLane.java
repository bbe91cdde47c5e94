package io.presencestream.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A bounded queue with one delivery at a time: {@link #offer} queues and wakes the lane; the lane takes
 * up to {@code batchSize} queued items, runs {@code deliver} on them, and repeats until the queue is
 * empty. Nothing blocks the caller of {@code offer}; the delivery function decides where its work runs.
 *
 * @param <T> what is queued: an event, or an event with what the sink needs to know about it (e.g. when it
 *     was queued)
 */
final class DeliveryLane<T> {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

  private final String name;
  private final BoundedQueue<T> queue;
  private final int batchSize;
  private final Function<List<T>, Mono<Void>> deliver;
  private final AtomicInteger wip = new AtomicInteger();
  private final Sinks.Empty<Void> drained = Sinks.empty();
  private volatile boolean closing;
  private volatile boolean abandoned;
  private volatile boolean busy;
  private volatile List<T> inFlight = List.of();
  private volatile Disposable current;

  /**
   * @param deliver delivers one batch; its errors are logged and otherwise ignored, so a delivery
   *     function should handle (retry, dead-letter, count) its own failures
   */
  DeliveryLane(
      String name,
      int capacity,
      QueueOverflow overflow,
      int batchSize,
      Function<List<T>, Mono<Void>> deliver) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    this.name = name;
    this.queue = new BoundedQueue<>(capacity, overflow);
    this.batchSize = batchSize;
    this.deliver = deliver;
  }

  BoundedQueue.Offer offer(T item) {
    BoundedQueue.Offer result = queue.offer(item);
    signal();
    return result;
  }

  /** Queued plus in-flight items. */
  int depth() {
    return queue.size() + inFlight.size();
  }

  boolean isEmpty() {
    return depth() == 0;
  }

  /** Completes once {@link #startClosing()} was called and everything queued was delivered. */
  Mono<Void> drained() {
    return drained.asMono();
  }

  void startClosing() {
    closing = true;
    signal();
  }

  /** What {@link #abandon()} took back: the batch that was in flight, and what was still queued. */
  record Abandoned<T>(List<T> inFlight, List<T> queued) {
    /** Both, the batch in flight first (the order they were offered in). */
    List<T> all() {
      List<T> all = new ArrayList<>(inFlight.size() + queued.size());
      all.addAll(inFlight);
      all.addAll(queued);
      return all;
    }
  }

  /**
   * Gives up: cancels the delivery in flight and returns its batch together with everything still
   * queued, for the caller to dead-letter. The lane then reports drained.
   */
  Abandoned<T> abandon() {
    abandoned = true;
    List<T> inFlightNow = List.copyOf(inFlight);
    Disposable delivery = current;
    if (delivery != null) {
      delivery.dispose();
    }
    List<T> queued = queue.pollAll();
    signal();
    return new Abandoned<>(inFlightNow, queued);
  }

  /**
   * The drain loop: whoever increments {@code wip} from 0 runs it; anyone else (an offer on another
   * thread, or a delivery completing synchronously inside the loop) only records that another pass is
   * needed. So there is never more than one delivery in flight and never any recursion.
   */
  private void signal() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!busy) {
        List<T> batch = abandoned ? List.of() : queue.poll(batchSize);
        if (!batch.isEmpty()) {
          busy = true;
          inFlight = batch;
          current =
              Mono.defer(() -> deliver.apply(batch))
                  .onErrorResume(
                      e -> {
                        log.warn("sink {}: delivery failed: {}", name, e.toString());
                        return Mono.empty();
                      })
                  .doFinally(
                      done -> {
                        inFlight = List.of();
                        busy = false;
                        signal();
                      })
                  .subscribe();
        } else if (closing) {
          drained.tryEmitEmpty();
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }
}
