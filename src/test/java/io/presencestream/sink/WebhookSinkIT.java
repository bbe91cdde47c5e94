package io.presencestream.sink;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.server.TestEvents;
import io.presencestream.testing.CapturedLog;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class WebhookSinkIT {

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<DisposableServer> servers = new CopyOnWriteArrayList<>();
  private EventSink sink;

  /** A receiver that answers request n (from 1) with {@code status.applyAsInt(n)}, after {@code delay}. */
  private final class Receiver {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final DisposableServer server;

    Receiver(IntUnaryOperator status, Duration delay) {
      server =
          HttpServer.create()
              .host("127.0.0.1")
              .port(0)
              .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                  .flatMap(body -> {
                    int n = requests.incrementAndGet();
                    bodies.add(body);
                    headers.add(Map.of(
                        "content-type", String.valueOf(request.requestHeaders().get("Content-Type")),
                        "authorization", String.valueOf(request.requestHeaders().get("Authorization")),
                        "content-length", String.valueOf(request.requestHeaders().get("Content-Length"))));
                    return Mono.delay(delay).then(response.status(status.applyAsInt(n)).send().then());
                  }))
              .bindNow();
      servers.add(server);
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.port() + "/hook?key=secret-key");
    }
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close().block(Duration.ofSeconds(10));
    }
    servers.forEach(DisposableServer::disposeNow);
  }

  private WebhookSinkOptions.Builder options(URI... urls) {
    return WebhookSinkOptions.builder(urls[0])
        .urls(List.of(urls))
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(100))
        .requestTimeout(Duration.ofSeconds(2))
        .deadLetterFile(dir.resolve("dead/letters.jsonl"))
        .closeTimeout(Duration.ofSeconds(2));
  }

  private double deliveries(String outcome) {
    return registry.get("presence.webhook.deliveries").tag("outcome", outcome).counter().count();
  }

  @Test
  void retriesTransientFailuresThenDelivers() {
    Receiver receiver = new Receiver(n -> n <= 2 ? 503 : 200, Duration.ZERO);
    sink = EventSinks.webhook(options(receiver.url()).headers(Map.of("Authorization", "Bearer hook-token")).build(),
        TestEvents.encoder(), registry);
    sink.accept(TestEvents.callNew("101", 1));
    await(() -> deliveries("success") == 1);
    assertThat(receiver.requests.get()).isEqualTo(3);
    assertThat(receiver.bodies).allSatisfy(body ->
        assertThat(body).isEqualTo("{\"kind\":\"call.new\",\"extensionId\":\"101\",\"marker\":\"call-1\",\"pad\":\"\"}"));
    assertThat(receiver.headers.get(0))
        .containsEntry("content-type", "application/json")
        .containsEntry("authorization", "Bearer hook-token")
        .containsEntry("content-length", Integer.toString(receiver.bodies.get(0).length()));
    assertThat(deliveries("retry")).isEqualTo(2);
    assertThat(sink.healthy()).isTrue();
    assertThat(Files.exists(dir.resolve("dead/letters.jsonl"))).isFalse();
  }

  @Test
  void deadLettersWhatStillFailsAfterTheLastAttempt() throws Exception {
    Receiver receiver = new Receiver(n -> 500, Duration.ZERO);
    sink = EventSinks.webhook(options(receiver.url()).build(), TestEvents.encoder(), registry);
    sink.accept(TestEvents.callNew("101", 1));
    sink.accept(TestEvents.callEnded("101", 2));
    Path deadLetters = dir.resolve("dead/letters.jsonl");
    await(() -> deliveries("dead_letter") == 2);
    await(() -> lines(deadLetters).size() == 2);
    assertThat(receiver.requests.get()).isEqualTo(6);
    List<String> lines = lines(deadLetters);
    assertThat(lines.get(0))
        .contains("\"target\":\"http://127.0.0.1:" + receiver.server.port() + "/hook\"")
        .contains("\"reason\":\"HTTP 500\"")
        .contains("\"attempts\":3")
        .contains("\"event\":{\"kind\":\"call.new\",\"extensionId\":\"101\",\"marker\":\"call-1\"")
        .doesNotContain("secret-key");
    assertThat(lines.get(1)).contains("\"marker\":\"call-2\"");
    assertThat(sink.healthy()).isFalse();
    assertThat(sink.health().detail()).contains("HTTP 500 after 3 attempt(s)").doesNotContain("secret-key");
    assertThat(sink.dropped()).isEqualTo(2);
    assertThat(sink.deadLettered()).as("dropped, but kept in the dead-letter file").isEqualTo(2);
    assertThat(registry.get("presence.webhook.dead.letters").counter().count()).isEqualTo(2);
  }

  @Test
  void anEndpointFailingEveryOtherRequestCostsALinePerIntervalNotLinesPerEvent() {
    Receiver flapping = new Receiver(n -> n % 2 == 1 ? 500 : 200, Duration.ZERO);
    Path deadLetters = dir.resolve("dead/letters.jsonl");
    try (CapturedLog log = CapturedLog.start()) {
      sink = EventSinks.webhook(options(flapping.url()).maxAttempts(1).build(), TestEvents.encoder(), registry);
      for (int i = 0; i < 40; i++) {
        sink.accept(TestEvents.presence("101", i));
      }
      await(() -> deliveries("dead_letter") == 20 && deliveries("success") == 20);
      await(() -> lines(deadLetters).size() == 20);
      // The first failure at once and the first recovery; the other 19 of each wait for the interval.
      assertThat(log.linesWith("sink webhook:")).hasSize(2);
      assertThat(log.linesWith("sink webhook:", "WARN")).singleElement().asString()
          .contains("1 event(s) dead-lettered to " + deadLetters.toAbsolutePath())
          .contains("1 for http://127.0.0.1:" + flapping.server.port() + "/hook (HTTP 500 after 1 attempt(s))")
          .contains("further failures are reported at most every 30 s")
          .doesNotContain("secret-key");
      assertThat(log.linesWith("sink webhook:", "accepts deliveries again")).hasSize(1);

      sink.close().block(Duration.ofSeconds(10));
      assertThat(log.linesWith("sink webhook:", "WARN")).hasSize(2).last().asString()
          .contains("19 event(s) dead-lettered to " + deadLetters.toAbsolutePath() + " since the previous report");
    }
  }

  @Test
  void eventsThatCannotBeDeadLetteredAreCountedAsLostWithTheReason() throws Exception {
    Receiver receiver = new Receiver(n -> 400, Duration.ZERO);
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    try (CapturedLog log = CapturedLog.start()) {
      sink = EventSinks.webhook(options(receiver.url()).deadLetterFile(notADirectory.resolve("dead.jsonl")).build(),
          TestEvents.encoder(), registry);
      sink.accept(TestEvents.presence("101", 1));
      await(() -> !log.linesWith("sink webhook:", "lost").isEmpty());
      assertThat(log.linesWith("sink webhook:", "lost")).singleElement().asString()
          .contains("1 event(s) lost (cannot write " + notADirectory.resolve("dead.jsonl").toAbsolutePath()
              + ": not a directory: " + notADirectory.toAbsolutePath() + ")")
          .contains("HTTP 400 after 1 attempt(s)");
    }
    assertThat(sink.dropped()).isEqualTo(1);
    assertThat(sink.deadLettered()).isZero();
    assertThat(registry.get("presence.webhook.dead.letters").counter().count()).isZero();
  }

  @Test
  void timesEachEventFromItsQueueingToTheTwoHundredThatDeliveredIt() {
    Receiver slow = new Receiver(n -> 200, Duration.ofMillis(200));
    sink = EventSinks.webhook(options(slow.url()).build(), TestEvents.encoder(), registry);
    Timer latency = registry.get("presence.webhook.delivery.latency").tag("sink", "webhook").timer();
    for (int i = 0; i < 3; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    await(() -> latency.count() == 3);
    // One request at a time: the third event waited for the two before it and its own.
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(600);
    assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200 + 400 + 600);
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isLessThan(10_000);
  }

  @Test
  void doesNotRetryAPermanentFailure() {
    Receiver receiver = new Receiver(n -> 400, Duration.ZERO);
    sink = EventSinks.webhook(options(receiver.url()).build(), TestEvents.encoder(), registry);
    sink.accept(TestEvents.presence("101", 1));
    await(() -> deliveries("dead_letter") == 1);
    assertThat(receiver.requests.get()).isEqualTo(1);
    assertThat(deliveries("retry")).isZero();
  }

  @Test
  void recoversHealthAfterASuccessfulDelivery() {
    Receiver receiver = new Receiver(n -> n <= 3 ? 500 : 200, Duration.ZERO);
    sink = EventSinks.webhook(options(receiver.url()).build(), TestEvents.encoder(), registry);
    sink.accept(TestEvents.presence("101", 1));
    await(() -> deliveries("dead_letter") == 1);
    assertThat(sink.healthy()).isFalse();
    sink.accept(TestEvents.presence("101", 2));
    await(() -> deliveries("success") == 1);
    assertThat(sink.healthy()).isTrue();
  }

  @Test
  void postsBatchesAsJsonArraysInOrder() {
    Receiver receiver = new Receiver(n -> 200, Duration.ofMillis(100));
    sink = EventSinks.webhook(options(receiver.url()).batchSize(10).build(), TestEvents.encoder(), registry);
    for (int i = 0; i < 25; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    await(() -> registry.get("presence.sink.delivered").counter().count() == 25);
    assertThat(receiver.bodies).allSatisfy(body -> assertThat(body).startsWith("[{").endsWith("}]"));
    assertThat(receiver.bodies.size()).isBetween(3, 4); // the first POST leaves before the rest is queued
    String all = String.join("", receiver.bodies);
    for (int i = 0; i < 24; i++) {
      assertThat(all.indexOf("\"n" + i + "\"")).isLessThan(all.indexOf("\"n" + (i + 1) + "\""));
    }
  }

  @Test
  void closeDeliversEverythingQueued() {
    Receiver receiver = new Receiver(n -> 200, Duration.ofMillis(30));
    sink = EventSinks.webhook(options(receiver.url()).build(), TestEvents.encoder(), registry);
    for (int i = 0; i < 5; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    sink.close().block(Duration.ofSeconds(10));
    assertThat(receiver.bodies).hasSize(5);
    sink.accept(TestEvents.presence("101", 9));
    assertThat(sink.dropped()).isEqualTo(1);
    // a closed sink's meters are gone from the registry (a scrape would report a dead sink forever)
    assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
        .noneMatch(name -> name.startsWith("presence.sink.") || name.startsWith("presence.webhook."));
  }

  @Test
  void closeDeadLettersWhatItCouldNotDeliverInTime() throws Exception {
    Receiver receiver = new Receiver(n -> 503, Duration.ZERO);
    sink = EventSinks.webhook(
        options(receiver.url())
            .maxAttempts(10)
            .initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(5))
            .closeTimeout(Duration.ofMillis(300))
            .build(),
        TestEvents.encoder(), registry);
    for (int i = 0; i < 3; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    long started = System.nanoTime();
    sink.close().block(Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    List<String> lines = lines(dir.resolve("dead/letters.jsonl"));
    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).contains("not delivered before shutdown"));
  }

  @Test
  void closingWithinAShorterLimitDeadLettersWhatAHangingEndpointHolds() throws Exception {
    Receiver hanging = new Receiver(n -> 200, Duration.ofHours(1));
    sink = EventSinks.webhook(
        options(hanging.url()).requestTimeout(Duration.ofMinutes(1)).closeTimeout(Duration.ofMinutes(1)).build(),
        TestEvents.encoder(), registry);
    for (int i = 0; i < 5; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    await(() -> hanging.requests.get() == 1); // the first event is in flight, the other four queued
    try (CapturedLog log = CapturedLog.start()) {
      long started = System.nanoTime();
      sink.close(Duration.ofMillis(500)).block(Duration.ofSeconds(10));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      Path deadLetters = dir.resolve("dead/letters.jsonl");
      List<String> lines = lines(deadLetters);
      assertThat(lines).hasSize(5).allSatisfy(line -> assertThat(line).contains("\"reason\":\"not delivered before shutdown\""));
      for (int i = 0; i < 5; i++) {
        assertThat(lines.get(i)).as("in the order they were accepted").contains("\"marker\":\"n" + i + "\"");
      }
      assertThat(log.linesWith("sink webhook:")).singleElement().asString()
          .contains("5 event(s) for http://127.0.0.1:" + hanging.server.port() + "/hook not delivered within 500 ms of closing"
              + " (1 in flight, 4 queued): dead-lettered to " + deadLetters.toAbsolutePath());
    }
    assertThat(sink.deadLettered()).isEqualTo(5);
    assertThat(sink.dropped()).isEqualTo(5);
    assertThat(sink.queueDepth()).isZero();
  }

  @Test
  void aDeadUrlDoesNotHoldBackAnother() throws Exception {
    Receiver good = new Receiver(n -> 200, Duration.ZERO);
    URI dead;
    try (ServerSocket unused = new ServerSocket(0)) {
      dead = URI.create("http://127.0.0.1:" + unused.getLocalPort() + "/hook");
    }
    sink = EventSinks.webhook(
        options(dead, good.url()).maxAttempts(5).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(2)).build(),
        TestEvents.encoder(), registry);
    for (int i = 0; i < 20; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    await(() -> good.bodies.size() == 20);
    assertThat(sink.queueDepth()).isGreaterThan(0); // the dead URL's queue still waits
  }

  @Test
  void aFullQueueDropsTheOldestAndCountsIt() {
    Receiver slow = new Receiver(n -> 200, Duration.ofMillis(300));
    sink = EventSinks.webhook(options(slow.url()).queueCapacity(2).overflow(QueueOverflow.DROP_OLDEST).build(), TestEvents.encoder(), registry);
    for (int i = 0; i < 10; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    // one in flight, two queued: the newest two survive
    assertThat(sink.dropped()).isEqualTo(7);
    assertThat(registry.get("presence.sink.dropped").tag("reason", "overflow").counter().count()).isEqualTo(7);
    await(() -> slow.bodies.size() == 3);
    assertThat(slow.bodies.get(1)).contains("\"n8\"");
    assertThat(slow.bodies.get(2)).contains("\"n9\"");
  }

  @Test
  void optionsNeverShowSecrets() {
    WebhookSinkOptions options =
        WebhookSinkOptions.builder(URI.create("https://user:pw@hooks.example.org/x?token=abc"))
            .headers(Map.of("Authorization", "Bearer xyz"))
            .build();
    assertThat(options.toString()).doesNotContain("abc").doesNotContain("xyz").doesNotContain("pw").contains("hooks.example.org/x");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
  }
}
