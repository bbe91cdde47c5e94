package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.TelephonySessionNotification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One envelope reader for both feeds: the event path decides which body reader reads the body, wherever the
 * body comes in the envelope, and the result is the engine's input for that feed.
 */
class NotificationDecoderTest {

  private static final Instant AT = Instant.parse("2026-11-26T10:00:01Z");
  private static final String PRESENCE_EVENT =
      "/restapi/v1.0/account/1/extension/101/presence?detailedTelephonyState=true";
  private static final String SESSIONS_EVENT = "/restapi/v1.0/account/1/extension/101/telephony/sessions";
  private static final String PRESENCE_BODY =
      "{\"extensionId\":\"101\",\"sequence\":4,\"telephonyStatus\":\"Ringing\",\"activeCalls\":[{\"id\":\"c-1\","
          + "\"direction\":\"Inbound\",\"telephonyStatus\":\"Ringing\",\"telephonySessionId\":\"s-1\"}]}";
  private static final String SESSIONS_BODY =
      "{\"sequence\":7,\"sessionId\":\"1001\",\"telephonySessionId\":\"s-1\",\"eventTime\":\"2026-11-26T10:00:00Z\","
          + "\"parties\":[{\"id\":\"p-1\",\"extensionId\":\"101\",\"direction\":\"Inbound\","
          + "\"status\":{\"code\":\"Proceeding\"}}]}";

  private final NotificationDecoder both =
      NotificationDecoder.presenceAndTelephony(PresenceCodec.create(), TelephonySessionCodec.create());
  private final NotificationDecoder presenceOnly = NotificationDecoder.presence(PresenceCodec.create());

  private static String eventFirst(String event, String body) {
    return "{\"uuid\":\"u-1\",\"event\":\"" + event + "\",\"timestamp\":\"2026-11-26T10:00:00.500Z\","
        + "\"subscriptionId\":\"sub-1\",\"ownerId\":\"101\",\"body\":" + body + "}";
  }

  private static String bodyFirst(String event, String body) {
    return "{\"body\":" + body + ",\"uuid\":\"u-1\",\"timestamp\":\"2026-11-26T10:00:00.500Z\","
        + "\"subscriptionId\":\"sub-1\",\"ownerId\":\"101\",\"event\":\"" + event + "\"}";
  }

  private static String frame(String envelope) {
    return "[{\"type\":\"ServerNotification\",\"messageId\":\"u-1\",\"status\":200},"
        + envelope + "]";
  }

  @Test
  void aPresencePathIsReadAsPresence() {
    EngineInput input = both.decode(eventFirst(PRESENCE_EVENT, PRESENCE_BODY), AT);
    assertThat(input).isInstanceOfSatisfying(EngineInput.NotificationReceived.class, n -> {
      assertThat(n.receivedAt()).isEqualTo(AT);
      assertThat(n.notification().extensionId()).isEqualTo("101");
      assertThat(n.notification().body().sequence()).isEqualTo(4L);
      assertThat(n.notification().subscriptionId()).isEqualTo("sub-1");
    });
  }

  @Test
  void aTelephonySessionsPathIsReadAsATelephonySession() {
    EngineInput input = both.decode(frame(eventFirst(SESSIONS_EVENT, SESSIONS_BODY)).getBytes(StandardCharsets.UTF_8), AT);
    assertThat(input).isInstanceOfSatisfying(EngineInput.TelephonySessionReceived.class, t -> {
      assertThat(t.receivedAt()).isEqualTo(AT);
      assertThat(t.notification().telephonySessionId()).isEqualTo("s-1");
      assertThat(t.notification().body().extensionId()).isEqualTo("101");
      assertThat(t.notification().body().parties()).hasSize(1);
      assertThat(t.notification().subscriptionId()).isEqualTo("sub-1");
    });
  }

  @Test
  void aBodyBeforeItsEventPathIsReadByTheFeedThePathNames() {
    // the presence body carries a telephonySessionId in its calls, the session body an extensionId: only the
    // path may decide, and it comes last
    TelephonySessionNotification session =
        ((EngineInput.TelephonySessionReceived) both.decode(bodyFirst(SESSIONS_EVENT, SESSIONS_BODY), AT)).notification();
    assertThat(session).isEqualTo(
        ((EngineInput.TelephonySessionReceived) both.decode(eventFirst(SESSIONS_EVENT, SESSIONS_BODY), AT)).notification());

    byte[] presenceBodyFirst = frame(bodyFirst(PRESENCE_EVENT, PRESENCE_BODY)).getBytes(StandardCharsets.UTF_8);
    Notification presence = ((EngineInput.NotificationReceived) both.decode(presenceBodyFirst, AT)).notification();
    assertThat(presence).isEqualTo(PresenceCodec.create().decodeMessage(eventFirst(PRESENCE_EVENT, PRESENCE_BODY)));
  }

