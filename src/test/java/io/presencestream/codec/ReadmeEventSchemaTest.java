package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in README's event schema section are real: each decodes, and re-encodes to itself. */
class ReadmeEventSchemaTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PresenceCodec codec = PresenceCodec.create();

  private static List<String> examples() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- section: events -->");
    int end = readme.indexOf("<!-- /section: events -->");
    assertThat(start).as("events section start").isNotNegative();
    assertThat(end).as("events section end").isGreaterThan(start);
    Matcher m = JSON_BLOCK.matcher(readme.substring(start, end));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void everyEventExampleDecodesAndIsExactlyWhatTheEncoderWrites() throws Exception {
    List<EventKind> kinds = new ArrayList<>();
    for (String example : examples()) {
      JsonNode tree = JSON.readTree(example);
      if (!tree.has("kind")) {
        continue;
      }
      PresenceEvent event = codec.decodeEvent(example);
      kinds.add(event.kind());
      // compact form of the example, key order kept: must equal the encoder's output byte for byte
      assertThat(codec.encodeEvent(event)).isEqualTo(JSON.writeValueAsString(tree));
    }
    assertThat(kinds).containsExactly(EventKind.values());
  }

  @Test
  void theStateExampleDecodesAndIsExactlyWhatTheEncoderWrites() throws Exception {
    List<String> states = new ArrayList<>();
    for (String example : examples()) {
      JsonNode tree = JSON.readTree(example);
      if (!tree.has("kind")) {
        assertThat(codec.encodeState(codec.decodeState(example))).isEqualTo(JSON.writeValueAsString(tree));
        states.add(example);
      }
    }
    assertThat(states).hasSize(1);
  }
}
