package io.presencestream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.server.PresenceHttpServer;
import io.presencestream.server.ServerOptions;
import io.presencestream.testing.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;

class ServerExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/io/presencestream/examples/ServerExample.java");

  @TempDir Path dir;

  private static String envelope(long sequence, String timestamp, String userStatus) {
    return "{\"uuid\":\"u" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence"
        + "?detailedTelephonyState=true&sipData=true\",\"timestamp\":\"" + timestamp + "\","
        + "\"subscriptionId\":\"s\",\"ownerId\":\"101\",\"body\":{\"extensionId\":\"101\",\"sequence\":" + sequence
        + ",\"userStatus\":\"" + userStatus + "\",\"activeCalls\":[]}}";
  }

  @Test
  void theDocsShowTheCompiledExampleVerbatim() throws Exception {
    String docs = Files.readString(Path.of("docs/http-api.md"));
    for (String tag : List.of("server", "shutdown")) {
      String block = DocSnippets.javaBlock(EXAMPLE, tag);
      assertThat(docs).as("the %s example appears verbatim in docs/http-api.md", tag).contains(block);
    }
  }

  @Test
  void theExampleServesStateAndEventsAndWritesJsonLines() throws Exception {
    Path events = dir.resolve("events.jsonl");
    List<String> answers = new ArrayList<>();
    ServerExample.run(
        ServerOptions.builder().port(0).build(),
        events,
        List.of(envelope(1, "2026-11-26T10:00:00.000Z", "Available"), envelope(2, "2026-11-26T10:00:01.000Z", "Busy")),
        (PresenceHttpServer server) -> {
          HttpClient http = HttpClient.create();
          answers.add(http.get().uri(server.baseUrl() + "/api/state/101").responseContent().aggregate().asString().block(Duration.ofSeconds(10)));
          answers.add(http.get().uri(server.baseUrl() + "/health/ready").responseContent().aggregate().asString().block(Duration.ofSeconds(10)));
          answers.add(http.get().uri(server.baseUrl() + "/events?lastEventId=1")
              .responseContent().asString()
              .filter(chunk -> chunk.contains("event: presence"))
              .next()
              .block(Duration.ofSeconds(10)));
        });
    assertThat(answers.get(0)).contains("\"extensionId\":\"101\"");
    assertThat(answers.get(1)).contains("\"status\":\"UP\"").contains("sink:jsonl");
    assertThat(answers.get(2)).contains("data: {\"kind\":\"presence\",\"extensionId\":\"101\"");
    assertThat(Files.readAllLines(events)).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"kind\":"));
  }
}
