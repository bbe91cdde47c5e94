package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonySessionUpdate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link TelephonySessionCodec} tolerates, and how it refuses what it must. */
class TelephonySessionCodecTest {

  private static final String EVENT = "/restapi/v1.0/account/~/extension/101/telephony/sessions";

  private final TelephonySessionCodec codec = TelephonySessionCodec.create();

  private static String envelope(String body) {
    return "{\"uuid\":\"u-1\",\"event\":\"" + EVENT + "\",\"timestamp\":\"2026-11-26T10:00:00.100Z\","
        + "\"subscriptionId\":\"sub-1\",\"ownerId\":\"101\",\"body\":" + body + "}";
  }

  private static String party(String status) {
    return "{\"id\":\"p-1\",\"extensionId\":\"101\",\"direction\":\"Inbound\",\"status\":" + status + "}";
  }

  private static String body(String parties) {
    return "{\"sequence\":7,\"sessionId\":\"1001\",\"telephonySessionId\":\"s-1\","
        + "\"eventTime\":\"2026-11-26T10:00:00.000Z\",\"origin\":{\"type\":\"RingOut\"},\"parties\":" + parties + "}";
  }

  private Reason reasonOf(String json) {
    DecodeException e = catchThrowableOfType(() -> codec.decodeNotification(json), DecodeException.class);
    assertThat(e).as("%s is refused", json).isNotNull();
    assertThat(e.getMessage()).startsWith(e.reason().name());
    return e.reason();
  }

  @Test
  void toleratesNumbersForIdsUnknownWordsUnknownFieldsAndOtherTimeOffsets() {
    TelephonySessionUpdate body = codec.decodeNotification("""
        {"event":"/restapi/v1.0/account/1/extension/101/telephony/sessions?statusCode=Answered",
         "extra":{"a":[1,2]},
         "body":{"sequence":"8","sessionId":1001,"telephonySessionId":"s-1","eventTime":"2026-11-26T11:00:00+01:00",
                 "origin":{"type":"Teleport"},
                 "parties":[{"id":"p-1","extensionId":101,"direction":"Sideways","status":{"code":"Levitating","reason":"Ghosted"},
                             "from":"+16505550100","to":{"extensionNumber":"101","name":"Ann"},"missedCall":"true"}]}}""")
        .body();
    assertThat(body.sequence()).isEqualTo(8L);
    assertThat(body.sessionId()).isEqualTo("1001");
    assertThat(body.eventTime()).hasToString("2026-11-26T10:00:00Z");
    assertThat(body.origin().type()).isEqualTo(OriginType.UNKNOWN);
    assertThat(body.extensionId()).isEqualTo("101");
    Party party = body.parties().get(0);
    assertThat(party.extensionId()).isEqualTo("101");
    assertThat(party.direction()).isEqualTo(io.presencestream.model.Direction.UNKNOWN);
    assertThat(party.code()).isEqualTo(PartyStatusCode.UNKNOWN);
    assertThat(party.status().reason()).isEqualTo(PartyStatusReason.UNKNOWN);
    assertThat(party.from().phoneNumber()).isEqualTo("+16505550100");
    assertThat(party.to().phoneNumber()).isEqualTo("101");
    assertThat(party.to().name()).isEqualTo("Ann");
    assertThat(party.missedCall()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"VoiceMail,VOICEMAIL", "Voicemail,VOICEMAIL", "VoiceMailScreening,VOICEMAIL_SCREENING",
      "VMScreening,VOICEMAIL_SCREENING", "Gone,GONE", "FaxReceive,FAX_RECEIVE"})
  void readsEveryDocumentedSpellingOfAStatusCode(String word, PartyStatusCode code) {
    String json = envelope(body("[" + party("{\"code\":\"" + word + "\"}") + "]"));
    assertThat(codec.decodeNotification(json).body().parties().get(0).code()).isEqualTo(code);
  }

  @Test
  void anAbsentOriginIsACallAndAbsentPartiesAreNone() {
    TelephonySessionUpdate body = codec.decodeNotification(envelope("{\"telephonySessionId\":\"s-1\"}")).body();
    assertThat(body.origin().type()).isEqualTo(OriginType.CALL);
    assertThat(body.parties()).isEmpty();
    assertThat(body.sequence()).isNull();
    assertThat(body.eventTime()).isNull();
  }

  @Test
  void bytesInPlaceDecodeAsTheWholeDocumentDoes() {
    String json = envelope(body("[" + party("{\"code\":\"Answered\"}") + "]"));
    byte[] padded = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    assertThat(codec.decodeNotification(padded, 2, padded.length - 4)).isEqualTo(codec.decodeNotification(json));
  }

