package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ExtensionState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's control API under {@code /_sim/}, over real HTTP, as another process would use it. */
class SimulatorControlApiIT {

  private static final Duration T = Duration.ofSeconds(10);

  private RingCentralSimulator sim;
  private SimClient client;
  private final PresenceCodec codec = PresenceCodec.create();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    sim = RingCentralSimulator.start(SimulatorOptions.builder().extensions(12).eventsPerSecond(0).seed(3).build());
    client = new SimClient(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void truthIsTheGroundTruthAsStateJsonSortedByExtensionId() throws Exception {
    sim.traffic().step(300);

    SimClient.Response res = client.request(HttpMethod.GET, "/_sim/truth", null, null);

    assertThat(res.status()).isEqualTo(200);
    assertThat(res.headers().get("Content-Type")).startsWith("application/json");
    List<ExtensionState> expected = new ArrayList<>(sim.groundTruth().values());
    expected.sort(Comparator.comparing(ExtensionState::extensionId));
    assertThat(expected).hasSize(12).anySatisfy(s -> assertThat(s.calls()).isNotEmpty());
    List<ExtensionState> served = new ArrayList<>();
    for (JsonNode state : json.readTree(res.body())) {
      served.add(codec.decodeState(json.writeValueAsString(state)));
    }
    assertThat(served).isEqualTo(expected);
    assertThat(new String(res.body(), StandardCharsets.UTF_8))
        .isEqualTo("[" + String.join(",", expected.stream().map(codec::encodeState).toList()) + "]");
  }

  @Test
  void trafficRateStartsAndZeroPausesTheGenerator() throws Exception {
    SimClient.Response started = client.request(HttpMethod.POST, "/_sim/traffic?rate=200", null, null);

    assertThat(started.status()).isEqualTo(200);
    assertThat(json.readTree(started.body()).get("rate").asDouble()).isEqualTo(200.0);
    assertThat(sim.traffic().rate()).isEqualTo(200.0);
    await().atMost(T).until(() -> sim.traffic().steps() > 20);

    SimClient.Response paused = client.request(HttpMethod.POST, "/_sim/traffic?rate=0", null, null);

    assertThat(paused.status()).isEqualTo(200);
    assertThat(json.readTree(paused.body()).get("rate").asDouble()).isZero();
    assertThat(sim.traffic().running()).isFalse();
    long after = sim.traffic().steps();
    sim.traffic().step(); // a step by hand still works; only the timer is off
    assertThat(sim.traffic().steps()).isEqualTo(after + 1);
  }

  @Test
  void badRatesAreRefusedWithAJsonError() throws Exception {
    for (String rate : List.of("fast", "-1", "10001", "NaN", "")) {
      SimClient.Response res = client.request(HttpMethod.POST, "/_sim/traffic?rate=" + rate, null, null);

      assertThat(res.status()).as(rate).isEqualTo(400);
      assertThat(json.readTree(res.body()).get("error").asText()).isEqualTo("bad_rate");
    }
    assertThat(sim.traffic().running()).isFalse();
  }

  @Test
  void faultsApplyAnyWordOfTheFaultScript() throws Exception {
    WsProbe probe = client.connect();
    client.subscribeAll(probe);
    await().atMost(T).until(() -> sim.stats().subscribedConnections() == 1);

    SimClient.Response drop = client.request(HttpMethod.POST, "/_sim/faults?apply=drop", null, null);

    assertThat(drop.status()).isEqualTo(200);
    assertThat(json.readTree(drop.body()).get("applied").asText()).isEqualTo("drop");
    assertThat(probe.awaitEnd(T)).as("the client's socket was closed").isTrue();
    assertThat(sim.stats().connections()).isZero();
  }

  @Test
  void faultsOfTheRingCentralApiDoNotTouchTheControlApi() throws Exception {
    SimClient.Response limit = client.request(HttpMethod.POST, "/_sim/faults?apply=429%3D1%2F7", null, null);
    SimClient.Response truth = client.request(HttpMethod.GET, "/_sim/truth", null, null);
    SimClient.Response rest = client.request(HttpMethod.GET, "/restapi/v1.0/account/~/extension", null, null);

    assertThat(limit.status()).isEqualTo(200);
    assertThat(truth.status()).as("the control API is not rate limited").isEqualTo(200);
    assertThat(rest.status()).isEqualTo(429);
    assertThat(rest.headers().get("Retry-After")).isEqualTo("7");
  }

  @Test
  void unknownFaultsAreA400WithAJsonError() throws Exception {
    for (String fault : List.of("meteor", "skip%3Dmany", "refuse-recovery%3DWSG-1", "")) {
      SimClient.Response res = client.request(HttpMethod.POST, "/_sim/faults?apply=" + fault, null, null);

      assertThat(res.status()).as(fault).isEqualTo(400);
      JsonNode body = json.readTree(res.body());
      assertThat(body.get("error").asText()).isEqualTo("unknown_fault");
      assertThat(body.get("message").asText()).isNotBlank();
    }
  }

  @Test
  void wrongMethodsAndPathsAreJsonErrors() throws Exception {
    SimClient.Response get = client.request(HttpMethod.GET, "/_sim/traffic?rate=1", null, null);
    SimClient.Response post = client.request(HttpMethod.POST, "/_sim/truth", null, null);
    SimClient.Response unknown = client.request(HttpMethod.GET, "/_sim/nothing", null, null);

    assertThat(get.status()).isEqualTo(405);
    assertThat(get.headers().get("Allow")).isEqualTo("POST");
    assertThat(post.status()).isEqualTo(405);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(json.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
    assertThat(sim.traffic().running()).isFalse();
  }
}
