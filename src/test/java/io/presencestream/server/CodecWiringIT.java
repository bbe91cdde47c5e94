package io.presencestream.server;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Availability;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.EventSinks;
import io.presencestream.sink.JsonLinesSinkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/** The server and sinks with the real codec: what goes out is presence-stream's event and state schema. */
class CodecWiringIT {

  private final PresenceCodec codec = PresenceCodec.create();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private EventHub hub;
  private PresenceHttpServer server;

  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close().block(Duration.ofSeconds(10));
    }
    if (server != null) {
      server.close().block(Duration.ofSeconds(10));
    }
  }

  private static final PresenceEvent[] EVENTS = {
    new PresenceEvent.PresenceChanged(
        "101", Instant.parse("2026-11-26T10:00:00.000Z"),
        new PresenceState(Availability.BUSY, null, null, null, TelephonyStatus.CALL_CONNECTED, null, null), null),
    new PresenceEvent.CallStarted("101", Instant.parse("2026-11-26T10:00:01.000Z"), TestEvents.call("c-1")),
    new PresenceEvent.CallEnded("101", Instant.parse("2026-11-26T10:00:09.000Z"), TestEvents.call("c-1"), Duration.ofSeconds(8)),
  };

  @Test
  void sseCarriesTheCodecsEventJsonAndStateApiItsStateJson() {
    ServerOptions options = ServerOptions.builder().port(0).build();
    ExtensionState state =
        new ExtensionState("101", 42L, new PresenceState(Availability.AVAILABLE, null, null, null, null, null, null), List.of(), Instant.parse("2026-11-26T10:00:00.000Z"));
    hub = EventHub.create(options, codec::encodeEvent, registry);
    server = PresenceHttpServer.builder(options)
        .hub(hub)
        .states(StateProvider.of(id -> id.equals("101") ? Optional.of(state) : Optional.empty(), () -> Map.of("101", state)))
        .codec(codec)
        .metrics(registry)
        .start()
        .block(Duration.ofSeconds(10));

    SseClient.connect(server.baseUrl() + "/events")
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .then(() -> {
          await("the SSE client to join the hub").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
              .until(() -> hub.clientCount() > 0);
          for (PresenceEvent event : EVENTS) {
            hub.accept(event);
          }
        })
        .assertNext(frame -> {
          assertThat(frame.event()).isEqualTo("presence");
          assertThat(frame.data()).isEqualTo(codec.encodeEvent(EVENTS[0]));
          assertThat(codec.decodeEvent(frame.data())).isEqualTo(EVENTS[0]);
        })
        .assertNext(frame -> assertThat(codec.decodeEvent(frame.data())).isEqualTo(EVENTS[1]))
        .assertNext(frame -> {
          assertThat(frame.event()).isEqualTo("call.ended");
          assertThat(Long.parseLong(frame.id())).isGreaterThan(1_700_000_000_000_000L);
          assertThat(codec.decodeEvent(frame.data())).isEqualTo(EVENTS[2]);
        })
        .thenCancel()
        .verify(Duration.ofSeconds(10));

    String all = HttpClient.create().get().uri(server.baseUrl() + "/api/state").responseContent().aggregate().asString().block(Duration.ofSeconds(10));
    assertThat(all).isEqualTo("[" + codec.encodeState(state) + "]");
    String one = HttpClient.create().get().uri(server.baseUrl() + "/api/state/101").responseContent().aggregate().asString().block(Duration.ofSeconds(10));
    assertThat(codec.decodeState(one)).isEqualTo(state);
  }

  @Test
  void jsonLinesAreTheCodecsEventJson() throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventSink sink = EventSinks.jsonLines(JsonLinesSinkOptions.file(file), codec::encodeEvent, registry);
    for (PresenceEvent event : EVENTS) {
      sink.accept(event);
    }
    sink.close().block(Duration.ofSeconds(10));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    for (int i = 0; i < EVENTS.length; i++) {
      assertThat(codec.decodeEvent(lines.get(i))).isEqualTo(EVENTS[i]);
    }
  }
}
