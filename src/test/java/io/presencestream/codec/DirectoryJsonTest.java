package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README "Topics and their schema", {@code presence.directory}: the directory as the ingest writes it and a view reads it. */
class DirectoryJsonTest {

  private static final Instant T = Instant.parse("2026-11-26T10:00:00.250Z");

  private final ContactCentreJson json = ContactCentreJson.create();

  private static Directory directory() {
    return new Directory(T,
        List.of(new ExtensionInfo("101", "101", "Bob Brown", "Sales"), new ExtensionInfo("102", null, null, null)),
        List.of(new CallQueue("2001", "2001", "Sales Queue",
            List.of(new QueueMember("101", true, false), new QueueMember("102", false, true)))));
  }

  @Test
  void directoryIsWrittenWithEveryKeyAndReadBackEqual() {
    byte[] written = json.encodeDirectory(directory());
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(
        "{\"at\":\"2026-11-26T10:00:00.250Z\",\"extensions\":["
            + "{\"extensionId\":\"101\",\"extensionNumber\":\"101\",\"name\":\"Bob Brown\",\"department\":\"Sales\"},"
            + "{\"extensionId\":\"102\",\"extensionNumber\":null,\"name\":null,\"department\":null}],"
            + "\"queues\":[{\"id\":\"2001\",\"extensionNumber\":\"2001\",\"name\":\"Sales Queue\",\"members\":["
            + "{\"extensionId\":\"101\",\"acceptQueueCalls\":true,\"acceptCurrentQueueCalls\":false},"
            + "{\"extensionId\":\"102\",\"acceptQueueCalls\":false,\"acceptCurrentQueueCalls\":true}]}]}");
    assertThat(json.decodeDirectory(written)).isEqualTo(directory());
  }

  @Test
  void readingIgnoresUnknownKeysAndTakesNumericIds() {
    Directory read = json.decodeDirectory(("{\"queues\":[{\"id\":2001,\"members\":[],\"extra\":{}}],\"at\":\"2026-11-26T10:00:00Z\","
        + "\"future\":[1,2]}").getBytes(StandardCharsets.UTF_8));
    assertThat(read.queues()).containsExactly(new CallQueue("2001", null, null, List.of()));
    assertThat(read.extensions()).isEmpty();
  }

  @Test
  void aDirectoryWithoutItsInstantOrWithABadMemberIsATypedError() {
    assertThatThrownBy(() -> json.decodeDirectory("{\"extensions\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class).extracting("reason").isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThatThrownBy(() -> json.decodeDirectory(("{\"at\":\"2026-11-26T10:00:00Z\",\"queues\":[{\"id\":\"1\","
        + "\"members\":[{\"extensionId\":\"101\"}]}]}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class).hasMessageContaining("acceptQueueCalls");
    assertThatThrownBy(() -> json.decodeDirectory("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class).extracting("reason").isEqualTo(DecodeException.Reason.NOT_JSON);
    assertThatThrownBy(() -> json.decodeDirectory(null)).isInstanceOf(DecodeException.class);
  }
}
