package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.Health;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Readiness is about serving: a failing sink is reported by /health/ready but does not make it 503. */
class SinkHealthIT {

  private PresenceHttpServer server;
  private EventHub hub;

  /** A sink whose endpoint is down, as a webhook whose receiver fails. */
  private static final class FailingSink implements EventSink {
    @Override
    public String name() {
      return "webhook";
    }

    @Override
    public void accept(PresenceEvent event) {}

    @Override
    public Mono<Void> close() {
      return Mono.empty();
    }

    @Override
    public Health health() {
      return Health.down("5 consecutive failures: HTTP 500");
    }

    @Override
    public long queueDepth() {
      return 57;
    }

    @Override
    public long dropped() {
      return 0;
    }
  }

  @AfterEach
  void close() {
    if (hub != null) {
      hub.close().block(Duration.ofSeconds(10));
    }
    if (server != null) {
      server.close().block(Duration.ofSeconds(10));
    }
  }

  @Test
  void failingWebhookIsReportedButTheServerStaysReady() throws Exception {
    ServerOptions options = ServerOptions.builder().port(0).staticRoot("static-test").build();
    hub = EventHub.create(options, TestEvents.encoder(0), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 1);
    server = PresenceHttpServer.builder(options)
        .hub(hub)
        .states(StateProvider.of(id -> java.util.Optional.empty(), java.util.Map::of))
        .stateEncoder(state -> "{}")
        .metrics(new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))
        .readiness("upstream", () -> Health.up("connected"))
        .sink(new FailingSink())
        .start()
        .block(Duration.ofSeconds(10));

    HttpResponse<String> ready = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .startsWith("{\"status\":\"UP\"")
        .contains("\"checks\":{\"upstream\":{\"status\":\"UP\"")
        .contains("\"sinks\":{\"sink:webhook\":{\"status\":\"DOWN\",\"detail\":\"5 consecutive failures: HTTP 500\"}}");
  }
}
