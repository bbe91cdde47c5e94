package io.presencestream.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.internal.OptionalDependency;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * One presence-stream process in a Kafka deployment, doing what {@link KafkaOptions#role()} says:
 * the whole wiring of the {@code ingest}, {@code process} and {@code both} roles in one object, for
 * the daemon and for embedders.
 *
 * <pre>{@code
 * KafkaNode node = KafkaNode.create(options, codec, EngineOptions.defaults(), registry);
 * node.events().subscribe(hub::publish);      // process/both: the events of the extensions it owns
 * node.start(source::inputs).block();         // ingest/both: RingCentralSource.inputs(resyncRequests)
 * ...
 * node.close().block();
 * }</pre>
 *
 * <p>The ingest side keeps publishing: if a write fails for good (after the producer's own retries)
 * the source is subscribed to again with backoff (1 s doubling to 30 s), as after a lost connection.
 */
public final class KafkaNode {

  private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);

  private final KafkaOptions options;
  private final KafkaIngest ingest;
  private final KafkaProcessor processor;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Disposable publishing;
  private final Sinks.Empty<Void> closedSignal = Sinks.empty();

  private KafkaNode(KafkaOptions options, KafkaIngest ingest, KafkaProcessor processor) {
    this.options = options;
    this.ingest = ingest;
    this.processor = processor;
  }

  /**
   * A node for {@code options.role()}; nothing connects before {@link #start}.
   *
   * @param options the role, cluster, topics and client settings
   * @param codec encodes and decodes the records
   * @param engineOptions the options of each partition's engine (process roles)
   * @param registry where {@code presence.kafka.*} and the engines' meters are registered
   * @return a new node; {@link #close()} it
   * @throws IllegalArgumentException if the role is {@link KafkaRole#NONE}, or
   *     {@link KafkaRole#CONTACT_CENTRE} (that role is {@link KafkaContactCentre})
   * @throws IllegalStateException if {@code kafka-clients} is not on the class path
   * @throws NullPointerException if {@code options} is null, or an argument its role needs
   */
  public static KafkaNode create(
      KafkaOptions options, PresenceCodec codec, EngineOptions engineOptions, MeterRegistry registry) {
    OptionalDependency.requireKafka();
    Objects.requireNonNull(options, "options");
    if (options.role() == KafkaRole.NONE) {
      throw new IllegalArgumentException("kafka role is none: there is nothing for a Kafka node to do");
    }
    if (options.role().viewsContactCentre()) {
      throw new IllegalArgumentException("kafka role contact-centre runs a KafkaContactCentre, not a KafkaNode");
    }
    KafkaIngest ingest = options.role().ingests() ? KafkaIngest.create(options, codec, registry) : null;
    KafkaProcessor processor =
        options.role().processes() ? KafkaProcessor.create(options, codec, engineOptions, registry) : null;
    return new KafkaNode(options, ingest, processor);
  }

  /**
   * Starts the role: the processor joins the group, then the ingest subscribes to
   * {@code source.apply(resyncRequests)} and publishes what it emits. {@code source} is ignored by
   * the {@code process} role (pass {@code null}). Completes once started; idempotent.
   *
   * @param source gives the inputs to publish, given the resync requests to answer; e.g.
   *     {@code ringCentralSource::inputs}. Subscribed to again with backoff if publishing fails
   * @return completes once the processor joined and publishing began; errors if the topics are
   *     missing or mis-sized
   * @throws NullPointerException (on subscription) if the role ingests and {@code source} is null
   */
  public Mono<Void> start(Function<Flux<ResyncRequest>, ? extends Publisher<? extends EngineInput>> source) {
    return Mono.defer(() -> {
      if (!started.compareAndSet(false, true)) {
        return Mono.empty();
      }
      if (ingest != null) {
        Objects.requireNonNull(source, "the " + options.role().label() + " role needs a source");
      }
      Mono<Void> processing = processor == null ? Mono.empty() : processor.start();
      return processing.then(Mono.fromRunnable(() -> {
        if (ingest != null) {
          publishing = ingest.publish(Flux.defer(() -> Flux.<EngineInput>from(source.apply(ingest.resyncRequests()))))
              .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                  .maxBackoff(Duration.ofSeconds(30))
                  .doBeforeRetry(signal -> log.warn("ingest failed ({}); resubscribing to the source",
                      signal.failure().toString())))
              .subscribe(published -> {}, error -> log.error("ingest stopped: {}", error.toString()));
        }
      }));
    });
  }

  /** {@return the role of this node, never {@link KafkaRole#NONE}} */
  public KafkaRole role() {
    return options.role();
  }

  /**
   * Events derived by this node's processor.
   *
   * @return hot and best effort, see {@link KafkaProcessor#events()}; empty for the ingest role
   */
  public Flux<PresenceEvent> events() {
    return processor == null ? Flux.empty() : processor.events();
  }

  /**
   * The state of an extension this node's processor owns now. Thread-safe.
   *
   * @param extensionId the extension
   * @return its state, or empty if this node does not own it (or the role does not process)
   */
  public Optional<ExtensionState> state(String extensionId) {
    return processor == null ? Optional.empty() : processor.state(extensionId);
  }

  /**
   * The states of the extensions this node's processor owns now. Thread-safe.
   *
   * @return a copy by extension id; empty for the ingest role
   */
  public Map<String, ExtensionState> states() {
    return processor == null ? Map.of() : processor.states();
  }

  /**
   * Completes when the node's processor stopped after {@link #close()}, errors when it stopped on its
   * own (e.g. the state topic could not be read on assignment): a daemon then exits so that its
   * supervisor restarts it. For the ingest role: completes when closed.
   *
   * @return the node's end
   */
  public Mono<Void> terminated() {
    return processor == null ? closedSignal.asMono() : processor.terminated();
  }

  /** The processor, when the role processes. */
  Optional<KafkaProcessor> processor() {
    return Optional.ofNullable(processor);
  }

  /**
   * Stops publishing (flushing what was sent), then closes the processor; lazy and idempotent.
   *
   * @return completes when both halves are closed
   */
  public Mono<Void> close() {
    return Mono.defer(() -> {
      if (!closed.compareAndSet(false, true)) {
        return Mono.empty();
      }
      Disposable p = publishing;
      if (p != null) {
        p.dispose();
      }
      Mono<Void> closeIngest = ingest == null ? Mono.empty() : ingest.close();
      Mono<Void> closeProcessor = processor == null ? Mono.empty() : processor.close();
      return closeIngest.then(closeProcessor).doFinally(s -> closedSignal.tryEmitEmpty());
    });
  }
}
