package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The ingest and process roles against one real in-process KRaft broker. */
@Timeout(120)
class KafkaClusterIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  private static final int PARTITIONS = 4;
  private static final int EXTENSIONS = 12;
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00.000Z");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final PresenceCodec codec = PresenceCodec.create();
  private final List<Mono<Void>> closers = new ArrayList<>();
  private final Map<KafkaProcessor, SimpleMeterRegistry> registries = new ConcurrentHashMap<>();

  @AfterEach
  void closeEverything() {
    Flux.fromIterable(closers).concatMap(m -> m.onErrorResume(e -> Mono.empty())).blockLast(Duration.ofSeconds(60));
  }

  @Test
  void ingestThenProcessDerivesEveryEventInOrderPerExtension(TestInfo test) {
    KafkaOptions options = options(test);
    List<EngineInput> traffic = OfficeTraffic.generate(1, EXTENSIONS, 300, T0);
    Expected expected = Expected.of(codec, traffic);

    KafkaProcessor processor = processor(options);
    processor.start().block(WAIT);
    KafkaIngest ingest = ingest(options);
    List<KafkaIngest.Published> acks = ingest.publish(Flux.fromIterable(traffic.subList(0, 100))).collectList().block(WAIT);
    writeGarbage(options, "103");
    acks.addAll(ingest.publish(Flux.fromIterable(traffic.subList(100, traffic.size()))).collectList().block(WAIT));

    assertThat(acks).hasSize(traffic.size());
    Map<String, List<String>> events = readEvents(options, expected.eventCount());
    assertThat(events).isEqualTo(expected.events());
    events.values().stream().flatMap(List::stream).forEach(json ->
        assertThat(codec.encodeEvent(codec.decodeEvent(json))).isEqualTo(json));
    await("processor holds the final state of every extension",
        () -> encoded(processor.states()).equals(expected.states()));
    assertThat(count(processor, "presence.kafka.records.invalid")).as("bad raw records skipped").isEqualTo(2);
  }

  @Test
  void twoProcessorsShareThePartitionsAndEachExtensionHasOneSource(TestInfo test) {
    KafkaOptions options = options(test);
    List<EngineInput> traffic = OfficeTraffic.generate(2, EXTENSIONS, 300, T0);
    Expected expected = Expected.of(codec, traffic);

    KafkaProcessor a = processor(options);
    KafkaProcessor b = processor(options);
    Map<String, Set<String>> emittedBy = new ConcurrentHashMap<>();
    collectSources(a, emittedBy);
    collectSources(b, emittedBy);
    a.start().block(WAIT);
    b.start().block(WAIT);
    awaitSplit(a, b);

    ingest(options).publish(Flux.fromIterable(traffic)).blockLast(WAIT);

    assertThat(readEvents(options, expected.eventCount())).isEqualTo(expected.events());
    await("both processors hold their share of the final states", () -> encodedUnion(a, b).equals(expected.states()));
    assertThat(emittedBy.keySet()).containsExactlyInAnyOrderElementsOf(OfficeTraffic.extensionIds(EXTENSIONS));
    assertThat(emittedBy).allSatisfy((extension, sources) -> assertThat(sources).hasSize(1));
    assertThat(Set.copyOf(a.states().keySet())).doesNotContainAnyElementsOf(b.states().keySet());
  }

  @Test
  void aJoiningProcessorTakesPartitionsWithTheirStateAndTheOwnerStopsEmittingForThem(TestInfo test) {
    KafkaOptions options = options(test);
    List<EngineInput> traffic = OfficeTraffic.generate(5, EXTENSIONS, 300, T0);
    Expected expected = Expected.of(codec, traffic);
    int half = traffic.size() / 2;
    Expected firstHalf = Expected.of(codec, traffic.subList(0, half));

    KafkaProcessor a = processor(options);
    a.start().block(WAIT);
    await("the first processor owns every partition", () -> a.assignedPartitions().size() == PARTITIONS);
    KafkaIngest ingest = ingest(options);
    ingest.publish(Flux.fromIterable(traffic.subList(0, half))).blockLast(WAIT);
    await("the first half is processed", () -> encoded(a.states()).equals(firstHalf.states()));

    List<PartitionChange.Reason> changesOfA = changes(a);
    KafkaProcessor b = processor(options);
    List<PartitionChange.Reason> changesOfB = changes(b);
    b.start().block(WAIT);
    awaitSplit(a, b);
    await("A announced the hand-over", () -> changesOfA.contains(PartitionChange.Reason.REVOKED));
    await("B announced what it gained", () -> changesOfB.equals(List.of(PartitionChange.Reason.ASSIGNED)));
    Set<String> emittedByAAfterSplit = ConcurrentHashMap.newKeySet();
    Disposable d = a.events().subscribe(e -> emittedByAAfterSplit.add(e.extensionId()));
    closers.add(Mono.fromRunnable(d::dispose));
    ingest.publish(Flux.fromIterable(traffic.subList(half, traffic.size()))).blockLast(WAIT);

    await("both hold their share of the final states", () -> encodedUnion(a, b).equals(expected.states()));
    assertThat(readEvents(options, expected.eventCount())).isEqualTo(expected.events());
    assertThat(b.states()).isNotEmpty();
    assertThat(emittedByAAfterSplit).doesNotContainAnyElementsOf(b.states().keySet());
    assertThat(count(b, "presence.kafka.state.restored")).as("states B read back").isPositive();
  }

  @Test
  void survivorTakesOverWithRestoredStateWhenAProcessorStopsMidStream(TestInfo test) {
    KafkaOptions options = options(test);
    List<EngineInput> traffic = OfficeTraffic.generate(3, EXTENSIONS, 400, T0);
    Expected expected = Expected.of(codec, traffic);

    KafkaProcessor a = processor(options);
    KafkaProcessor b = processor(options);
    a.start().block(WAIT);
    b.start().block(WAIT);
    awaitSplit(a, b);
    KafkaIngest ingest = ingest(options);
    int half = traffic.size() / 2;
    ingest.publish(Flux.fromIterable(traffic.subList(0, half))).blockLast(WAIT);
    Expected firstHalf = Expected.of(codec, traffic.subList(0, half));
    await("the first half is processed", () -> encodedUnion(a, b).equals(firstHalf.states()));

    Mono<Void> rest = ingest.publish(Flux.fromIterable(traffic.subList(half, traffic.size()))
        .delayElements(Duration.ofMillis(3))).then().cache();
    rest.subscribe();
    Mono.delay(Duration.ofMillis(150)).block(WAIT);
    long stoppedAt = System.nanoTime();
    a.close().block(WAIT);
    await("the survivor owns every partition", () -> b.assignedPartitions().size() == PARTITIONS);
    await("the survivor has restored them", () -> b.partitionsHealth().healthy());
    System.out.printf("takeover after a graceful stop: %d ms%n", Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis());
    rest.block(WAIT);

    await("the survivor holds the final state of every extension",
        () -> encoded(b.states()).equals(expected.states()));
    // A graceful hand-over repeats nothing: every extension's events, exactly once, in order.
    assertThat(readEvents(options, expected.eventCount())).isEqualTo(expected.events());
    assertThat(count(b, "presence.kafka.state.restored")).as("states B read back").isPositive();
    assertThat(count(b, "presence.kafka.records.replayed")).as("records B skipped as already applied").isZero();
  }

  @Test
  void survivorRebuildsExactStateAndRepeatsNothingWhenAProcessorCrashesMidTransaction(TestInfo test) {
    KafkaOptions options = options(test, Map.of("transaction.timeout.ms", "6000"));
    List<EngineInput> traffic = OfficeTraffic.generate(4, EXTENSIONS, 400, T0);
    Expected expected = Expected.of(codec, traffic);

    KafkaProcessor a = processor(options);
    KafkaProcessor b = processor(options);
    a.start().block(WAIT);
    b.start().block(WAIT);
    awaitSplit(a, b);
    KafkaIngest ingest = ingest(options);
    Mono<Void> all = ingest.publish(Flux.fromIterable(traffic).delayElements(Duration.ofMillis(2))).then().cache();
    all.subscribe();
    await("A committed batches (it shows states only then)", () -> a.states().size() >= 3);
    a.halt().block(WAIT);
    long crashedAt = System.nanoTime();
    all.block(WAIT);

    await("the survivor owns every partition", () -> b.assignedPartitions().size() == PARTITIONS);
    await("the survivor has restored them", () -> b.partitionsHealth().healthy());
    System.out.printf("takeover after a crash: %d ms (session.timeout.ms and transaction.timeout.ms 6000)%n",
        Duration.ofNanos(System.nanoTime() - crashedAt).toMillis());
    await("the survivor holds the final state of every extension",
        () -> encoded(b.states()).equals(expected.states()));
    // The crashed processor's open transaction is aborted: nothing it wrote is seen, nothing repeated.
    assertThat(readEvents(options, expected.eventCount())).isEqualTo(expected.events());
    assertThat(latest(readStates(options))).isEqualTo(expected.states());
    assertThat(count(b, "presence.kafka.state.restored")).as("states B read back").isPositive();
  }

  @Test
  void aProcessorStalledPastItsSessionTimeoutCannotWriteWhenItWakesUp(TestInfo test) throws Exception {
    // In one JVM the consumer's heartbeat thread keeps a blocked processor's session alive, so the
    // stall is noticed through max.poll.interval.ms; a SIGSTOPped process is noticed through
    // session.timeout.ms. Both are 6 s here: the group moves the partitions either way.
    KafkaOptions options = options(test, Map.of("max.poll.interval.ms", "6000"));
    List<EngineInput> traffic = OfficeTraffic.generate(6, EXTENSIONS, 400, T0);
    Expected expected = Expected.of(codec, traffic);
    int stallAt = 150;
    int takenOverAt = 260;
    int wokenAt = 330;

    KafkaProcessor a = processor(options);
    KafkaProcessor b = processor(options);
    Map<String, List<String>> releasedLocally = new ConcurrentHashMap<>();
    collectEvents(a, releasedLocally);
    collectEvents(b, releasedLocally);
    List<PartitionChange.Reason> changesOfA = changes(a);
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch wakeUp = new CountDownLatch(1);
    AtomicBoolean stallNextBatch = new AtomicBoolean();
    a.beforeBatch(() -> {
      if (stallNextBatch.compareAndSet(true, false)) {
        stalled.countDown();
        try {
          wakeUp.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    closers.add(0, Mono.fromRunnable(wakeUp::countDown));
    a.start().block(WAIT);
    b.start().block(WAIT);
    awaitSplit(a, b);
    KafkaIngest ingest = ingest(options);
    ingest.publish(Flux.fromIterable(traffic.subList(0, stallAt))).blockLast(WAIT);
    Expected beforeStall = Expected.of(codec, traffic.subList(0, stallAt));
    await("the first part is processed", () -> encodedUnion(a, b).equals(beforeStall.states()));

    stallNextBatch.set(true);
    ingest.publish(Flux.fromIterable(traffic.subList(stallAt, takenOverAt))).blockLast(WAIT);
    assertThat(stalled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("A stalls in a batch").isTrue();
    long stalledAt = System.nanoTime();
    await("B takes over every partition from the stalled A", () -> b.assignedPartitions().size() == PARTITIONS);
    await("B has restored them", () -> b.partitionsHealth().healthy());
    System.out.printf("takeover from a stalled processor: %d ms (max.poll.interval.ms and session.timeout.ms 6000)%n",
        Duration.ofNanos(System.nanoTime() - stalledAt).toMillis());
    ingest.publish(Flux.fromIterable(traffic.subList(takenOverAt, wokenAt))).blockLast(WAIT);
    Expected beforeWakeUp = Expected.of(codec, traffic.subList(0, wokenAt));
    await("B alone holds the state of every extension", () -> encoded(b.states()).equals(beforeWakeUp.states()));

    wakeUp.countDown();
    awaitSplit(a, b);
    ingest.publish(Flux.fromIterable(traffic.subList(wokenAt, traffic.size()))).blockLast(WAIT);

    await("A and B hold their share of the final states", () -> encodedUnion(a, b).equals(expected.states()));
    assertThat(readEvents(options, expected.eventCount()))
        .as("committed events: none lost, repeated or wrong").isEqualTo(expected.events());
    Map<String, List<StateRecord>> states = readStates(options);
    assertThat(latest(states)).as("the state topic's last word on each extension").isEqualTo(expected.states());
    assertThat(states).as("no stale state ever written over a newer one").allSatisfy((extension, history) ->
        assertThat(history).extracting(StateRecord::rawOffset).isSorted());
    await("every committed event was released to the local streams",
        () -> releasedLocally.values().stream().mapToInt(List::size).sum() >= expected.eventCount());
    Map<String, List<String>> released = new TreeMap<>();
    releasedLocally.forEach((k, v) -> released.put(k, v.stream().sorted().toList()));
    Map<String, List<String>> expectedSorted = new TreeMap<>();
    expected.events().forEach((k, v) -> expectedSorted.put(k, v.stream().sorted().toList()));
    assertThat(released).as("local streams got each committed event once, nothing aborted").isEqualTo(expectedSorted);
    assertThat(changesOfA).as("A was told it lost its partitions, then got some back")
        .containsSubsequence(PartitionChange.Reason.ASSIGNED, PartitionChange.Reason.LOST, PartitionChange.Reason.ASSIGNED);
    assertThat(count(a, "presence.kafka.batches.abandoned")).as("A's stale batch, aborted").isPositive();
  }

  // --- helpers ---

  /** What one local engine derives from the same inputs: the reference for every test. */
  record Expected(Map<String, List<String>> events, Map<String, String> states) {
    static Expected of(PresenceCodec codec, List<EngineInput> inputs) {
      PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
      Map<String, List<String>> events = new TreeMap<>();
      for (EngineInput input : inputs) {
        Outcome outcome = tracker.apply(input);
        for (PresenceEvent event : outcome.events()) {
          events.computeIfAbsent(event.extensionId(), k -> new ArrayList<>()).add(codec.encodeEvent(event));
        }
      }
      Map<String, String> states = new TreeMap<>();
      for (ExtensionState state : tracker.states()) {
        states.put(state.extensionId(), codec.encodeState(state));
      }
      return new Expected(events, states);
    }

    int eventCount() {
      return events.values().stream().mapToInt(List::size).sum();
    }
  }

  private KafkaOptions options(TestInfo test) {
    return options(test, Map.of());
  }

  private KafkaOptions options(TestInfo test, Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>(Map.of(
        // Fast group membership on a test broker: notice joins and leaves within a second.
        "heartbeat.interval.ms", "300",
        "session.timeout.ms", "6000",
        "linger.ms", "1"));
    properties.putAll(extra);
    String name = test.getTestMethod().orElseThrow().getName();
    return KafkaOptions.builder(kafka.bootstrapServers(), KafkaRole.BOTH)
        .topics(KafkaTopics.builder().prefix(name).partitions(PARTITIONS).replicationFactor(1).build())
        .groupId(name)
        .pollTimeout(Duration.ofMillis(100))
        .properties(properties)
        .build();
  }

  private KafkaProcessor processor(KafkaOptions options) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaProcessor processor = KafkaProcessor.create(options, codec, EngineOptions.defaults(), registry);
    registries.put(processor, registry);
    closers.add(processor.close());
    return processor;
  }

  private KafkaIngest ingest(KafkaOptions options) {
    KafkaIngest ingest = KafkaIngest.create(options, codec, new SimpleMeterRegistry());
    closers.add(0, ingest.close());
    return ingest;
  }

  private void collectSources(KafkaProcessor processor, Map<String, Set<String>> emittedBy) {
    Disposable d = processor.events().subscribe(e ->
        emittedBy.computeIfAbsent(e.extensionId(), k -> ConcurrentHashMap.newKeySet()).add(processor.instanceId()));
    closers.add(Mono.fromRunnable(d::dispose));
  }

  private void collectEvents(KafkaProcessor processor, Map<String, List<String>> released) {
    Disposable d = processor.events().subscribe(e ->
        released.computeIfAbsent(e.extensionId(), k -> new CopyOnWriteArrayList<>()).add(codec.encodeEvent(e)));
    closers.add(Mono.fromRunnable(d::dispose));
  }

  private List<PartitionChange.Reason> changes(KafkaProcessor processor) {
    List<PartitionChange.Reason> reasons = new CopyOnWriteArrayList<>();
    Disposable d = processor.partitionChanges().subscribe(change -> reasons.add(change.reason()));
    closers.add(Mono.fromRunnable(d::dispose));
    return reasons;
  }

  private static void awaitSplit(KafkaProcessor a, KafkaProcessor b) {
    await("both processors own partitions and together all of them", () -> {
      Set<Integer> pa = a.assignedPartitions();
      Set<Integer> pb = b.assignedPartitions();
      Set<Integer> union = new HashSet<>(pa);
      union.addAll(pb);
      return !pa.isEmpty() && !pb.isEmpty() && union.size() == PARTITIONS && pa.size() + pb.size() == PARTITIONS;
    });
  }

  /** Two bad records for one extension in the middle of its stream: not JSON, and no headers. */
  private void writeGarbage(KafkaOptions options, String extensionId) {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      var garbage = new ProducerRecord<String, byte[]>(options.topics().raw(), extensionId, "{not json".getBytes(StandardCharsets.UTF_8));
      garbage.headers().add(RawRecords.KIND_HEADER, "notification".getBytes(StandardCharsets.UTF_8));
      garbage.headers().add(RawRecords.RECEIVED_AT_HEADER, T0.toString().getBytes(StandardCharsets.UTF_8));
      producer.send(garbage);
      producer.send(new ProducerRecord<>(options.topics().raw(), extensionId, "{}".getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }
  }

  private double count(KafkaProcessor processor, String counter) {
    return registries.get(processor).find(counter).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private Map<String, String> encoded(Map<String, ExtensionState> states) {
    Map<String, String> out = new TreeMap<>();
    states.forEach((k, v) -> out.put(k, codec.encodeState(v)));
    return out;
  }

  /** The encoded states two processors hold together (b's copy where both hold an extension). */
  private Map<String, String> encodedUnion(KafkaProcessor a, KafkaProcessor b) {
    Map<String, String> union = new TreeMap<>(encoded(a.states()));
    union.putAll(encoded(b.states()));
    return union;
  }

  /** Reads the events topic from the start until {@code atLeast} records came, or fails after a wait. */
  private Map<String, List<String>> readEvents(KafkaOptions options, int atLeast) {
    Map<String, List<String>> byExtension = new TreeMap<>();
    AtomicInteger count = new AtomicInteger();
    try (var consumer = committedReader()) {
      List<TopicPartition> parts = IntStream.range(0, PARTITIONS)
          .mapToObj(p -> new TopicPartition(options.topics().events(), p)).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + WAIT.toNanos();
      boolean caughtUp = false;
      while (System.nanoTime() < deadline && !caughtUp) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String json = new String(record.value(), StandardCharsets.UTF_8);
          assertThat(RawRecords.header(record.headers(), ProcessorLoop.EVENT_KIND_HEADER))
              .isEqualTo(codec.decodeEvent(json).kind().label());
          byExtension.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(json);
          count.incrementAndGet();
        }
        if (count.get() >= atLeast) {
          Map<TopicPartition, Long> end = consumer.endOffsets(parts);
          caughtUp = parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
        }
      }
    }
    assertThat(count.get()).as("events read").isGreaterThanOrEqualTo(atLeast);
    return byExtension;
  }

  /** One record of the state topic: the raw offset it reflects and the state (null: a tombstone). */
  record StateRecord(long rawOffset, String json) {}

  /** Every committed record of the state topic, per extension in write order. */
  private Map<String, List<StateRecord>> readStates(KafkaOptions options) {
    Map<String, List<StateRecord>> byExtension = new TreeMap<>();
    try (var consumer = committedReader()) {
      List<TopicPartition> parts = IntStream.range(0, PARTITIONS)
          .mapToObj(p -> new TopicPartition(options.topics().state(), p)).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("state topic read to its end in time").isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String offset = RawRecords.header(record.headers(), ProcessorLoop.RAW_OFFSET_HEADER);
          byExtension.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(new StateRecord(
              Long.parseLong(offset), record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
        }
      }
    }
    return byExtension;
  }

  private static Map<String, String> latest(Map<String, List<StateRecord>> states) {
    Map<String, String> out = new TreeMap<>();
    states.forEach((k, v) -> {
      String json = v.get(v.size() - 1).json();
      if (json != null) {
        out.put(k, json);
      }
    });
    return out;
  }

  /** A consumer that sees only committed records, as every downstream consumer should read. */
  private static KafkaConsumer<String, byte[]> committedReader() {
    return new KafkaConsumer<>(
        Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
  }

}
