package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.EventKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class EventHubTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private EventHub hub(int history, int buffer, OverflowPolicy policy) {
    ServerOptions options = ServerOptions.builder()
        .historySize(history)
        .clientBufferSize(buffer)
        .overflowPolicy(policy)
        .build();
    return EventHub.create(options, TestEvents.encoder(), registry, 1);
  }

  private static long id(StreamItem item) {
    return ((StreamItem.Event) item).id();
  }

  @Test
  void givesEventsConsecutiveIdsStartingAtFirstId() {
    EventHub hub = hub(10, 10, OverflowPolicy.DROP_OLDEST);
    hub.subscribe(EventFilter.all(), null)
        .as(StepVerifier::create)
        .then(() -> {
          for (int i = 0; i < 3; i++) {
            hub.accept(TestEvents.presence("101", i));
          }
        })
        .assertNext(item -> assertThat(id(item)).isEqualTo(1))
        .assertNext(item -> assertThat(id(item)).isEqualTo(2))
        .assertNext(item -> assertThat(((StreamItem.Event) item).json()).contains("\"marker\":\"n2\""))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(hub.lastEventId()).isEqualTo(3);
  }

  @Test
  void defaultIdsStartAtCreationTimeSoTheyGrowAcrossRestarts() {
    long before = System.currentTimeMillis() * 1000;
    EventHub hub = EventHub.create(ServerOptions.defaults(), TestEvents.encoder(), registry);
    hub.accept(TestEvents.presence("101", 1));
    assertThat(hub.lastEventId()).isGreaterThanOrEqualTo(before).isLessThan(9_007_199_254_740_991L);
  }

  @Test
  void replaysEverythingAfterLastEventIdThenContinuesLive() {
    EventHub hub = hub(100, 10, OverflowPolicy.DROP_OLDEST);
    for (int i = 0; i < 20; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    hub.subscribe(EventFilter.all(), 15L)
        .map(EventHubTest::id)
        .as(StepVerifier::create)
        .expectNext(16L, 17L, 18L, 19L, 20L)
        .then(() -> hub.accept(TestEvents.presence("101", 20)))
        .expectNext(21L)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void replayIsNotLimitedByTheClientBuffer() {
    EventHub hub = hub(100, 4, OverflowPolicy.DISCONNECT);
    for (int i = 0; i < 50; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    StepVerifier.create(hub.subscribe(EventFilter.all(), 0L).map(EventHubTest::id), 0)
        .thenRequest(100)
        .expectNextCount(50)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void announcesAHistoryGapWhenResumingFromAnIdNoLongerKept() {
    EventHub hub = hub(5, 10, OverflowPolicy.DROP_OLDEST);
    for (int i = 0; i < 20; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    hub.subscribe(EventFilter.all(), 3L)
        .as(StepVerifier::create)
        .expectNext(new StreamItem.Gap(4, 15, 12, StreamItem.GapReason.HISTORY))
        .expectNextMatches(item -> id(item) == 16)
        .expectNextCount(4)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void tellsAClientResumingWithAnIdFromAPreviousRunThatEventsAreUnknown() {
    ServerOptions options = ServerOptions.builder().historySize(5).build();
    EventHub hub = EventHub.create(options, TestEvents.encoder(), registry, 1000);
    for (int i = 0; i < 3; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    hub.subscribe(EventFilter.all(), 500L)
        .as(StepVerifier::create)
        .expectNext(new StreamItem.Gap(501, 999, 0, StreamItem.GapReason.RESTART))
        .expectNextMatches(item -> id(item) == 1000)
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    for (int i = 3; i < 10; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    hub.subscribe(EventFilter.all(), 500L)
        .as(StepVerifier::create)
        .expectNext(new StreamItem.Gap(501, 1004, 5, StreamItem.GapReason.RESTART))
        .expectNextMatches(item -> id(item) == 1005)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void resumingFromTheLatestOrAFutureIdReplaysNothing() {
    EventHub hub = hub(5, 10, OverflowPolicy.DROP_OLDEST);
    hub.accept(TestEvents.presence("101", 0));
    StepVerifier.create(hub.subscribe(EventFilter.all(), 1L)).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();
    StepVerifier.create(hub.subscribe(EventFilter.all(), 99L)).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();
  }

  @Test
  void filtersByExtensionAndKindLiveAndInReplay() {
    EventHub hub = hub(100, 100, OverflowPolicy.DROP_OLDEST);
    EventFilter filter = new EventFilter(Set.of("102"), Set.of(EventKind.CALL_NEW));
    hub.accept(TestEvents.callNew("102", 1)); // id 1: kept
    hub.accept(TestEvents.callNew("101", 2)); // other extension
    hub.accept(TestEvents.presence("102", 3)); // other kind
    hub.subscribe(filter, 0L)
        .map(EventHubTest::id)
        .as(StepVerifier::create)
        .expectNext(1L)
        .then(() -> {
          hub.accept(TestEvents.callEnded("102", 4));
          hub.accept(TestEvents.callNew("102", 5)); // id 5: kept
        })
        .expectNext(5L)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void dropOldestKeepsTheNewestEventsAndMarksTheGap() {
    EventHub hub = hub(0, 3, OverflowPolicy.DROP_OLDEST);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          for (int i = 0; i < 10; i++) {
            hub.accept(TestEvents.presence("101", i));
          }
          // the gauge reads what the subscriber's last turn left (turns run on its own thread)
          Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> hub.maxClientBuffered() == 3);
        })
        .thenRequest(10)
        .expectNext(new StreamItem.Gap(1, 7, 7, StreamItem.GapReason.OVERFLOW))
        .expectNextMatches(item -> id(item) == 8)
        .expectNextMatches(item -> id(item) == 9)
        .expectNextMatches(item -> id(item) == 10)
        .then(() -> hub.accept(TestEvents.presence("101", 11)))
        .expectNextMatches(item -> id(item) == 11)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(hub.dropped()).isEqualTo(7);
    assertThat(registry.counter("presence.sse.dropped").count()).isEqualTo(7);
  }

  @Test
  void disconnectPolicyEndsTheStalledSubscriberWithAnError() {
    EventHub hub = hub(100, 3, OverflowPolicy.DISCONNECT);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          for (int i = 0; i < 4; i++) {
            hub.accept(TestEvents.presence("101", i));
          }
        })
        .expectError(ClientStream.OverflowException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(hub.clientCount()).isZero();
    assertThat(registry.counter("presence.sse.disconnects", "reason", "overflow").count()).isEqualTo(1);
  }

  @Test
  void aStalledSubscriberDoesNotHoldBackOthers() {
    EventHub hub = hub(10, 8, OverflowPolicy.DROP_OLDEST);
    // The stalled one requests nothing, ever.
    var stalled = hub.subscribe(EventFilter.all(), null).subscribeWith(new reactor.core.publisher.BaseSubscriber<StreamItem>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {}
    });
    List<StreamItem> read = new CopyOnWriteArrayList<>();
    var reader = hub.subscribe(EventFilter.all(), null).subscribe(read::add);
    // The writer never waits for a subscriber, so one slower than the writer for a whole ring would be
    // lapped (and told so by a gap). Publishing in batches smaller than the ring, each read before the
    // next, shows what this test is about: the stalled subscriber does not slow the reader down at all.
    for (int batch = 0; batch < 20; batch++) {
      for (int i = 0; i < 500; i++) {
        hub.accept(TestEvents.presence("101", batch * 500 + i));
      }
      int expected = (batch + 1) * 500;
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> read.size() >= expected);
      assertThat(hub.maxClientBuffered()).isLessThanOrEqualTo(8);
    }
    assertThat(read).hasSize(10_000).allMatch(item -> item instanceof StreamItem.Event);
    assertThat(read.stream().map(EventHubTest::id)).isSorted().doesNotHaveDuplicates();
    // the stalled subscriber's last turn may still be moving the newest events into its buffer
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> hub.dropped() == 10_000 - 8);
    reader.dispose();
    stalled.dispose();
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void anEventThatCannotBeEncodedIsCountedAndSkipped() {
    EventHub hub =
        EventHub.create(ServerOptions.defaults(), event -> {
          if (event.extensionId().equals("bad")) {
            throw new IllegalStateException("boom");
          }
          return "{}";
        }, registry, 1);
    hub.accept(TestEvents.presence("bad", 1));
    hub.accept(TestEvents.presence("101", 2));
    assertThat(hub.lastEventId()).isEqualTo(1);
    assertThat(registry.counter("presence.sink.dropped", "sink", "sse", "reason", "failed").count()).isEqualTo(1);
  }

  @Test
  void closeDeliversWhatIsBufferedThenCompletesSubscribers() {
    EventHub hub = hub(10, 10, OverflowPolicy.DROP_OLDEST);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          hub.accept(TestEvents.presence("101", 1));
          hub.accept(TestEvents.presence("101", 2));
          hub.close().subscribe();
        })
        .thenRequest(5)
        .expectNextCount(2)
        .verifyComplete();
    hub.close().block(Duration.ofSeconds(5));
    hub.accept(TestEvents.presence("101", 3));
    assertThat(hub.lastEventId()).isEqualTo(2);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null)).verifyComplete();
  }

  @Test
  void eventsPublishedAndClosedDuringASubscribersTurnAreDeliveredBeforeItsEnd() {
    // The subscriber's turn read the ring's head before the last events and the close arrived (here
    // its own onNext publishes and closes, so the interleaving is certain): it must not end the stream
    // on that stale head, with events still unread in the ring.
    EventHub hub = hub(10, 10, OverflowPolicy.DROP_OLDEST);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null)
            .doOnNext(item -> {
              if (((StreamItem.Event) item).id() == 1) {
                hub.accept(TestEvents.presence("101", 2));
                hub.accept(TestEvents.presence("101", 3));
                hub.close().subscribe();
              }
            })
            .map(item -> ((StreamItem.Event) item).id()))
        .then(() -> hub.accept(TestEvents.presence("101", 1)))
        .expectNext(1L, 2L, 3L)
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void closeEndsAStalledSubscriberAfterAGracePeriod() {
    EventHub hub = hub(10, 10, OverflowPolicy.DROP_OLDEST);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          hub.accept(TestEvents.presence("101", 1));
          hub.close().subscribe();
        })
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void parsesFiltersAndNamesWhatIsWrong() {
    assertThat(EventFilter.parse("101, 102", "call.new,presence"))
        .isEqualTo(new EventFilter(Set.of("101", "102"), Set.of(EventKind.CALL_NEW, EventKind.PRESENCE)));
    assertThat(EventFilter.parse(null, "")).isEqualTo(EventFilter.all());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventFilter.parse(null, "call.nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("call.nope");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventFilter.parse("10 1/..", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extension id");
    assertThat(EventFilter.parse("102,101,102", null))
        .as("ids alone: duplicates collapse, every kind passes")
        .isEqualTo(new EventFilter(Set.of("101", "102"), Set.of()));
  }
}
