package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import io.presencestream.model.WebRtcSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The ingest role's promises against a real in-process broker. */
@Timeout(90)
class KafkaIngestIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00.000Z");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final PresenceCodec codec = PresenceCodec.create();

  @Test
  void keepsAtMostMaxInFlightUnacknowledgedAndSendsOnItsOwnThread(TestInfo test) {
    KafkaOptions options = options(test).mutate()
        .maxInFlight(4)
        .properties(Map.of("interceptor.classes", ThreadRecordingInterceptor.class.getName()))
        .build();
    List<EngineInput> traffic = OfficeTraffic.generate(5, 8, 200, T0);
    KafkaIngest ingest = KafkaIngest.create(options, codec, new SimpleMeterRegistry());
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger maxOutstanding = new AtomicInteger();
    ThreadRecordingInterceptor.SEND_THREADS.clear();
    try {
      List<KafkaIngest.Published> acks = ingest
          .publish(Flux.fromIterable(traffic)
              .doOnNext(i -> maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max))
              .subscribeOn(Schedulers.parallel()))
          .doOnNext(a -> outstanding.decrementAndGet())
          .collectList()
          .block(WAIT);

      assertThat(acks).hasSize(traffic.size());
      assertThat(maxOutstanding.get()).isBetween(1, 4);
      assertThat(ThreadRecordingInterceptor.SEND_THREADS).isNotEmpty()
          .allSatisfy(name -> assertThat(name).startsWith("presence-kafka-send-"));
    } finally {
      ingest.close().block(WAIT);
    }
  }

  @Test
  void writesEachExtensionsInputsInOrderToOnePartition(TestInfo test) {
    KafkaOptions options = options(test);
    List<EngineInput> traffic = OfficeTraffic.generate(6, 8, 200, T0);
    KafkaIngest ingest = KafkaIngest.create(options, codec, new SimpleMeterRegistry());
    try {
      List<KafkaIngest.Published> acks = ingest.publish(Flux.fromIterable(traffic)).collectList().block(WAIT);

      assertThat(acks).extracting(KafkaIngest.Published::extensionId)
          .containsExactlyElementsOf(traffic.stream().map(RawRecords::extensionId).toList());
      Map<String, List<KafkaIngest.Published>> byExtension =
          acks.stream().collect(java.util.stream.Collectors.groupingBy(KafkaIngest.Published::extensionId));
      byExtension.forEach((extension, published) -> {
        assertThat(published).extracting(KafkaIngest.Published::partition).as(extension).containsOnly(published.get(0).partition());
        assertThat(published).extracting(KafkaIngest.Published::offset).as(extension).isSorted();
      });
    } finally {
      ingest.close().block(WAIT);
    }
  }

  @Test
  void skipsSoftphoneSessionsSessionNotificationsForNoExtensionAndBrokenInputs(TestInfo test) {
    KafkaOptions options = options(test);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaIngest ingest = KafkaIngest.create(options, codec, registry);
    EngineInput session = new EngineInput.WebRtcSessionRegistered(
        new WebRtcSession("w1", "101", "call-id", null, null, "101", "102", T0, null), T0);
    // account level, only an outside party, a session no extension is known to track
    EngineInput nobodys = SessionTraffic.recorded(T0).get(0);
    EngineInput broken = new EngineInput.TelephonySessionReceived(null, T0);
    EngineInput snapshot = OfficeTraffic.generate(7, 1, 0, T0).get(0);
    try {
      StepVerifier.create(ingest.publish(Flux.just(session, nobodys, broken, snapshot)))
          .assertNext(p -> assertThat(p.extensionId()).isEqualTo("101"))
          .expectComplete()
          .verify(WAIT);
      assertThat(registry.get("presence.kafka.inputs.skipped").tag("reason", "local").counter().count()).isEqualTo(1);
      assertThat(registry.get("presence.kafka.inputs.skipped").tag("reason", "no_extension").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("presence.kafka.inputs.skipped").tag("reason", "invalid").counter().count()).isEqualTo(1);
    } finally {
      ingest.close().block(WAIT);
    }
  }

  @Test
  void carriesTheEnginesResyncRequestsFromProcessorBackToIngest(TestInfo test) {
    KafkaOptions options = options(test);
    KafkaIngest ingest = KafkaIngest.create(options, codec, new SimpleMeterRegistry());
    KafkaProcessor processor = KafkaProcessor.create(options, codec, EngineOptions.defaults(), new SimpleMeterRegistry());
    // Two calls announced, none listed: the engine keeps what it knew and asks for a REST read.
    PresenceUpdate truncated = new PresenceUpdate("101", 5L, UserStatus.AVAILABLE, null, UserStatus.BUSY,
        TelephonyStatus.CALL_CONNECTED, null, null, 2, List.of());
    EngineInput input = new EngineInput.NotificationReceived(
        new Notification("u1", "/restapi/v1.0/account/~/extension/101/presence?detailedTelephonyState=true&sipData=true",
            T0, "sub", "400", truncated), T0.plusMillis(20));
    try {
      processor.start().block(WAIT);
      StepVerifier.create(ingest.resyncRequests())
          .then(() -> Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
              .take(1)
              .delaySubscription(Duration.ofSeconds(1))   // the follower has found the topic's end
              .concatMap(i -> ingest.publish(Flux.just(input)))
              .blockLast(WAIT))
          .expectNext(new ResyncRequest("101", ResyncReason.TRUNCATED_CALL_LIST, T0.plusMillis(20)))
          .thenCancel()
          .verify(WAIT);
    } finally {
      processor.close().then(ingest.close()).block(WAIT);
    }
  }

  @Test
  void processorRefusesAStateTopicSizedDifferentlyFromTheRawTopic(TestInfo test) throws Exception {
    KafkaOptions options = options(test);
    kafka.createTopics(3, options.topics().raw());
    kafka.createTopics(2, options.topics().state());
    KafkaProcessor processor = KafkaProcessor.create(options, codec, EngineOptions.defaults(), new SimpleMeterRegistry());

    StepVerifier.create(processor.start())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("has 2 partitions and raw topic").hasMessageContaining("has 3"))
        .verify(WAIT);
    processor.close().block(WAIT);
  }

  @Test
  void refusesToStartOnMissingTopicsWhenCreationIsOff(TestInfo test) {
    KafkaOptions options = options(test);
    options = options.mutate().topics(options.topics().mutate().create(false).build()).build();
    KafkaIngest ingest = KafkaIngest.create(options, codec, new SimpleMeterRegistry());

    StepVerifier.create(ingest.publish(Flux.fromIterable(OfficeTraffic.generate(1, 1, 0, T0))))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("missing Kafka topics")
            .hasMessageContaining("kafka.topics.create: false"))
        .verify(WAIT);
    ingest.close().block(WAIT);
  }

  private static KafkaOptions options(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    return KafkaOptions.builder(kafka.bootstrapServers(), KafkaRole.BOTH)
        .topics(KafkaTopics.builder().prefix(name).partitions(3).replicationFactor(1).build())
        .groupId(name)
        .pollTimeout(Duration.ofMillis(100))
        .properties(Map.of("heartbeat.interval.ms", "300", "session.timeout.ms", "6000"))
        .build();
  }
}
