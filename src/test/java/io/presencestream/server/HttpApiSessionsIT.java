package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.TelephonySession;
import io.presencestream.testing.SessionInputs;
import io.presencestream.testing.SessionInputs.ReadmeCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * {@code GET /api/sessions} and {@code GET /api/sessions/{id}} over real HTTP, serving what a real engine made
 * of telephony-session notifications (the README's call of extension 101, and the first half of a recorded
 * call between 979428016 and 809646016), written by the codec.
 */
class HttpApiSessionsIT extends ServerTestSupport {

  private final PresenceCodec codec = PresenceCodec.create();
  private final PresenceEngine engine = PresenceEngine.create();

  /** Status, content type and body of one response. */
  record Reply(int status, String contentType, String body) {}

  private Reply get(String path) {
    return HttpClient.create()
        .get()
        .uri(url(path))
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> new Reply(response.status().code(), response.responseHeaders().get("Content-Type"), text)))
        .block(Duration.ofSeconds(10));
  }

  /** Three extensions with a live session each: 101 (answered, recorded), the recorded caller and callee. */
  private void threeExtensionsInACall() {
    List<EngineInput> inputs = new ArrayList<>(List.of(ReadmeCall.proceeding(), ReadmeCall.answeredAndRecorded()));
    inputs.addAll(SessionInputs.recorded("csn-data_RingCentral-RingCentral.CONVERTED.json").subList(0, 4));
    engine.process(Flux.fromIterable(inputs)).blockLast(Duration.ofSeconds(10));
    sessions = SessionProvider.of(engine::sessions, engine::sessions);
  }

  @Test
  void servesEveryExtensionsLiveSessionsByExtensionIdAsTheCodecWritesThem() {
    threeExtensionsInACall();
    start(testOptions());

    Reply all = get("/api/sessions");

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.contentType()).isEqualTo("application/json");
    List<TelephonySession> expected = new ArrayList<>(engine.sessions("101"));
    expected.addAll(engine.sessions("809646016"));
    expected.addAll(engine.sessions("979428016"));
    assertThat(all.body()).isEqualTo(codec.encodeSessions(expected));
    assertThat(codec.decodeSessions(all.body())).extracting(TelephonySession::extensionId)
        .containsExactly("101", "809646016", "979428016");
    assertThat(get("/api/sessions/").body()).isEqualTo(all.body());
  }

  @Test
  void servesTheLiveSessionsOfOneExtension() {
    threeExtensionsInACall();
    start(testOptions());

    Reply one = get("/api/sessions/101");

    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body()).isEqualTo(codec.encodeSessions(engine.sessions("101")));
    assertThat(codec.decodeSessions(one.body())).singleElement().satisfies(session -> {
      assertThat(session.telephonySessionId()).isEqualTo(ReadmeCall.TELEPHONY_SESSION_ID);
      assertThat(session.party().code()).isEqualTo(PartyStatusCode.ANSWERED);
      assertThat(session.party().recordings()).singleElement().satisfies(r -> assertThat(r.active()).isTrue());
    });
  }

  @Test
  void anExtensionWithoutSessionsHasAnEmptyListAndAMalformedIdIsABadRequest() {
    threeExtensionsInACall();
    start(testOptions());

    assertThat(get("/api/sessions/999")).isEqualTo(new Reply(200, "application/json", "[]"));
    Reply bad = get("/api/sessions/no%20such");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("{\"error\":\"bad_extension_id\",\"message\":\"invalid extension id\"}");
    assertThat(registry.get("presence.http.requests").tags("route", "sessions_one", "status", "400").counter().count())
        .isEqualTo(1);
  }

  @Test
  void withoutATelephonySessionFeedEveryAnswerIsEmpty() {
    start(testOptions()); // no provider: SessionProvider.none()

    assertThat(get("/api/sessions")).isEqualTo(new Reply(200, "application/json", "[]"));
    assertThat(get("/api/sessions/101")).isEqualTo(new Reply(200, "application/json", "[]"));
  }
}
