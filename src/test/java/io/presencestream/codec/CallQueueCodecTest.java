package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.model.CallQueue;
import io.presencestream.model.QueueMember;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The call-queue bodies as RingCentral documents them ({@code apidocs_*}) and as the simulator serves them
 * ({@code SIMULATOR_*}), from {@code src/test/resources/call-queue-samples} (provenance in its PROVENANCE.md).
 */
class CallQueueCodecTest {

  private final CallQueueCodec codec = CallQueueCodec.create();

  static byte[] sample(String name) {
    try (InputStream in = CallQueueCodecTest.class.getResourceAsStream("/call-queue-samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheDocumentedQueueList() {
    CallQueuePage page = codec.decodeCallQueues(sample("apidocs_call-queues.json"));
    assertThat(page.queues()).containsExactly(
        new CallQueue("1081167016", "11131", "Sale representative queue", List.of()),
        new CallQueue("61986637016", "11132", "Product support queue", List.of()));
    assertThat(page.nextPageUri()).isNull();
  }

  @Test
  void readsTheSimulatorsQueueList() {
    CallQueuePage page = codec.decodeCallQueues(sample("SIMULATOR_call-queues.json"));
    assertThat(page.queues()).extracting(CallQueue::id, CallQueue::extensionNumber, CallQueue::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("61000000004", "90000001", "Sales Queue"),
            org.assertj.core.groups.Tuple.tuple("61000002004", "90000003", "Support Queue"));
    assertThat(page.nextPageUri()).isNull();
  }

  @Test
  void followsTheNextPageOfAQueueList() {
    CallQueuePage page = codec.decodeCallQueues(json(
        "{\"records\":[{\"id\":\"1\",\"extensionNumber\":\"900\",\"name\":\"Q\"}],"
            + "\"navigation\":{\"nextPage\":{\"uri\":\"https://x/restapi/v1.0/account/~/call-queues?page=2&perPage=1\"}}}"));
    assertThat(page.nextPageUri()).isEqualTo("https://x/restapi/v1.0/account/~/call-queues?page=2&perPage=1");
  }

  @Test
  void readsMemberIdsWrittenAsNumbers() {
    assertThat(codec.decodeMembers(sample("apidocs_call-queue-members.json")).extensionIds())
        .containsExactly("11112222", "11113333");
    assertThat(codec.decodeMembers(sample("SIMULATOR_call-queue-members.json")).extensionIds())
        .startsWith("62000006004", "62000007004");
  }

  @Test
  void readsTheMembersQueueFlagsWithIdsWrittenAsStrings() {
    assertThat(codec.decodeQueuePresence(sample("apidocs_call-queue-presence.json")))
        .containsExactly(new QueueMember("979428000", true, true));
    List<QueueMember> simulated = codec.decodeQueuePresence(sample("SIMULATOR_call-queue-presence.json"));
    assertThat(simulated).first().isEqualTo(new QueueMember("62000006004", true, true));
    assertThat(simulated).extracting(QueueMember::extensionId).doesNotHaveDuplicates();
  }

  @Test
  void aFlagLeftOutReadsAsRingCentralsDefaultTrue() {
    assertThat(codec.decodeQueuePresence(json("{\"records\":[{\"member\":{\"id\":\"7\"},\"acceptCurrentQueueCalls\":false}]}")))
        .containsExactly(new QueueMember("7", true, false));
  }

  @Test
  void readsTheSimulatorsQueuePresenceNotification() {
    CallQueuePresenceEvent event = codec.decodePresenceNotification(sample("SIMULATOR_call-queue-presence-notification.json"));
    assertThat(event.queueId()).isEqualTo("61000002004");
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-12-03T09:26:35.899Z"));
    assertThat(event.subscriptionId()).isEqualTo("aa621f85-6498-1e8d-9b34-003b292c7b85");
    assertThat(event.changes()).containsExactly(new CallQueuePresenceEvent.MemberChange("62000007004", false));
  }

  @Test
  void readsTheDocumentedNotificationOnceItsPathPlaceholdersAreFilledIn() {
    String documented = new String(sample("apidocs_call-queue-member-presence-event.json"), StandardCharsets.UTF_8);
    CallQueuePresenceEvent event = codec.decodePresenceNotification(
        json(documented.replace("{accountId}", "809646000").replace("{groupId}", "1081167016")));
    assertThat(event.queueId()).isEqualTo("1081167016");
    assertThat(event.uuid()).isEqualTo("ed1cf00c-0420-4bf5-a0ae-e659cc9f77e0");
    assertThat(event.changes()).containsExactly(
        new CallQueuePresenceEvent.MemberChange("411753183004", true),
        new CallQueuePresenceEvent.MemberChange("411753646416541", false));
    // verbatim, the path names no queue: that is bad input, not a queue called "{groupId}"
    assertThatThrownBy(() -> codec.decodePresenceNotification(json(documented)))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE));
  }

