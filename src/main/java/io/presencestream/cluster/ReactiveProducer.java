package io.presencestream.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link KafkaProducer} in Reactor terms. {@code KafkaProducer.send} can block (metadata fetch,
 * full buffer), so every send runs on one dedicated thread, never on the caller's (possibly an event
 * loop). One thread also keeps sends in subscription order, which, with the idempotent producer and
 * at most 5 requests in flight, keeps records of one key in order on the broker.
 */
final class ReactiveProducer {

  private final Producer<String, byte[]> producer;
  private final Scheduler sendThread;
  private final AtomicBoolean closed = new AtomicBoolean();

  ReactiveProducer(Map<String, Object> config, String name) {
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    // A plain thread, not Schedulers.newSingle: Reactor marks those non-blocking, and send blocks
    // by design (waiting for metadata or buffer space). One thread keeps sends in submission order.
    String threadName = "presence-kafka-send-" + name;
    // Its queue is lock-free and its thread started now: handing a send over from an event loop or a timer
    // never waits for a lock (a LinkedBlockingQueue's offer parks while the thread takes; BlockHound saw it),
    // and execute() never takes the pool's lock to start a worker.
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedTransferQueue<>(),
        task -> {
          Thread thread = new Thread(task, threadName);
          thread.setDaemon(true);
          return thread;
        });
    executor.prestartCoreThread();
    this.sendThread = Schedulers.fromExecutorService(executor, threadName);
  }

  /**
   * Sends one record; the Mono succeeds when the broker acknowledged it (acks=all), on the producer's
   * I/O thread. Cancelling does not unsend a record already handed to the producer.
   */
  Mono<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    return Mono.<RecordMetadata>create(
            sink -> {
              try {
                producer.send(
                    record,
                    (metadata, error) -> {
                      if (error != null) {
                        sink.error(error);
                      } else {
                        sink.success(metadata);
                      }
                    });
              } catch (RuntimeException e) {
                sink.error(e);
              }
            })
        .subscribeOn(sendThread);
  }

  /** Flushes what was sent and closes the producer; lazy and idempotent. */
  Mono<Void> close(Duration timeout) {
    return Mono.defer(
        () -> {
          if (!closed.compareAndSet(false, true)) {
            return Mono.empty();
          }
          return Mono.<Void>fromRunnable(() -> producer.close(timeout))
              .subscribeOn(Schedulers.boundedElastic())
              .doFinally(s -> sendThread.dispose());
        });
  }
}
