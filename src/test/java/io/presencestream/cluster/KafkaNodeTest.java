package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.sink.Health;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Lifecycle promises that need no broker (nothing connects before start). */
class KafkaNodeTest {

  static {
    KafkaBroker.quietKafkaLogs();
  }

  private static final PresenceCodec codec = PresenceCodec.create();

  @Test
  void refusesRoleNone() {
    assertThatThrownBy(() -> KafkaNode.create(KafkaOptions.of("localhost:1", KafkaRole.NONE), codec,
        EngineOptions.defaults(), new SimpleMeterRegistry()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role is none");
  }

  @Test
  void refusesTheContactCentreRoleWhichIsAKafkaContactCentre() {
    assertThatThrownBy(() -> KafkaNode.create(KafkaOptions.of("localhost:1", KafkaRole.CONTACT_CENTRE), codec,
        EngineOptions.defaults(), new SimpleMeterRegistry()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KafkaContactCentre");
  }

  @Test
  void aContactCentreNodeClosedBeforeRunningIsDownAndClosesQuietly() {
    KafkaContactCentre node = KafkaContactCentre.create(KafkaOptions.of("localhost:1", KafkaRole.CONTACT_CENTRE),
        io.presencestream.ContactCentreOptions.defaults(), codec, new SimpleMeterRegistry());
    org.assertj.core.api.Assertions.assertThat(node.health().healthy()).isFalse();
    org.assertj.core.api.Assertions.assertThat(node.health().detail()).isEqualTo("not started");
    node.close().block(java.time.Duration.ofSeconds(30));
    org.assertj.core.api.Assertions.assertThat(node.health().detail()).isEqualTo("stopped");
  }

  @Test
  void aProcessorClosedBeforeStartingEndsItsStreamsAndTerminates() {
    KafkaProcessor processor = KafkaProcessor.create(KafkaOptions.of("localhost:1", KafkaRole.PROCESS), codec,
        EngineOptions.defaults(), new SimpleMeterRegistry());

    StepVerifier.create(processor.close()).verifyComplete();
    StepVerifier.create(processor.close()).verifyComplete();   // idempotent
    StepVerifier.create(processor.events()).verifyComplete();
    StepVerifier.create(processor.terminated()).expectComplete().verify(Duration.ofSeconds(5));
    StepVerifier.create(processor.start()).verifyComplete();   // a closed processor never starts
    assertThat(processor.assignedPartitions()).isEmpty();
    assertThat(processor.states()).isEmpty();
  }

  @Test
  void aProcessorIsNotReadyBeforeItStartsNorAfterItStopped() {
    KafkaProcessor processor = KafkaProcessor.create(KafkaOptions.of("localhost:1", KafkaRole.PROCESS), codec,
        EngineOptions.defaults(), new SimpleMeterRegistry());

    assertThat(processor.groupHealth()).isEqualTo(Health.down("not started"));
    assertThat(processor.partitionsHealth()).isEqualTo(Health.down("not started"));
    processor.close().block(Duration.ofSeconds(5));
    assertThat(processor.groupHealth()).isEqualTo(Health.down("stopped"));
    assertThat(processor.partitionsHealth()).isEqualTo(Health.down("stopped"));
    StepVerifier.create(processor.partitionChanges()).verifyComplete();
  }

  @Test
  void partitionChangesCarryTheGapReasonsOfTheSseStream() {
    assertThat(new PartitionChange(PartitionChange.Reason.ASSIGNED, java.util.Set.of(1)).reason().label())
        .isEqualTo("partitions-assigned");
    assertThat(PartitionChange.Reason.REVOKED.label()).isEqualTo("partitions-revoked");
    assertThat(PartitionChange.Reason.LOST.label()).isEqualTo("partitions-lost");
  }

  @Test
  void anIngestNodeHasNoEventsOrStatesAndTerminatesWhenClosed() {
    KafkaNode node = KafkaNode.create(KafkaOptions.of("localhost:1", KafkaRole.INGEST), codec,
        EngineOptions.defaults(), new SimpleMeterRegistry());

    assertThat(node.processor()).isEmpty();
    assertThat(node.states()).isEmpty();
    assertThat(node.state("101")).isEmpty();
    StepVerifier.create(node.events()).verifyComplete();
    StepVerifier.create(node.close()).expectComplete().verify(Duration.ofSeconds(30));
    StepVerifier.create(node.terminated()).expectComplete().verify(Duration.ofSeconds(5));
  }

  @Test
  void theIngestRoleNeedsASource() {
    KafkaNode node = KafkaNode.create(KafkaOptions.of("localhost:1", KafkaRole.INGEST), codec,
        EngineOptions.defaults(), new SimpleMeterRegistry());
    try {
      StepVerifier.create(node.start(null))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NullPointerException.class).hasMessageContaining("needs a source"))
          .verify(Duration.ofSeconds(5));
    } finally {
      node.close().block(Duration.ofSeconds(30));
    }
  }
}
