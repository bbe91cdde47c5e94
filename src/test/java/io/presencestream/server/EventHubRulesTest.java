package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.test.StepVerifier;

/**
 * The hub's rules: no subscriber code runs under the writer's lock, reading a metric changes nothing,
 * closed hubs leave no meters, a connection's wake-up is never lost, an overtaken reader reports exact ids.
 */
class EventHubRulesTest {

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
  void aSubscriberCalledOnTheWritersThreadDoesNotHoldUpOtherWriters() {
    EventHub hub = hub(0, 256, OverflowPolicy.DROP_OLDEST);
    AtomicReference<Boolean> otherWriterGotThrough = new AtomicReference<>();
    // An executor that never runs: the subscriber is only ever served by the writer's sweep, on the
    // writer's thread (a stand-in for an event loop that is busy elsewhere).
    Disposable subscription =
        hub.subscribeFrames(EventFilter.all(), null, task -> {}, 64, () -> true, wake -> {})
            .subscribe(
                frames -> {
                  if (otherWriterGotThrough.get() == null) {
                    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> hub.accept(TestEvents.presence("102", 0)));
                    try {
                      other.get(2, TimeUnit.SECONDS);
                      otherWriterGotThrough.set(true);
                    } catch (Exception e) {
                      otherWriterGotThrough.set(false);
                    }
                  }
                });
    try {
      int sweepInterval = EventRing.forSizes(0, 256).sweepInterval();
      for (int i = 0; i <= sweepInterval; i++) { // the sweep comes with event sweepInterval + 1
        hub.accept(TestEvents.presence("101", i));
      }
      assertThat(otherWriterGotThrough.get()).as("a second writer could publish while the subscriber ran").isTrue();
    } finally {
      subscription.dispose();
    }
  }

  @Test
  void readingTheQueueGaugesNeverAppliesTheOverflowPolicy() {
    EventHub hub = hub(0, 4, OverflowPolicy.DISCONNECT);
    // A connection whose event loop has not come round to it yet, and that has asked for nothing.
    AtomicReference<Throwable> ended = new AtomicReference<>();
    Disposable subscription =
        hub.subscribeFrames(EventFilter.all(), null, task -> {}, 64, () -> true, wake -> {})
            .subscribe(frames -> {}, ended::set, () -> {}, s -> {});
    try {
      for (int i = 0; i < 10; i++) {
        hub.accept(TestEvents.presence("101", i));
      }

      registry.get("presence.sink.queue.depth").tag("sink", "sse").gauge().value();
      hub.queueDepth();
      hub.dropped();

      assertThat(ended.get()).isNull();
      assertThat(hub.clientCount()).isEqualTo(1);
      assertThat(registry.get("presence.sse.disconnects").counter().count()).isZero();
    } finally {
      subscription.dispose();
    }
  }

  @Test
  void aClosedHubLeavesNoMetersBehind() {
    EventHub hub = hub(10, 4, OverflowPolicy.DROP_OLDEST);
    assertThat(registry.find("presence.sse.clients").gauge()).isNotNull();

    hub.close().block(Duration.ofSeconds(5));

    assertThat(registry.find("presence.sse.clients").meters()).isEmpty();
    assertThat(registry.find("presence.sse.history.size").meters()).isEmpty();
    assertThat(registry.find("presence.sink.queue.depth").tag("sink", "sse").meters()).isEmpty();
    assertThat(registry.find("presence.sse.events.published").meters()).isEmpty();
    // a new hub on the same registry reports its own values
    EventHub next = hub(10, 4, OverflowPolicy.DROP_OLDEST);
    next.accept(TestEvents.presence("101", 1));
    assertThat(registry.get("presence.sse.history.size").gauge().value()).isEqualTo(1);
  }

  @Test
  void theWakeUpIsInPlaceBeforeTheWriterCanReachTheClient() {
    EventHub hub = hub(0, 8, OverflowPolicy.DROP_OLDEST);
    AtomicInteger clientsWhenWakeUpWasSet = new AtomicInteger(-1);
    Disposable subscription =
        hub.subscribeFrames(EventFilter.all(), null, Runnable::run, 64, () -> false, wake -> clientsWhenWakeUpWasSet.set(hub.clientCount()))
            .subscribe();
    try {
      // Joined (reachable by the writer's wake-ups and sweeps) only after the wake-up was set, so a
      // writability change after the client first found the connection full cannot be lost.
      assertThat(clientsWhenWakeUpWasSet).hasValue(0);
      assertThat(hub.clientCount()).isEqualTo(1);
    } finally {
      subscription.dispose();
    }
  }

  @Test
  void aWritabilityChangeRightAfterTheFirstLookIsNotLost() {
    EventHub hub = hub(16, 8, OverflowPolicy.DROP_OLDEST);
    for (int i = 0; i < 3; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    AtomicReference<Runnable> wake = new AtomicReference<>();
    AtomicInteger looks = new AtomicInteger();
    List<ByteBuf> received = new ArrayList<>();
    // The connection is full on the first look and becomes writable at once, firing its wake-up.
    Disposable subscription =
        hub.subscribeFrames(
                EventFilter.all(),
                0L,
                Runnable::run,
                64,
                () -> {
                  if (looks.getAndIncrement() == 0) {
                    Runnable w = wake.get();
                    if (w != null) {
                      w.run();
                    }
                    return false;
                  }
                  return true;
                },
                wake::set)
            .subscribe(received::add);
    try {
      assertThat(received).hasSize(1);
    } finally {
      subscription.dispose();
    }
  }

  @Test
  void anOvertakenReaderGetsAGapWithExactIdsEvenWhenTheWriterLappedTheRingAgain() {
    EventRing ring = EventRing.forSizes(0, 1);
    int capacity = ring.capacity();
    long firstId = 1_000;
    List<StreamItem> items = new ArrayList<>();
    ClientStream.Listener listener = QuietListener.INSTANCE;
    AtomicReference<ClientStream> client = new AtomicReference<>();
    Flux<Object> stream =
        Flux.create(
            sink -> {
              client.set(new ClientStream(ClientOutput.of(sink), EventFilter.all(), 4, OverflowPolicy.DROP_OLDEST, listener, List.of(), ring, firstId, Runnable::run, 0, () -> true));
              sink.onRequest(n -> client.get().requested());
            },
            FluxSink.OverflowStrategy.ERROR);
    StepVerifier.create(stream, 0)
        .then(() -> {
          // Twice round the ring and five more, without the hub's sweep: the slot after the reader's
          // cursor, and the one after that, already hold events of the third lap.
          for (long sequence = 0; sequence < 2L * capacity + 5; sequence++) {
            StreamItem.Event event = new StreamItem.Event(sequence + firstId, io.presencestream.model.EventKind.PRESENCE, "101", "{}");
            ring.append(new EventRing.Entry(sequence, event, new byte[0]));
          }
        })
        .thenRequest(2)
        .expectNext(new StreamItem.Gap(firstId, firstId + capacity + 4, capacity + 5L, StreamItem.GapReason.OVERFLOW))
        .assertNext(item -> assertThat(((StreamItem.Event) item).id()).isEqualTo(firstId + capacity + 5))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }
}
