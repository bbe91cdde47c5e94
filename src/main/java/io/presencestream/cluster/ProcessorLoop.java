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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
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
 * of them needs a lock. Rebalance callbacks run inside {@code poll}, on this thread, between batches:
 * a batch is always complete (written and committed) when partitions move.
 */
final class ProcessorLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProcessorLoop.class);
  static final String RAW_OFFSET_HEADER = "presence.raw-offset";
  static final String EVENT_KIND_HEADER = "presence.kind";
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  /** The engine of one raw partition and what its restored state already holds. */
  private static final class PartitionEngine {
    final PresenceTracker tracker;
    /** Extension → raw offset its restored state reflects; records up to it are already applied. */
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
  private final Map<Integer, PartitionEngine> engines = new HashMap<>();
  /** Offsets processed and written but not committed yet (refused during a rebalance). */
  private final Map<TopicPartition, OffsetAndMetadata> pendingCommits = new HashMap<>();
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

  private volatile boolean stopping;
  private volatile boolean halting;
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
      Sinks.One<Void> terminated) {
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
        .description("failed writes; the batch is re-read from the last commit").register(registry);
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

  @Override
  public void run() {
    Throwable failure = null;
    try {
      producer = new KafkaProducer<>(
          ClientConfigs.producer(options, instanceId), new StringSerializer(), new ByteArraySerializer());
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
          process(records);
        } else if (!pendingCommits.isEmpty() && !halting) {
          commitPending(List.copyOf(pendingCommits.keySet()));
        }
      }
      if (!halting && !pendingCommits.isEmpty()) {
        commitPending(List.copyOf(pendingCommits.keySet()));
      }
    } catch (WakeupException e) {
      // stop() during a rebalance callback or a commit: the batch in progress is not committed,
      // which at-least-once tolerates.
    } catch (Throwable t) {
      failure = t;
      log.error("Kafka processor {} stopped: {}", instanceId, t.toString());
    } finally {
      shutDown();
      if (failure == null) {
        terminated.tryEmitEmpty();
      } else {
        terminated.tryEmitError(failure);
      }
    }
  }

  private void process(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    Map<Integer, Map<String, Long>> touched = new LinkedHashMap<>();
    AtomicReference<Exception> sendError = new AtomicReference<>();
    Callback onAck = (metadata, error) -> {
      if (error != null) {
        sendError.compareAndSet(null, error);
      }
    };
    for (TopicPartition tp : records.partitions()) {
      PartitionEngine engine = engines.get(tp.partition());
      List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
      if (engine == null || partitionRecords.isEmpty()) {
        continue;
      }
      Map<String, Long> touchedHere = touched.computeIfAbsent(tp.partition(), p -> new LinkedHashMap<>());
      for (ConsumerRecord<String, byte[]> record : partitionRecords) {
        consumed.increment();
        apply(engine, record, touchedHere, onAck);
      }
      commits.put(tp, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
    }
    // Events first, states second: a state in the state topic then always means its events are out,
    // so a successor that skips what the state holds cannot skip an unwritten event.
    producer.flush();
    if (failed(sendError)) {
      return;
    }
    for (var entry : touched.entrySet()) {
      int partition = entry.getKey();
      PartitionEngine engine = engines.get(partition);
      for (var ext : entry.getValue().entrySet()) {
        Optional<ExtensionState> state = engine.tracker.state(ext.getKey());
        RecordHeaders headers = new RecordHeaders();
        headers.add(RAW_OFFSET_HEADER, Long.toString(ext.getValue()).getBytes(StandardCharsets.UTF_8));
        byte[] value = state.map(s -> codec.encodeState(s).getBytes(StandardCharsets.UTF_8)).orElse(null);
        producer.send(new ProducerRecord<>(options.topics().state(), partition, ext.getKey(), value, headers), onAck);
        statesSent.increment();
        state.ifPresentOrElse(s -> published.put(ext.getKey(), s), () -> published.remove(ext.getKey()));
      }
    }
    producer.flush();
    if (failed(sendError)) {
      return;
    }
    if (halting && touched.values().stream().anyMatch(m -> !m.isEmpty())) {
      // Killed after writing, before committing: exactly the window the raw-offset header covers.
      stopping = true;
      return;
    }
    pendingCommits.putAll(commits);
    commitPending(pendingCommits.keySet());
  }

  /**
   * Commits the offsets of processed batches for {@code partitions}. During a rebalance the group
   * refuses commits; they stay pending and go out after the next poll (which completes the
   * rebalance) or, for a partition being revoked, from the revocation callback. Offsets of a
   * partition that was lost without a revocation are abandoned: its next owner re-reads them, which
   * at-least-once allows.
   */
  private void commitPending(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata offset = pendingCommits.get(tp);
      if (offset != null) {
        toCommit.put(tp, offset);
      }
    }
    if (toCommit.isEmpty()) {
      return;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        consumer.commitSync(toCommit);
        toCommit.forEach(pendingCommits::remove);
        return;
      } catch (WakeupException e) {
        // stop() asked while committing: commit anyway, then the loop sees the stop flag.
      } catch (RebalanceInProgressException e) {
        log.debug("{}: commit deferred until the rebalance completes", instanceId);
        return;
      } catch (CommitFailedException e) {
        log.info("{}: commit refused (no longer a member of this generation); next owner re-reads", instanceId);
        toCommit.keySet().forEach(pendingCommits::remove);
        return;
      }
    }
  }

  private void apply(PartitionEngine engine, ConsumerRecord<String, byte[]> record, Map<String, Long> touched, Callback onAck) {
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
      RecordHeaders headers = new RecordHeaders();
      headers.add(EVENT_KIND_HEADER, event.kind().label().getBytes(StandardCharsets.UTF_8));
      byte[] value = codec.encodeEvent(event).getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(options.topics().events(), null, event.extensionId(), value, headers), onAck);
      eventsSent.increment();
      Sinks.EmitResult result = events.tryEmitNext(event);
      if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
        eventsDropped.increment();
      }
    }
    for (ResyncRequest request : outcome.resyncRequests()) {
      producer.send(ResyncRecords.toRecord(options.topics().resync(), request), onAck);
      resyncRequests.tryEmitNext(request);
    }
    if (outcome.applied()) {
      touched.put(extensionId, record.offset());
    }
  }

  /**
   * After a failed write: nothing of the batch is committed; rewind every owned partition to its last
   * commit and rebuild its engine from the state topic, as if it had just been assigned. A failure the
   * producer cannot recover from ends the processor (the group moves its partitions elsewhere).
   */
  private boolean failed(AtomicReference<Exception> sendError) {
    Exception error = sendError.get();
    if (error == null) {
      return false;
    }
    sendErrors.increment();
    if (!(error instanceof RetriableException)) {
      throw new IllegalStateException("Kafka write failed: " + error, error);
    }
    log.warn("Kafka write failed ({}); re-reading owned partitions from their last commit", error.toString());
    sleep(RETRY_BACKOFF);
    Set<TopicPartition> owned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned);
    for (TopicPartition tp : owned) {
      OffsetAndMetadata offset = committed.get(tp);
      if (offset != null) {
        consumer.seek(tp, offset);
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
    }
    drop(owned);
    restore(owned);
    return true;
  }

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

  /** Reads the state partitions matching {@code partitions} to their end and builds their engines. */
  private void restore(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    List<TopicPartition> stateParts = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      stateParts.add(new TopicPartition(options.topics().state(), tp.partition()));
    }
    Map<Integer, Map<String, ConsumerRecord<String, byte[]>>> latest = new HashMap<>();
    restoreConsumer.assign(stateParts);
    try {
      restoreConsumer.seekToBeginning(stateParts);
      Map<TopicPartition, Long> end = restoreConsumer.endOffsets(stateParts, options.restoreTimeout());
      long deadline = System.nanoTime() + options.restoreTimeout().toNanos();
      while (!caughtUp(stateParts, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("state topic not read to its end within " + options.restoreTimeout());
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
    }
    log.info("{} owns raw partitions {} (restored from {})", instanceId, assigned, options.topics().state());
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
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      try {
        if (halting) {
          c.close(CloseOptions.timeout(Duration.ZERO));
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
      try {
        producer.close(halting ? Duration.ZERO : Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        log.debug("closing producer: {}", e.toString());
      }
    }
    engines.values().forEach(e -> e.tracker.clear());
    engines.clear();
    assigned.clear();
    published.clear();
    events.tryEmitComplete();
    resyncRequests.tryEmitComplete();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs inside {@code poll}, on this thread. */
  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Every batch was written before this poll; commit what a rebalance deferred, then stop owning.
      if (!halting) {
        commitPending(partitions);
      }
      partitions.forEach(pendingCommits::remove);
      drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(pendingCommits::remove);
      drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      restore(partitions);
    }
  }
}
