package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/** Hostile input through the real codec and engine to the HTTP server: one bad call never breaks the others. */
class BadInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PresenceCodec codec = PresenceCodec.create();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PresenceEngine engine = PresenceEngine.create(EngineOptions.defaults(), registry);
  private final Sinks.Many<String> messages = Sinks.many().unicast().onBackpressureBuffer();
  private EventHub hub;
  private PresenceHttpServer server;
  private Disposable feed;

  @AfterEach
  void stop() {
    if (feed != null) {
      feed.dispose();
    }
    hub.close().then(server.close()).block(Duration.ofSeconds(10));
  }

  private static String ringing(String extensionId, String startTime) {
    return "{\"uuid\":\"u-" + extensionId + "\",\"event\":\"/restapi/v1.0/account/1/extension/" + extensionId + "/presence\","
        + "\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"body\":{\"extensionId\":\"" + extensionId + "\",\"sequence\":1,"
        + "\"telephonyStatus\":\"Ringing\",\"activeCalls\":[{\"id\":\"c-" + extensionId + "\",\"direction\":\"Inbound\","
        + "\"telephonyStatus\":\"Ringing\",\"startTime\":\"" + startTime + "\"}]}}";
  }

  @Test
  void aCallStartingInYear999999999IsCountedAsBadInputAndEveryOtherExtensionIsStillServed() throws Exception {
    ServerOptions options = ServerOptions.builder().port(0).build();
    hub = EventHub.create(options, codec::encodeEvent, registry);
    server = PresenceHttpServer.builder(options)
        .hub(hub)
        .states(StateProvider.of(engine::state, engine::states))
        .codec(codec)
        .metrics(registry)
        .start()
        .block(Duration.ofSeconds(10));
    AtomicLong events = new AtomicLong();
    feed = engine.events(messages.asFlux()).doOnNext(e -> events.incrementAndGet()).subscribe(hub::accept);

    SseClient.connect(server.baseUrl() + "/events?kinds=call.new")
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .then(() -> {
          org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.clientCount() == 1);
          messages.tryEmitNext(ringing("101", "+999999999-12-31T23:59:59Z"));
          messages.tryEmitNext(ringing("102", "2026-11-26T09:59:59Z"));
        })
        .assertNext(frame -> assertThat(frame.data()).contains("\"extensionId\":\"102\""))
        .thenCancel()
        .verify(Duration.ofSeconds(10));

    assertThat(registry.get("presence.engine.decode.errors").tag("reason", "wrong_shape").counter().count()).isEqualTo(1);
    String all = HttpClient.create().get().uri(server.baseUrl() + "/api/state")
        .responseSingle((response, body) -> body.asString().map(text -> response.status().code() + " " + text))
        .block(Duration.ofSeconds(10));
    assertThat(all).startsWith("200 ");
    JsonNode states = JSON.readTree(all.substring(4));
    assertThat(states).hasSize(1);
    assertThat(states.get(0).get("extensionId").asText()).isEqualTo("102");
    assertThat(states.get(0).get("calls").get(0).get("startTime").asText()).isEqualTo("2026-11-26T09:59:59.000Z");
  }
}
