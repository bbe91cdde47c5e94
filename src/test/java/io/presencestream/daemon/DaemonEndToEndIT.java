package io.presencestream.daemon;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Call;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.simulator.RingCentralSimulator;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon on its simulator, watched from outside through the SSE endpoint as any client would. */
@Timeout(120)
class DaemonEndToEndIT {

  private static final int EXTENSIONS = 12;
  private static final PresenceCodec CODEC = PresenceCodec.create();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Daemon daemon;

  private Daemon start(String yaml) {
    daemon = Daemon.start(DaemonConfig.parse(yaml, "test", Map.of()));
    return daemon;
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  @Test
  void sseClientDerivesTheSimulatorsGroundTruth() throws Exception {
    start("""
        source: {simulator: {extensions: %d, eventsPerSecond: 0, seed: 7}}
        server: {port: 0, sse: {clientBuffer: 10000, history: 10000}}
        """.formatted(EXTENSIONS));
    RingCentralSimulator simulator = daemon.simulator().orElseThrow();
    awaitTrue("the initial snapshot of every extension", Duration.ofSeconds(30),
        () -> daemon.states().size() == EXTENSIONS);

    try (SseRecorder sse = SseRecorder.connect(daemon.url(), null, null)) {
      assertThat(sse.status()).isEqualTo(200);
      Map<String, DerivedState> derived = new HashMap<>();
      for (ExtensionState state : readStates(daemon.url())) {
        derived.put(state.extensionId(), new DerivedState(state));
      }

      simulator.traffic().start(60);
      awaitTrue("some calls to start and end", Duration.ofSeconds(30), () -> count(sse, "call.ended") >= 10);
      simulator.traffic().stop();

      Map<String, ExtensionState> truth = comparable(simulator.groundTruth());
      await("the stream to announce the truth").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(announced(comparable(apply(derived, sse.frames())))).isEqualTo(announced(truth)));
      assertThat(comparable(daemon.states())).as("the engine's state").isEqualTo(truth);
      // Presence events announce the derived status and the raw triple (userStatus, dndStatus,
      // presenceStatus); telephony, meeting status and message change silently (SEMANTICS §4).
      Map<String, ExtensionState> fromEvents = announced(comparable(apply(derived, sse.frames())));
      assertThat(differences(fromEvents, announced(truth)))
          .as("the state derived from SSE events, where it differs from the truth").isEmpty();

      List<SseRecorder.Frame> frames = sse.frames();
      assertThat(frames).extracting(SseRecorder.Frame::event).contains("presence", "call.new", "call.ended");
      for (int i = 1; i < frames.size(); i++) {
        assertThat(frames.get(i).id()).as("ids are monotonic").isGreaterThan(frames.get(i - 1).id());
      }
      for (SseRecorder.Frame frame : frames) {
        assertThat(CODEC.decodeEvent(frame.data()).kind().label()).isEqualTo(frame.event());
      }
    }
  }

