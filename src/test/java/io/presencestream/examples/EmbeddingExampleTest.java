package io.presencestream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

  private static final String EXAMPLE = "src/test/java/io/presencestream/examples/EmbeddingExample.java";

  private static String envelope(long sequence, String timestamp, String userStatus, String activeCalls) {
    return "{\"uuid\":\"u" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence"
        + "?detailedTelephonyState=true&sipData=true\",\"timestamp\":\"" + timestamp + "\","
        + "\"subscriptionId\":\"s\",\"ownerId\":\"101\",\"body\":{\"extensionId\":\"101\",\"sequence\":" + sequence
        + ",\"userStatus\":\"" + userStatus + "\",\"activeCalls\":" + activeCalls + "}}";
  }

  /** The example region of the source, without its common indentation. */
  private static String exampleRegion() throws Exception {
    List<String> lines = Files.readAllLines(Path.of(EXAMPLE));
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// tag::embedding[]")) {
        start = i + 1;
      } else if (lines.get(i).contains("// end::embedding[]")) {
        end = i;
      }
    }
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    List<String> region = lines.subList(start, end);
    int indent = region.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
  }

  @Test
  void readmeShowsTheCompiledExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- section: embedding -->");
    int end = readme.indexOf("<!-- /section: embedding -->");
    assertThat(start).isNotNegative();
    assertThat(end).isGreaterThan(start);
    assertThat(readme.substring(start, end)).contains("```java\n" + exampleRegion() + "\n```");
  }

  @Test
  void theExampleRuns() {
    String call = "[{\"id\":\"c1\",\"sessionId\":\"5000\",\"direction\":\"Inbound\",\"from\":\"+16505550100\","
        + "\"to\":\"101\",\"telephonyStatus\":\"Ringing\",\"terminationType\":\"final\"}]";
    List<String> messages = List.of(
        envelope(1, "2026-11-26T10:00:00.000Z", "Available", "[]"),
        "not json at all",
        envelope(2, "2026-11-26T10:00:01.000Z", "Available", call));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    EmbeddingExample.run(messages, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "101 is Available",
        "101 has a call from +16505550100",
        "101 has 1 live calls");
  }
}
