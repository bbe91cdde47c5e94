package io.presencestream.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.ContactCentreOptions;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.internal.OptionalDependency;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The contact-centre role: one {@link ContactCentre} view of the whole deployment, fed from every partition of
 * the events topic and from the directory topic, its events written back to the events topic.
 *
 * <pre>{@code
 * KafkaContactCentre node = KafkaContactCentre.create(options, ContactCentreOptions.defaults(), codec, registry);
 * node.run().subscribe(hub::accept);              // agent.state, queue.stats, alert.raised, alert.cleared
 * node.centre().queues();                          // the snapshots behind /api/queues, /api/agents, /api/alerts
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li><b>Every partition, no group.</b> A group-less consumer is assigned every partition of both topics and
 *       commits nothing: each node is a whole view, and its start position is {@link KafkaOptions#viewStart()}
 *       at every start (today's events replayed in time order, or the end).
 *   <li><b>Never its own input.</b> Records of the contact-centre kinds are skipped by their
 *       {@code presence.kind} header before decoding ({@code presence.kafka.view.records.skipped}); a record the
 *       codec rejects is counted ({@code presence.kafka.records.invalid{reason}}) and skipped.
 *   <li><b>Its events on the events topic</b> (with {@link KafkaOptions#viewPublish()}), keyed by their
 *       {@code extensionId} (the agent's extension, the queue, the alert's subject), with the
 *       {@code presence.kind} header, by an idempotent producer on its own thread; each event is handed to
 *       {@link #run()}'s subscriber once the broker acknowledged it (at most {@link KafkaOptions#maxInFlight()}
 *       waiting), or once its send failed for good (logged and counted, {@code presence.kafka.send.errors{reason=view}}):
 *       the local stream never waits on a broken cluster for longer than the producer's {@code delivery.timeout.ms}.
 *   <li><b>A replay is not delivered again.</b> What the view derives while it replays today (and later
 *       with an instant at or before the replay's last) updates its snapshots only: it is neither written to
 *       the events topic nor handed to {@link #run()}'s subscriber ({@code presence.kafka.view.events.replayed}),
 *       so a restart does not repeat the day's events and alerts.
 *   <li><b>Ready once caught up</b> ({@link #health()}); snapshots from {@link #centre()} never block.
 * </ul>
 */
public final class KafkaContactCentre {

  private static final Logger log = LoggerFactory.getLogger(KafkaContactCentre.class);

  private final KafkaOptions options;
  private final PresenceCodec codec;
  private final MeterRegistry registry;
  private final CatchUpClock clock;
  private final ContactCentre centre;
  private final String clientId;
  private final ReactiveProducer producer;
  private final Counter sent;
  private final Counter sendErrors;
  private final Counter directoriesDropped;
  private final Counter withheld;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<ViewLoop> loop = new AtomicReference<>();

  private KafkaContactCentre(KafkaOptions options, ContactCentreOptions view, PresenceCodec codec, MeterRegistry registry) {
    this.options = options;
    this.codec = codec;
    this.registry = registry;
    // Before the first replayed event the view's ticks must not run ahead of the replay: they read its start.
    Clock wall = Clock.systemUTC();
    boolean today = options.viewStart() == ViewStart.TODAY;
    this.clock = new CatchUpClock(wall, options.viewDelay(), today ? CatchUpClock.startOfToday(view.timeZone(), wall) : wall.instant(), today);
    this.centre = ContactCentre.create(view, registry, clock);
    this.clientId = "presence-view-" + UUID.randomUUID().toString().substring(0, 8);
    this.producer = options.viewPublish() ? new ReactiveProducer(ClientConfigs.producer(options, clientId), "view") : null;
    this.sent = Counter.builder("presence.kafka.records.sent").tag("topic", "view")
        .description("records acknowledged by the broker").register(registry);
    this.sendErrors = Counter.builder("presence.kafka.send.errors").tag("reason", "view")
        .description("contact-centre events not written to the events topic").register(registry);
    this.withheld = Counter.builder("presence.kafka.view.events.replayed")
        .description("view events re-derived while replaying today, neither written nor delivered").register(registry);
    this.directoriesDropped = Counter.builder("presence.kafka.view.directories.dropped")
        .description("directories the view had not taken when the next came").register(registry);
  }

  /**
   * A contact-centre node; nothing connects before {@link #run()}.
   *
   * @param options the cluster, topics and client settings, with {@link KafkaOptions#viewStart()} and
   *     {@link KafkaOptions#viewPublish()} (its role is not checked)
   * @param view the view's rules: wrap-up, time zone (also of "today"), thresholds, alerts
   * @param codec decodes the events, encodes the view's
   * @param registry where {@code presence.kafka.*} and {@code presence.contactcentre.*} meters go
   * @return a new node; {@link #close()} it
   * @throws IllegalStateException if {@code kafka-clients} is not on the class path
   * @throws NullPointerException if an argument is null
   */
  public static KafkaContactCentre create(
      KafkaOptions options, ContactCentreOptions view, PresenceCodec codec, MeterRegistry registry) {
    OptionalDependency.requireKafka();
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(registry, "registry");
    return new KafkaContactCentre(options, view, codec, registry);
  }

  /**
   * The view, for its snapshots ({@code /api/agents}, {@code /api/queues}, {@code /api/alerts}).
   *
   * @return the view this node feeds
   */
  public ContactCentre centre() {
    return centre;
  }

  /**
   * Runs the node: checks (or creates) the topics, starts the poll thread, runs the view and writes its
   * events to the events topic. One run at a time (the view allows one).
   *
   * @return the view's events, each after it was written (or failed to be); errors when the poll thread
   *     fails (the cluster refused it) or the view does; cancelling stops the poll thread
   */
  public Flux<ContactCentreEvent> run() {
    return TopicSetup.ensure(options).thenMany(Flux.defer(() -> {
      Sinks.Many<Directory> directories =
          Sinks.many().unicast().onBackpressureBuffer(Queues.<Directory>get(Queues.XS_BUFFER_SIZE).get());
      Flux<PresenceEvent> events = Flux.create(sink -> {
        ViewLoop l = new ViewLoop(options, codec, centre, clock, clientId, registry, sink::next,
            d -> {
              if (directories.tryEmitNext(d).isFailure()) {
                directoriesDropped.increment();
              }
            },
            sink::error, sink::complete);
        loop.set(l);
        sink.onDispose(l::stop);
        Thread thread = new Thread(l, clientId + "-poll");
        thread.setDaemon(true);
        thread.start();
      });
      // A replay re-derives what an earlier run wrote and delivered: the snapshots take it, the topic and the
      // local sinks (webhooks!) do not get it again.
      Flux<ContactCentreEvent> view = centre.view(events, directories.asFlux()).filter(e -> {
        if (clock.isReplay(e.at())) {
          withheld.increment();
          return false;
        }
        return true;
      });
      return producer == null ? view : view.flatMapSequential(this::write, options.maxInFlight(), 1);
    }));
  }

  private Mono<ContactCentreEvent> write(ContactCentreEvent event) {
    return producer.send(EventRecords.toRecord(options.topics().events(), codec, event))
        .doOnNext(md -> sent.increment())
        .thenReturn(event)
        .onErrorResume(e -> {
          sendErrors.increment();
          log.warn("contact-centre node: a {} event was not written to {}: {}", event.kind().label(),
              options.topics().events(), e.toString());
          return Mono.just(event);
        });
  }

  /**
   * Readiness: up once the catch-up is over (today's events replayed, or the end reached), down before and
   * after. Reads volatile fields only.
   *
   * @return up with "live", or down saying where the node is
   */
  public Health health() {
    ViewLoop l = loop.get();
    if (l == null) {
      return Health.down(closed.get() ? "stopped" : "not started");
    }
    return l.live() && !"stopped".equals(l.phase()) ? Health.up("live: every partition of " + options.topics().events())
        : Health.down(l.phase());
  }

  /**
   * Flushes the events written and closes the producer; lazy and idempotent. Cancel {@link #run()}'s
   * subscription first.
   *
   * @return completes when closed
   */
  public Mono<Void> close() {
    return Mono.defer(() -> {
      closed.set(true);
      ViewLoop l = loop.get();
      if (l != null) {
        l.stop();
      }
      return producer == null ? Mono.empty() : producer.close(Duration.ofSeconds(10));
    });
  }
}
