package io.presencestream.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.internal.OptionalDependency;
import io.presencestream.model.Directory;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ResyncRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.BufferOverflowStrategy;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ingest role: source inputs → raw topic. Each notification and REST snapshot becomes one record
 * keyed by its extension id, so all of an extension's inputs land, in order, in one partition. A
 * telephony-session notification becomes one record per extension it concerns (its own; for an
 * account-level one, each extension with a party in it and each that may track the session, remembered
 * per session by {@link SessionRoutes}), keyed by that extension and applied for it only.
 *
 * <pre>{@code
 * KafkaIngest ingest = KafkaIngest.create(options, codec, registry);
 * ingest.publish(source.inputs(ingest.resyncRequests())).subscribe();
 * }</pre>
 *
 * <p>Promises: at most {@link KafkaOptions#maxInFlight()} inputs unacknowledged (the source is not
 * requested from beyond that); sends never run on the subscriber's thread; inputs of one extension
 * are written in the order they came (idempotent producer, {@code acks=all}). Softphone sessions are
 * local to a process and are skipped (counted as {@code presence.kafka.inputs.skipped{reason=local}}),
 * and so is an account-level telephony-session notification that concerns no extension
 * ({@code reason=no_extension}; a single engine drops it too) and an input that cannot be written
 * ({@code reason=invalid}, e.g. one without its notification).
 */
public final class KafkaIngest {

  private static final Logger log = LoggerFactory.getLogger(KafkaIngest.class);

  /**
   * Where one record was written, once the broker acknowledged it: one per input, one per share of a
   * telephony-session notification.
   *
   * @param extensionId the extension the record is for, its key
   * @param partition the raw-topic partition
   * @param offset the record's offset in that partition
   */
  public record Published(String extensionId, int partition, long offset) {}

  private final KafkaOptions options;
  private final RawRecords raw;
  private final DirectoryRecords directories;
  private final Counter directoriesSent;
  private final Counter directoryErrors;
  private final ReactiveProducer producer;
  private final Counter sent;
  private final Counter skipped;
  private final Counter noExtension;
  private final Counter invalid;
  private final Counter sessionsEvicted;
  private final Counter tooLarge;
  private final Counter resyncDropped;
  private final String clientId;

  private KafkaIngest(KafkaOptions options, PresenceCodec codec, MeterRegistry registry) {
    this.options = options;
    this.raw = new RawRecords(codec, options.topics().raw());
    this.directories = new DirectoryRecords(options.topics().directory());
    this.directoriesSent = Counter.builder("presence.kafka.records.sent").tag("topic", "directory")
        .description("records acknowledged by the broker").register(registry);
    this.directoryErrors = Counter.builder("presence.kafka.send.errors").tag("reason", "directory")
        .description("directories not written; the next one replaces them").register(registry);
    this.clientId = "presence-ingest-" + UUID.randomUUID().toString().substring(0, 8);
    this.producer = new ReactiveProducer(ClientConfigs.producer(options, clientId), "ingest");
    this.sent = Counter.builder("presence.kafka.records.sent").tag("topic", "raw")
        .description("records acknowledged by the broker").register(registry);
    this.skipped = Counter.builder("presence.kafka.inputs.skipped").tag("reason", "local")
        .description("inputs not carried on the raw topic").register(registry);
    this.noExtension = Counter.builder("presence.kafka.inputs.skipped").tag("reason", "no_extension")
        .description("inputs not carried on the raw topic").register(registry);
    this.invalid = Counter.builder("presence.kafka.inputs.skipped").tag("reason", "invalid")
        .description("inputs not carried on the raw topic").register(registry);
    this.sessionsEvicted = Counter.builder("presence.kafka.sessions.evicted")
        .description("telephony sessions in progress the ingest forgot, beyond its bound").register(registry);
    this.tooLarge = Counter.builder("presence.kafka.send.errors").tag("reason", "too_large")
        .description("records the broker refused").register(registry);
    this.resyncDropped = Counter.builder("presence.kafka.resync.dropped")
        .description("resync requests dropped because the source was not reading them").register(registry);
  }