  @Test
  void decodesTheSameFromARangeOfALargerBuffer() {
    byte[] doc = bodyFirst(SESSIONS_EVENT, SESSIONS_BODY).getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[doc.length + 10];
    System.arraycopy(doc, 0, buffer, 7, doc.length);
    assertThat(both.decode(buffer, 7, doc.length, AT)).isEqualTo(both.decode(doc, AT));
  }

  @Test
  void withoutAnEventPathTheBodyDecides() {
    String session = "{\"uuid\":\"u-1\",\"body\":" + SESSIONS_BODY + "}";
    String presence = "{\"uuid\":\"u-1\",\"body\":" + PRESENCE_BODY + "}";
    assertThat(both.decode(session, AT)).isInstanceOf(EngineInput.TelephonySessionReceived.class);
    assertThat(both.decode(presence, AT)).isInstanceOf(EngineInput.NotificationReceived.class);
  }

  @Test
  void aWrongTypeInTheBodyIsWrongShapeWhicheverComesFirst() {
    String bad = SESSIONS_BODY.replace("\"sequence\":7", "\"sequence\":{}");
    assertThat(reasonOf(both, eventFirst(SESSIONS_EVENT, bad))).isEqualTo(Reason.WRONG_SHAPE);
    assertThat(reasonOf(both, bodyFirst(SESSIONS_EVENT, bad))).isEqualTo(Reason.WRONG_SHAPE);
    String partyWithoutId = SESSIONS_BODY.replace("\"id\":\"p-1\",", "");
    DecodeException e = catchThrowableOfType(() -> both.decode(bodyFirst(SESSIONS_EVENT, partyWithoutId), AT),
        DecodeException.class);
    assertThat(e.reason()).isEqualTo(Reason.WRONG_SHAPE);
    assertThat(e.getMessage()).contains("parties[0] has no id");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"event\":\"/restapi/v1.0/account/1/extension/101/message-store\",\"body\":{\"changes\":[]}}",
      "{\"body\":{\"changes\":[]},\"event\":\"/restapi/v1.0/account/1/extension/101/message-store\"}",
      "[{\"type\":\"Heartbeat\",\"messageId\":\"m-1\"}]",
      "{\"uuid\":\"u-1\"}"})
  void aNotificationOfNoSubscribedFeedIsNotPresence(String json) {
    assertThat(reasonOf(both, json)).isEqualTo(Reason.NOT_PRESENCE);
  }

  @Test
  void namesBothFeedsWhenAnEventIsNeither() {
    DecodeException e = catchThrowableOfType(
        () -> both.decode("{\"event\":\"/restapi/v1.0/account/1/extension/101/message-store\",\"body\":{}}", AT),
        DecodeException.class);
    assertThat(e.getMessage()).contains("is not a presence or a telephony-session event");
  }

  @Test
  void aPresenceOnlyDecoderRefusesTelephonySessionsAsNotPresence() {
    assertThat(reasonOf(presenceOnly, eventFirst(SESSIONS_EVENT, SESSIONS_BODY))).isEqualTo(Reason.NOT_PRESENCE);
    assertThat(presenceOnly.decode(bodyFirst(PRESENCE_EVENT, PRESENCE_BODY), AT))
        .isEqualTo(both.decode(eventFirst(PRESENCE_EVENT, PRESENCE_BODY), AT));
  }

  @Test
  void badInputIsADecodeExceptionNeverAnotherFailure() {
    assertThat(reasonOf(both, "")).isEqualTo(Reason.NOT_JSON);
    assertThat(reasonOf(both, "{\"event\":\"" + SESSIONS_EVENT + "\",\"body\":{\"parties\":[")).isEqualTo(Reason.NOT_JSON);
    assertThat(reasonOf(both, bodyFirst(SESSIONS_EVENT, SESSIONS_BODY) + "{}")).isEqualTo(Reason.NOT_JSON);
    String deep = "[".repeat(40) + "]".repeat(40);
    assertThat(reasonOf(both, "{\"body\":{\"x\":" + deep + "},\"event\":\"" + SESSIONS_EVENT + "\"}"))
        .isEqualTo(Reason.TOO_DEEP);
    assertThat(catchThrowableOfType(() -> both.decode((byte[]) null, AT), DecodeException.class).reason())
        .isEqualTo(Reason.NOT_JSON);
  }

  private static Reason reasonOf(NotificationDecoder decoder, String json) {
    DecodeException e = catchThrowableOfType(() -> decoder.decode(json, AT), DecodeException.class);
    assertThat(e).as("%s is refused", json).isNotNull();
    return e.reason();
  }
}
