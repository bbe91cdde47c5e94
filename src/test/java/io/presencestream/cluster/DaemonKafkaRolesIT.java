package io.presencestream.cluster;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.daemon.Daemon;
import io.presencestream.daemon.DaemonConfig;
import io.presencestream.model.ExtensionState;
import io.presencestream.simulator.RingCentralSimulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code presence-stream run} with a Kafka role (a test of the daemon's wiring; it lives here for the
 * in-process broker): an ingest daemon on the simulator and a process daemon, over a real broker, serve
 * the simulator's office.
 */
@Timeout(150)
class DaemonKafkaRolesIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  @Test
  void ingestAndProcessDaemonsServeTheOfficeThroughKafka() throws Exception {
    String cluster = """
        kafka:
          role: %s
          bootstrapServers: %s
          groupId: daemon-roles-it
          topics: {raw: it.raw, events: it.events, state: it.state, resync: it.resync,
                   partitions: 2, replicationFactor: 1, create: true}
        server: {port: 0}
        """;
    Daemon ingest = Daemon.start(DaemonConfig.parse(
        cluster.formatted("ingest", kafka.bootstrapServers())
            + "source: {simulator: {extensions: 6, eventsPerSecond: 0, seed: 3}}\n",
        "ingest", Map.of()));
    Daemon process = null;
    Daemon second = null;
    try {
      process = Daemon.start(DaemonConfig.parse(cluster.formatted("process", kafka.bootstrapServers()), "process", Map.of()));
      assertThat(process.simulator()).as("a processor holds no RingCentral connection").isEmpty();
      assertThat(ingest.states()).as("an ingest runs no engine").isEmpty();

      RingCentralSimulator simulator = ingest.simulator().orElseThrow();
      simulator.traffic().step(60);
      Daemon processor = process;
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(comparable(processor.states())).isEqualTo(comparable(simulator.groundTruth())));

      HttpResponse<String> state = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(process.url().resolve("api/state")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(state.statusCode()).isEqualTo(200);
      assertThat(state.body()).contains(simulator.directory().get(0).extensionId());

      HttpResponse<String> ready = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(process.url().resolve("health/ready")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body())
          .contains("\"kafka-group\":{\"status\":\"UP\",\"detail\":\"member of group daemon-roles-it\"}")
          .contains("\"kafka-partitions\":{\"status\":\"UP\",\"detail\":\"owns partitions [0, 1]\"}");

      // A second processor joins: the first hands one partition over and tells its SSE clients.
      HttpResponse<Stream<String>> events = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(process.url().resolve("events")).build(), HttpResponse.BodyHandlers.ofLines());
      CompletableFuture<String> gap = CompletableFuture.supplyAsync(() -> events.body()
          .filter(line -> line.startsWith("data: ") && line.contains("partitions-revoked")).findFirst().orElse(""));
      second = Daemon.start(DaemonConfig.parse(cluster.formatted("process", kafka.bootstrapServers()), "process", Map.of()));
      assertThat(gap.get(60, TimeUnit.SECONDS)).contains("\"missed\":0,\"reason\":\"partitions-revoked\"");
      events.body().close();
    } finally {
      if (second != null) {
        second.shutdown(Duration.ofSeconds(30));
      }
      if (process != null) {
        process.shutdown(Duration.ofSeconds(30));
      }
      ingest.shutdown(Duration.ofSeconds(30));
    }
  }

  private static Map<String, ExtensionState> comparable(Map<String, ExtensionState> states) {
    return states.values().stream()
        .collect(Collectors.toMap(ExtensionState::extensionId, RingCentralSimulator::comparable));
  }
}