  /**
   * An ingest for {@code options} (its role is not checked: a test or tool may ingest from any process).
   * Nothing connects before {@link #publish} or {@link #resyncRequests()} is subscribed.
   *
   * @param options the cluster, topics and client settings
   * @param codec encodes inputs as raw records
   * @param registry where {@code presence.kafka.*} meters are registered
   * @return a new ingest; {@link #close()} it
   * @throws IllegalStateException if {@code kafka-clients} is not on the class path
   * @throws NullPointerException if an argument is null
   */
  public static KafkaIngest create(KafkaOptions options, PresenceCodec codec, MeterRegistry registry) {
    OptionalDependency.requireKafka();
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(registry, "registry");
    return new KafkaIngest(options, codec, registry);
  }

  /**
   * Writes every carried input to the raw topic and emits where each record went, in input order, once
   * the broker acknowledged it: one record per input, except a telephony-session notification, which
   * gives one per extension it concerns (none when it concerns none). A record the broker refuses as too
   * large is logged, counted and skipped; any other send failure (after the producer's own retries,
   * {@code delivery.timeout.ms}) ends the Flux with that error. Acknowledgements are signalled on the
   * producer's I/O thread: don't block.
   *
   * @param inputs the source's inputs; softphone sessions are skipped
   * @return where each record went, in input order; cold: subscribing checks the topics, then requests
   *     inputs; each subscription has its own memory of telephony sessions
   */
  public Flux<Published> publish(Publisher<? extends EngineInput> inputs) {
    return TopicSetup.ensure(options).thenMany(Flux.defer(() -> {
      SessionRoutes routes = new SessionRoutes(
          SessionRoutes.DEFAULT_MAX_SESSIONS, SessionRoutes.DEFAULT_ENDED_RETENTION, sessionsEvicted::increment);
      return Flux.<EngineInput>from(inputs)
          .filter(input -> {
            if (RawRecords.carried(input)) {
              return true;
            }
            skipped.increment();
            return false;
          })
          // the mapper runs serially, in input order: the routes' one owner
          .flatMapSequential(input -> sendAll(recordsOrNone(input, routes)), options.maxInFlight(), 1);
    }));
  }

  /**
   * The records of one input; none, counted and logged, for an input that cannot be written (a caller's
   * malformed input, e.g. a telephony-session input without a notification): one bad input must not end
   * the ingest.
   */
  private List<ProducerRecord<String, byte[]>> recordsOrNone(EngineInput input, SessionRoutes routes) {
    try {
      return records(input, routes);
    } catch (RuntimeException e) {
      invalid.increment();
      log.warn("skipped an input that cannot be written to the raw topic: {} ({})",
          input.getClass().getSimpleName(), e.getClass().getSimpleName());
      return List.of();
    }
  }

  /** The records of one input: its shares for a telephony-session notification, else the one record. */
  private List<ProducerRecord<String, byte[]>> records(EngineInput input, SessionRoutes routes) {
    if (!(input instanceof EngineInput.TelephonySessionReceived t)) {
      return List.of(raw.toRecord(input));
    }
    List<EngineInput.TelephonySessionReceived> shares = routes.shares(t);
    if (shares.isEmpty()) {
      noExtension.increment();
      return List.of();
    }
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(shares.size());
    for (EngineInput.TelephonySessionReceived share : shares) {
      records.add(raw.toRecord(share));
    }
    return records;
  }

