package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceEvent.CallEnded;
import io.presencestream.model.PresenceEvent.CallUpdated;
import io.presencestream.model.PresenceEvent.PresenceChanged;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PresenceCodecEncodeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

  private final PresenceCodec codec = PresenceCodec.create();

  private static JsonNode tree(byte[] json) throws Exception {
    return JSON.readTree(json);
  }

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static ActiveCall ringingCall() {
    return new ActiveCall(
        "c-1", Direction.INBOUND, "+14155550100", "Ann", "101", null, Instant.parse("2026-11-26T09:59:58.123456Z"),
        TelephonyStatus.RINGING, null, "1001", "s-1", "p-1", false, new SipData("blf", "ft", "sip:a", "sip:b", null));
  }

  private static PresenceUpdate update(List<ActiveCall> calls) {
    return new PresenceUpdate("101", 42L, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS, UserStatus.BUSY,
        TelephonyStatus.RINGING, null, null, calls == null ? null : calls.size(), calls);
  }

  private static Call call(TelephonyStatus status) {
    return new Call("c-1", "1001", "s-1", "p-1", Direction.INBOUND, "+14155550100", "Ann", "101", null, status,
        Instant.parse("2026-11-26T09:59:58.123Z"), Duration.ofMillis(-15), false, null, null, null, null);
  }

  @Nested
  class RingCentralWireForms {

    @Test
    void writesANotificationAsRingCentralDoesLeavingAbsentFieldsOut() throws Exception {
      Notification n = new Notification("u-1", "/restapi/v1.0/account/~/extension/101/presence?detailedTelephonyState=true&sipData=true",
          T, "sub-1", null, update(List.of(ringingCall())));

      JsonNode wire = tree(codec.encodeNotification(n));

      assertThat(wire.get("uuid").asText()).isEqualTo("u-1");
      assertThat(wire.get("timestamp").asText()).isEqualTo("2026-11-26T10:00:00Z");
      assertThat(wire.has("ownerId")).isFalse();
      JsonNode body = wire.get("body");
      assertThat(body.get("extensionId").isTextual()).isTrue();
      assertThat(body.get("sequence").asLong()).isEqualTo(42);
      assertThat(body.get("totalActiveCalls").asInt()).isEqualTo(1);
      assertThat(body.has("meetingStatus")).isFalse();
      assertThat(body.has("message")).isFalse();
      JsonNode call = body.get("activeCalls").get(0);
      assertThat(call.get("startTime").asText()).isEqualTo("2026-11-26T09:59:58.123456Z");
      assertThat(call.get("telephonyStatus").asText()).isEqualTo("Ringing");
      assertThat(call.has("toName")).isFalse();
      assertThat(call.has("terminationType")).isFalse();
      assertThat(call.get("sipData").has("callId")).isFalse();
      assertThat(call.get("queueCall").asBoolean()).isFalse();
      assertThat(codec.decodeMessage(codec.encodeNotification(n))).isEqualTo(n);
    }

    @Test
    void writesAnEmptyCallListAsEmptyAndAnUnknownOneNotAtAll() throws Exception {
      JsonNode none = tree(codec.encodeNotification(new Notification(null, null, null, null, null, update(List.of())))).get("body");
      JsonNode unknown = tree(codec.encodeNotification(new Notification(null, null, null, null, null, update(null)))).get("body");

      assertThat(none.get("activeCalls").isArray()).isTrue();
      assertThat(none.get("activeCalls")).isEmpty();
      assertThat(unknown.has("activeCalls")).isFalse();
    }

    @Test
    void writesARestExtensionPresenceWithUrisAndWithoutSequenceOrTotal() throws Exception {
      JsonNode rest = tree(codec.encodeExtensionPresence(update(List.of(ringingCall())), "http://127.0.0.1:4711/", "37439510"));

      assertThat(rest.get("uri").asText()).isEqualTo("http://127.0.0.1:4711/restapi/v1.0/account/37439510/extension/101/presence");
      assertThat(rest.get("extension").get("id").isNumber()).isTrue();
      assertThat(rest.get("extension").get("id").asText()).isEqualTo("101");
      assertThat(rest.get("extension").get("uri").asText()).isEqualTo("http://127.0.0.1:4711/restapi/v1.0/account/37439510/extension/101");
      assertThat(rest.has("sequence")).isFalse();
      assertThat(rest.has("totalActiveCalls")).isFalse();
      assertThat(rest.has("extensionId")).isFalse();
      assertThat(rest.get("presenceStatus").asText()).isEqualTo("Busy");
      assertThat(rest.get("activeCalls")).hasSize(1);
    }

    @Test
    void writesTheDefaultRestUrisOnRingCentralsProductionServer() throws Exception {
      JsonNode rest = tree(codec.encodeExtensionPresence(update(null)));
      assertThat(rest.get("uri").asText()).isEqualTo("https://platform.ringcentral.com/restapi/v1.0/account/~/extension/101/presence");
    }

    @Test
    void keepsANonNumericExtensionIdAStringInRest() throws Exception {
      PresenceUpdate p = new PresenceUpdate("ext-7", null, null, null, null, null, null, null, null, null);
      JsonNode rest = tree(codec.encodeExtensionPresence(p));
      assertThat(rest.get("extension").get("id").isTextual()).isTrue();
      assertThat(codec.decodeExtensionPresence(codec.encodeExtensionPresence(p))).isEqualTo(p);
    }

    @Test
    void writesAnAccountPresencePageThatDecodesBack() throws Exception {
      PresenceUpdate a = new PresenceUpdate("101", null, UserStatus.AVAILABLE, null, null, TelephonyStatus.NO_CALL, null, null, null, List.of());
      PresenceUpdate b = new PresenceUpdate("102", null, UserStatus.BUSY, null, null, TelephonyStatus.RINGING, null, null, null, List.of(ringingCall()));
      AccountPresencePage page = new AccountPresencePage(List.of(a, b), 1, 2, "http://sim/restapi/v1.0/account/1/presence?page=2");

      byte[] wire = codec.encodeAccountPresencePage(page, "http://sim", "1");

      JsonNode tree = tree(wire);
      assertThat(tree.get("paging").get("page").asInt()).isEqualTo(1);
      assertThat(tree.get("paging").get("totalPages").asInt()).isEqualTo(2);
      assertThat(tree.get("navigation").get("nextPage").get("uri").asText()).endsWith("page=2");
      assertThat(codec.decodeAccountPresencePage(wire)).isEqualTo(page);

      AccountPresencePage last = new AccountPresencePage(List.of(a), 2, 2, null);
      byte[] lastWire = codec.encodeAccountPresencePage(last, "http://sim", "1");
      assertThat(tree(lastWire).get("navigation").has("nextPage")).isFalse();
      assertThat(codec.decodeAccountPresencePage(lastWire)).isEqualTo(last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.presencestream.codec.RingCentralSamplesTest#samples")
    void reEncodingADecodedSampleGivesTheSameNotification(String name) {
      if (RingCentralSamplesTest.KINDS.get(name) != RingCentralSamplesTest.Kind.NOTIFICATION) {
        return;
      }
      Notification decoded = codec.decodeMessage(Samples.bytes(name));
      assertThat(codec.decodeMessage(codec.encodeNotification(decoded))).isEqualTo(decoded);
    }
  }

  @Nested
  class EventsAndState {

    @Test
    void writesEveryKeyWithNullForAbsentValues() throws Exception {
      Call bare = new Call("c", null, null, null, null, null, null, null, null, null, null, null, false, null, null, null, null);
      JsonNode event = tree(codec.encodeEvent(new CallEnded("101", T, bare, null)));

      assertThat(event.fieldNames()).toIterable().containsExactly("kind", "extensionId", "at", "call", "durationMs", "endReason", "mergedInto");
      assertThat(event.get("durationMs").isNull()).isTrue();
      assertThat(event.get("endReason").isNull()).isTrue();
      assertThat(event.get("call").fieldNames())
          .toIterable()
          .containsExactly("id", "sessionId", "telephonySessionId", "partyId", "direction", "from", "fromName", "to", "toName",
              "telephonyStatus", "startTime", "clockOffsetMs", "queueCall", "sipData", "inboundLeg", "outboundLeg", "webRtcSessionId");
      assertThat(event.get("call").get("sipData").isNull()).isTrue();
      assertThat(event.get("call").get("startTime").isNull()).isTrue();
    }

    @Test
    void writesTimesInUtcWithExactlyMillisecondsCuttingFinerPrecision() throws Exception {
      PresenceState s = new PresenceState(Availability.AVAILABLE, null, null, null, null, null, null);
      JsonNode at0 = tree(codec.encodeEvent(new PresenceChanged("1", T, s, null)));
      JsonNode atNanos = tree(codec.encodeEvent(new PresenceChanged("1", Instant.parse("2026-11-26T10:00:00.123999999Z"), s, null)));

      assertThat(at0.get("at").asText()).isEqualTo("2026-11-26T10:00:00.000Z");
      assertThat(atNanos.get("at").asText()).isEqualTo("2026-11-26T10:00:00.123Z");
      assertThat(at0.get("previous").isNull()).isTrue();
      assertThat(at0.get("presence").get("userStatus").isNull()).isTrue();
    }

    @Test
    void writesALoneSurrogateFromTheWireAsAnEscapeSoTheEventSurvivesUtf8() {
      Notification n = codec.decodeMessage("{\"event\":\"/x/extension/1/presence\",\"body\":{\"extensionId\":\"1\",\"message\":\"a\\ud800b\"}}");
      PresenceEvent e = new PresenceChanged("1", T, new PresenceState(Availability.BUSY, null, null, null, null, null, n.body().message()), null);

      String json = codec.encodeEvent(e);

      assertThat(json).contains("a\\uD800b");
      assertThat(codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    }

    @Test
    void writesAndReadsWhyACallEndedAndWhatALegMergedInto() throws Exception {
      CallEnded leg = new CallEnded("101", T, call(TelephonyStatus.RINGING), Duration.ofMillis(200),
          io.presencestream.model.EndReason.MERGED, "ringout-1");

      JsonNode event = tree(codec.encodeEvent(leg));

      assertThat(event.get("endReason").asText()).isEqualTo("merged");
      assertThat(event.get("mergedInto").asText()).isEqualTo("ringout-1");
      assertThat(codec.decodeEvent(codec.encodeEvent(leg))).isEqualTo(leg);
      assertThat(((CallEnded) codec.decodeEvent(codec.encodeEvent(leg).replace("\"merged\"", "\"vanished\""))).reason())
          .as("a reason a newer writer added").isEqualTo(io.presencestream.model.EndReason.UNKNOWN);
    }

    @Test
    void writesDurationsAndClockOffsetsAsMillisecondNumbers() throws Exception {
      JsonNode event = tree(codec.encodeEvent(new CallEnded("101", T, call(TelephonyStatus.CALL_CONNECTED), Duration.ofSeconds(12, 345_000_000))));

      assertThat(event.get("durationMs").isIntegralNumber()).isTrue();
      assertThat(event.get("durationMs").asLong()).isEqualTo(12345);
      assertThat(event.get("call").get("clockOffsetMs").asLong()).isEqualTo(-15);
    }

    @Test
    void writesTransitionsInLowerCase() throws Exception {
      JsonNode event = tree(codec.encodeEvent(
          new CallUpdated("101", T, call(TelephonyStatus.CALL_CONNECTED), TelephonyStatus.CALL_CONNECTED, CallTransition.PARTY_CHANGED)));

      assertThat(event.get("kind").asText()).isEqualTo("call.updated");
      assertThat(event.get("transition").asText()).isEqualTo("party_changed");
      assertThat(event.get("previousStatus").asText()).isEqualTo("CallConnected");
    }

    @Test
    void readsAnUnknownTransitionWordAsOtherAndIgnoresUnknownKeys() {
      String json = codec.encodeEvent(new CallUpdated("101", T, call(TelephonyStatus.ON_HOLD), TelephonyStatus.CALL_CONNECTED, CallTransition.HELD))
          .replace("\"held\"", "\"teleported\"")
          .replace("{\"kind\"", "{\"schemaVersion\":2,\"extra\":{\"a\":[1]},\"kind\"");

      PresenceEvent e = codec.decodeEvent(json);

      assertThat(((CallUpdated) e).transition()).isEqualTo(CallTransition.OTHER);
    }

    @Test
    void readsKeysInAnyOrder() {
      String json = "{\"call\":{\"queueCall\":true,\"id\":\"c\"},\"at\":\"2026-11-26T10:00:00.000Z\",\"extensionId\":\"7\",\"kind\":\"call.new\"}";

      PresenceEvent e = codec.decodeEvent(json);

      assertThat(e).isInstanceOf(PresenceEvent.CallStarted.class);
      assertThat(((PresenceEvent.CallStarted) e).call().queueCall()).isTrue();
    }

    @Test
    void refusesEventsItCannotRebuild() {
      assertReason("{\"kind\":\"call.new\",\"extensionId\":\"1\",\"at\":\"2026-11-26T10:00:00.000Z\"}", Reason.WRONG_SHAPE);
      assertReason("{\"kind\":\"call.exploded\",\"extensionId\":\"1\",\"at\":\"2026-11-26T10:00:00.000Z\",\"call\":{}}", Reason.WRONG_SHAPE);
      assertReason("{\"kind\":\"presence\",\"extensionId\":\"1\",\"at\":\"2026-11-26T10:00:00.000Z\",\"presence\":{\"status\":\"Sleepy\"}}", Reason.WRONG_SHAPE);
      assertReason("{\"kind\":\"presence\",\"extensionId\":\"1\",\"at\":\"2026-11-26T10:00:00.000Z\",\"presence\":null}", Reason.WRONG_SHAPE);
      assertReason("{\"kind\":\"presence\",\"at\":\"2026-11-26T10:00:00.000Z\"}", Reason.WRONG_SHAPE);
      assertReason("{\"kind\":\"call.ended\",\"extensionId\":\"1\",\"at\":\"later\",\"call\":{}}", Reason.WRONG_SHAPE);
      assertReason("[]", Reason.WRONG_SHAPE);
      assertReason("{\"kind\":", Reason.NOT_JSON);
      assertReason("", Reason.NOT_JSON);
    }

    @Test
    void writesAndReadsTheStateOfAnExtension() throws Exception {
      PresenceState busy = new PresenceState(Availability.BUSY, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS, UserStatus.BUSY,
          TelephonyStatus.CALL_CONNECTED, null, "in a meeting");
      ExtensionState state = new ExtensionState("101", 2013L, busy, List.of(call(TelephonyStatus.CALL_CONNECTED)), T);

      String json = codec.encodeState(state);

      assertThat(tree(json).fieldNames()).toIterable().containsExactly("extensionId", "sequence", "presence", "calls", "updatedAt");
      assertThat(tree(json).get("sequence").asLong()).isEqualTo(2013);
      assertThat(codec.decodeState(json)).isEqualTo(state);
      assertThat(codec.decodeState(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(state);
    }

    @Test
    void writesAStateWithoutSequenceAsNull() throws Exception {
      ExtensionState state = new ExtensionState("101", null, null, List.of(), null);
      JsonNode tree = tree(codec.encodeState(state));
      assertThat(tree.get("sequence").isNull()).isTrue();
      assertThat(tree.get("calls")).isEmpty();
      assertThat(codec.decodeState(codec.encodeState(state))).isEqualTo(state);
    }

    @Test
    void refusesAStateWithMoreCallsThanTheLimit() {
      PresenceCodec strict = PresenceCodec.create(CodecLimits.builder().maxActiveCalls(1).build());
      String json = codec.encodeState(new ExtensionState("1", 1L, null,
          List.of(call(TelephonyStatus.RINGING), call(TelephonyStatus.ON_HOLD)), T));
      assertThatThrownBy(() -> strict.decodeState(json))
          .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    private void assertReason(String json, Reason reason) {
      assertThatThrownBy(() -> codec.decodeEvent(json))
          .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
  }
}
