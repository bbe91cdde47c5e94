package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * People name extensions by number: the daemon on its simulator answers {@code /api/state/{number}} and
 * {@code /api/history/calls?extension={number}} as it answers the id, and says which names match nothing
 * (docs/http-api.md, "Ids and numbers").
 */
@Timeout(180)
class DaemonExtensionNumbersIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(daemon.url().toString().replaceAll("/$", "") + pathAndQuery))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Set<String> callIds(String query) throws Exception {
    HttpResponse<String> answer = get("/api/history/calls?" + query + "&limit=1000");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Set<String> ids = new HashSet<>();
    JSON.readTree(answer.body()).get("calls").forEach(c -> ids.add(c.get("extensionId").asText() + "/" + c.get("callId").asText()));
    return ids;
  }

  @Test
  void theStateAndTheHistoryOfAnExtensionAreFoundByItsNumber() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 8, eventsPerSecond: 40, seed: 5}}
        server: {port: 0}
        sinks:
          database:
            h2: {file: %s}
            spillDirectory: %s
            zone: Europe/Paris
        """.formatted(dir.resolve("db/presence"), dir.resolve("spill")), "test", Map.of()));
    String range = "from=" + LocalDate.now(ZoneId.of("Europe/Paris")) + "&to="
        + LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
    await().atMost(Duration.ofSeconds(90)).until(() -> JSON.readTree(get("/api/history/calls?" + range).body())
        .get("calls").size() >= 4);
    await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/api/extensions").body()).size() == 8);

    JsonNode call = JSON.readTree(get("/api/history/calls?" + range).body()).get("calls").get(0);
    String id = call.get("extensionId").asText();
    String number = null;
    for (JsonNode extension : JSON.readTree(get("/api/extensions").body())) {
      if (extension.get("extensionId").asText().equals(id)) {
        number = extension.get("extensionNumber").asText();
      }
    }
    assertThat(number).isNotNull().isNotEqualTo(id);

    JsonNode byNumber = JSON.readTree(get("/api/state/" + number).body());
    assertThat(byNumber.get("extensionId").asText()).isEqualTo(id);

    Set<String> idCalls = callIds(range + "&extension=" + id);
    Set<String> numberCalls = callIds(range + "&extension=" + number);
    assertThat(idCalls).isNotEmpty();
    // calls that ended between the two requests appear in the second only
    assertThat(numberCalls).containsAll(idCalls).allSatisfy(c -> assertThat(c).startsWith(id + "/"));

    HttpResponse<String> unknownState = get("/api/state/999");
    assertThat(unknownState.statusCode()).isEqualTo(400);
    assertThat(unknownState.body()).contains("\"error\":\"unknown_extension\"").contains("'999'");
    HttpResponse<String> unknownHistory = get("/api/history/calls?" + range + "&extension=999");
    assertThat(unknownHistory.statusCode()).as("a deleted user's calls are still history").isEqualTo(200);
    assertThat(unknownHistory.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).contains("'999'"));
  }
}
