package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.EventKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.FluxSink;
import reactor.test.StepVerifier;

/** The ring the hub publishes to, read by each subscriber from its own cursor (SSE batches: {@link SseWriterTest}). */
class ClientStreamRingTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private EventHub hub(int history, int buffer, OverflowPolicy policy) {
    ServerOptions options = ServerOptions.builder()
        .historySize(history)
        .clientBufferSize(buffer)
        .overflowPolicy(policy)
        .build();
    return EventHub.create(options, TestEvents.encoder(), registry, 1);
  }

  @Test
  void ringSizeCoversHistoryAndIsAPowerOfTwo() {
    assertThat(EventRing.forSizes(0, 1).capacity()).isEqualTo(1024);
    assertThat(EventRing.forSizes(1000, 256).capacity()).isEqualTo(1024);
    assertThat(EventRing.forSizes(5000, 256).capacity()).isEqualTo(8192);
    assertThat(EventRing.forSizes(10, 3000).capacity()).isEqualTo(8192);
  }

  @Test
  void aStalledFilteredSubscriberOvertakenManyTimesOverGetsAnExactGapThenTheNewestEvents() {
    // 10,000 events lap the 1,024-entry ring nearly ten times while the subscriber requests nothing:
    // the writer's sweep moves its matching events to its 4-event buffer before the ring overwrites them,
    // so the gap counts exactly the events its filter matched.
    EventHub hub = hub(0, 4, OverflowPolicy.DROP_OLDEST);
    EventFilter only101 = new EventFilter(Set.of("101"), Set.of());
    StepVerifier.create(hub.subscribe(only101, null), 0)
        .then(() -> {
          for (int i = 0; i < 10_000; i++) {
            hub.accept(TestEvents.presence(i % 2 == 0 ? "101" : "102", i));
          }
          // what is unread of a subscriber without demand is held to its buffer size, the rest counted
          // the gauge reads what the subscriber's last turn left (turns run on its own thread)
          Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> hub.maxClientBuffered() == 4);
        })
        .thenRequest(10)
        // 4,996 matching events missed; if a turn of this subscriber was held up on a busy machine while
        // the writer (which never waits) lapped it, the lapped ids count whatever their extension
        .assertNext(item -> assertThat(item).isInstanceOfSatisfying(StreamItem.Gap.class, gap -> {
          assertThat(gap.fromId()).isEqualTo(1);
          assertThat(gap.toId()).isEqualTo(9991);
          assertThat(gap.missed()).isBetween(4996L, 9991L);
          assertThat(gap.reason()).isEqualTo(StreamItem.GapReason.OVERFLOW);
        }))
        .expectNextMatches(item -> ((StreamItem.Event) item).id() == 9993)
        .expectNextMatches(item -> ((StreamItem.Event) item).id() == 9995)
        .expectNextMatches(item -> ((StreamItem.Event) item).id() == 9997)
        .expectNextMatches(item -> ((StreamItem.Event) item).id() == 9999)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(hub.dropped()).isBetween(4996L, 9991L);
  }

  @Test
  void aReaderLappedWhileItsBufferHoldsEventsGetsOneGapBeforeAnythingNewer() {
    EventRing ring = EventRing.forSizes(0, 0);
    List<Object> received = new ArrayList<>();
    FluxSink<Object>[] sink = sinkOf(received);
    ClientStream client = new ClientStream(
        ClientOutput.of(sink[0]), EventFilter.all(), 4, OverflowPolicy.DROP_OLDEST, QUIET, List.of(), ring, 1,
        Runnable::run, 0, () -> true);
    sink[0].onRequest(n -> client.requested());
    appendEvents(ring, 0, 2);
    client.catchUp(); // no demand: ids 1 and 2 wait in the buffer
    appendEvents(ring, 2, ring.capacity() + 10); // the ring laps the cursor without a sweep
    client.catchUp(); // finds itself lapped while ids 1 and 2 are still buffered

    subscriber.request(2_000);

    // ids 1 and 2 are older than what was lapped, so they join the one gap instead of following it
    StreamItem.Gap gap = (StreamItem.Gap) received.get(0);
    assertThat(gap.fromId()).isEqualTo(1);
    long afterGap = gap.toId();
    assertThat(gap.missed()).isEqualTo(afterGap - gap.fromId() + 1);
    List<Long> after = received.subList(1, received.size()).stream().map(item -> ((StreamItem.Event) item).id()).toList();
    long last = 2 + ring.capacity() + 10;
    assertThat(after).first().isEqualTo(afterGap + 1);
    assertThat(after).last().isEqualTo(last);
    assertThat(after).hasSize((int) (last - afterGap)).isSorted();
  }

  @Test
  @SuppressWarnings("unchecked")
  void underDisconnectAReaderTheRingLappedIsDisconnectedAndGetsNoGap() {
    EventRing ring = EventRing.forSizes(0, 0);
    List<Object> received = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    FluxSink<Object>[] sink = new FluxSink[1];
    reactor.core.publisher.Flux.create(s -> sink[0] = s, FluxSink.OverflowStrategy.ERROR)
        .subscribe(received::add, errors::add);
    ClientStream client = new ClientStream(
        ClientOutput.of(sink[0]), EventFilter.all(), 4, OverflowPolicy.DISCONNECT, QUIET, List.of(), ring, 1,
        Runnable::run, 0, () -> true);
    sink[0].onRequest(n -> client.requested());
    appendEvents(ring, 0, ring.capacity() + 10); // the ring laps the cursor without a sweep

    client.catchUp();

    assertThat(received).as("no gap, no event").isEmpty();
    assertThat(errors).singleElement().isInstanceOf(ClientStream.OverflowException.class);
  }

  @Test
  void aStreamWhoseTurnThrowsEndsWithTheErrorAndItsLoopsOtherStreamsGoOn() {
    EventRing ring = EventRing.forSizes(0, 0);
    List<Throwable> errors = new ArrayList<>();
    List<Object> throwingGot = new ArrayList<>();
    ClientOutput throwing = new ClientOutput() {
      @Override
      public long demand() {
        return Long.MAX_VALUE;
      }

      @Override
      public void next(Object item) {
        throwingGot.add(item);
        throw new IllegalStateException("subscriber bug");
      }

      @Override
      public void complete() {}

      @Override
      public void error(Throwable error) {
        errors.add(error);
      }
    };
    List<Object> received = new ArrayList<>();
    FluxSink<Object>[] sink = sinkOf(received);
    subscriber.request(100);
    ClientStream failing = new ClientStream(
        throwing, EventFilter.all(), 4, OverflowPolicy.DROP_OLDEST, QUIET, List.of(), ring, 1, Runnable::run, 0, () -> true);
    ClientStream healthy = new ClientStream(
        ClientOutput.of(sink[0]), EventFilter.all(), 4, OverflowPolicy.DROP_OLDEST, QUIET, List.of(), ring, 1,
        Runnable::run, 0, () -> true);
    WakeGroup loop = new WakeGroup(Runnable::run, 0);
    loop.add(failing);
    loop.add(healthy);

    appendEvents(ring, 0, 2);
    loop.signal();
    appendEvents(ring, 2, 1);
    loop.signal();

    assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class);
    assertThat(throwingGot).as("no turn after the failed one").hasSize(1);
    assertThat(received).as("the other stream of the loop got every event")
        .extracting(item -> ((StreamItem.Event) item).id()).containsExactly(1L, 2L, 3L);
  }

  private static final ClientStream.Listener QUIET = QuietListener.INSTANCE;

  private final reactor.core.publisher.BaseSubscriber<Object> subscriber =
      new reactor.core.publisher.BaseSubscriber<>() {
        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {}
      };

  @SuppressWarnings("unchecked")
  private FluxSink<Object>[] sinkOf(List<Object> received) {
    FluxSink<Object>[] sink = new FluxSink[1];
    reactor.core.publisher.Flux.create(s -> sink[0] = s, FluxSink.OverflowStrategy.ERROR)
        .doOnNext(received::add)
        .subscribe(subscriber);
    return sink;
  }

  private static void appendEvents(EventRing ring, long fromSequence, int count) {
    for (long sequence = fromSequence; sequence < fromSequence + count; sequence++) {
      ring.append(new EventRing.Entry(
          sequence, new StreamItem.Event(sequence + 1, EventKind.PRESENCE, "101", "{}"), new byte[] {'x'}));
    }
  }

  @Test
  void aSubscriberOvertakenUnderDisconnectIsEndedEvenIfItNeverRequests() {
    EventHub hub = hub(0, 4, OverflowPolicy.DISCONNECT);
    StepVerifier.create(hub.subscribe(EventFilter.all(), null), 0)
        .then(() -> {
          for (int i = 0; i < 5_000; i++) {
            hub.accept(TestEvents.presence("101", i));
          }
        })
        .expectError(ClientStream.OverflowException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void kindsFilterAppliesToRingReads() {
    EventHub hub = hub(0, 16, OverflowPolicy.DROP_OLDEST);
    StepVerifier.create(hub.subscribe(new EventFilter(Set.of(), Set.of(EventKind.CALL_ENDED)), null))
        .then(() -> {
          hub.accept(TestEvents.presence("101", 1));
          hub.accept(TestEvents.callEnded("101", 2));
          hub.accept(TestEvents.callNew("101", 3));
        })
        .expectNextMatches(item -> ((StreamItem.Event) item).id() == 2 && ((StreamItem.Event) item).kind() == EventKind.CALL_ENDED)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }
}
