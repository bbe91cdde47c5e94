package io.presencestream.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.internal.OptionalDependency;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import io.presencestream.sink.Health;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The process role: a member of the consumer group on the raw topic that runs one engine per
 * assigned partition and writes what it derives.
 *
 * <pre>{@code
 * KafkaProcessor processor = KafkaProcessor.create(options, codec, EngineOptions.defaults(), registry);
 * processor.events().subscribe(hub::publish);   // the local sinks, if any
 * processor.start().block();
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li><b>Outputs.</b> Every event goes to the events topic (key = extension id, value =
 *       {@link PresenceCodec#encodeEvent} JSON, the same as SSE) and to {@link #events()}; after each
 *       applied input the extension's state goes to the compacted state topic (key = extension id,
 *       value = {@link PresenceCodec#encodeState} JSON, header {@code presence.raw-offset}).
 *   <li><b>Exactly once within Kafka.</b> Each poll's records are one transaction: their events,
 *       states and resync requests and the consumer offsets past them are committed together or not
 *       at all, and every consumer of ours reads {@code read_committed}. A processor that stalls past
 *       its session (or poll) timeout and wakes up after another took its partitions is fenced by the
 *       group generation it fetched with: its transaction is aborted, so nothing it derived from a
 *       stale state is ever visible, and the next owner restores only committed states.
 *   <li><b>Local streams after the commit.</b> {@link #events()} and {@link #states()} see a batch only
 *       once its transaction committed, so they never show what was aborted; a batch that fails is
 *       rebuilt from the last commit and applied again.
 *   <li><b>Order.</b> One thread polls, applies and sends; a partition's records are applied in
 *       offset order, so the events of an extension come out in the order its messages went in.
 *   <li><b>Rebalance.</b> A gained partition's extensions are rebuilt from the state topic before any
 *       of its records is applied; a lost partition's engine is dropped at once, so nothing more is
 *       emitted for its extensions; both are announced on {@link #partitionChanges()}.
 * </ul>
 */
public final class KafkaProcessor {

  private final KafkaOptions options;
  private final PresenceCodec codec;
  private final EngineOptions engineOptions;
  private final MeterRegistry registry;
  private final String instanceId;
  private final Sinks.Many<PresenceEvent> events = Sinks.many().multicast().directBestEffort();
  private final Sinks.Many<ResyncRequest> resyncRequests = Sinks.many().multicast().directBestEffort();
  private final Map<String, ExtensionState> states = new ConcurrentHashMap<>();
  private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
  private final Sinks.Many<PartitionChange> partitionChanges = Sinks.many().multicast().directBestEffort();
  private final Sinks.One<Void> terminated = Sinks.one();
  private final AtomicBoolean started = new AtomicBoolean();
  /** {@code null} until the poll thread is created, then its loop, or {@link #CLOSED} once closed. */
  private final AtomicReference<Object> lifecycle = new AtomicReference<>();
  private static final Object CLOSED = new Object();
  private volatile Runnable batchHook = () -> {};

  private KafkaProcessor(KafkaOptions options, PresenceCodec codec, EngineOptions engineOptions, MeterRegistry registry) {
    this.options = options;
    this.codec = codec;
    this.engineOptions = engineOptions;
    this.registry = registry;
    this.instanceId = "presence-process-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A processor for {@code options}; nothing connects before {@link #start()}.
   *
   * @param options the cluster, topics, group and client settings
   * @param codec decodes raw records, encodes events and states
   * @param engineOptions the options of each partition's engine
   * @param registry where {@code presence.kafka.*} and the engines' meters are registered
   * @return a new processor; {@link #close()} it
   * @throws IllegalStateException if {@code kafka-clients} is not on the class path
   * @throws NullPointerException if an argument is null
   */
  public static KafkaProcessor create(
      KafkaOptions options, PresenceCodec codec, EngineOptions engineOptions, MeterRegistry registry) {
    OptionalDependency.requireKafka();
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(engineOptions, "engineOptions");
    Objects.requireNonNull(registry, "registry");
    return new KafkaProcessor(options, codec, engineOptions, registry);
  }

  /**
   * Checks (and, if allowed, creates) the topics, then starts the poll thread, which joins the group.
   * Completes once the thread runs; errors if the topics are missing or mis-sized. Idempotent.
   *
   * @return completes once the poll thread runs; lazy
   */
  public Mono<Void> start() {
    return Mono.defer(() -> {
      if (!started.compareAndSet(false, true)) {
        return Mono.empty();
      }
      return TopicSetup.ensure(options)
          .then(Mono.fromRunnable(() -> {
            ProcessorLoop l = new ProcessorLoop(options, codec, engineOptions, registry, instanceId,
                events, resyncRequests, states, assigned, terminated, partitionChanges, () -> batchHook.run());
            if (!lifecycle.compareAndSet(null, l)) {
              // close() came while the topics were being checked: never start.
              completeUnstarted();
              return;
            }
            Thread thread = new Thread(l, instanceId + "-poll");
            thread.setDaemon(true);
            thread.start();
          }))
          .doOnError(e -> terminated.tryEmitError(e))
          .then();
    });
  }

  /**
   * Every event this processor derives, once the transaction that wrote it to the events topic
   * committed (never an aborted one), on its poll thread. Hot and best effort:
   * a subscriber that has no demand misses events (counted as {@code presence.kafka.events.dropped});
   * put a bounded buffer or {@code publishOn} in front of slow work, and never block here, since that
   * stalls the partitions. The events topic is the complete, durable record.
   *
   * @return the events, hot; completes when the processor stops
   */
  public Flux<PresenceEvent> events() {
    return events.asFlux();
  }

  /**
   * Requests to read an extension again over REST, from the engines, as they are made. They are also
   * written to the resync topic, which {@link KafkaIngest#resyncRequests()} follows: that is how they
   * reach the RingCentral connection in every role, so this Flux is for observation (hot, best effort).
   *
   * @return the requests, hot
   */
  public Flux<ResyncRequest> resyncRequests() {
    return resyncRequests.asFlux();
  }

  /**
   * Each change of the partitions this processor owns, after it happened (after the gained ones were
   * restored), on its poll thread. Hot and best effort, like {@link #events()}.
   *
   * @return the changes, hot
   */
  public Flux<PartitionChange> partitionChanges() {
    return partitionChanges.asFlux();
  }

  /**
   * Readiness: up while the processor is a member of its consumer group (it joined, and since then
   * neither left nor found itself fenced). Reads two flags; safe from any thread.
   *
   * @return up with the group's name, or down saying why (not started, joining, stopped)
   */
  public Health groupHealth() {
    Object state = lifecycle.get();
    if (!(state instanceof ProcessorLoop l)) {
      return Health.down(state == CLOSED ? "stopped" : "not started");
    }
    if (l.ended()) {
      return Health.down("stopped");
    }
    return l.member()
        ? Health.up("member of group " + options.groupId())
        : Health.down("joining group " + options.groupId());
  }

  /**
   * Readiness: up once every partition assigned to this processor has been rebuilt from the state
   * topic (vacuously with none), down while one is being restored. Safe from any thread.
   *
   * @return up with the partitions owned, or down naming those being restored
   */
  public Health partitionsHealth() {
    Object state = lifecycle.get();
    if (!(state instanceof ProcessorLoop l)) {
      return Health.down(state == CLOSED ? "stopped" : "not started");
    }
    if (l.ended()) {
      return Health.down("stopped");
    }
    Set<Integer> restoring = l.restoring();
    if (!restoring.isEmpty()) {
      return Health.down("restoring partitions " + restoring + " from " + options.topics().state());
    }
    return Health.up("owns partitions " + assignedPartitions());
  }

  /**
   * The state of an extension whose partition this processor owns now. Thread-safe.
   *
   * @param extensionId the extension
   * @return its state, or empty if this processor does not own it
   */
  public Optional<ExtensionState> state(String extensionId) {
    return Optional.ofNullable(states.get(extensionId));
  }

  /** {@return a copy of the states of the extensions this processor owns now, by extension id} Thread-safe. */
  public Map<String, ExtensionState> states() {
    return Map.copyOf(states);
  }

  /** The raw-topic partitions this processor owns now (empty before the first assignment). */
  Set<Integer> assignedPartitions() {
    return new TreeSet<>(assigned);
  }

  /** This processor's client id (prefix of its Kafka client ids and thread names). */
  String instanceId() {
    return instanceId;
  }

  /**
   * The processor's end, for a daemon that exits when its processor dies.
   *
   * @return completes when stopped by {@link #close()}, errors when stopped by a fatal error
   */
  public Mono<Void> terminated() {
    return terminated.asMono();
  }

  /**
   * Finishes the poll in progress (its records applied, written and committed), leaves the group so
   * that the others take over at once, and closes the clients; lazy and idempotent.
   *
   * @return completes when the processor stopped
   */
  public Mono<Void> close() {
    return Mono.defer(() -> {
      if (started.compareAndSet(false, true)) {
        lifecycle.set(CLOSED);
        completeUnstarted();
        return Mono.empty();
      }
      Object previous = lifecycle.getAndSet(CLOSED);
      if (previous instanceof ProcessorLoop l) {
        l.stop(false);
      }
      return terminated.asMono().onErrorResume(e -> Mono.empty());
    });
  }

  private void completeUnstarted() {
    events.tryEmitComplete();
    resyncRequests.tryEmitComplete();
    partitionChanges.tryEmitComplete();
    terminated.tryEmitEmpty();
  }

  /**
   * Test hook: runs on the poll thread each time a poll returned records, before any of them is
   * applied; a hook that blocks stalls the processor the way a paused process would.
   */
  void beforeBatch(Runnable hook) {
    batchHook = Objects.requireNonNull(hook, "hook");
  }

  /**
   * Test hook: stops like a process killed between writing a batch and committing it — the next
   * batch is applied and written in a transaction left open, and the group is not told — so the next
   * owner waits for the session timeout and for the coordinator to abort that transaction. Completes
   * once a batch came and the processor stopped.
   */
  Mono<Void> halt() {
    return Mono.defer(() -> {
      if (lifecycle.get() instanceof ProcessorLoop l) {
        l.stop(true);
      }
      return terminated.asMono().onErrorResume(e -> Mono.empty());
    });
  }
}
