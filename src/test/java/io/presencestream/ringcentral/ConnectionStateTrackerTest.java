package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ringcentral.ConnectionState.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class ConnectionStateTrackerTest {

  private final ConnectionStateTracker tracker = new ConnectionStateTracker(new ClientMetrics(new SimpleMeterRegistry()));

  /**
   * States are delivered to subscribers (health checks, the daemon's log) on the thread that changed
   * them, often a connection's event loop: another connection reporting meanwhile must not wait for
   * that delivery, and its change is delivered right after, in order.
   */
  @Test
  void aConnectionReportingWhileAStateIsDeliveredNeitherWaitsNorIsLost() throws Exception {
    CountDownLatch delivering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Status> seen = new CopyOnWriteArrayList<>();
    Disposable subscriber = tracker.states().subscribe(state -> {
      seen.add(state.status());
      if (state.status() == Status.CONNECTING) {
        delivering.countDown();
        await(release);
      }
    });
    Thread first = new Thread(tracker::starting, "connection-0");
    first.start();
    assertThat(delivering.await(5, TimeUnit.SECONDS)).isTrue();

    Thread second = new Thread(
        () -> tracker.channel("connection-1", ConnectionStateTracker.ChannelStatus.CONNECTED, null), "connection-1");
    second.start();
    second.join(2_000);
    boolean secondWaited = second.isAlive();
    release.countDown();
    first.join(5_000);
    second.join(5_000);
    subscriber.dispose();

    assertThat(secondWaited).as("connection-1 waited for the delivery on connection-0").isFalse();
    assertThat(seen).containsExactly(Status.CONNECTING, Status.CONNECTED);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