  /**
   * Sends an input's records, all subscribed at once and in order (so each lands before any record of a
   * later input), and emits where each went, in order.
   */
  private Flux<Published> sendAll(List<ProducerRecord<String, byte[]>> records) {
    if (records.size() == 1) {
      return send(records.get(0)).flux();
    }
    List<Mono<Published>> sends = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
      sends.add(send(record));
    }
    return Flux.mergeSequential(sends, Math.max(1, sends.size()), 1);
  }

  private Mono<Published> send(ProducerRecord<String, byte[]> record) {
    return send(record, sent)
        .onErrorResume(RecordTooLargeException.class, e -> {
          tooLarge.increment();
          log.warn("raw record for one extension refused as too large; skipped");
          return Mono.empty();
        });
  }

  private Mono<Published> send(ProducerRecord<String, byte[]> record, Counter acknowledged) {
    return producer.send(record)
        .map(md -> {
          acknowledged.increment();
          return new Published(record.key(), md.partition(), md.offset());
        });
  }

  /**
   * Writes each directory (users, call queues and their members, as {@code RingCentralSource.directory}
   * reads them) to the compacted directory topic, for the deployment's contact-centre node, which holds no
   * RingCentral connection: data still flows one way, from the ingest. One key, so the topic keeps the
   * latest. A directory that cannot be written (too large, the cluster unreachable past the producer's
   * {@code delivery.timeout.ms}) is logged, counted ({@code presence.kafka.send.errors{reason=directory}}) and
   * skipped: the next one replaces it. A slow cluster keeps only the latest directory waiting.
   *
   * <pre>{@code
   * ingest.publishDirectories(source.directory(Duration.ofMinutes(5))).subscribe();
   * }</pre>
   *
   * @param directories the directories, each replacing the last
   * @return where each was written ({@code extensionId} is the record's key, {@code directory}), in order;
   *     cold: subscribing checks the topics, then subscribes to {@code directories}
   */
  public Flux<Published> publishDirectories(Publisher<Directory> directories) {
    return TopicSetup.ensure(options).thenMany(Flux.from(directories)
        .onBackpressureLatest()
        .concatMap(directory -> send(this.directories.toRecord(directory), directoriesSent)
            .onErrorResume(e -> {
              directoryErrors.increment();
              log.warn("a directory was not written to {}: {}", options.topics().directory(), e.toString());
              return Mono.empty();
            }), 1));
  }

  /**
   * The processors' requests to read an extension again over REST, from the resync topic: feed them
   * to the source ({@code source.inputs(ingest.resyncRequests())}); the snapshots it fetches come
   * back through {@link #publish}. Cold: subscribing starts a consumer on its own thread, reading
   * from the end of the topic (older requests are stale); cancelling stops it. Every ingest sees
   * every request; a source ignores extensions it does not serve. Buffers at most 1024 requests
   * for a slow subscriber, dropping the oldest ({@code presence.kafka.resync.dropped}).
   *
   * @return the requests made after subscribing
   */
  public Flux<ResyncRequest> resyncRequests() {
    return TopicSetup.ensure(options).thenMany(Flux.<ResyncRequest>create(sink -> {
      AtomicBoolean running = new AtomicBoolean(true);
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
          ClientConfigs.restoreConsumer(options, clientId + "-resync"), new StringDeserializer(), new ByteArrayDeserializer());
      Thread thread = new Thread(() -> {
        try {
          List<TopicPartition> parts = TopicSetup.partitionsOf(consumer, options.topics().resync());
          consumer.assign(parts);
          consumer.seekToEnd(parts);
          while (running.get()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(options.pollTimeout())) {
              ResyncRequest request = ResyncRecords.toRequest(record);
              if (request != null) {
                sink.next(request);
              }
            }
          }
        } catch (WakeupException e) {
          // cancelled
        } catch (RuntimeException e) {
          if (running.get()) {
            sink.error(e);
          }
        } finally {
          consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        sink.complete();
      }, clientId + "-resync");
      thread.setDaemon(true);
      sink.onDispose(() -> {
        running.set(false);
        consumer.wakeup();
      });
      thread.start();
    }))
        .onBackpressureBuffer(1024, dropped -> resyncDropped.increment(), BufferOverflowStrategy.DROP_OLDEST);
  }

  /**
   * Flushes what was sent (waiting up to 30 s) and closes the producer; lazy and idempotent.
   *
   * @return completes when the producer is closed
   */
  public Mono<Void> close() {
    return producer.close(Duration.ofSeconds(30));
  }
}
