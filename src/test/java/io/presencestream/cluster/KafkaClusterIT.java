package io.presencestream.cluster;

import org.awaitility.Awaitility;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

    KafkaProcessor b = processor(options);
    b.start().block(WAIT);
    awaitSplit(a, b);
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
    Mono.delay(Duration.ofMillis(150)).then(a.close()).block(WAIT);
    rest.block(WAIT);

    await("the survivor owns every partition", () -> b.assignedPartitions().size() == PARTITIONS);
    await("the survivor holds the final state of every extension",
        () -> encoded(b.states()).equals(expected.states()));
    // A graceful hand-over repeats nothing: every extension's events, exactly once, in order.
    assertThat(readEvents(options, expected.eventCount())).isEqualTo(expected.events());
    assertThat(count(b, "presence.kafka.state.restored")).as("states B read back").isPositive();
    assertThat(count(b, "presence.kafka.records.replayed")).as("records B skipped as already applied").isZero();
  }

  @Test
  void survivorRebuildsExactStateWhenAProcessorDiesBetweenWritingAndCommitting(TestInfo test) {
    KafkaOptions options = options(test);
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
    Mono.delay(Duration.ofMillis(400)).then(a.halt()).block(WAIT);
    all.block(WAIT);

    await("the survivor owns every partition", () -> b.assignedPartitions().size() == PARTITIONS);
    await("the survivor holds the final state of every extension",
        () -> encoded(b.states()).equals(expected.states()));
    // Re-delivery may repeat events, never lose or reorder them.
    Map<String, List<String>> events = readEvents(options, expected.eventCount());
    Map<String, List<String>> distinct = new TreeMap<>();
    events.forEach((k, v) -> distinct.put(k, v.stream().distinct().toList()));
    assertThat(distinct).isEqualTo(expected.events());
    assertThat(count(b, "presence.kafka.state.restored")).as("states B read back").isPositive();
    assertThat(count(b, "presence.kafka.records.replayed")).as("records B skipped as already applied").isPositive();
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
    String name = test.getTestMethod().orElseThrow().getName();
    return KafkaOptions.of(kafka.bootstrapServers(), KafkaRole.BOTH)
        .withTopics(KafkaTopics.defaults()
            .withNames(name + ".raw", name + ".events", name + ".state", name + ".resync")
            .withLayout(PARTITIONS, (short) 1))
        .withGroupId(name)
        .withPollTimeout(Duration.ofMillis(100))
        .withProperties(Map.of(
            // Fast group membership on a test broker: notice joins and leaves within a second.
            "heartbeat.interval.ms", "300",
            "session.timeout.ms", "6000",
            "linger.ms", "1"));
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
    try (var consumer = new KafkaConsumer<>(
        Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
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

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
  }
}