  @Test
  void presenceAndOtherEventsAndFramesAreNotTelephonySessions() {
    assertThat(reasonOf("{\"event\":\"/restapi/v1.0/account/~/extension/101/presence?detailedTelephonyState=true\","
        + "\"body\":{\"extensionId\":\"101\",\"telephonyStatus\":\"Ringing\"}}")).isEqualTo(Reason.NOT_TELEPHONY_SESSION);
    assertThat(reasonOf("{\"event\":\"/restapi/v1.0/account/~/extension/~/message-store\",\"body\":{}}"))
        .isEqualTo(Reason.NOT_TELEPHONY_SESSION);
    assertThat(reasonOf("[{\"type\":\"Heartbeat\",\"messageId\":\"1\"}]")).isEqualTo(Reason.NOT_TELEPHONY_SESSION);
    assertThat(reasonOf("{\"access_token\":\"secret\"}")).isEqualTo(Reason.NOT_TELEPHONY_SESSION);
  }

  @Test
  void notTelephonySessionWinsOverAWrongShape() {
    // the body is broken, but the event says presence: the verdict is "not ours", not "broken"
    assertThat(reasonOf("{\"body\":{\"sequence\":{}},\"event\":\"/restapi/v1.0/account/~/extension/1/presence\"}"))
        .isEqualTo(Reason.NOT_TELEPHONY_SESSION);
  }

  @Test
  void wrongShapesNameTheField() {
    assertWrongShape(envelope("{\"sequence\":{},\"telephonySessionId\":\"s-1\"}"), "sequence");
    assertWrongShape(envelope("{\"parties\":[]}"), "telephonySessionId");
    assertWrongShape(envelope(body("[{\"extensionId\":\"101\",\"status\":{\"code\":\"Setup\"}}]")), "parties[0] has no id");
    assertWrongShape(envelope(body("[{\"id\":\"p-1\",\"status\":{}}]")), "parties[0] has no status code");
    assertWrongShape(envelope(body("[{\"id\":\"p-1\",\"status\":{\"code\":\"Setup\",\"peerId\":\"s-2\"}}]")),
        "parties[0].status.peerId");
    assertWrongShape(envelope(body("[{\"id\":\"p-1\",\"extensionId\":\"1 01\",\"status\":{\"code\":\"Setup\"}}]")),
        "parties[0].extensionId");
    assertWrongShape(envelope(body("[null]")), "parties[0] is null");
    assertWrongShape(envelope(body("{}")), "parties");
    assertWrongShape(envelope("[]"), "body");
    assertWrongShape(envelope("{\"telephonySessionId\":\"s-1\",\"eventTime\":\"yesterday\"}"), "eventTime");
  }

  private void assertWrongShape(String json, String naming) {
    DecodeException e = catchThrowableOfType(() -> codec.decodeNotification(json), DecodeException.class);
    assertThat(e).as("%s is refused", json).isNotNull();
    assertThat(e.reason()).as(json).isEqualTo(Reason.WRONG_SHAPE);
    assertThat(e.getMessage()).contains(naming);
  }

  @Test
  void notJsonTooLargeAndTooDeepAreSaidSo() {
    assertThat(reasonOf("")).isEqualTo(Reason.NOT_JSON);
    assertThat(reasonOf("{\"event\":")).isEqualTo(Reason.NOT_JSON);
    assertThat(reasonOf(envelope(body("[]")) + "{}")).isEqualTo(Reason.NOT_JSON);
    TelephonySessionCodec small = TelephonySessionCodec.create(CodecLimits.builder().maxActiveCalls(2).build());
    String three = "[" + party("{\"code\":\"Setup\"}") + "," + party("{\"code\":\"Setup\"}") + ","
        + party("{\"code\":\"Setup\"}") + "]";
    DecodeException tooMany = catchThrowableOfType(() -> small.decodeNotification(envelope(body(three))),
        DecodeException.class);
    assertThat(tooMany.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(tooMany.getMessage()).contains("more than 2 parties");
    assertThat(reasonOf("[".repeat(40) + "]".repeat(40))).isEqualTo(Reason.TOO_DEEP);
    TelephonySessionCodec tiny = TelephonySessionCodec.create(CodecLimits.builder().maxDocumentBytes(64).build());
    assertThat(catchThrowableOfType(() -> tiny.decodeNotification(envelope(body("[]"))), DecodeException.class)
        .reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void nullInputIsNotJsonAndACredentialIsNeverQuoted() {
    assertThat(catchThrowableOfType(() -> codec.decodeNotification((String) null), DecodeException.class).reason())
        .isEqualTo(Reason.NOT_JSON);
    DecodeException e = catchThrowableOfType(
        () -> codec.decodeNotification("{\"access_token\":\"U0VDUkVULXRva2VuLXZhbHVl\",\"body\":[}"),
        DecodeException.class);
    assertThat(e.getMessage()).doesNotContain("U0VDUkVULXRva2VuLXZhbHVl");
  }
}