  @Test
  void anotherFiltersNotificationIsNotACallQueueOne() {
    assertThatThrownBy(() -> codec.decodePresenceNotification(json(
        "{\"event\":\"/restapi/v1.0/account/~/extension\",\"body\":{\"extensionId\":\"1\",\"eventType\":\"Update\"}}")))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_PRESENCE));
    assertThat(CallQueueCodec.queueOfPresenceEvent("/restapi/v1.0/account/~/call-queues/42/presence")).isEqualTo("42");
    assertThat(CallQueueCodec.queueOfPresenceEvent("/restapi/v1.0/account/~/extension/42/presence")).isNull();
  }

  @Test
  void theNotificationDecoderTakesACallQueuePresenceEventForNoPresenceOfItsOwn() {
    NotificationDecoder decoder = NotificationDecoder.presence(PresenceCodec.create());
    assertThatThrownBy(() -> decoder.decode(sample("SIMULATOR_call-queue-presence-notification.json"), Instant.EPOCH))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_PRESENCE));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not json",
      "[]",
      "{\"records\":{}}",
      "{\"records\":[1]}",
      "{\"records\":[{\"member\":{\"id\":\"1\"},\"acceptQueueCalls\":\"yes\"}]}",
      "{\"records\":[{\"member\":{\"id\":\"a b\"}}]}",
      "{\"records\":[{\"member\":{\"id\":1.5}}]}",
      "{\"records\":[{\"member\":\"62000001\"}]}",
      "{\"records\":[]} trailing",
  })
  void aBadPresenceBodyIsATypedErrorNeverAPartialAnswer(String body) {
    assertThatThrownBy(() -> codec.decodeQueuePresence(json(body))).isInstanceOf(DecodeException.class);
  }

  @Test
  void aBodyTooDeepOrTooLargeSaysSo() {
    String deep = "{\"records\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> codec.decodeCallQueues(json(deep)))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.TOO_DEEP));
    CallQueueCodec small = CallQueueCodec.create(64);
    assertThatThrownBy(() -> small.decodeCallQueues(sample("apidocs_call-queues.json")))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> codec.decodeMembers(null))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE));
  }

  @Test
  void anErrorMessageNeverQuotesTheInput() {
    assertThatThrownBy(() -> codec.decodeQueuePresence(json("{\"records\":[{\"member\":{\"id\":\"secret-token\"},\"acceptQueueCalls\":\"secret-token\"}]}")))
        .isInstanceOf(DecodeException.class)
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void theExtensionListGivesEachUsersDepartment() {
    ExtensionListPage page = ProtocolCodec.create().decodeExtensionList(sample("SIMULATOR_extension-list-with-contact.json"));
    assertThat(page.records()).extracting(ExtensionRecord::id, ExtensionRecord::department)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("62000001004", "Engineering"),
            org.assertj.core.groups.Tuple.tuple("62000002004", "Sales"));
    ExtensionRecord none = ProtocolCodec.create().decodeExtensionInfo(json(
        "{\"id\":5,\"extensionNumber\":\"105\",\"contact\":{\"department\":\"  \"},\"name\":\"N\",\"type\":\"User\",\"status\":\"Enabled\"}"));
    assertThat(none.department()).as("a blank department is none").isNull();
  }

  @Test
  void usersOfOneDepartmentShareOneCopyOfItsName() {
    ProtocolCodec protocol = ProtocolCodec.create();
    ExtensionRecord first = protocol.decodeExtensionInfo(json(
        "{\"id\":5,\"extensionNumber\":\"105\",\"contact\":{\"department\":\"Support\"},\"name\":\"N\",\"type\":\"User\",\"status\":\"Enabled\"}"));
    ExtensionRecord second = protocol.decodeExtensionInfo(json(
        "{\"id\":6,\"extensionNumber\":\"106\",\"contact\":{\"department\":\"Support\"},\"name\":\"M\",\"type\":\"User\",\"status\":\"Enabled\"}"));
    assertThat(second.department()).as("held once, not once per user of the directory").isSameAs(first.department());
  }

  @Test
  void aDepartmentIsWrittenBackWhereRingCentralPutsIt() {
    ProtocolCodec protocol = ProtocolCodec.create();
    ExtensionListPage page = new ExtensionListPage(null,
        List.of(new ExtensionRecord("5", "105", "N", "Enabled", "User", "Support"), new ExtensionRecord("6", "106", "M", "Enabled", "User")),
        null, null);
    ExtensionListPage back = protocol.decodeExtensionList(protocol.encode(page));
    assertThat(back.records()).extracting(ExtensionRecord::department).containsExactly("Support", null);
  }
}
