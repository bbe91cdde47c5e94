package io.presencestream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.testing.DocSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/io/presencestream/examples/EmbeddingExample.java");

  private static String envelope(long sequence, String timestamp, String userStatus, String activeCalls) {
    return "{\"uuid\":\"u" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence"
        + "?detailedTelephonyState=true&sipData=true\",\"timestamp\":\"" + timestamp + "\","
        + "\"subscriptionId\":\"s\",\"ownerId\":\"101\",\"body\":{\"extensionId\":\"101\",\"sequence\":" + sequence
        + ",\"userStatus\":\"" + userStatus + "\",\"activeCalls\":" + activeCalls + "}}";
  }

  @Test
  void readmeShowsTheCompiledExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- section: embedding -->");
    int end = readme.indexOf("<!-- /section: embedding -->");
    assertThat(start).isNotNegative();
    assertThat(end).isGreaterThan(start);
    assertThat(readme.substring(start, end)).contains(DocSnippets.javaBlock(EXAMPLE, "embedding"));
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
