package io.presencestream.daemon;

import static io.presencestream.daemon.DaemonEndToEndIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One daemon, several accounts ({@code sources:}): each account's events and states carry its {@code accountId},
 * {@code ?account=} narrows the HTTP API and SSE to one account, and one account that stops (its simulator gone,
 * its credentials rejected) leaves the others streaming while the readiness check names it.
 */
class DaemonAccountsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final String EAST = "37439510";
  private static final String WEST = "37439511";

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(URI uri) throws Exception {
    HttpResponse<String> response = get(uri);
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Set<String> accountsOf(JsonNode array) {
    List<String> accounts = new ArrayList<>();
    array.forEach(node -> accounts.add(node.path("accountId").asText(null)));
    return Set.copyOf(accounts);
  }

  private Daemon start(String yaml, Map<String, String> env) {
    Daemon daemon = Daemon.start(DaemonConfig.parse(yaml, "test", env));
    closing.add(() -> daemon.shutdown(Duration.ofSeconds(20)));
    return daemon;
  }

  private static Daemon twoSimulatedAccountsDaemon(DaemonAccountsIT test) {
    return test.start("""
        sources:
          - name: east
            simulator: {extensions: 3, eventsPerSecond: 0, seed: 1}
          - name: west
            simulator: {extensions: 4, eventsPerSecond: 0, seed: 2}
        server: {port: 0}
        """, Map.of());
  }

  @Test
  void twoSimulatedAccountsAreServedSideBySideEachEventAndStateWithItsAccount() throws Exception {
    Daemon daemon = twoSimulatedAccountsDaemon(this);
    URI base = daemon.url();
    awaitTrue("both accounts ready", Duration.ofSeconds(60), () -> get(base.resolve("health/ready")).statusCode() == 200);

    JsonNode states = json(base.resolve("api/state"));
    assertThat(states).hasSize(7);
    assertThat(accountsOf(states)).containsExactlyInAnyOrder(EAST, WEST);
    for (JsonNode state : states) {
      // the simulated accounts' ids lie apart, as RingCentral's are unique across accounts
      assertThat(state.get("extensionId").asText()).startsWith(state.get("accountId").asText().equals(EAST) ? "62" : "63");
    }
    JsonNode west = json(base.resolve("api/state?account=" + WEST));
    assertThat(west).hasSize(4);
    assertThat(accountsOf(west)).containsExactly(WEST);
    assertThat(json(base.resolve("api/extensions?account=" + EAST))).hasSize(3);
    assertThat(json(base.resolve("api/extensions"))).hasSize(7);
    String westExtension = west.get(0).get("extensionId").asText();
    assertThat(json(base.resolve("api/state/" + westExtension + "?account=" + WEST)).get("accountId").asText()).isEqualTo(WEST);
    assertThat(get(base.resolve("api/state/" + westExtension + "?account=" + EAST)).statusCode())
        .as("an extension of another account is unknown in this one").isEqualTo(400);

    HttpResponse<String> unknown = get(base.resolve("api/state?account=999"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown_account");
    assertThat(unknown.body()).contains("served: " + EAST + ", " + WEST);
    assertThat(get(base.resolve("api/sessions?account=999")).statusCode()).isEqualTo(400);

    try (SseRecorder onlyWest = SseRecorder.connect(base, "account=" + WEST, null);
        SseRecorder everyone = SseRecorder.connect(base, null, null)) {
      daemon.simulators().get("east").traffic().step(40);
      daemon.simulators().get("west").traffic().step(40);
      awaitTrue("events of both accounts", Duration.ofSeconds(30), () -> accountsOfFrames(everyone).size() == 2);
      awaitTrue("events of west", Duration.ofSeconds(30), () -> !onlyWest.frames().isEmpty());
      assertThat(accountsOfFrames(onlyWest)).containsExactly(WEST);
    }
    HttpResponse<String> badSse = get(base.resolve("events?account=1"));
    assertThat(badSse.statusCode()).isEqualTo(400);
    assertThat(badSse.body()).contains("unknown_account");

    // the contact-centre view follows the first account: its agents are east's, its events carry east's id
    JsonNode agents = json(base.resolve("api/agents"));
    assertThat(agents).hasSize(3);
    agents.forEach(agent -> assertThat(agent.get("extensionId").asText()).startsWith("62"));

    String metrics = get(base.resolve("metrics")).body();
    assertThat(metrics).contains("account=\"east\"").contains("account=\"west\"");
  }

  private static Set<String> accountsOfFrames(SseRecorder sse) throws Exception {
    Set<String> accounts = new java.util.HashSet<>();
    for (SseRecorder.Frame frame : sse.frames()) {
      if (frame.data() != null && frame.data().startsWith("{\"kind\"")) {
        accounts.add(JSON.readTree(frame.data()).path("accountId").asText("(none)"));
      }
    }
    return accounts;
  }

  @Test
  void oneAccountsSimulatorStoppedLeavesTheOtherStreamingAndReadinessSaysWhich() throws Exception {
    Daemon daemon = twoSimulatedAccountsDaemon(this);
    URI base = daemon.url();
    awaitTrue("both accounts ready", Duration.ofSeconds(60), () -> get(base.resolve("health/ready")).statusCode() == 200);

    daemon.simulators().get("east").stop().block(Duration.ofSeconds(20));
    awaitTrue("east down", Duration.ofSeconds(30), () -> {
      JsonNode checks = JSON.readTree(get(base.resolve("health/ready")).body()).get("checks");
      return !checks.get("upstream:east").get("status").asText().equals("UP");
    });
    HttpResponse<String> ready = get(base.resolve("health/ready"));
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonNode checks = JSON.readTree(ready.body()).get("checks");
    assertThat(checks.get("upstream:west").get("status").asText().equals("UP")).as(ready.body()).isTrue();

    try (SseRecorder sse = SseRecorder.connect(base, null, null)) {
      daemon.simulators().get("west").traffic().step(40);
      awaitTrue("west streams on", Duration.ofSeconds(30), () -> accountsOfFrames(sse).contains(WEST));
      assertThat(accountsOfFrames(sse)).containsExactly(WEST);
    }
  }

  @Test
  void aRealAccountsIdIsReadOverRestAndRejectedCredentialsStopOnlyTheirAccount() throws Exception {
    RingCentralSimulator office = RingCentralSimulator.start(
        SimulatorOptions.builder().accountId("555000").extensions(2).eventsPerSecond(0).port(0).build());
    closing.add(office);
    SimulatorCredentials c = office.credentials();
    Daemon daemon = start("""
        sources:
          - name: office
            ringcentral:
              serverUrl: "%1$s"
              extensions: all
              credentials: {clientIdEnv: OFFICE_ID, clientSecretEnv: OFFICE_SECRET, jwtEnv: OFFICE_JWT}
          - name: revoked
            ringcentral:
              serverUrl: "%1$s"
              extensions: all
              credentials: {clientIdEnv: OFFICE_ID, clientSecretEnv: OFFICE_SECRET, jwtEnv: REVOKED_JWT}
        server: {port: 0}
        """.formatted(office.baseUrl()),
        Map.of("OFFICE_ID", c.clientId(), "OFFICE_SECRET", c.clientSecret(), "OFFICE_JWT", c.jwt(),
            "REVOKED_JWT", "eyJ.not-a-valid-jwt"));
    URI base = daemon.url();

    awaitTrue("the office's states, with its account", Duration.ofSeconds(60),
        () -> json(base.resolve("api/state?account=555000")).size() == 2);
    assertThat(accountsOf(json(base.resolve("api/state")))).containsExactly("555000");
    awaitTrue("the revoked account stopped", Duration.ofSeconds(60), () -> {
      JsonNode revoked = JSON.readTree(get(base.resolve("health/ready")).body()).get("checks").get("upstream:revoked");
      return revoked.get("detail").asText().startsWith("stopped");
    });
    JsonNode checks = JSON.readTree(get(base.resolve("health/ready")).body()).get("checks");
    assertThat(checks.get("upstream:office").get("status").asText().equals("UP")).as(checks.toString()).isTrue();
    assertThat(checks.get("upstream:revoked").get("status").asText().equals("UP")).isFalse();
    assertThat(checks.toString()).doesNotContain("eyJ.not-a-valid-jwt");

    try (SseRecorder sse = SseRecorder.connect(base, "account=555000", null)) {
      office.traffic().step(30);
      awaitTrue("the office streams on", Duration.ofSeconds(30), () -> !sse.frames().isEmpty());
      assertThat(accountsOfFrames(sse)).containsExactly("555000");
    }
    assertThat(daemon.simulators()).isEmpty();
    assertThat(Set.copyOf(List.of("office", "revoked"))).isEqualTo(
        JSON.readTree(get(base.resolve("health/ready")).body()).get("checks").properties().stream()
            .map(Map.Entry::getKey).filter(k -> k.startsWith("upstream:")).map(k -> k.substring(9))
            .collect(Collectors.toSet()));
  }

  @Test
  void twoEntriesThatTurnOutToBeOneAccountServeItOnceAndTheOtherSaysWhy() throws Exception {
    RingCentralSimulator office = RingCentralSimulator.start(
        SimulatorOptions.builder().accountId("555000").extensions(2).eventsPerSecond(0).port(0).build());
    closing.add(office);
    SimulatorCredentials c = office.credentials();
    Daemon daemon = start("""
        sources:
          - name: office
            ringcentral: {serverUrl: "%s", extensions: all}
          - name: lookalike
            simulator: {accountId: 555000, extensions: 3, eventsPerSecond: 0}
        server: {port: 0}
        """.formatted(office.baseUrl()),
        Map.of("RINGCENTRAL_CLIENT_ID", c.clientId(), "RINGCENTRAL_CLIENT_SECRET", c.clientSecret(),
            "RINGCENTRAL_JWT", c.jwt()));
    URI base = daemon.url();

    awaitTrue("one of the two refused", Duration.ofSeconds(60), () -> {
      JsonNode checks = JSON.readTree(get(base.resolve("health/ready")).body()).get("checks");
      return checks.toString().contains("which another entry of sources: serves already");
    });
    JsonNode checks = JSON.readTree(get(base.resolve("health/ready")).body()).get("checks");
    long refused = List.of("upstream:office", "upstream:lookalike").stream()
        .filter(name -> checks.get(name).get("detail").asText().contains("serves already")).count();
    assertThat(refused).as(checks.toString()).isEqualTo(1);
    assertThat(JSON.readTree(get(base.resolve("api/state?account=1")).body()).get("message").asText())
        .isEqualTo("unknown account '1' (served: 555000)");
  }
}
