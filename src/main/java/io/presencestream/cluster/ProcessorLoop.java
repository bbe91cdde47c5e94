package io.presencestream.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineMetrics;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;

/**
 * The processor's poll thread: the only owner of its consumers, its producer and its engines, so none
 * of them needs a lock. Each batch is one Kafka transaction (events, states, resync requests and the
 * consumer offsets); rebalance callbacks run inside {@code poll}, on this thread, between batches, so
 * no transaction is open when partitions move. The local streams are fed from this thread only, after
 * a commit, and no lock is held while they are.
 */
final class ProcessorLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProcessorLoop.class);
  static final String RAW_OFFSET_HEADER = "presence.raw-offset";
  static final String EVENT_KIND_HEADER = EventRecords.KIND_HEADER;
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
  /** Failed transactions in a row (fencing aside) after which the processor gives its partitions up. */
  private static final int MAX_CONSECUTIVE_FAILURES = 10;

  /** The engine of one raw partition and what its restored state already holds. */
  private static final class PartitionEngine {
    final PresenceTracker tracker;
    /**
     * Extension → raw offset its restored state reflects; records up to it are already applied. A
     * committed state never runs ahead of the committed offsets (one transaction), so this only skips
     * records behind states written by an earlier, non-transactional version of the processor.
     */
    final Map<String, Long> appliedUpTo = new HashMap<>();

    PartitionEngine(PresenceTracker tracker) {
      this.tracker = tracker;
    }

    boolean alreadyApplied(String extensionId, long offset) {
      Long upTo = appliedUpTo.get(extensionId);
      if (upTo == null) {
        return false;
      }
      if (offset <= upTo) {
        return true;
      }
      appliedUpTo.remove(extensionId);
      return false;
    }
  }

  private final KafkaOptions options;
  private final PresenceCodec codec;
  private final EngineOptions engineOptions;
  private final String instanceId;
  private final RawRecords raw;
  private final Sinks.Many<PresenceEvent> events;
  private final Sinks.Many<ResyncRequest> resyncRequests;
  private final Map<String, ExtensionState> published;
  private final Set<Integer> assigned;
  private final Sinks.One<Void> terminated;
  private final Sinks.Many<PartitionChange> partitionChanges;
  private final Runnable beforeBatch;
  private final String transactionalId;
  private final Map<Integer, PartitionEngine> engines = new HashMap<>();
  /** Partitions assigned and not yet rebuilt from the state topic (read by readiness checks). */
  private final Set<Integer> restoring = ConcurrentHashMap.newKeySet();
  /** One for all partitions' engines: its gauges add up over them. */
  private final EngineMetrics engineMetrics;

  private final Counter consumed;
  private final Map<DecodeException.Reason, Counter> invalid = new EnumMap<>(DecodeException.Reason.class);
  private final Counter engineErrors;
  private final Counter replayed;
  private final Counter eventsSent;
  private final Counter statesSent;
  private final Counter sendErrors;
  private final Counter eventsDropped;
  private final Counter restored;
  private final Counter abandoned;

  private volatile boolean stopping;
  private volatile boolean halting;
  /** Whether the consumer is a member of the group as far as this processor knows (readiness). */
  private volatile boolean member;
  private volatile boolean ended;
  private int consecutiveFailures;
  private Admin admin;
  private KafkaConsumer<String, byte[]> consumer;
  private KafkaConsumer<String, byte[]> restoreConsumer;
  private KafkaProducer<String, byte[]> producer;

  ProcessorLoop(
      KafkaOptions options,
      PresenceCodec codec,
      EngineOptions engineOptions,
      MeterRegistry registry,
      String instanceId,
      Sinks.Many<PresenceEvent> events,
      Sinks.Many<ResyncRequest> resyncRequests,
      Map<String, ExtensionState> published,
      Set<Integer> assigned,
      Sinks.One<Void> terminated,
      Sinks.Many<PartitionChange> partitionChanges,
      Runnable beforeBatch) {
    this.options = options;
    this.codec = codec;
    this.engineOptions = engineOptions;
    this.instanceId = instanceId;
    this.raw = new RawRecords(codec, options.topics().raw());
    this.events = events;
    this.resyncRequests = resyncRequests;
    this.published = published;
    this.assigned = assigned;
    this.terminated = terminated;
    this.partitionChanges = partitionChanges;
    this.beforeBatch = beforeBatch;
    this.transactionalId = ClientConfigs.transactionalId(options, instanceId);
    this.engineMetrics = EngineMetrics.micrometer(registry);
    this.consumed = Counter.builder("presence.kafka.records.consumed")
        .description("raw records polled by the processor").register(registry);
    for (DecodeException.Reason reason : DecodeException.Reason.values()) {
      invalid.put(reason, Counter.builder("presence.kafka.records.invalid").tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
          .description("raw or state records that could not be decoded; skipped").register(registry));
    }
    this.engineErrors = Counter.builder("presence.kafka.records.failed")
        .description("raw records the engine threw on; skipped").register(registry);
    this.replayed = Counter.builder("presence.kafka.records.replayed")
        .description("re-delivered raw records whose effect the restored state already held; skipped").register(registry);
    this.eventsSent = Counter.builder("presence.kafka.records.sent").tag("topic", "events").register(registry);
    this.statesSent = Counter.builder("presence.kafka.records.sent").tag("topic", "state").register(registry);
    this.sendErrors = Counter.builder("presence.kafka.send.errors").tag("reason", "processor")
        .description("failed transactions other than fencing; the batch is re-read from the last commit").register(registry);
    this.abandoned = Counter.builder("presence.kafka.batches.abandoned")
        .description("batches whose transaction was aborted (fenced or failed); nothing of them was released").register(registry);
    this.eventsDropped = Counter.builder("presence.kafka.events.dropped")
        .description("events a local subscriber of events() was not ready for").register(registry);
    this.restored = Counter.builder("presence.kafka.state.restored")
        .description("extension states read back from the state topic on assignment").register(registry);
    Gauge.builder("presence.kafka.partitions.assigned", assigned, Set::size).register(registry);
  }

  /**
   * Asks the loop to end after the batch in progress. {@code halt} (tests) instead ends it after the
   * next batch that changed a state is written but before it is committed, like a process killed in
   * that window.
   */
  void stop(boolean halt) {
    if (halt) {
      halting = true;
      return;
    }
    stopping = true;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /** Whether the consumer joined the group and was not told since that it left it. Any thread. */
  boolean member() {
    return member;
  }

  /** Whether the poll thread has finished (closed, or stopped by an error). Any thread. */
  boolean ended() {
    return ended;
  }

  /** Assigned partitions still being rebuilt from the state topic. Any thread. */
  Set<Integer> restoring() {
    return new TreeSet<>(restoring);
  }

  @Override
  public void run() {
    Throwable failure = null;
    try {
      admin = Admin.create(ClientConfigs.admin(options, instanceId + "-admin"));
      producer = newProducer();
      restoreConsumer = new KafkaConsumer<>(
          ClientConfigs.restoreConsumer(options, instanceId + "-restore"), new StringDeserializer(), new ByteArrayDeserializer());
      consumer = new KafkaConsumer<>(
          ClientConfigs.groupConsumer(options, instanceId), new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(options.topics().raw()), new Listener());
      while (!stopping) {
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(options.pollTimeout());
        } catch (WakeupException e) {
          continue;
        }
        if (!records.isEmpty()) {
          // The generation the records were fetched in, taken now: a processor that stalls after
          // this point and wakes up after the group moved on must present this stale generation
          // when it commits, so the group coordinator refuses its transaction. Asked for at commit
          // time instead, it could be -1 (the consumer left the group meanwhile), which the
          // coordinator accepts from a transactional producer.
          process(records, consumer.groupMetadata());
        }
      }
    } catch (WakeupException e) {
      // stop() during a rebalance callback: no transaction is open between batches.
    } catch (Throwable t) {
      failure = t;
      log.error("Kafka processor {} stopped: {}", instanceId, t.toString());
    } finally {
      shutDown();
      ended = true;
      if (failure == null) {
        terminated.tryEmitEmpty();
      } else {
        terminated.tryEmitError(failure);
      }
    }
  }

  /**
   * Applies a batch and writes, in one transaction, its events, the states of the extensions it
   * changed, its resync requests and the consumer offsets past it. Only after the commit are the
   * events released to {@link KafkaProcessor#events()} and the states to the HTTP state API; a batch
   * whose transaction fails is abandoned (aborted, rewound, its engines rebuilt) and leaves no trace.
   */
  private void process(ConsumerRecords<String, byte[]> records, ConsumerGroupMetadata generation) {
    beforeBatch.run();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, Long> batchStart = new HashMap<>();
    Map<Integer, Map<String, Long>> touched = new LinkedHashMap<>();
    Batch batch = new Batch();
    try {
      producer.beginTransaction();
      for (TopicPartition tp : records.partitions()) {
        List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
        if (partitionRecords.isEmpty()) {
          continue;
        }
        PartitionEngine engine = engineFor(tp);
        batchStart.put(tp, partitionRecords.get(0).offset());
        Map<String, Long> touchedHere = touched.computeIfAbsent(tp.partition(), p -> new LinkedHashMap<>());
        for (ConsumerRecord<String, byte[]> record : partitionRecords) {
          consumed.increment();
          apply(engine, record, touchedHere, batch);
        }
        offsets.put(tp, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
      }
      for (var entry : touched.entrySet()) {
        int partition = entry.getKey();
        PartitionEngine engine = engines.get(partition);
        for (var ext : entry.getValue().entrySet()) {
          Optional<ExtensionState> state = engine.tracker.state(ext.getKey());
          if (state.isEmpty() && !published.containsKey(ext.getKey())) {
            continue; // telephony sessions of an extension without presence: no state to write or delete
          }
          RecordHeaders headers = new RecordHeaders();
          headers.add(RAW_OFFSET_HEADER, Long.toString(ext.getValue()).getBytes(StandardCharsets.UTF_8));
          byte[] value = state.map(s -> codec.encodeState(s).getBytes(StandardCharsets.UTF_8)).orElse(null);
          producer.send(new ProducerRecord<>(options.topics().state(), partition, ext.getKey(), value, headers));
          batch.states.put(ext.getKey(), state);
        }
      }
      if (halting && touched.values().stream().anyMatch(m -> !m.isEmpty())) {
        // Killed with the transaction open: its records stay invisible and are aborted by the
        // coordinator after transaction.timeout.ms.
        stopping = true;
        return;
      }
      producer.sendOffsetsToTransaction(offsets, generation);
      producer.commitTransaction();
    } catch (KafkaException e) {
      abandon(e, batchStart);
      return;
    }
    consecutiveFailures = 0;
    release(batch);
  }

  /** What a committed batch gives the local streams and the HTTP state API. */
  private static final class Batch {
    final List<PresenceEvent> events = new ArrayList<>();
    final List<ResyncRequest> resyncRequests = new ArrayList<>();
    final Map<String, Optional<ExtensionState>> states = new LinkedHashMap<>();
  }

  private void release(Batch batch) {
    eventsSent.increment(batch.events.size());
    statesSent.increment(batch.states.size());
    batch.states.forEach((id, state) -> state.ifPresentOrElse(s -> published.put(id, s), () -> published.remove(id)));
    for (PresenceEvent event : batch.events) {
      if (events.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
        eventsDropped.increment();
      }
    }
    for (ResyncRequest request : batch.resyncRequests) {
      resyncRequests.tryEmitNext(request);
    }
  }

  /**
   * The batch's transaction failed: abort it, put the batch's partitions back where it started and
   * rebuild their engines from the state topic (both as of the last committed transaction), so the
   * records are applied again from the same state, by this processor or by the partitions' new owner.
   * Fencing (another member owns the partitions now, or a newer producer took the transactional id)
   * is the expected end of a stalled processor; other failures are retried with backoff, within a
   * budget of consecutive failed batches, after which the processor stops and the group moves its
   * partitions elsewhere. Authorization and configuration errors stop it at once.
   */
  private void abandon(KafkaException error, Map<TopicPartition, Long> batchStart) {
    if (error instanceof AuthenticationException || error instanceof AuthorizationException
        || error instanceof UnsupportedVersionException) {
      throw error;
    }
    boolean fenced = error instanceof ProducerFencedException || error instanceof InvalidProducerEpochException
        || error instanceof CommitFailedException || error instanceof FencedInstanceIdException;
    abandoned.increment();
    if (fenced) {
      log.warn("{}: batch abandoned, this processor was fenced ({}); its partitions belong to another member now",
          instanceId, error.toString());
      member = false;
    } else {
      sendErrors.increment();
      if (++consecutiveFailures > MAX_CONSECUTIVE_FAILURES) {
        throw new IllegalStateException(
            "Kafka transactions failed " + consecutiveFailures + " times in a row, last: " + error, error);
      }
      log.warn("{}: batch abandoned ({}); re-reading it from the last commit", instanceId, error.toString());
    }
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      // Fenced or in a fatal state: only a new producer (initTransactions) can write again.
      closeQuietly(producer, Duration.ZERO);
      producer = newProducer();
    }
    if (!fenced) {
      sleep(RETRY_BACKOFF);
    }
    Set<TopicPartition> owned = consumer.assignment();
    List<TopicPartition> rewound = new ArrayList<>();
    batchStart.forEach((tp, offset) -> {
      if (owned.contains(tp)) {
        consumer.seek(tp, offset);
        rewound.add(tp);
      }
    });
    // Rebuilt lazily (engineFor) when the partition's records come again; a fenced processor loses
    // the partitions at its next poll and never reads them.
    drop(rewound);
  }

  private PartitionEngine engineFor(TopicPartition tp) {
    PartitionEngine engine = engines.get(tp.partition());
    if (engine == null) {
      restore(List.of(tp));
      engine = engines.get(tp.partition());
    }
    return engine;
  }

  private KafkaProducer<String, byte[]> newProducer() {
    KafkaProducer<String, byte[]> p = new KafkaProducer<>(
        ClientConfigs.transactionalProducer(options, instanceId, transactionalId),
        new StringSerializer(), new ByteArraySerializer());
    try {
      // Fences any earlier producer with this transactional id and aborts its open transaction.
      p.initTransactions();
    } catch (RuntimeException e) {
      closeQuietly(p, Duration.ZERO);
      throw e;
    }
    return p;
  }

  private void apply(PartitionEngine engine, ConsumerRecord<String, byte[]> record, Map<String, Long> touched, Batch batch) {
    EngineInput input;
    try {
      input = raw.toInput(record);
    } catch (DecodeException e) {
      invalid.get(e.reason()).increment();
      log.debug("skipped raw record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.reason());
      return;
    }
    String extensionId = RawRecords.extensionId(input);
    if (engine.alreadyApplied(extensionId, record.offset())) {
      replayed.increment();
      return;
    }
    Outcome outcome;
    try {
      outcome = engine.tracker.apply(input);
    } catch (RuntimeException e) {
      engineErrors.increment();
      log.warn("engine failed on raw record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
      return;
    }
    for (PresenceEvent event : outcome.events()) {
      producer.send(EventRecords.toRecord(options.topics().events(), codec, event));
      batch.events.add(event);
    }
    for (ResyncRequest request : outcome.resyncRequests()) {
      producer.send(ResyncRecords.toRecord(options.topics().resync(), request));
      batch.resyncRequests.add(request);
    }
    if (outcome.applied()) {
      touched.put(extensionId, record.offset());
    }
    // Events of other extensions of the partition (sessions whose switch grace ended, calls whose RingOut
    // grace ended) changed their states too: those states reflect every record up to this one as well.
    for (PresenceEvent event : outcome.events()) {
      if (!event.extensionId().equals(extensionId)) {
        touched.put(event.extensionId(), record.offset());
      }
    }
  }

  /** Stops owning {@code partitions}: their engines are cleared and their extensions leave the HTTP state API. */
  private void drop(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      PartitionEngine engine = engines.remove(tp.partition());
      assigned.remove(tp.partition());
      if (engine != null) {
        for (ExtensionState state : engine.tracker.states()) {
          published.remove(state.extensionId());
        }
        engine.tracker.clear();
      }
    }
  }

  /**
   * Reads the state partitions matching {@code partitions} and builds their engines. The state topic
   * is read committed, up to its high watermark: every transaction below it must have ended first, so
   * a predecessor's last commit (whose markers may still be on their way) is always seen, and a
   * stalled predecessor's open transaction is waited for until the coordinator aborts it.
   */
  private void restore(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    List<TopicPartition> stateParts = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      stateParts.add(new TopicPartition(options.topics().state(), tp.partition()));
      restoring.add(tp.partition());
    }
    Map<Integer, Map<String, ConsumerRecord<String, byte[]>>> latest = new HashMap<>();
    restoreConsumer.assign(stateParts);
    try {
      restoreConsumer.seekToBeginning(stateParts);
      Map<TopicPartition, Long> end = highWatermarks(stateParts);
      long deadline = System.nanoTime() + options.restoreTimeout().toNanos();
      while (!caughtUp(stateParts, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("state topic not read to its end within " + options.restoreTimeout()
              + " (a transaction on it stays open?)");
        }
        for (ConsumerRecord<String, byte[]> record : restoreConsumer.poll(Duration.ofMillis(100))) {
          if (record.key() != null) {
            latest.computeIfAbsent(record.partition(), p -> new HashMap<>()).put(record.key(), record);
          }
        }
      }
    } finally {
      restoreConsumer.assign(List.of());
    }
    for (TopicPartition tp : partitions) {
      PartitionEngine engine = new PartitionEngine(new PresenceTracker(engineOptions, engineMetrics));
      for (ConsumerRecord<String, byte[]> record : latest.getOrDefault(tp.partition(), Map.of()).values()) {
        if (record.value() == null) {
          continue;
        }
        ExtensionState state;
        try {
          state = codec.decodeState(new String(record.value(), StandardCharsets.UTF_8));
        } catch (DecodeException e) {
          invalid.get(e.reason()).increment();
          continue;
        }
        engine.tracker.restore(state);
        String offset = RawRecords.header(record.headers(), RAW_OFFSET_HEADER);
        if (offset != null) {
          try {
            engine.appliedUpTo.put(record.key(), Long.parseLong(offset));
          } catch (NumberFormatException e) {
            // Without a usable offset the records are re-applied; the engine's sequence check
            // drops re-delivered notifications.
          }
        }
        published.put(record.key(), state);
        restored.increment();
      }
      engines.put(tp.partition(), engine);
      assigned.add(tp.partition());
      restoring.remove(tp.partition());
    }
  }

  private Map<TopicPartition, Long> highWatermarks(List<TopicPartition> parts) {
    Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
    parts.forEach(tp -> latestSpec.put(tp, OffsetSpec.latest()));
    try {
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latestSpec, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
          .get(options.restoreTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .forEach((tp, info) -> end.put(tp, info.offset()));
      return end;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the end of the state topic: " + e, e);
    }
  }

  private boolean caughtUp(List<TopicPartition> parts, Map<TopicPartition, Long> end) {
    for (TopicPartition tp : parts) {
      if (restoreConsumer.position(tp) < end.getOrDefault(tp, 0L)) {
        return false;
      }
    }
    return true;
  }

  private void shutDown() {
    member = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      try {
        if (halting) {
          // A crash: the group waits session.timeout.ms before it gives the partitions away.
          c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
              .withTimeout(Duration.ZERO));
        } else {
          c.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
      } catch (RuntimeException e) {
        log.debug("closing consumer: {}", e.toString());
      }
    }
    if (restoreConsumer != null) {
      try {
        restoreConsumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        log.debug("closing restore consumer: {}", e.toString());
      }
    }
    if (producer != null) {
      closeQuietly(producer, halting ? Duration.ZERO : Duration.ofSeconds(10));
    }
    if (admin != null) {
      try {
        admin.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("closing admin client: {}", e.toString());
      }
    }
    engines.values().forEach(e -> e.tracker.clear());
    engines.clear();
    assigned.clear();
    restoring.clear();
    published.clear();
    events.tryEmitComplete();
    resyncRequests.tryEmitComplete();
    partitionChanges.tryEmitComplete();
  }

  private static void closeQuietly(KafkaProducer<String, byte[]> p, Duration timeout) {
    try {
      p.close(timeout);
    } catch (RuntimeException e) {
      log.debug("closing producer: {}", e.toString());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void announce(PartitionChange.Reason reason, Collection<TopicPartition> partitions) {
    Set<Integer> numbers = new TreeSet<>();
    partitions.forEach(tp -> numbers.add(tp.partition()));
    partitionChanges.tryEmitNext(new PartitionChange(reason, numbers));
  }

  /**
   * Runs inside {@code poll}, on this thread, between batches: every batch's transaction has ended
   * when partitions move, so there is nothing to commit here.
   */
  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.info("{} hands over raw partitions {}", instanceId, numbers(partitions));
      drop(partitions);
      announce(PartitionChange.Reason.REVOKED, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      member = false;
      log.warn("{} lost raw partitions {} without handing them over (out of the group: stalled or cut off);"
          + " whatever it had not committed is aborted", instanceId, numbers(partitions));
      drop(partitions);
      announce(PartitionChange.Reason.LOST, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      member = true;
      if (partitions.isEmpty()) {
        return;
      }
      restore(partitions);
      log.info("{} gained raw partitions {} (restored from {}); owns {}",
          instanceId, numbers(partitions), options.topics().state(), new TreeSet<>(assigned));
      announce(PartitionChange.Reason.ASSIGNED, partitions);
    }

    private Set<Integer> numbers(Collection<TopicPartition> partitions) {
      Set<Integer> out = new TreeSet<>();
      partitions.forEach(tp -> out.add(tp.partition()));
      return out;
    }
  }
}
