package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.EngineInput;
import io.presencestream.testing.BlockHoundSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Drives the Kafka roles from Reactor's non-blocking threads under BlockHound: the ingest's sends
 * (which can block in {@code KafkaProducer.send}), topic checks and the processor's start must all
 * happen elsewhere. Runs in the {@code blockhound} Surefire execution (it needs
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods}); alone:
 * {@code mvn test -Dtest=KafkaBlockHoundCheck -DargLine=-XX:+AllowRedefinitionToAddDeleteMethods}.
 */
@Timeout(120)
// Checked before the broker extension starts the broker, so that a skipped run costs nothing.
@EnabledIf(
    value = "io.presencestream.testing.BlockHoundSupport#redefinitionAllowed",
    disabledReason = BlockHoundSupport.SKIP_REASON)
class KafkaBlockHoundCheck {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  @BeforeAll
  static void installBlockHound() {
    BlockHoundSupport.install();
  }

  @Test
  void rolesNeverBlockNonBlockingThreads() {
    PresenceCodec codec = PresenceCodec.create();
    KafkaOptions options = KafkaOptions.builder(kafka.bootstrapServers(), KafkaRole.BOTH)
        .topics(KafkaTopics.builder().partitions(2).replicationFactor(1).build())
        .groupId("blockhound")
        .maxInFlight(8)
        .properties(Map.of("heartbeat.interval.ms", "300"))
        .build();
    List<EngineInput> traffic = OfficeTraffic.generate(11, 4, 100, Instant.parse("2026-11-26T09:00:00.000Z"));
    KafkaNode node = KafkaNode.create(options, codec, EngineOptions.defaults(), new SimpleMeterRegistry());
    try {
      // Everything is subscribed to, and every input emitted, on Reactor's parallel (non-blocking) threads.
      node.start(resync -> Flux.fromIterable(traffic).delayElements(Duration.ofMillis(1), Schedulers.parallel()))
          .subscribeOn(Schedulers.parallel())
          .block(Duration.ofSeconds(60));
      Mono.delay(Duration.ofMillis(50), Schedulers.parallel())
          .then(Mono.fromCallable(() -> node.states().size()))
          .repeat()
          .takeUntil(size -> size == 4)
          .blockLast(Duration.ofSeconds(60));
    } finally {
      node.close().block(Duration.ofSeconds(60));
    }
    assertThat(BlockHoundSupport.blockingCalls()).isEmpty();
  }
}
