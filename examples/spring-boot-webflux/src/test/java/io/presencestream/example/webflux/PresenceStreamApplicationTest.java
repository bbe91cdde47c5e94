package io.presencestream.example.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;

/**
 * The application against presence-stream's RingCentral simulator (a real server on a free port, an
 * office of 12 extensions): the events reach an SSE client, and the state the application serves is the
 * simulator's ground truth.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@DirtiesContext
class PresenceStreamApplicationTest {

  static final RingCentralSimulator simulator =
      RingCentralSimulator.start(SimulatorOptions.builder().extensions(12).seed(7).eventsPerSecond(0).port(0).build());

  @DynamicPropertySource
  static void ringCentralIsTheSimulator(DynamicPropertyRegistry properties) {
    properties.add("presence.ringcentral.server-url", simulator::baseUrl);
    properties.add("presence.ringcentral.client-id", () -> simulator.credentials().clientId());
    properties.add("presence.ringcentral.client-secret", () -> simulator.credentials().clientSecret());
    properties.add("presence.ringcentral.jwt", () -> simulator.credentials().jwt());
    properties.add("presence.ringcentral.extensions", () -> "all");
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @Autowired
  WebTestClient web;

  private final PresenceCodec codec = PresenceCodec.create();

  @Test
  void eventsArriveAsServerSentEventsAndTheStateIsTheSimulatorsTruth() {
    await().atMost(Duration.ofSeconds(30)).until(() -> states().size() == 12);

    Flux<ServerSentEvent<String>> stream = web.get().uri("/events")
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus().isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
        .getResponseBody();
    // The office rings, answers and hangs up while the client reads.
    simulator.traffic().start(20);
    List<ServerSentEvent<String>> received = stream
        .filter(sse -> sse.data() != null) // the opening comment
        .take(10)
        .collectList()
        .block(Duration.ofSeconds(30));
    simulator.traffic().stop();

    assertThat(received).hasSize(10).allSatisfy(sse -> {
      PresenceEvent event = codec.decodeEvent(sse.data());
      assertThat(sse.event()).isEqualTo(event.kind().label());
      assertThat(simulator.groundTruth()).containsKey(event.extensionId());
    });

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(states()).isEqualTo(truth()));
    String someId = truth().keySet().iterator().next();
    String one = web.get().uri("/api/state/{id}", someId).exchange()
        .expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(RingCentralSimulator.comparable(codec.decodeState(one))).isEqualTo(truth().get(someId));
    web.get().uri("/api/state/{id}", "no-such-extension").exchange().expectStatus().isNotFound();
  }

  private Map<String, ExtensionState> states() {
    String body = web.get().uri("/api/state").exchange()
        .expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    Map<String, ExtensionState> states = new TreeMap<>();
    for (JsonNode node : new ObjectMapper().readTree(body)) {
      ExtensionState state = codec.decodeState(node.toString());
      states.put(state.extensionId(), RingCentralSimulator.comparable(state));
    }
    return states;
  }

  private static Map<String, ExtensionState> truth() {
    Map<String, ExtensionState> truth = new TreeMap<>();
    simulator.groundTruth().forEach((id, state) -> truth.put(id, RingCentralSimulator.comparable(state)));
    return truth;
  }
}
