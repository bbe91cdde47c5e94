package io.presencestream.daemon;

import static io.presencestream.daemon.DaemonEndToEndIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /health/ready} answers {@code 200} only once the daemon is subscribed and holds the initial state of
 * every watched extension, against a separately started simulator whose presence reads are slowed
 * ({@code slow-presence}) so that the window between "subscribed" and "loaded" can be watched.
 */
class ReadinessIT {

  private static final int EXTENSIONS = 6;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyFlipsOnlyOnceTheInitialStateOfEveryExtensionIsLoaded() throws Exception {
    try (RingCentralSimulator sim = RingCentralSimulator.start(
        SimulatorOptions.builder().extensions(EXTENSIONS).eventsPerSecond(0).port(0).build())) {
      sim.faults().slowPresence(Duration.ofSeconds(4));
      SimulatorCredentials c = sim.credentials();
      Daemon daemon = Daemon.start(DaemonConfig.parse("""
          source: {ringcentral: {serverUrl: "%s", extensions: all}}
          server: {port: 0}
          """.formatted(sim.baseUrl()), "test",
          Map.of("RINGCENTRAL_CLIENT_ID", c.clientId(), "RINGCENTRAL_CLIENT_SECRET", c.clientSecret(),
              "RINGCENTRAL_JWT", c.jwt())));
      try {
        URI ready = daemon.url().resolve("health/ready");
        awaitTrue("subscribed, the initial read under way", Duration.ofSeconds(20),
            () -> sim.stats().subscribedConnections() == 1
                && sim.stats().accountPresenceReads() + sim.stats().presenceReads() >= 1);

        HttpResponse<String> loading = get(ready);
        assertThat(loading.statusCode()).as(loading.body()).isEqualTo(503);
        assertThat(loading.body()).contains("loading the initial state: 0/" + EXTENSIONS + " extensions loaded");
        assertThat(daemon.states()).isEmpty();
        // reading the check changes nothing: the same answer, no request upstream
        long reads = sim.stats().accountPresenceReads() + sim.stats().presenceReads();
        assertThat(get(ready).body()).isEqualTo(loading.body());
        assertThat(sim.stats().accountPresenceReads() + sim.stats().presenceReads()).isEqualTo(reads);

        awaitTrue("ready", Duration.ofSeconds(20), () -> get(ready).statusCode() == 200);
        assertThat(daemon.states()).as("every extension's state, the moment it is ready").hasSize(EXTENSIONS);
        assertThat(get(ready).body()).contains(EXTENSIONS + "/" + EXTENSIONS + " extensions loaded");
      } finally {
        daemon.shutdown(Duration.ofSeconds(20));
      }
    }
  }
}
