package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.simulator.SimulatorSessionTraffic;
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
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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

/**
 * Telephony sessions through Kafka, against one real in-process KRaft broker: the recorded notifications
 * (samples and replay fixtures), generated account-level calls between extensions and the simulator's
 * calls over a real subscription, each with presence beside it, go ingest → raw topic → two processors;
 * every extension's events on the events topic (session events and call events with their fused party, in
 * order, byte for byte) and its state (calls with their party) are what one engine derives from the same
 * inputs, and each extension's events come from one processor only.
 */
@Timeout(180)
class KafkaSessionsIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  private static final int PARTITIONS = 4;
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00.000Z");
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final PresenceCodec codec = PresenceCodec.create();
  private final List<Mono<Void>> closers = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    Flux.fromIterable(closers).concatMap(m -> m.onErrorResume(e -> Mono.empty())).blockLast(Duration.ofSeconds(60));
  }

  @Test
  void twoProcessorsDeriveEveryExtensionsSessionEventsAndFusedCallsAsOneEngineDoes(TestInfo test) {
    List<EngineInput> inputs = new ArrayList<>(SessionTraffic.recorded(T0));
    Instant later = inputs.get(inputs.size() - 1).receivedAt().plus(Duration.ofMinutes(10));
    inputs.addAll(SessionTraffic.generated(7, 8, 300, later));
    inputs.addAll(SimulatorSessionTraffic.record(10, 3, 30));
    Expected expected = Expected.of(codec, inputs);
    assertThat(expected.count("\"session.ended\"")).as("sessions ended").isGreaterThan(80);
    assertThat(expected.count("\"party\":{")).as("call events with a fused party").isGreaterThan(100);

    KafkaOptions options = options(test);
    KafkaProcessor a = processor(options);
    KafkaProcessor b = processor(options);
    Map<String, Set<String>> emittedBy = new ConcurrentHashMap<>();
    collectSources(a, emittedBy);
    collectSources(b, emittedBy);
    a.start().block(WAIT);
    b.start().block(WAIT);
    awaitSplit(a, b);

    SimpleMeterRegistry ingestMetrics = new SimpleMeterRegistry();
    KafkaIngest ingest = KafkaIngest.create(options, codec, ingestMetrics);
    closers.add(0, ingest.close());
    List<KafkaIngest.Published> published = ingest.publish(Flux.fromIterable(inputs)).collectList().block(WAIT);

    long presenceInputs = inputs.stream().filter(i -> !(i instanceof EngineInput.TelephonySessionReceived)).count();
    SessionRoutes routes = new SessionRoutes(SessionRoutes.DEFAULT_MAX_SESSIONS, SessionRoutes.DEFAULT_ENDED_RETENTION,
        () -> { });
    long shares = 0;
    long split = 0;
    for (EngineInput input : inputs) {
      if (input instanceof EngineInput.TelephonySessionReceived t) {
        int n = routes.shares(t).size();
        shares += n;
        split += n > 1 ? 1 : 0;
      }
    }
    assertThat(split).as("notifications written as several shares").isGreaterThan(50);
    assertThat(published).as("one record per presence input and per share").hasSize((int) (presenceInputs + shares));
    assertThat(readRawKinds(options))
        .containsEntry(RawRecords.NOTIFICATION, presenceInputs)
        .containsEntry(RawRecords.TELEPHONY_SESSION, shares);
    assertThat(ingestMetrics.get("presence.kafka.inputs.skipped").tag("reason", "no_extension").counter().count())
        .as("account-level notifications nobody tracks").isPositive();

    assertThat(readEvents(options, expected.eventCount())).isEqualTo(expected.events());
    await("both processors hold their share of the final states, calls with their party",
        () -> encodedUnion(a, b).equals(expected.states()));
    assertThat(emittedBy.keySet()).containsExactlyInAnyOrderElementsOf(expected.events().keySet());
    assertThat(emittedBy).allSatisfy((extension, sources) -> assertThat(sources).as(extension).hasSize(1));
  }

  // --- helpers ---

  /** What one local engine derives from the same inputs. */
  record Expected(Map<String, List<String>> events, Map<String, String> states) {
    static Expected of(PresenceCodec codec, List<EngineInput> inputs) {
      PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
      Map<String, List<String>> events = new TreeMap<>();
      for (EngineInput input : inputs) {
        for (PresenceEvent event : tracker.apply(input).events()) {
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

    long count(String fragment) {
      return events.values().stream().flatMap(List::stream).filter(json -> json.contains(fragment)).count();
    }
  }

  private KafkaOptions options(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    return KafkaOptions.builder(kafka.bootstrapServers(), KafkaRole.BOTH)
        .topics(KafkaTopics.builder().prefix(name).partitions(PARTITIONS).replicationFactor(1).build())
        .groupId(name)
        .pollTimeout(Duration.ofMillis(100))
        .properties(Map.of("heartbeat.interval.ms", "300", "session.timeout.ms", "6000", "linger.ms", "1"))
        .build();
  }

  private KafkaProcessor processor(KafkaOptions options) {
    KafkaProcessor processor = KafkaProcessor.create(options, codec, EngineOptions.defaults(), new SimpleMeterRegistry());
    closers.add(processor.close());
    return processor;
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

  private Map<String, String> encodedUnion(KafkaProcessor a, KafkaProcessor b) {
    Map<String, String> union = new TreeMap<>();
    a.states().forEach((k, v) -> union.put(k, codec.encodeState(v)));
    b.states().forEach((k, v) -> union.put(k, codec.encodeState(v)));
    return union;
  }

  /** How many raw records of each kind the raw topic holds. */
  private Map<String, Long> readRawKinds(KafkaOptions options) {
    Map<String, Long> kinds = new HashMap<>();
    try (var consumer = reader()) {
      List<TopicPartition> parts = partitions(options.topics().raw());
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("raw topic read to its end in time").isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          kinds.merge(RawRecords.header(record.headers(), RawRecords.KIND_HEADER), 1L, Long::sum);
        }
      }
    }
    return kinds;
  }

  /** Reads the events topic (committed only) from the start until {@code atLeast} records came. */
  private Map<String, List<String>> readEvents(KafkaOptions options, int atLeast) {
    Map<String, List<String>> byExtension = new TreeMap<>();
    int count = 0;
    try (var consumer = reader()) {
      List<TopicPartition> parts = partitions(options.topics().events());
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + WAIT.toNanos();
      boolean caughtUp = false;
      while (System.nanoTime() < deadline && !caughtUp) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          byExtension.computeIfAbsent(record.key(), k -> new ArrayList<>())
              .add(new String(record.value(), StandardCharsets.UTF_8));
          count++;
        }
        if (count >= atLeast) {
          Map<TopicPartition, Long> end = consumer.endOffsets(parts);
          caughtUp = parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
        }
      }
    }
    assertThat(count).as("events read").isGreaterThanOrEqualTo(atLeast);
    return byExtension;
  }

  private static List<TopicPartition> partitions(String topic) {
    return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
  }

  private static KafkaConsumer<String, byte[]> reader() {
    return new KafkaConsumer<>(
        Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
  }
}
