package io.presencestream.daemon;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Daemon#start} promises that a part failing to start stops what was already started. */
class DaemonStartFailureIT {

  @Test
  void aServerThatCannotBindStopsTheSimulatorStartedBeforeIt() throws Exception {
    long before = simulatorThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DaemonConfig config = DaemonConfig.parse(
          "source: {simulator: {extensions: 3, eventsPerSecond: 0}}\nserver: {host: 127.0.0.1, port: %d}"
              .formatted(taken.getLocalPort()),
          "test", Map.of());

      assertThatThrownBy(() -> Daemon.start(config)).isInstanceOf(RuntimeException.class);
    }

    // The simulator's scheduler thread ends once the simulator has stopped (bounded wait).
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(simulatorThreads()).as("live presence-simulator threads").isLessThanOrEqualTo(before));
  }

  private static long simulatorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("presence-simulator"))
        .count();
  }
}
