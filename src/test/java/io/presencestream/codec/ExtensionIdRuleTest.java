package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.DecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every place the codec reads an extension id from applies the HTTP API's rule: 1–64 of A-Z a-z 0-9 . _ ~ -.
 * (An empty id stays what it was before: absent, so the id is taken from the event path.)
 */
class ExtensionIdRuleTest {

  private final PresenceCodec codec = PresenceCodec.create();

  static Stream<String> hostileIds() {
    return Stream.of(
        "x".repeat(900 * 1024),
        "1\\u00002",
        "101\\u202e",
        " 101",
        "10 1",
        "101/../102",
        "a".repeat(65),
        "\\u00e9");
  }

  private static String envelope(String ownerId, String bodyId) {
    return "{\"uuid\":\"u-1\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence\","
        + "\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"subscriptionId\":\"s-1\",\"ownerId\":\"" + ownerId + "\","
        + "\"body\":{\"extensionId\":\"" + bodyId + "\",\"sequence\":1}}";
  }

  private static String event(String id) {
    return "{\"kind\":\"presence\",\"extensionId\":\"" + id + "\",\"at\":\"2026-11-26T10:00:00.000Z\","
        + "\"presence\":{\"status\":\"Available\"},\"previous\":null}";
  }

  private static void assertBadId(Runnable decode) {
    assertThatThrownBy(decode::run)
        .isInstanceOf(DecodeException.class)
        .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo(Reason.WRONG_SHAPE))
        .hasMessageContaining("not a valid extension id")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1000));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void rejectsAHostileIdInANotificationBody(String id) {
    assertBadId(() -> codec.decodeMessage(envelope("101", id)));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void rejectsAHostileOwnerIdInANotificationEnvelope(String id) {
    assertBadId(() -> codec.decodeMessage(envelope(id, "101")));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void rejectsAHostileIdInARestPresenceBody(String id) {
    assertBadId(() -> codec.decodeExtensionPresence("{\"extensionId\":\"" + id + "\",\"presenceStatus\":\"Busy\"}"));
    assertBadId(
        () -> codec.decodeAccountPresencePage(
            "{\"records\":[{\"extensionId\":\"" + id + "\",\"presenceStatus\":\"Busy\"}],\"paging\":{\"page\":1,\"totalPages\":1}}"));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void rejectsAHostileIdInOurEventsAndStates(String id) {
    assertBadId(() -> codec.decodeEvent(event(id)));
    assertBadId(() -> codec.decodeState("{\"extensionId\":\"" + id + "\",\"sequence\":1,\"presence\":null,\"calls\":[]}"));
  }

  @Test
  void rejectsAnIdFromTheEventPathLongerThanTheRule() {
    String longId = "1".repeat(65);
    String message = "{\"uuid\":\"u-1\",\"event\":\"/restapi/v1.0/account/1/extension/" + longId + "/presence\","
        + "\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"body\":{\"sequence\":1}}";
    assertBadId(() -> codec.decodeMessage(message));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void rejectsAHostileIdInADirectoryPage(String id) {
    byte[] page = ("{\"records\":[{\"id\":\"" + id + "\",\"extensionNumber\":\"1001\",\"name\":\"Ada\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ProtocolCodec.create(2 * 1024 * 1024).decodeExtensionList(page))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("not a valid extension id");
  }

  @Test
  void acceptsEveryCharacterTheRuleAllows() {
    String id = "Az09._~-";
    assertThat(codec.decodeMessage(envelope(id, id)).extensionId()).isEqualTo(id);
    assertThat(codec.decodeEvent(event("a".repeat(64))).extensionId()).hasSize(64);
    assertThat(ExtensionIds.valid("101")).isTrue();
    assertThat(ExtensionIds.valid(null)).isFalse();
  }
}
