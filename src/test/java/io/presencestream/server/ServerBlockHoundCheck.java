package io.presencestream.server;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.EventSinks;
import io.presencestream.sink.JsonLinesSinkOptions;
import io.presencestream.sink.WebhookSinkOptions;
import io.presencestream.testing.BlockHoundSupport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * Runs the server and the sinks under BlockHound: no blocking call on event loops or Reactor's parallel
 * threads. Needs {@code -XX:+AllowRedefinitionToAddDeleteMethods} on JDK 13+, so it runs in its own
 * Surefire execution ({@code *BlockHoundCheck}), where BlockHound cannot disturb other tests.
 */
class ServerBlockHoundCheck {

  private static final List<String> blockingCalls = BlockHoundSupport.blockingCalls();

  @TempDir Path dir;

  @BeforeAll
  static void installBlockHound() {
    BlockHoundSupport.install();
  }

  /** Heartbeats sent on the hub's non-blocking timer once the stream has gone quiet. */
  private static long heartbeatsAfterTheLastEvent(List<SseClient.Frame> frames) {
    long heartbeats = 0;
    for (SseClient.Frame frame : frames) {
      if (frame.isEvent()) {
        heartbeats = 0;
      } else if (frame.comments().contains("heartbeat")) {
        heartbeats++;
      }
    }
    return heartbeats;
  }

  @Test
  void detectsABlockingCallOnAnEventLoop() {
    int before = blockingCalls.size();
    Mono.fromRunnable(BlockHoundSupport::sleepBriefly)
        .subscribeOn(Schedulers.parallel())
        .block(Duration.ofSeconds(5));
    assertThat(blockingCalls).hasSizeGreaterThan(before);
    blockingCalls.subList(before, blockingCalls.size()).clear();
  }

  @Test
  void serverAndSinksNeverBlockNonBlockingThreads() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerOptions options = ServerOptions.builder()
        .port(0)
        .staticRoot("static-test")
        .heartbeatInterval(Duration.ofMillis(50))
        .build();
    EventHub hub = EventHub.create(options, TestEvents.encoder(), registry, 1);
    PresenceHttpServer server = PresenceHttpServer.builder(options)
        .hub(hub)
        .states(StateProvider.of(id -> Optional.empty(), Map::of))
        .stateEncoder(state -> "{}")
        .metrics(registry)
        .start()
        .block(Duration.ofSeconds(10));
    AtomicInteger requests = new AtomicInteger();
    DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().then(response.status(requests.incrementAndGet() <= 2 ? 503 : 200).send()))
        .bindNow();
    DisposableServer failing = HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().then(response.status(500).send()))
        .bindNow();
    Path deadLetters = dir.resolve("dead.jsonl");
    EventSink webhook = EventSinks.webhook(
        WebhookSinkOptions.builder(URI.create("http://127.0.0.1:" + receiver.port() + "/ok"))
            .urls(List.of(
                URI.create("http://127.0.0.1:" + receiver.port() + "/ok"),
                URI.create("http://127.0.0.1:" + failing.port() + "/fail")))
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(20))
            .batchSize(5)
            .deadLetterFile(deadLetters)
            .build(),
        TestEvents.encoder(), registry);
    EventSink lines = EventSinks.jsonLines(JsonLinesSinkOptions.file(dir.resolve("events.jsonl")), TestEvents.encoder(), registry);
    try {
      List<SseClient.Frame> frames = new CopyOnWriteArrayList<>();
      var subscription = SseClient.connect(server.baseUrl() + "/events").subscribe(frames::add);
      await("the SSE client to join the hub").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
          .until(() -> hub.clientCount() > 0);
      // Events arrive on a Reactor parallel thread, like an engine on a non-blocking scheduler.
      Flux.range(0, 20)
          .publishOn(Schedulers.parallel())
          .doOnNext(i -> {
            hub.accept(TestEvents.presence("101", i));
            webhook.accept(TestEvents.presence("101", i));
            lines.accept(TestEvents.presence("101", i));
          })
          .blockLast(Duration.ofSeconds(10));
      for (String path : List.of("/", "/app.js", "/css/site.css", "/api/state", "/api/state/1", "/api/extensions", "/health/ready", "/metrics", "/missing.css", "/../x.css")) {
        HttpClient.create().get().uri(server.baseUrl() + path).responseSingle((r, body) -> body.asString().defaultIfEmpty("")).block(Duration.ofSeconds(10));
      }
      await("20 events, the dead letters and two heartbeats after them").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> frames.stream().filter(SseClient.Frame::isEvent).count() >= 20 && Files.exists(deadLetters)
              && heartbeatsAfterTheLastEvent(frames) >= 2);
      subscription.dispose();
      assertThat(frames.stream().filter(SseClient.Frame::isEvent).count()).isEqualTo(20);
    } finally {
      Mono.when(hub.close(), webhook.close(), lines.close()).then(server.close()).block(Duration.ofSeconds(20));
      receiver.disposeNow();
      failing.disposeNow();
    }
    assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).hasSize(20);
    assertThat(blockingCalls).as("blocking calls on non-blocking threads").isEmpty();
  }
}
