package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.testing.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The daemon's sinks as an operator meets them: the start-up log, the metrics, a shutdown against a hung webhook. */
@Timeout(120)
class DaemonSinksIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private Daemon daemon;
  private final List<DisposableServer> receivers = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
    receivers.forEach(DisposableServer::disposeNow);
  }

  /** A webhook receiver on a real socket: answers 2xx at once, or never ({@code hang}). */
  private int receiver(boolean hang) {
    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
          requests.incrementAndGet();
          return hang ? Mono.never() : response.status(204).send().then();
        }))
        .bindNow();
    receivers.add(server);
    return server.port();
  }

  @Test
  void startLogsOneReadableLinePerSourceSinkAndEndpointAndNoSecret() throws Exception {
    int port = receiver(false);
    Path lines = dir.resolve("events.jsonl");
    Path deadLetters = dir.resolve("dead.jsonl");
    try (CapturedLog log = CapturedLog.start()) {
      daemon = Daemon.start(DaemonConfig.parse("""
          source: {simulator: {extensions: 3, eventsPerSecond: 0}}
          server: {port: 0, corsOrigins: ['https://wall.example.org']}
          sinks:
            jsonLines: {target: %s}
            webhooks:
              - url: http://127.0.0.1:%d/hook?token=hook-secret
                deadLetterFile: %s
          """.formatted(lines, port, deadLetters), "test", Map.of("PRESENCE_STREAM_TOKEN", "bearer-secret")));
      String base = daemon.url().toString().replaceAll("/$", "");

      assertThat(log.linesWith("HTTP server listening on ")).singleElement().asString()
          .endsWith("HTTP server listening on " + base + " (SSE /events, state /api/state, metrics /metrics,"
              + " health /health/ready, wallboard /, auth: bearer token, CORS: https://wall.example.org)");
      assertThat(log.linesWith("presence-stream: source: ")).singleElement().asString()
          .containsPattern("presence-stream: source: the built-in simulator at http://127\\.0\\.0\\.1:\\d+, every extension,"
              + " with telephony sessions \\(scope auto\\)$");
      assertThat(log.linesWith("presence-stream: sink ")).containsExactly(
          log.linesWith("presence-stream: sink jsonl: JSON lines to " + lines).get(0),
          log.linesWith("presence-stream: sink webhook-0: webhook http://127.0.0.1:" + port + "/hook, dead letters to "
              + deadLetters.toAbsolutePath()).get(0));
      assertThat(log.text()).doesNotContain("ServerOptions[", "bearer-secret", "hook-secret");
    }
  }

  @Test
  void metricsCarryTheSseAndWebhookDeliveryLatencies() throws Exception {
    int port = receiver(false);
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 3, eventsPerSecond: 0}}
        server: {port: 0}
        sinks:
          webhooks:
            - url: http://127.0.0.1:%d/hook
              deadLetterFile: %s
        """.formatted(port, dir.resolve("dead.jsonl")), "test", Map.of()));
    try (SseRecorder sse = SseRecorder.connect(daemon.url(), null, null)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> daemon.states().size() == 3);
      daemon.simulator().orElseThrow().traffic().step(20);
      await("events on the stream").atMost(Duration.ofSeconds(30)).until(() -> !sse.frames().isEmpty());
      await("events at the webhook").atMost(Duration.ofSeconds(30)).until(() -> requests.get() > 0);

      await("both timers on /metrics").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        String metrics = get(daemon.url().resolve("metrics")).body();
        assertThat(sample(metrics, "presence_sse_delivery_latency_seconds_count")).isPositive();
        assertThat(sample(metrics, "presence_webhook_delivery_latency_seconds_count{sink=\"webhook-0\"}")).isPositive();
        assertThat(metrics).contains("presence_webhook_delivery_latency_seconds_bucket{sink=\"webhook-0\",le=\"0.1\"}");
      });
    }
  }

  @Test
  void aHungWebhookIsDeadLetteredWithinTheShutdownTimeoutAndTheSummarySaysSo() throws Exception {
    int port = receiver(true);
    Path lines = dir.resolve("events.jsonl");
    Path deadLetters = dir.resolve("dead.jsonl");
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 6, eventsPerSecond: 20}}
        server: {port: 0}
        sinks:
          jsonLines: {target: %s}
          webhooks:
            - url: http://127.0.0.1:%d/hook
              timeout: 5m
              deadLetterFile: %s
        """.formatted(lines, port, deadLetters), "test", Map.of()));
    await("the first POST hangs").atMost(Duration.ofSeconds(30)).until(() -> requests.get() == 1);
    await("more events queued behind it").atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(lines) && Files.readAllLines(lines).size() >= 10);

    try (CapturedLog log = CapturedLog.start()) {
      long started = System.nanoTime();
      assertThat(daemon.shutdown(Duration.ofSeconds(5))).as("the shutdown finished in time").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));

      // Every event the engine emitted (the JSON-lines sink has them all, flushed on close) is in the
      // dead-letter file, in order: the one in flight and everything queued behind it.
      List<String> emitted = Files.readAllLines(lines);
      List<String> deadLettered = Files.readAllLines(deadLetters);
      assertThat(deadLettered).hasSameSizeAs(emitted);
      for (int i = 0; i < emitted.size(); i++) {
        JsonNode line = JSON.readTree(deadLettered.get(i));
        assertThat(line.get("reason").asText()).isEqualTo("not delivered before shutdown");
        assertThat(line.get("event")).isEqualTo(JSON.readTree(emitted.get(i)));
      }
      int total = emitted.size();
      assertThat(log.linesWith("sink webhook-0: ", "not delivered within")).singleElement().asString()
          .contains(total + " event(s) for http://127.0.0.1:" + port + "/hook not delivered within")
          .contains("(1 in flight, " + (total - 1) + " queued): dead-lettered to " + deadLetters.toAbsolutePath());
      assertThat(log.linesWith("presence-stream: sink webhook-0 closed: ")).singleElement().asString()
          .endsWith("presence-stream: sink webhook-0 closed: " + total + " event(s) dead-lettered, nothing dropped");
      assertThat(log.linesWith("presence-stream: sink jsonl closed: ")).singleElement().asString()
          .endsWith("nothing dropped");
    }
    daemon = null;
  }

  private static double sample(String metrics, String series) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
