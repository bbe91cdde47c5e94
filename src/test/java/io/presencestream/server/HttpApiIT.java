package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaders;
import io.presencestream.model.Availability;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceState;
import io.presencestream.sink.Health;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

class HttpApiIT extends ServerTestSupport {

  /** Status, headers and body of one response. */
  record Reply(int status, HttpHeaders headers, String body) {}

  private Reply get(String path, String... headers) {
    return request("GET", path, headers);
  }

  private Reply request(String method, String path, String... headers) {
    return HttpClient.create()
        .headers(h -> {
          for (int i = 0; i < headers.length; i += 2) {
            h.set(headers[i], headers[i + 1]);
          }
        })
        .request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
        .uri(url(path))
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> new Reply(response.status().code(), response.responseHeaders(), text)))
        .block(Duration.ofSeconds(10));
  }

  private static ExtensionState state(String id, long sequence) {
    return new ExtensionState(id, sequence, new PresenceState(Availability.BUSY, null, null, null, null, null, null), List.of(), Instant.EPOCH);
  }

  @Test
  void servesTheStateOfAllExtensionsAndOfOne() {
    start(testOptions());
    states.put("102", state("102", 7));
    states.put("101", state("101", 3));
    Reply all = get("/api/state");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(all.body()).isEqualTo("[{\"extensionId\":\"101\",\"sequence\":3},{\"extensionId\":\"102\",\"sequence\":7}]");
    assertThat(get("/api/state/102").body()).isEqualTo("{\"extensionId\":\"102\",\"sequence\":7}");
  }

  @Test
  void answers404ForAnUnknownExtension() {
    start(testOptions());
    Reply reply = get("/api/state/999");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"unknown extension 999\"}");
    assertThat(get("/api/nothing").status()).isEqualTo(404);
  }

  @Test
  void servesTheDirectory() {
    start(testOptions());
    directory.add(new ExtensionInfo("101", "1001", "Ada \"the\" Admin"));
    assertThat(get("/api/extensions").body())
        .isEqualTo("[{\"extensionId\":\"101\",\"extensionNumber\":\"1001\",\"name\":\"Ada \\\"the\\\" Admin\"}]");
  }

  @Test
  void readinessIs503WithReasonsWhileUpstreamIsDisconnected() {
    start(testOptions());
    assertThat(get("/health/live").status()).isEqualTo(200);
    Reply ready = get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"").contains("\"sink:sse\"");
    upstream = Health.down("disconnected: WSG-1003");
    Reply notReady = get("/health/ready");
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.body())
        .startsWith("{\"status\":\"DOWN\"")
        .contains("\"upstream\":{\"status\":\"DOWN\",\"detail\":\"disconnected: WSG-1003\"}");
    assertThat(get("/health/live").status()).isEqualTo(200);
  }

  @Test
  void metricsParseAsPrometheusTextWithTheDocumentedNames() {
    start(testOptions());
    hub.accept(TestEvents.presence("101", 1));
    get("/api/state");
    Reply reply = get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).startsWith("text/plain; version=0.0.4");
    List<PrometheusText.Sample> samples = PrometheusText.parse(reply.body());
    assertThat(samples).extracting(PrometheusText.Sample::name)
        .contains(
            "presence_sse_clients",
            "presence_sse_events_published_total",
            "presence_sse_events_sent_total",
            "presence_sse_dropped_total",
            "presence_sse_disconnects_total",
            "presence_http_connections",
            "presence_sink_queue_depth",
            "presence_http_requests_total");
    assertThat(samples)
        .filteredOn(s -> s.name().equals("presence_sse_events_published_total"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    assertThat(samples)
        .filteredOn(s -> s.name().equals("presence_http_requests_total") && "state".equals(s.labels().get("route")))
        .singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("status", "200"));
  }

  @Test
  void timesLiveEventsFromTheirReceiptToTheirFrameAndServesTheTimer() {
    start(testOptions().mutate().historySize(100).build());
    // In history before the client joins: replayed on resume, which is not a delivery latency.
    hub.accept(TestEvents.presenceAt("101", 1, java.time.Instant.now().minusSeconds(60)));
    SseClient.connect(url("/events?lastEventId=0"))
        .filter(SseClient.Frame::isEvent)
        .as(reactor.test.StepVerifier::create)
        .assertNext(replayed -> assertThat(replayed.id()).isEqualTo("1"))
        .then(() -> hub.accept(TestEvents.presenceAt("101", 2, java.time.Instant.now().minusMillis(1500))))
        .assertNext(live -> assertThat(live.id()).isEqualTo("2"))
        .thenCancel()
        .verify(Duration.ofSeconds(10));

    io.micrometer.core.instrument.Timer latency = registry.get("presence.sse.delivery.latency").timer();
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(1500.0, 30_000.0);

    String scrape = get("/metrics").body();
    List<PrometheusText.Sample> samples = PrometheusText.parse(scrape);
    assertThat(samples).filteredOn(s -> s.name().equals("presence_sse_delivery_latency_seconds_count"))
        .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    assertThat(samples).filteredOn(s -> s.name().equals("presence_sse_delivery_latency_seconds_bucket"))
        .extracting(s -> s.labels().get("le") + "=" + s.value())
        .contains("1.0=0.0", "2.5=1.0", "+Inf=1.0");
    assertThat(PrometheusText.parse(get("/metrics").body()))
        .filteredOn(s -> s.name().equals("presence_sse_delivery_latency_seconds_count"))
        .as("a scrape changes nothing").singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    assertThat(latency.count()).isEqualTo(1);
  }

  @Test
  void rejectsAMissingOrWrongTokenOnEveryEndpointAndAcceptsTheRightOne() {
    start(testOptions().mutate().bearerToken("s3cret-token").build());
    for (String path : List.of("/api/state", "/api/state/101", "/api/extensions", "/health/live", "/health/ready", "/metrics", "/", "/events")) {
      Reply missing = get(path);
      assertThat(missing.status()).as(path).isEqualTo(401);
      assertThat(missing.headers().get("WWW-Authenticate")).startsWith("Bearer");
      assertThat(missing.body()).contains("\"error\":\"unauthorized\"").doesNotContain("s3cret");
      assertThat(get(path, "Authorization", "Bearer wrong").status()).as(path).isEqualTo(401);
      assertThat(get(path, "Authorization", "Bearer s3cret-token-and-more").status()).as(path).isEqualTo(401);
    }
    assertThat(get("/api/state", "Authorization", "Bearer s3cret-token").status()).isEqualTo(200);
    assertThat(get("/metrics", "Authorization", "bearer s3cret-token").status()).isEqualTo(200);
    assertThat(get("/api/state?access_token=s3cret-token").status()).isEqualTo(200);
  }

  @Test
  void answersCorsPreflightForAllowedOriginsOnly() {
    start(testOptions().mutate().bearerToken("t0k").corsOrigins(List.of("https://wall.example.org")).build());
    Reply preflight =
        request("OPTIONS", "/api/state",
            "Origin", "https://wall.example.org",
            "Access-Control-Request-Method", "GET",
            "Access-Control-Request-Headers", "authorization, last-event-id");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://wall.example.org");
    assertThat(preflight.headers().get("Access-Control-Allow-Methods")).contains("GET");
    assertThat(preflight.headers().get("Access-Control-Allow-Headers")).isEqualTo("authorization, last-event-id");
    assertThat(preflight.headers().get("Vary")).isEqualTo("Origin");

    Reply foreign =
        request("OPTIONS", "/api/state", "Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET");
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.headers().get("Access-Control-Allow-Origin")).isNull();

    Reply simple = get("/api/state", "Origin", "https://wall.example.org", "Authorization", "Bearer t0k");
    assertThat(simple.status()).isEqualTo(200);
    assertThat(simple.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://wall.example.org");
    assertThat(get("/api/state", "Origin", "https://evil.example.com", "Authorization", "Bearer t0k")
        .headers().get("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void servesStaticFilesWithTheirContentTypes() {
    start(testOptions());
    Reply index = get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(index.body()).contains("test wallboard");
    assertThat(get("/index.html").body()).isEqualTo(index.body());
    Reply css = get("/css/site.css");
    assertThat(css.headers().get("Content-Type")).isEqualTo("text/css; charset=utf-8");
    assertThat(css.body()).contains("color: black");
    assertThat(get("/app.js").headers().get("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(get("/missing.js").status()).isEqualTo(404);
    assertThat(get("/css").status()).as("a directory").isEqualTo(404);
    assertThat(get("/dir.css").status()).as("a directory named like a file").isEqualTo(404);
    assertThat(get("/css/").status()).isEqualTo(404);
  }

  @Test
  void rejectsPathTraversal() throws IOException {
    start(testOptions());
    for (String path : List.of(
        "/../static-secret.txt",
        "/css/../../static-secret.txt",
        "/%2e%2e/static-secret.txt",
        "/%2E%2E%2Fstatic-secret.txt",
        "/css%2f..%2f..%2fstatic-secret.txt",
        "/..%5cstatic-secret.txt",
        "/.%2e/static-secret.txt",
        "//static-secret.txt",
        "/css/./site.css",
        "/.hidden.txt",
        "/%00index.html")) {
      String response = rawRequest("GET " + path + " HTTP/1.1");
      assertThat(response).as(path).startsWith("HTTP/1.1 404").doesNotContain("secret\n");
    }
    assertThat(rawRequest("GET /css/site.css HTTP/1.1")).startsWith("HTTP/1.1 200");
  }

  @Test
  void onlyGetIsAllowed() {
    start(testOptions());
    Reply post = request("POST", "/api/state");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.headers().get("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void aPlainOptionsRequestListsTheSameMethodsAsA405() {
    start(testOptions());
    Reply options = request("OPTIONS", "/api/state");
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.headers().get("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void answersHeadWithHeadersOnly() throws IOException {
    start(testOptions());
    String response = rawRequest("HEAD /health/live HTTP/1.1");
    assertThat(response).startsWith("HTTP/1.1 200").contains("content-type: application/json").endsWith("\r\n\r\n");
    assertThat(rawRequest("HEAD /css/site.css HTTP/1.1")).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
    assertThat(rawRequest("HEAD /events HTTP/1.1")).startsWith("HTTP/1.1 405");
  }

  @Test
  void limitsTheRequestSizeWithTheDocumentedJsonErrors() throws IOException {
    start(testOptions().mutate().maxRequestBytes(1024).build());
    assertThat(get("/api/state?pad=" + "x".repeat(500)).status()).isEqualTo(200);
    String longUri = rawRequest("GET /api/state?pad=" + "x".repeat(2000) + " HTTP/1.1");
    assertThat(longUri).startsWith("HTTP/1.1 414").contains("application/json")
        .endsWith("{\"error\":\"request_too_large\",\"message\":\"the request line is longer than 1024 bytes\"}");
    String bigHeader = rawRequest("GET /api/state HTTP/1.1", "X-Big: " + "y".repeat(2000));
    assertThat(bigHeader).startsWith("HTTP/1.1 431")
        .endsWith("{\"error\":\"request_too_large\",\"message\":\"the request headers are larger than 1024 bytes\"}");
    String garbage = rawRequest("GET /api/state HTTP/1.1", "no colon here");
    assertThat(garbage).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"bad_request\",\"message\":\"the request is not valid HTTP\"}");
    String body = rawRequest("GET /api/state HTTP/1.1", "Content-Length: 5", "", "hello");
    assertThat(body).startsWith("HTTP/1.1 413");
  }

  @Test
  void beyondTheLimitHealthIsStillServedAndOtherRequestsGet503WithRetryAfter() throws IOException {
    start(testOptions().mutate().maxConnections(2).build());
    socket(0);
    socket(0);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> registry.get("presence.http.connections").gauge().value() == 2);

    assertThat(rawRequest("GET /health/live HTTP/1.1")).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
    assertThat(rawRequest("GET /health/ready HTTP/1.1")).startsWith("HTTP/1.1 200");
    String refused = rawRequest("GET /api/state HTTP/1.1");
    assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1")
        .endsWith("{\"error\":\"too_many_connections\",\"message\":\"the server has too many open connections; retry later\"}");
    assertThat(registry.get("presence.http.connections.rejected").counter().count()).isEqualTo(3);
  }

  @Test
  void beyondTheHealthReserveANewConnectionGets503NotAReset() throws IOException {
    start(testOptions().mutate().maxConnections(1).build());
    for (int i = 0; i < 1 + ConnectionGuard.HEALTH_RESERVE; i++) {
      socket(0);
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> registry.get("presence.http.connections").gauge().value() == 1 + ConnectionGuard.HEALTH_RESERVE);
    assertThat(rawRequest("GET /health/live HTTP/1.1")).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1")
        .contains("too_many_connections");
  }

  @Test
  void oneAddressCannotTakeEveryConnection() throws IOException {
    start(testOptions().mutate().maxConnections(100).maxConnectionsPerAddress(2).build());
    socket(0);
    socket(0);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> registry.get("presence.http.connections").gauge().value() == 2);
    assertThat(rawRequest("GET /api/state HTTP/1.1")).startsWith("HTTP/1.1 503").contains("too_many_connections");
    assertThat(rawRequest("GET /health/live HTTP/1.1")).startsWith("HTTP/1.1 200");
  }

  @Test
  void aRequestHeadTrickledSlowerThanTheTimeoutIsAnswered408AndClosed() throws Exception {
    start(testOptions().mutate().requestHeadTimeout(Duration.ofMillis(500)).build());
    Socket slow = socket(0);
    slow.getOutputStream().write("GET /api/state HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    long started = System.nanoTime();
    String reply = new String(readToEnd(slow.getInputStream()), StandardCharsets.UTF_8);
    assertThat(reply).startsWith("HTTP/1.1 408").endsWith("{\"error\":\"request_timeout\",\"message\":\"the request head did not arrive in time\"}");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> registry.get("presence.http.connections").gauge().value() == 0);
    // a complete request in time is served, and an open SSE stream is not cut by the head timer
    assertThat(get("/api/state").status()).isEqualTo(200);
  }

  @Test
  void metricsAndReadinessAreComputedOffTheEventLoop() {
    java.util.Set<String> gaugeThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.Set<String> checkThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    io.micrometer.core.instrument.Gauge.builder("test.thread.probe", () -> {
      gaugeThreads.add(Thread.currentThread().getName());
      return 1;
    }).register(registry);
    start(testOptions());
    java.util.function.Supplier<Health> probe = () -> {
      checkThreads.add(Thread.currentThread().getName());
      return Health.up("ok");
    };
    PresenceHttpServer second = PresenceHttpServer.builder(testOptions())
        .hub(hub)
        .states(StateProvider.of(id -> java.util.Optional.empty(), Map::of))
        .stateEncoder(state -> "{}")
        .readiness("probe", probe)
        .metrics(registry)
        .start()
        .block(Duration.ofSeconds(10));
    try {
      String base = second.baseUrl();
      assertThat(HttpClient.create().get().uri(base + "/metrics").responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
          .contains("test_thread_probe");
      assertThat(HttpClient.create().get().uri(base + "/health/ready").responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
          .contains("\"probe\"");
    } finally {
      second.close().block(Duration.ofSeconds(10));
    }
    assertThat(gaugeThreads).isNotEmpty().noneMatch(HttpApiIT::isEventLoop);
    assertThat(checkThreads).isNotEmpty().noneMatch(HttpApiIT::isEventLoop);
  }

  private static boolean isEventLoop(String threadName) {
    return threadName.startsWith("reactor-http") || threadName.startsWith("presence-http");
  }

  @Test
  void healthIsAnsweredWhileEveryEventLoopSharedWithOtherComponentsIsBusy() throws Exception {
    // What the soak saw: a probe now and then waited behind the RingCentral client decoding a snapshot
    // and running the engine on one of Reactor Netty's shared loops, where the server's connections
    // also landed. Keep every shared loop busy until the probe is answered (at most 10 s).
    start(testOptions());
    java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    long releaseAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int loops = 0;
    for (io.netty.util.concurrent.EventExecutor loop : reactor.netty.http.HttpResources.get().onServer(true)) {
      loops++;
      loop.execute(() -> {
        busy.incrementAndGet();
        while (!answered.get() && System.nanoTime() < releaseAt) {
          Thread.onSpinWait();
        }
        busy.decrementAndGet();
      });
    }
    int all = loops;
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> busy.get() == all);

    String reply;
    boolean stillBusy;
    try {
      reply = rawRequest("GET /health/ready HTTP/1.1");
      stillBusy = busy.get() == all;
    } finally {
      answered.set(true);
    }

    assertThat(reply).startsWith("HTTP/1.1 200");
    assertThat(stillBusy).as("answered while all %d shared event loops were still busy", all).isTrue();
  }

  @Test
  void aClosedServerLeavesNoMetersBehind() {
    start(testOptions());
    assertThat(registry.find("presence.http.connections").gauge()).isNotNull();
    server.close().block(Duration.ofSeconds(10));
    assertThat(registry.find("presence.http.connections").meters()).isEmpty();
  }

  @Test
  void bindsToLoopbackByDefault() {
    assertThat(ServerOptions.defaults().host()).isEqualTo("127.0.0.1");
    assertThat(ServerOptions.builder().bearerToken("abc").build().toString()).doesNotContain("abc");
    start(testOptions());
    assertThat(server.host()).isEqualTo("127.0.0.1");
    assertThat(Mono.just(server.baseUrl()).block()).startsWith("http://127.0.0.1:");
    assertThat(Map.of()).isEmpty();
  }
}