  @Test
  void shutdownStopsTheSourceDrainsSinksAndEndsStreams(@TempDir Path dir) throws Exception {
    Path lines = dir.resolve("events.jsonl");
    start("""
        source: {simulator: {extensions: %d, eventsPerSecond: 50}}
        server: {port: 0}
        sinks: {jsonLines: {target: %s}}
        """.formatted(EXTENSIONS, lines));
    URI url = daemon.url();
    SseRecorder sse = SseRecorder.connect(url, null, null);
    awaitTrue("events on the stream", Duration.ofSeconds(30), () -> sse.frames().size() >= 20);

    daemon.close().block(Duration.ofSeconds(20)); // traffic still running: nothing may be lost in the stop
    assertThat(daemon.awaitTermination()).isNull();

    assertThat(sse.awaitEnd(Duration.ofSeconds(5))).as("the SSE stream ended").isTrue();
    List<String> written = Files.readAllLines(lines);
    List<String> streamed = sse.frames().stream().map(SseRecorder.Frame::data).toList();
    assertThat(streamed).isNotEmpty();
    assertThat(written).as("every event the hub sent was flushed to the JSON-lines file")
        .endsWith(streamed.toArray(String[]::new));
    assertThat(daemon.simulator().orElseThrow().stats().connections()).isZero();
    try {
      HTTP.send(HttpRequest.newBuilder(url.resolve("health/live")).build(), HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("the HTTP server still answers after shutdown");
    } catch (ConnectException expected) {
      // closed
    }
    sse.close();
  }

  @Test
  void servesDirectoryStateHealthAndWallboard() throws Exception {
    start("source: {simulator: {extensions: %d, eventsPerSecond: 5}}\nserver: {port: 0}".formatted(EXTENSIONS));
    awaitTrue("readiness", Duration.ofSeconds(30), () -> get(daemon.url().resolve("health/ready")).statusCode() == 200);
    awaitTrue("the directory", Duration.ofSeconds(30),
        () -> JSON.readTree(get(daemon.url().resolve("api/extensions")).body()).size() == EXTENSIONS);
    JsonNode directory = JSON.readTree(get(daemon.url().resolve("api/extensions")).body());
    assertThat(directory.get(0).get("name").asText()).isNotBlank();
    awaitTrue("every extension's state", Duration.ofSeconds(30), () -> readStates(daemon.url()).size() == EXTENSIONS);
    HttpResponse<String> page = get(daemon.url());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("'app.js' + suffix");
    assertThat(get(daemon.url().resolve("app.js")).body()).contains("new EventSource");
    assertThat(get(daemon.url().resolve("metrics")).body()).contains("presence_");
  }

  @Test
  void metricsIncludeTheJvmTheProcessAndTheRunningVersion() throws Exception {
    start("source: {simulator: {extensions: 2, eventsPerSecond: 0}}\nserver: {port: 0}");

    String metrics = get(daemon.url().resolve("metrics")).body();

    assertThat(metrics)
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads ")
        .contains("jvm_gc_")
        .contains("process_cpu_usage ")
        .contains("process_uptime_seconds ")
        .contains("system_cpu_count ")
        .containsPattern("presence_build_info\\{[^}]*version=\"[^\"]+\"[^}]*\\} 1(\\.0)?\\n");
  }

  @Test
  void aTokenFromTheEnvironmentGuardsEveryEndpoint() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse(
        "source: {simulator: {extensions: 3}}\nserver: {port: 0, auth: {required: true}}",
        "test", Map.of("PRESENCE_STREAM_TOKEN", "wall-secret")));
    assertThat(get(daemon.url().resolve("api/state")).statusCode()).isEqualTo(401);
    assertThat(get(daemon.url().resolve("api/state?access_token=wall-secret")).statusCode()).isEqualTo(200);
    try (SseRecorder sse = SseRecorder.connect(daemon.url(), null, "wall-secret")) {
      assertThat(sse.status()).isEqualTo(200);
    }
  }

  @Test
  void stopsByItselfWhenTheSourceFailsForGood() throws Exception {
    try (RingCentralSimulator account = RingCentralSimulator.start(
        io.presencestream.simulator.SimulatorOptions.builder().extensions(3).eventsPerSecond(0).build())) {
      daemon = Daemon.start(DaemonConfig.parse(
          "source: {ringcentral: {serverUrl: '%s', extensions: all}}%nserver: {port: 0}".formatted(account.baseUrl()),
          "test",
          Map.of("RINGCENTRAL_CLIENT_ID", account.credentials().clientId(),
              "RINGCENTRAL_CLIENT_SECRET", "not-the-secret-42",
              "RINGCENTRAL_JWT", account.credentials().jwt())));
      Throwable failure = java.util.concurrent.CompletableFuture.supplyAsync(daemon::awaitTermination)
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(io.presencestream.ringcentral.PermanentRingCentralException.class);
      assertThat(String.valueOf(failure.getMessage())).doesNotContain("not-the-secret-42");
      assertThat(get(daemon.url().resolve("health/ready")).statusCode()).isEqualTo(503);
    }
  }

  // --- helpers ---

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<ExtensionState> readStates(URI base) throws Exception {
    List<ExtensionState> states = new ArrayList<>();
    for (JsonNode node : JSON.readTree(get(base.resolve("api/state")).body())) {
      states.add(CODEC.decodeState(node.toString()));
    }
    return states;
  }

  private static long count(SseRecorder sse, String event) {
    return sse.frames().stream().filter(f -> f.event().equals(event)).count();
  }

  /** What a client knows after applying events, in order, on top of the states it read. */
  private static final class DerivedState {
    private final String extensionId;
    private io.presencestream.model.PresenceState presence;
    private final Map<String, Call> calls = new LinkedHashMap<>();

    DerivedState(ExtensionState state) {
      extensionId = state.extensionId();
      presence = state.presence();
      state.calls().forEach(call -> calls.put(key(call), call));
    }

    DerivedState copy() {
      DerivedState copy = new DerivedState(new ExtensionState(extensionId, null, presence, List.of(), Instant.EPOCH));
      copy.calls.putAll(calls);
      return copy;
    }

    void apply(PresenceEvent event) {
      if (event instanceof PresenceEvent.PresenceChanged changed) {
        presence = changed.presence();
      } else if (event instanceof PresenceEvent.CallEnded ended) {
        calls.remove(key(ended.call()));
      } else if (event instanceof PresenceEvent.CallEvent call) {
        calls.put(key(call.call()), call.call());
      }
    }

    /** The engine tells calls apart by session id and direction (a call to yourself has both). */
    private static String key(Call call) {
      return call.sessionId() + "/" + call.direction();
    }

    ExtensionState state() {
      return new ExtensionState(extensionId, null, presence, List.copyOf(calls.values()), Instant.EPOCH);
    }
  }

  private static Map<String, ExtensionState> apply(Map<String, DerivedState> base, List<SseRecorder.Frame> frames) {
    Map<String, DerivedState> states = new HashMap<>();
    base.forEach((id, state) -> states.put(id, state.copy()));
    for (SseRecorder.Frame frame : frames) {
      PresenceEvent event = CODEC.decodeEvent(frame.data());
      if (event instanceof io.presencestream.model.SessionEvent || event instanceof io.presencestream.model.ContactCentreEvent) {
        // the telephony-session feed and the contact-centre view (both on in the default): no part of the
        // state derived here, and they also name extensions that have no presence (a call queue)
        continue;
      }
      states.computeIfAbsent(event.extensionId(),
          id -> new DerivedState(new ExtensionState(id, null, null, List.of(), Instant.EPOCH))).apply(event);
    }
    return states.values().stream().collect(Collectors.toMap(s -> s.extensionId, DerivedState::state));
  }

  private static Map<String, String> differences(Map<String, ExtensionState> actual, Map<String, ExtensionState> expected) {
    Map<String, String> differences = new java.util.TreeMap<>();
    for (String id : new java.util.TreeSet<>(expected.keySet())) {
      if (!java.util.Objects.equals(actual.get(id), expected.get(id))) {
        differences.put(id, "\n  actual:   " + actual.get(id) + "\n  expected: " + expected.get(id));
      }
    }
    actual.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id -> differences.put(id, "unexpected"));
    return differences;
  }

  /** The parts of each state that events announce. */
  private static Map<String, ExtensionState> announced(Map<String, ExtensionState> states) {
    return states.values().stream().collect(Collectors.toMap(ExtensionState::extensionId, s -> {
      io.presencestream.model.PresenceState p = s.presence();
      return new ExtensionState(s.extensionId(), s.sequence(),
          new io.presencestream.model.PresenceState(p.status(), p.userStatus(), p.dndStatus(), p.presenceStatus(), null, null, null),
          s.calls(), s.updatedAt());
    }));
  }

  private static Map<String, ExtensionState> comparable(Map<String, ExtensionState> states) {
    return states.values().stream()
        .collect(Collectors.toMap(ExtensionState::extensionId, RingCentralSimulator::comparable));
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /** Waits (Awaitility) until the condition holds; the failure names {@code what}. */
  static void awaitTrue(String what, Duration timeout, Condition condition) {
    await(what).atMost(timeout).until(condition::holds);
  }

}
