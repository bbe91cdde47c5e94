package io.presencestream.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.model.PresenceEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes one JSON event per line. File I/O runs on a bounded-elastic worker, one batch at a time, so the
 * engine's thread never waits for the disk; the buffer is flushed whenever the queue runs empty.
 */
final class JsonLinesSink implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(JsonLinesSink.class);

  private final JsonLinesSinkOptions options;
  private final SinkEncoder encoder;
  private final Writer writer;
  private final DeliveryLane<PresenceEvent> lane;
  private final SinkMeters meters;
  private final Scheduler io = Schedulers.boundedElastic();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Mono<Void> close;
  private volatile Health health = Health.up();

  JsonLinesSink(
      JsonLinesSinkOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    this.options = options;
    this.writer = open(options);
    this.lane = new DeliveryLane<>(options.name(), options.queueCapacity(), options.overflow(), 256, this::write);
    this.meters = new SinkMeters(registry, options.name(), lane::depth);
    this.encoder = new SinkEncoder(options.name(), encoder, meters, log);
    this.close =
        Mono.defer(
                () -> {
                  closed.set(true);
                  lane.startClosing();
                  return lane.drained().then(Mono.<Void>fromRunnable(this::release).subscribeOn(io));
                })
            // before close() completes, as in WebhookSink; doFinally covers a cancelled close
            .doOnTerminate(meters::remove)
            .doFinally(signal -> meters.remove())
            .cache();
  }

  private static Writer open(JsonLinesSinkOptions options) {
    if (options.file() == null) {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 64 * 1024);
    }
    try {
      StandardOpenOption mode =
          options.append() ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
      return Files.newBufferedWriter(
          options.file(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
    } catch (IOException e) {
      // The path once and the reason: Java's own message is often the path alone.
      throw new UncheckedIOException(
          "cannot open JSON-lines file " + options.file() + " for writing: " + FileErrors.reason(e, options.file()), e);
    }
  }

  @Override
  public String name() {
    return options.name();
  }

  @Override
  public void accept(PresenceEvent event) {
    if (closed.get()) {
      meters.closed();
      return;
    }
    if (lane.offer(event) != BoundedQueue.Offer.ACCEPTED) {
      meters.overflow();
    }
  }

  private Mono<Void> write(List<PresenceEvent> batch) {
    return Mono.<Void>fromRunnable(() -> writeNow(batch)).subscribeOn(io);
  }

  /** Lines written to the buffer and not yet flushed; touched only by the one delivery at a time. */
  private int unflushed;

  private void writeNow(List<PresenceEvent> batch) {
    int written = 0;
    try {
      for (PresenceEvent event : batch) {
        String line = encoder.encode(event);
        if (line != null) {
          writer.write(line);
          writer.write('\n');
          unflushed++;
        }
        written++;
      }
      // Flush at the end of a burst: lines appear promptly, and a busy stream still writes in big chunks.
      if (lane.depth() <= batch.size()) {
        flush();
      }
      health = Health.up();
    } catch (IOException e) {
      // What was not flushed is as good as lost: count it all as failed.
      meters.failed(unflushed + batch.size() - written);
      unflushed = 0;
      health = Health.down("write failed: " + e.getMessage());
      log.warn("sink {}: write failed: {}", name(), e.toString());
    }
  }

  private void flush() throws IOException {
    writer.flush();
    meters.delivered(unflushed);
    unflushed = 0;
  }

  private void release() {
    try {
      flush();
      if (options.file() != null) {
        writer.close();
      }
    } catch (IOException e) {
      meters.failed(unflushed);
      unflushed = 0;
      health = Health.down("flush on close failed: " + e.getMessage());
      log.warn("sink {}: flush on close failed: {}", name(), e.toString());
    }
  }

  @Override
  public Mono<Void> close() {
    return close;
  }

  /** One line for the start-up log: where the lines go. */
  @Override
  public String toString() {
    return "JSON lines to " + (options.file() == null ? "standard output" : options.file().toString());
  }

  @Override
  public Health health() {
    return health;
  }

  @Override
  public long queueDepth() {
    return lane.depth();
  }

  @Override
  public long dropped() {
    return meters.droppedTotal();
  }
}
