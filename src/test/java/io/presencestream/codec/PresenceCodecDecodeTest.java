package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PresenceCodecDecodeTest {

  private final PresenceCodec codec = PresenceCodec.create();

  private static String envelope(String body) {
    return "{\"uuid\":\"u-1\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence?detailedTelephonyState=true&sipData=true\","
        + "\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"subscriptionId\":\"s-1\",\"ownerId\":\"101\",\"body\":" + body + "}";
  }

  private static String withCall(String callFields) {
    return envelope("{\"extensionId\":\"101\",\"sequence\":7,\"activeCalls\":[{" + callFields + "}]}");
  }

  private ActiveCall onlyCall(String callFields) {
    return codec.decodeMessage(withCall(callFields)).body().activeCalls().get(0);
  }

  private static DecodeException decodeFailure(Runnable decode) {
    try {
      decode.run();
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("expected a DecodeException");
  }

  @Nested
  class Tolerance {

    @Test
    void acceptsExtensionIdAsStringOrNumber() {
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":\"101\"}")).extensionId()).isEqualTo("101");
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":101}")).extensionId()).isEqualTo("101");
    }

    @Test
    void takesTheExtensionIdFromTheEventWhenTheBodyLacksIt() {
      assertThat(codec.decodeMessage(envelope("{\"sequence\":3}")).extensionId()).isEqualTo("101");
    }

    @Test
    void acceptsSequenceAsNumberOrDigits() {
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":1,\"sequence\":2013}")).body().sequence()).isEqualTo(2013L);
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":1,\"sequence\":\"2013\"}")).body().sequence()).isEqualTo(2013L);
    }

    @Test
    void readsFromAndToAsPlainStrings() {
      ActiveCall call = onlyCall("\"id\":\"c\",\"from\":\"+14155550100\",\"to\":\"102\"");
      assertThat(call.from()).isEqualTo("+14155550100");
      assertThat(call.to()).isEqualTo("102");
    }

    @Test
    void readsFromAndToObjectsTakingThePhoneNumberElseTheExtensionNumber() {
      ActiveCall call =
          onlyCall(
              "\"id\":\"c\",\"from\":{\"phoneNumber\":\"+14155550100\",\"extensionNumber\":\"105\",\"name\":\"Ann\"},"
                  + "\"to\":{\"extensionNumber\":\"102\",\"name\":\"Bob\"}");
      assertThat(call.from()).isEqualTo("+14155550100");
      assertThat(call.fromName()).isEqualTo("Ann");
      assertThat(call.to()).isEqualTo("102");
      assertThat(call.toName()).isEqualTo("Bob");
    }

    @Test
    void prefersExplicitNamesOverTheNameInsideAPartyObject() {
      ActiveCall call = onlyCall("\"id\":\"c\",\"fromName\":\"Explicit\",\"from\":{\"phoneNumber\":\"1\",\"name\":\"Inner\"}");
      assertThat(call.fromName()).isEqualTo("Explicit");
    }

    @ParameterizedTest
    @CsvSource({
      "2019-07-09T16:17:37.705Z, 2019-07-09T16:17:37.705Z",
      "2014-04-29T13:23:12.468+0000, 2014-04-29T13:23:12.468Z",
      "2014-04-29T15:23:12.468+02:00, 2014-04-29T13:23:12.468Z",
      "2014-04-29T05:23:12-0800, 2014-04-29T13:23:12Z",
      "2014-04-29T18:53:12.4+0530, 2014-04-29T13:23:12.400Z",
      "2014-04-29T13:23:12.123456789Z, 2014-04-29T13:23:12.123456789Z",
      "2014-04-29T13:23:12, 2014-04-29T13:23:12Z",
      "2014-04-29T14:23:12.000+01, 2014-04-29T13:23:12Z"
    })
    void readsStartTimesWithAnyOffset(String wire, String expected) {
      assertThat(onlyCall("\"id\":\"c\",\"startTime\":\"" + wire + "\"").startTime()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsTheEnvelopeTimestampWithPlus0000() {
      String json = envelope("{\"extensionId\":1}").replace("2026-11-26T10:00:00.000Z", "2014-04-29T13:23:12.468+0000");
      assertThat(codec.decodeMessage(json).timestamp()).isEqualTo(Instant.parse("2014-04-29T13:23:12.468Z"));
    }

    @Test
    void leavesAbsentFieldsNull() {
      Notification n = codec.decodeMessage("{\"event\":\"/restapi/v1.0/account/~/extension/5/presence\",\"body\":{\"extensionId\":\"5\"}}");
      assertThat(n.uuid()).isNull();
      assertThat(n.timestamp()).isNull();
      assertThat(n.body()).isEqualTo(new PresenceUpdate("5", null, null, null, null, null, null, null, null, null));

      ActiveCall call = onlyCall("\"id\":\"c\"");
      assertThat(call).isEqualTo(new ActiveCall("c", null, null, null, null, null, null, null, null, null, null, null, false, null));
    }

    @Test
    void distinguishesAnEmptyCallListFromAnAbsentOne() {
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":1,\"activeCalls\":[]}")).body().activeCalls()).isEmpty();
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":1}")).body().activeCalls()).isNull();
      assertThat(codec.decodeMessage(envelope("{\"extensionId\":1,\"activeCalls\":null}")).body().activeCalls()).isNull();
    }

    @Test
    void mapsUnknownEnumWordsToUnknown() {
      PresenceUpdate body =
          codec.decodeMessage(
                  envelope(
                      "{\"extensionId\":1,\"userStatus\":\"Away\",\"presenceStatus\":\"Lunch\",\"dndStatus\":\"Sleeping\","
                          + "\"telephonyStatus\":\"Teleporting\",\"meetingStatus\":\"Maybe\",\"activeCalls\":[{\"id\":\"c\","
                          + "\"direction\":\"Sideways\",\"telephonyStatus\":\"Voicemail\",\"terminationType\":\"partial\"}]}"))
              .body();
      assertThat(body.userStatus()).isEqualTo(UserStatus.UNKNOWN);
      assertThat(body.presenceStatus()).isEqualTo(UserStatus.UNKNOWN);
      assertThat(body.dndStatus()).isEqualTo(DndStatus.UNKNOWN);
      assertThat(body.telephonyStatus()).isEqualTo(TelephonyStatus.UNKNOWN);
      assertThat(body.meetingStatus()).isEqualTo(MeetingStatus.UNKNOWN);
      ActiveCall call = body.activeCalls().get(0);
      assertThat(call.direction()).isEqualTo(Direction.UNKNOWN);
      assertThat(call.telephonyStatus()).isEqualTo(TelephonyStatus.UNKNOWN);
      assertThat(call.terminationType()).isEqualTo(TerminationType.UNKNOWN);
    }

    @Test
    void ignoresUnknownFieldsOfAnyShapeAnywhere() {
      Notification n =
          codec.decodeMessage(
              "{\"x\":[1,{\"y\":null}],\"event\":\"/a/extension/7/presence\",\"body\":{\"new\":{\"a\":[true]},\"extensionId\":7,"
                  + "\"activeCalls\":[{\"id\":\"c\",\"future\":[[1]],\"sipData\":{\"toTag\":\"t\",\"extra\":{}}}]},\"z\":1.5}");
      assertThat(n.extensionId()).isEqualTo("7");
      assertThat(n.body().activeCalls().get(0).sipData().toTag()).isEqualTo("t");
    }

    @Test
    void acceptsAnEnvelopeWithoutEventWhenItsBodyNamesAnExtension() {
      assertThat(codec.decodeMessage("{\"body\":{\"extensionId\":\"9\",\"sequence\":1}}").extensionId()).isEqualTo("9");
    }

    @Test
    void readsFieldsInAnyOrder() {
      String json =
          "{\"body\":{\"activeCalls\":[{\"startTime\":\"2026-01-01T00:00:00Z\",\"id\":\"c\"}],\"sequence\":5,\"extensionId\":\"3\"},"
              + "\"timestamp\":\"2026-01-01T00:00:01Z\",\"event\":\"/restapi/v1.0/account/~/extension/3/presence\",\"uuid\":\"u\"}";
      Notification n = codec.decodeMessage(json);
      assertThat(n.body().sequence()).isEqualTo(5L);
      assertThat(n.uuid()).isEqualTo("u");
    }

    @Test
    void decodesAFrameWhoseHeaderTypeIsNotItsFirstField() {
      String frame = "[{\"messageId\":\"m\",\"status\":200,\"type\":\"ServerNotification\"}," + envelope("{\"extensionId\":1}") + "]";
      assertThat(codec.decodeMessage(frame).extensionId()).isEqualTo("1");
    }

    @Test
    void decodesBytesAndTextAlike() {
      String json = withCall("\"id\":\"c\",\"fromName\":\"Zoë Ünal ☎\"");
      assertThat(codec.decodeMessage(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(codec.decodeMessage(json));
      assertThat(codec.decodeMessage(json).body().activeCalls().get(0).fromName()).isEqualTo("Zoë Ünal ☎");
    }

    @Test
    void decodesAnEnvelopeInPlaceWithinALargerBuffer() {
      byte[] frame = Samples.bytes("COMPOSED_ws_serverNotification_detailedPresenceWithSip.json");
      String text = new String(frame, StandardCharsets.UTF_8);
      int start = text.indexOf("{\n    \"uuid\"");
      int end = text.lastIndexOf(']');
      byte[] envelope = java.util.Arrays.copyOfRange(frame, start, end);

      assertThat(codec.decodeMessage(frame, start, end - start)).isEqualTo(codec.decodeMessage(envelope));
      assertThat(codec.decodeMessage(frame, start, end - start)).isEqualTo(codec.decodeMessage(frame));
      assertThat(decodeFailure(() -> codec.decodeMessage(frame, start, 10)).reason()).isEqualTo(Reason.NOT_JSON);
      assertThatThrownBy(() -> codec.decodeMessage(frame, start, frame.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void takesTheRestExtensionIdFromTheUriWhenNothingElseNamesIt() {
      PresenceUpdate p =
          codec.decodeExtensionPresence(
              "{\"uri\":\"https://platform.ringcentral.com/restapi/v1.0/account/1/extension/4242/presence?detailedTelephonyState=true\","
                  + "\"userStatus\":\"Busy\",\"activeCalls\":[]}");
      assertThat(p.extensionId()).isEqualTo("4242");
      assertThat(p.userStatus()).isEqualTo(UserStatus.BUSY);
      assertThat(p.activeCalls()).isEmpty();
    }

    @Test
    void readsPagingAndTheNextPageOfAnAccountPresencePage() {
      AccountPresencePage page =
          codec.decodeAccountPresencePage(
              "{\"uri\":\"https://x/restapi/v1.0/account/1/presence?page=2\",\"records\":[{\"extension\":{\"id\":11},\"dndStatus\":\"TakeAllCalls\"},"
                  + "{\"extensionId\":\"12\",\"userStatus\":\"Offline\"}],\"paging\":{\"page\":2,\"perPage\":2,\"totalPages\":5},"
                  + "\"navigation\":{\"nextPage\":{\"uri\":\"https://x/restapi/v1.0/account/1/presence?page=3\"},\"firstPage\":{\"uri\":\"f\"}}}");
      assertThat(page.page()).isEqualTo(2);
      assertThat(page.totalPages()).isEqualTo(5);
      assertThat(page.nextPageUri()).isEqualTo("https://x/restapi/v1.0/account/1/presence?page=3");
      assertThat(page.records()).extracting(PresenceUpdate::extensionId).containsExactly("11", "12");
    }

    @Test
    void infersTotalPagesFromNavigationWhenPagingLacksIt() {
      AccountPresencePage more =
          codec.decodeAccountPresencePage("{\"records\":[],\"paging\":{\"page\":3},\"navigation\":{\"nextPage\":{\"uri\":\"n\"}}}");
      assertThat(more.totalPages()).isEqualTo(4);
      AccountPresencePage last = codec.decodeAccountPresencePage("{\"records\":[]}");
      assertThat(last.page()).isEqualTo(1);
      assertThat(last.totalPages()).isEqualTo(1);
    }
  }

  @Nested
  class BadInput {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "nope", "{", "{\"a\":}", "[1,]", "{\"body\":{\"extensionId\":1}} trailing", "{} {}", "\u0000"})
    void refusesWhatIsNotJson(String input) {
      assertThat(decodeFailure(() -> codec.decodeMessage(input)).reason()).isEqualTo(Reason.NOT_JSON);
    }

    @Test
    void refusesNullInput() {
      assertThat(decodeFailure(() -> codec.decodeMessage((byte[]) null)).reason()).isEqualTo(Reason.NOT_JSON);
      assertThat(decodeFailure(() -> codec.decodeMessage((String) null)).reason()).isEqualTo(Reason.NOT_JSON);
    }

    @Test
    void refusesInvalidUtf8AsNotJson() {
      byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
      assertThat(decodeFailure(() -> codec.decodeMessage(bytes)).reason()).isEqualTo(Reason.NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"text\"", "null", "true", "[]", "[1,2]", "[[]]", "[{\"uuid\":\"not a header\"}]"})
    void refusesJsonOfTheWrongShape(String input) {
      assertThat(decodeFailure(() -> codec.decodeMessage(input)).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"extensionId\":{}}",
          "{\"extensionId\":1.5}",
          "{\"extensionId\":1,\"sequence\":\"x\"}",
          "{\"extensionId\":1,\"sequence\":1.5}",
          "{\"extensionId\":1,\"sequence\":123456789012345678901234567890}",
          "{\"extensionId\":1,\"userStatus\":5}",
          "{\"extensionId\":1,\"activeCalls\":{}}",
          "{\"extensionId\":1,\"activeCalls\":[1]}",
          "{\"extensionId\":1,\"activeCalls\":[null]}",
          "{\"extensionId\":1,\"activeCalls\":[{\"startTime\":\"yesterday\"}]}",
          "{\"extensionId\":1,\"activeCalls\":[{\"startTime\":\"2026-02-30T00:00:00Z\"}]}",
          "{\"extensionId\":1,\"activeCalls\":[{\"queueCall\":\"maybe\"}]}",
          "{\"extensionId\":1,\"activeCalls\":[{\"from\":[\"1\"]}]}",
          "{\"extensionId\":1,\"totalActiveCalls\":9999999999}",
          "[]",
          "null"
        })
    void refusesAPresenceNotificationWithABadBody(String body) {
      assertThat(decodeFailure(() -> codec.decodeMessage(envelope(body))).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @Test
    void refusesAPresenceNotificationWithoutBody() {
      String json = "{\"event\":\"/restapi/v1.0/account/~/extension/~/presence\",\"uuid\":\"u\"}";
      assertThat(decodeFailure(() -> codec.decodeMessage(json)).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sequence\":1}", "{\"extensionId\":\"\"}", "{\"extensionId\":null}"})
    void refusesAPresenceNotificationWhoseExtensionNobodyNames(String body) {
      String json = "{\"event\":\"/restapi/v1.0/account/~/extension/~/presence\",\"body\":" + body + "}";
      assertThat(decodeFailure(() -> codec.decodeMessage(json)).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @Test
    void saysNotPresenceForOtherNotificationsEvenIfTheirBodyLooksOdd() {
      String json = "{\"event\":\"/restapi/v1.0/account/~/extension/~/message-store\",\"body\":{\"extensionId\":{},\"sequence\":[]}}";
      assertThat(decodeFailure(() -> codec.decodeMessage(json)).reason()).isEqualTo(Reason.NOT_PRESENCE);
    }

    @Test
    void saysNotPresenceForAServerNotificationFrameOfAnotherEvent() {
      String frame =
          "[{\"type\":\"ServerNotification\"},{\"event\":\"/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS\",\"body\":{\"id\":\"1\"}}]";
      assertThat(decodeFailure(() -> codec.decodeMessage(frame)).reason()).isEqualTo(Reason.NOT_PRESENCE);
    }

    @Test
    void refusesAFrameWithMoreThanTwoElements() {
      String frame = "[{\"type\":\"ServerNotification\"}," + envelope("{\"extensionId\":1}") + ",{}]";
      assertThat(decodeFailure(() -> codec.decodeMessage(frame)).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @Test
    void refusesAServerNotificationFrameWithoutEnvelope() {
      assertThat(decodeFailure(() -> codec.decodeMessage("[{\"type\":\"ServerNotification\"}]")).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @Test
    void notJsonWinsOverNotPresence() {
      String frame = "[{\"type\":\"Heartbeat\"}, {oops}]";
      assertThat(decodeFailure(() -> codec.decodeMessage(frame)).reason()).isEqualTo(Reason.NOT_JSON);
    }

    @Test
    void refusesADocumentAboveTheSizeLimitBeforeParsingIt() {
      PresenceCodec small = PresenceCodec.create(CodecLimits.builder().maxDocumentBytes(100).build());
      String json = envelope("{\"extensionId\":1,\"message\":\"" + "x".repeat(200) + "\"}");
      assertThat(decodeFailure(() -> small.decodeMessage(json)).reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(decodeFailure(() -> small.decodeMessage(json.getBytes(StandardCharsets.UTF_8))).reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void refusesAMegabyteAndMoreByDefault() {
      byte[] big = new byte[(1 << 20) + 1];
      java.util.Arrays.fill(big, (byte) ' ');
      assertThat(decodeFailure(() -> codec.decodeMessage(big)).reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
      String deep = "[".repeat(40) + "]".repeat(40);
      assertThat(decodeFailure(() -> codec.decodeMessage(deep)).reason()).isEqualTo(Reason.TOO_DEEP);
      String deepInBody = envelope("{\"extensionId\":1,\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}");
      assertThat(decodeFailure(() -> codec.decodeMessage(deepInBody)).reason()).isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void acceptsNestingWithinTheLimit() {
      String json = envelope("{\"extensionId\":1,\"x\":" + "[".repeat(20) + "]".repeat(20) + "}");
      assertThat(codec.decodeMessage(json).extensionId()).isEqualTo("1");
    }

    @Test
    void refusesMoreActiveCallsThanTheLimit() {
      PresenceCodec strict = PresenceCodec.create(CodecLimits.builder().maxActiveCalls(3).build());
      String four = envelope("{\"extensionId\":1,\"activeCalls\":[{},{},{},{}]}");
      String three = envelope("{\"extensionId\":1,\"activeCalls\":[{},{},{}]}");
      assertThat(decodeFailure(() -> strict.decodeMessage(four)).reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(strict.decodeMessage(three).body().activeCalls()).hasSize(3);
    }

    @Test
    void refusesMorePageRecordsThanTheLimit() {
      PresenceCodec strict = PresenceCodec.create(CodecLimits.builder().maxPageRecords(1).build());
      String json = "{\"records\":[{\"extensionId\":1},{\"extensionId\":2}]}";
      assertThat(decodeFailure(() -> strict.decodeAccountPresencePage(json.getBytes(StandardCharsets.UTF_8))).reason())
          .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void refusesAbsurdlyLongNumbers() {
      String json = envelope("{\"extensionId\":1,\"sequence\":" + "9".repeat(100) + "}");
      assertThat(decodeFailure(() -> codec.decodeMessage(json)).reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void quotesAShortEscapedExcerptOfTheInput() {
      String garbage = "\u0001\u0007line one\nline two\t" + "y".repeat(5000);
      DecodeException e = decodeFailure(() -> codec.decodeMessage(garbage));

      assertThat(e.getMessage()).contains("\\u0001\\u0007line one\\nline two\\t");
      assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0001");
      assertThat(e.getMessage()).hasSizeLessThan(450);
      assertThat(e.getMessage()).doesNotContain("y".repeat(121));
      assertThat(e.getCause()).isNull();
    }

    @Test
    void excerptsLargeBinaryInputCheaplyAndBoundedly() {
      byte[] bytes = new byte[200_000];
      new java.util.Random(1).nextBytes(bytes);
      DecodeException e = decodeFailure(() -> codec.decodeMessage(bytes));
      assertThat(e.reason()).isEqualTo(Reason.NOT_JSON);
      assertThat(e.getMessage()).hasSizeLessThan(1000);
    }

    @Test
    void saysNotPresenceForRestDocumentsOfOtherResources() {
      assertThat(decodeFailure(() -> codec.decodeExtensionPresence("{\"uri\":\"https://x/restapi/v1.0/account/1/extension/2\",\"id\":2}")).reason())
          .isEqualTo(Reason.NOT_PRESENCE);
      assertThat(decodeFailure(() -> codec.decodeAccountPresencePage("{\"uri\":\"https://x/restapi/v1.0/account/1/extension\",\"records\":[]}")).reason())
          .isEqualTo(Reason.NOT_PRESENCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"records\":[null]}", "{\"records\":[1]}", "{\"records\":{}}", "{\"records\":[],\"paging\":{\"page\":\"one\"}}",
        "{\"records\":[{\"extensionId\":1,\"activeCalls\":5}]}", "{\"records\":[],\"navigation\":{\"nextPage\":{\"uri\":7}}}"})
    void refusesAnAccountPageWithBadParts(String json) {
      assertThat(decodeFailure(() -> codec.decodeAccountPresencePage(json)).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }

    @Test
    void refusesARestPresenceWithoutAnyExtensionId() {
      assertThat(decodeFailure(() -> codec.decodeExtensionPresence("{\"userStatus\":\"Busy\"}")).reason()).isEqualTo(Reason.WRONG_SHAPE);
    }
  }
}
