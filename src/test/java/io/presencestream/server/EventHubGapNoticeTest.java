package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** {@link EventHub#gap}: a notice for every connected subscriber, in order with the events around it. */
class EventHubGapNoticeTest {

  private final EventHub hub = EventHub.create(
      ServerOptions.builder().historySize(10).clientBufferSize(10).overflowPolicy(OverflowPolicy.DROP_OLDEST).build(),
      TestEvents.encoder(), new SimpleMeterRegistry(), 1);

  @Test
  void aGapReachesEverySubscriberAfterTheEventsPublishedBeforeIt() {
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          hub.accept(TestEvents.presence("101", 1));
          hub.accept(TestEvents.presence("102", 2));
          hub.gap(StreamItem.GapReason.PARTITIONS_ASSIGNED);
          hub.accept(TestEvents.presence("103", 3));
        })
        .thenRequest(10)
        .assertNext(item -> assertThat(((StreamItem.Event) item).id()).isEqualTo(1))
        .assertNext(item -> assertThat(((StreamItem.Event) item).id()).isEqualTo(2))
        .assertNext(item -> assertThat(item).isEqualTo(
            new StreamItem.Gap(2, 2, 0, StreamItem.GapReason.PARTITIONS_ASSIGNED)))
        .assertNext(item -> assertThat(((StreamItem.Event) item).id()).isEqualTo(3))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aGapReachesSubscribersWhoseFilterMatchesNothingAndIsFramedWithItsReason() {
    StepVerifier.create(hub.subscribe(EventFilter.parse("999", null), null))
        .then(() -> {
          hub.accept(TestEvents.presence("101", 1));
          hub.gap(StreamItem.GapReason.PARTITIONS_REVOKED);
        })
        .assertNext(item -> assertThat(SseFrames.frame(item))
            .isEqualTo("event: gap\ndata: {\"fromId\":1,\"toId\":1,\"missed\":0,\"reason\":\"partitions-revoked\"}\n\n"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void gapsPendingForASubscriberWithoutDemandAreMergedIntoOne() {
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          hub.gap(StreamItem.GapReason.PARTITIONS_REVOKED);
          hub.accept(TestEvents.presence("101", 1));
          hub.gap(StreamItem.GapReason.PARTITIONS_ASSIGNED);
        })
        .thenRequest(10)
        .assertNext(item -> assertThat(((StreamItem.Event) item).id()).isEqualTo(1))
        .assertNext(item -> assertThat(item).isEqualTo(
            new StreamItem.Gap(0, 1, 0, StreamItem.GapReason.PARTITIONS_ASSIGNED)))
        .expectNoEvent(Duration.ofMillis(200))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }
}
