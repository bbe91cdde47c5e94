package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.SessionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw topic's telephony-session shares, without a broker: each input goes through what the ingest does
 * ({@link SessionRoutes}, {@link RawRecords#toRecord}), lands in its key's partition as Kafka's default
 * partitioner puts it, is read back ({@link RawRecords#toInput}) and applied by that partition's own engine,
 * as a processor does. Every extension must get exactly the events (in order) and the state, with its calls'
 * fused parties, that one engine derives from the same inputs, and no partition's engine may emit for an
 * extension of another partition. {@code KafkaSessionsIT} does the same through a real broker.
 */
class PartitionedSessionsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  /** What a run derived, per extension. */
  record Derived(Map<String, List<PresenceEvent>> events, Map<String, ExtensionState> states) {

    long sessionEvents() {
      return events.values().stream().flatMap(List::stream).filter(e -> e instanceof SessionEvent).count();
    }

    long fusedCalls() {
      return states.values().stream().flatMap(s -> s.calls().stream()).filter(c -> c.party() != null).count()
          + events.values().stream().flatMap(List::stream)
              .filter(e -> e instanceof PresenceEvent.CallEvent c && c.call().party() != null).count();
    }
  }

  static Derived single(List<EngineInput> inputs) {
    PresenceTracker engine = new PresenceTracker(EngineOptions.defaults());
    Map<String, List<PresenceEvent>> events = new TreeMap<>();
    for (EngineInput input : inputs) {
      engine.apply(input).events().forEach(e -> events.computeIfAbsent(e.extensionId(), k -> new ArrayList<>()).add(e));
    }
    Map<String, ExtensionState> states = new TreeMap<>();
    engine.states().forEach(s -> states.put(s.extensionId(), s));
    return new Derived(events, states);
  }

  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** The inputs through the ingest's split, the raw record format and one engine per partition. */
  static Derived partitioned(List<EngineInput> inputs, int partitions) {
    RawRecords raw = new RawRecords(PresenceCodec.create(), "presence.raw");
    SessionRoutes routes = new SessionRoutes(SessionRoutes.DEFAULT_MAX_SESSIONS,
        SessionRoutes.DEFAULT_ENDED_RETENTION, () -> { });
    Map<Integer, PresenceTracker> engines = new HashMap<>();
    Map<String, List<PresenceEvent>> events = new TreeMap<>();
    long offset = 0;
    for (EngineInput input : inputs) {
      List<? extends EngineInput> carried = input instanceof EngineInput.TelephonySessionReceived t
          ? routes.shares(t) : List.of(input);
      for (EngineInput share : carried) {
        ProducerRecord<String, byte[]> record = raw.toRecord(share);
        int partition = partitionOf(record.key(), partitions);
        EngineInput read = raw.toInput(new ConsumerRecord<>("presence.raw", partition, offset++, 0L,
            TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), record.headers(), Optional.empty()));
        Outcome outcome = engines.computeIfAbsent(partition, p -> new PresenceTracker(EngineOptions.defaults()))
            .apply(read);
        for (PresenceEvent e : outcome.events()) {
          assertThat(partitionOf(e.extensionId(), partitions))
              .as("partition %d's engine emitted %s for %s", partition, e.kind(), e.extensionId())
              .isEqualTo(partition);
          events.computeIfAbsent(e.extensionId(), k -> new ArrayList<>()).add(e);
        }
      }
    }
    Map<String, ExtensionState> states = new TreeMap<>();
    engines.values().forEach(engine -> engine.states().forEach(s -> states.put(s.extensionId(), s)));
    return new Derived(events, states);
  }

  private static void assertSame(Derived expected, Derived actual, String what) {
    assertThat(actual.events().keySet()).as(what + ": extensions with events").isEqualTo(expected.events().keySet());
    expected.events().forEach((extension, list) -> {
      List<PresenceEvent> got = actual.events().get(extension);
      int i = 0;
      while (i < list.size() && i < got.size() && list.get(i).equals(got.get(i))) {
        i++;
      }
      if (i < list.size() || i < got.size()) {
        throw new AssertionError(what + ": events of " + extension + " differ at " + i + " of " + list.size() + "/"
            + got.size() + "\n expected " + around(list, i) + "\n actual   " + around(got, i)
            + (i < list.size() && i < got.size() ? "\n expected: " + list.get(i) + "\n actual:   " + got.get(i) : ""));
      }
    });
    assertThat(actual.states()).as(what + ": states").isEqualTo(expected.states());
  }

  private static String around(List<PresenceEvent> events, int i) {
    StringBuilder b = new StringBuilder();
    for (int j = Math.max(0, i - 2); j < Math.min(events.size(), i + 3); j++) {
      PresenceEvent e = events.get(j);
      b.append(j == i ? " >" : "  ").append(e.kind().label()).append('@').append(e.at());
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 2, 3, 12})
  void theRecordedStreamsGiveEveryExtensionTheEventsAndCallsOfOneEngine(int partitions) {
    List<EngineInput> inputs = SessionTraffic.recorded(T0);
    Derived expected = single(inputs);

    assertThat(expected.sessionEvents()).isGreaterThan(40);
    assertThat(expected.fusedCalls()).isGreaterThan(10);
    assertSame(expected, partitioned(inputs, partitions), partitions + " partitions");
  }

  @Test
  void generatedAccountLevelCallsGiveEveryExtensionTheEventsAndCallsOfOneEngine() {
    long sessionEvents = 0;
    for (long seed = 1; seed <= 60; seed++) {
      List<EngineInput> inputs = SessionTraffic.generated(seed, 6, 120, T0);
      Derived expected = single(inputs);
      sessionEvents += expected.sessionEvents();
      assertSame(expected, partitioned(inputs, 1 + (int) (seed % 4)), "seed " + seed);
    }
    assertThat(sessionEvents).isGreaterThan(60 * 20);
  }

  @Test
  void anAccountLevelNotificationReachesAnExtensionTrackingTheSessionWithoutAPartyInIt() {
    // account-809646016.jsonl: 809646016's own subscription also gets account-level lines of its calls that
    // carry only the other party; the engine applies them for 809646016, which already tracks the session
    List<EngineInput> inputs = SessionTraffic.recorded(T0);
    SessionRoutes routes = new SessionRoutes(100, SessionRoutes.DEFAULT_ENDED_RETENTION, () -> { });
    int byMemory = 0;
    for (EngineInput input : inputs) {
      if (input instanceof EngineInput.TelephonySessionReceived t && t.notification().body().extensionId() == null) {
        for (EngineInput.TelephonySessionReceived share : routes.shares(t)) {
          if (t.notification().body().parties().stream().noneMatch(p -> share.forExtension().equals(p.extensionId()))) {
            byMemory++;
          }
        }
      } else if (input instanceof EngineInput.TelephonySessionReceived t) {
        routes.shares(t);
      }
    }
    assertThat(byMemory).isGreaterThan(0);
  }
}
