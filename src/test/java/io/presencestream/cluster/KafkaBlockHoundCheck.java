package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ContactCentreOptions;
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
 * happen elsewhere; so must the contact-centre node's start and its writes. Runs in the {@code blockhound} Surefire execution (it needs
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

      // The contact-centre node over the same topics, run from a parallel thread: its ticks (parallel threads
      // too) apply the rules and hand the view's events to the producer, whose sends run on its own thread.
      KafkaContactCentre view = KafkaContactCentre.create(options.mutate().role(KafkaRole.CONTACT_CENTRE).build(),
          ContactCentreOptions.defaults(), codec, new SimpleMeterRegistry());
      reactor.core.Disposable running = view.run().subscribeOn(Schedulers.parallel()).subscribe();
      try {
        Mono.delay(Duration.ofMillis(50), Schedulers.parallel())
            .then(Mono.fromCallable(() -> view.centre().agents().size()))
            .repeat()
            .takeUntil(size -> size == 4)
            .blockLast(Duration.ofSeconds(60));
      } finally {
        running.dispose();
        view.close().block(Duration.ofSeconds(30));
      }
    } finally {
      node.close().block(Duration.ofSeconds(60));
    }
    assertThat(BlockHoundSupport.blockingCalls()).isEmpty();
  }
}
