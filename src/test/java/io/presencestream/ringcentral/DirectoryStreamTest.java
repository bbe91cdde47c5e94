package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.CallQueuePresenceEvent;
import io.presencestream.codec.CallQueuePresenceEvent.MemberChange;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call-queue presence notification applied to the last directory, as {@link DirectoryStream} does it. */
class DirectoryStreamTest {

  private static final Instant READ = Instant.parse("2026-12-03T09:00:00Z");
  private static final Instant NOTIFIED = Instant.parse("2026-12-03T09:00:05Z");

  private final Directory directory = new Directory(READ,
      List.of(new ExtensionInfo("1", "101", "Ada", "Support"), new ExtensionInfo("2", "102", "Bob", "Sales")),
      List.of(
          new CallQueue("q1", "900", "Sales", List.of(new QueueMember("1", true, true), new QueueMember("2", false, true))),
          new CallQueue("q2", "901", "Support", List.of(new QueueMember("1", true, true)))));

  private static CallQueuePresenceEvent event(String queue, MemberChange... changes) {
    return new CallQueuePresenceEvent(null, queue, null, null, List.of(changes));
  }

  @Test
  void aMemberSwitchingOneQueueOffChangesThatFlagOfThatQueueOnly() {
    Directory changed = DirectoryStream.apply(directory, event("q1", new MemberChange("2", false)), NOTIFIED);
    assertThat(changed.at()).isEqualTo(NOTIFIED);
    assertThat(changed.queues().get(0).members())
        .containsExactly(new QueueMember("1", true, true), new QueueMember("2", false, false));
    assertThat(changed.queues().get(1)).isEqualTo(directory.queues().get(1));
    assertThat(changed.extensions()).isEqualTo(directory.extensions());
  }

  @Test
  void aNotificationThatChangesNothingGivesTheSameDirectory() {
    assertThat(DirectoryStream.apply(directory, event("q1", new MemberChange("1", true)), NOTIFIED)).isSameAs(directory);
    assertThat(DirectoryStream.apply(directory, event("q9", new MemberChange("1", false)), NOTIFIED))
        .as("a queue the directory does not know").isSameAs(directory);
  }

  @Test
  void aMemberTheLastReadDidNotHaveJoinsTheQueue() {
    Directory changed = DirectoryStream.apply(directory, event("q2", new MemberChange("2", false)), NOTIFIED);
    assertThat(changed.queues().get(1).members())
        .containsExactly(new QueueMember("1", true, true), new QueueMember("2", true, false));
  }
}
