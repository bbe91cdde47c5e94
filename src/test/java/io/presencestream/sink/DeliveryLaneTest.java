package io.presencestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.PresenceEvent;
import io.presencestream.server.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class DeliveryLaneTest {

  @Test
  void synchronousDeliveriesDoNotRecurse() {
    AtomicInteger delivered = new AtomicInteger();
    DeliveryLane<PresenceEvent> lane = new DeliveryLane<>("sync", 200_000, QueueOverflow.DROP_NEWEST, 1, batch -> {
      delivered.addAndGet(batch.size());
      return Mono.empty();
    });
    // Queue many while the first delivery holds the lane, so they are drained in one go afterwards.
    Sinks.Empty<Void> gate = Sinks.empty();
    DeliveryLane<PresenceEvent> gated = new DeliveryLane<>("gated", 200_000, QueueOverflow.DROP_NEWEST, 1, batch -> {
      delivered.addAndGet(batch.size());
      return delivered.get() == 1 ? gate.asMono() : Mono.empty();
    });
    for (int i = 0; i < 100_000; i++) {
      gated.offer(TestEvents.presence("101", i));
    }
    gate.tryEmitEmpty();
    assertThat(delivered.get()).isEqualTo(100_000);
    lane.offer(TestEvents.presence("101", 1));
    assertThat(delivered.get()).isEqualTo(100_001);
  }

  @Test
  void deliversOneBatchAtATimeInOrderAndReportsDrained() {
    List<List<PresenceEvent>> batches = new ArrayList<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    // The first delivery is held until all ten events are offered, so that the batching is decided by
    // the lane and not by how fast this thread happens to offer on a loaded machine.
    Sinks.Empty<Void> allOffered = Sinks.empty();
    DeliveryLane<PresenceEvent> lane = new DeliveryLane<>("async", 100, QueueOverflow.DROP_NEWEST, 4, batch -> Mono.defer(() -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      boolean first;
      synchronized (batches) {
        batches.add(batch);
        first = batches.size() == 1;
      }
      Mono<Void> delivery = first ? allOffered.asMono() : Mono.delay(Duration.ofMillis(2)).then();
      return delivery.then(Mono.fromRunnable(inFlight::decrementAndGet));
    }));
    for (int i = 0; i < 10; i++) {
      lane.offer(TestEvents.presence("101", i));
    }
    allOffered.tryEmitEmpty();
    lane.startClosing();
    lane.drained().block(Duration.ofSeconds(5));
    assertThat(maxInFlight.get()).isEqualTo(1);
    assertThat(batches).flatExtracting(b -> b).hasSize(10);
    assertThat(batches.get(0)).hasSize(1); // the first event leaves at once
    assertThat(batches.get(1)).hasSize(4);
    assertThat(lane.depth()).isZero();
  }
}
