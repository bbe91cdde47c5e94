package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.UserStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PresenceCodec#decodePresenceAnswer}: RingCentral's answers to a presence read of one or many extensions. */
class PresenceAnswerTest {

  private final PresenceCodec codec = PresenceCodec.create();
  private final List<DecodeException> skipped = new ArrayList<>();

  private static PresenceUpdate presence(String id) {
    return new PresenceUpdate(id, 1L, UserStatus.AVAILABLE, null, null, null, null, null, null, null);
  }

  private String json(String id) {
    return new String(codec.encodeExtensionPresence(presence(id)), StandardCharsets.UTF_8);
  }

  private List<String> ids(String answer, boolean single) {
    return codec.decodePresenceAnswer(answer.getBytes(StandardCharsets.UTF_8), single, skipped::add).stream()
        .map(PresenceUpdate::extensionId)
        .toList();
  }

  private static String part(String boundary, String body) {
    return "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + body + "\r\n";
  }

  @Test
  void readsOneExtensionsPresence() {
    assertThat(ids("  " + json("101"), true)).containsExactly("101");
    assertThat(skipped).isEmpty();
  }

  @Test
  void readsAMultipartBatchSkippingTheSummaryAndTheExtensionsItCouldNotAnswerFor() {
    String answer = part("B", "{\"response\":[{\"status\":200},{\"status\":404},{\"status\":200}]}")
        + part("B", json("101"))
        + part("B", "{\"errorCode\":\"CMN-102\",\"message\":\"not found\"}")
        + part("B", json("103"))
        + "--B--\r\n";

    assertThat(ids(answer, false)).containsExactly("101", "103");
    assertThat(skipped).isEmpty();
  }

  @Test
  void handsAnUnreadablePartToTheCallerAndKeepsTheOthers() {
    String answer = part("B", "{\"response\":[]}") + part("B", "{\"uri\":\"truncated") + part("B", json("102")) + "--B--\r\n";

    assertThat(ids(answer, false)).containsExactly("102");
    assertThat(skipped).hasSize(1);
  }

  @Test
  void readsABatchAnsweredAsARecordsList() {
    String answer = new String(
        RestJson.accountPresencePage("http://sim/restapi/v1.0/account/7/presence?", 1, 10, 1, 2,
            List.of(json("101").getBytes(StandardCharsets.UTF_8), json("102").getBytes(StandardCharsets.UTF_8))),
        StandardCharsets.UTF_8);

    assertThat(ids(answer, false)).containsExactly("101", "102");
  }

  @Test
  void anAnswerThatIsNeitherJsonNorMultipartGivesNothing() {
    assertThat(ids("<html>busy</html>", false)).isEmpty();
    assertThat(skipped).isEmpty();
  }
}
