package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.testing.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history as an operator meets it: the daemon on its simulator with {@code sinks.database} on the
 * embedded H2, the office's calls queried over HTTP as JSON and as CSV, paged, in the configured zone.
 */
@Timeout(180)
class DaemonHistoryIT {

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

  private HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(daemon.url().toString().replaceAll("/$", "") + pathAndQuery))
        .timeout(Duration.ofSeconds(20));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOfficesCallsAreQueriedAsJsonAndCsvPagedInTheAccountsZone() throws Exception {
    try (CapturedLog log = CapturedLog.start()) {
      daemon = Daemon.start(DaemonConfig.parse("""
          source: {simulator: {extensions: 12, eventsPerSecond: 40, seed: 3}}
          server: {port: 0}
          sinks:
            database:
              h2: {file: %s}
              spillDirectory: %s
              zone: Europe/Paris
          """.formatted(dir.resolve("db/presence"), dir.resolve("spill")), "test", Map.of()));
      assertThat(log.linesWith("sink database: history in H2 database file")).hasSize(1);
    }
    String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
    String tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1).toString();
    String range = "from=" + today + "&to=" + tomorrow;
    await().atMost(Duration.ofSeconds(90)).until(() -> JSON.readTree(get("/api/history/calls?" + range, null).body())
        .get("calls").size() >= 6);

    HttpResponse<String> json = get("/api/history/calls?" + range + "&limit=1000", null);
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode calls = JSON.readTree(json.body()).get("calls");
    JsonNode first = calls.get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("extensionId", "callId", "sessionId",
        "telephonySessionId", "direction", "from", "fromName", "to", "toName", "queueCall", "queueId", "startTime",
        "answerTime", "endTime", "durationMs", "ringMs", "talkMs", "holdMs", "result", "endReason", "mergedInto");
    // the account's zone: Paris is +01:00 or +02:00, never Z
    assertThat(first.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0[12]:00");

    HttpResponse<String> csv = get("/api/history/calls?" + range + "&limit=1000", "text/csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8; header=present");
    String[] rows = csv.body().split("\r\n", -1);
    assertThat(rows[0]).isEqualTo("extensionId,callId,sessionId,telephonySessionId,direction,from,fromName,to,toName,"
        + "queueCall,queueId,startTime,answerTime,endTime,durationMs,ringMs,talkMs,holdMs,result,endReason,mergedInto");
    assertThat(rows[rows.length - 1]).as("the body ends with CRLF").isEmpty();
    // calls may have ended between the two requests: the CSV holds at least the JSON's
    assertThat(rows.length - 2).isGreaterThanOrEqualTo(calls.size());
    assertThat(get("/api/history/calls?" + range + "&format=csv", null).body()).startsWith("extensionId,callId,");

    // pages of 2: the same calls, none twice, following nextCursor (and the Link header)
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<String> page = get("/api/history/calls?" + range + "&limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), null);
      JsonNode body = JSON.readTree(page.body());
      body.get("calls").forEach(c -> paged.add(c.get("extensionId").asText() + "/" + c.get("callId").asText()));
      cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
      if (cursor != null) {
        String next = cursor;
        assertThat(page.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
            .startsWith("</api/history/calls?").endsWith("cursor=" + next + ">; rel=\"next\""));
      }
      pages++;
    } while (cursor != null && pages < 100);
    Set<String> unique = new HashSet<>(paged);
    assertThat(unique).hasSameSizeAs(paged).hasSizeGreaterThanOrEqualTo(calls.size());
  }

  @Test
  void badParametersAreAnsweredWithWhatIsWrong() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 2, eventsPerSecond: 0}}
        server: {port: 0}
        sinks:
          database: {h2: {file: %s}, spillDirectory: %s}
        """.formatted(dir.resolve("db/presence"), dir.resolve("spill")), "test", Map.of()));
    assertThat(get("/api/history/calls?limit=5000", null)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("bad_limit");
    });
    assertThat(JSON.readTree(get("/api/history/calls?from=yesterday", null).body()).get("error").asText()).isEqualTo("bad_time");
    assertThat(JSON.readTree(get("/api/history/calls?result=won", null).body()).get("message").asText())
        .startsWith("result must be one of answered, missed");
    assertThat(JSON.readTree(get("/api/history/calls?cursor=xyz", null).body()).get("error").asText()).isEqualTo("bad_cursor");
    assertThat(JSON.readTree(get("/api/history/calls?format=xml", null).body()).get("error").asText()).isEqualTo("bad_format");
    assertThat(get("/api/history/agents", null).statusCode()).isEqualTo(404);
    assertThat(get("/api/history/calls", null).statusCode()).isEqualTo(200);
    assertThat(Files.exists(dir.resolve("db/presence.mv.db"))).isTrue();
  }

  @Test
  void aDatabaseThatCannotBeReachedStopsTheStartNamingTheKeyAndNeverThePassword() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (CapturedLog log = CapturedLog.start()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Daemon.start(DaemonConfig.parse("""
              source: {simulator: {extensions: 2, eventsPerSecond: 0}}
              server: {port: 0}
              sinks:
                database:
                  postgresql: {host: 127.0.0.1, port: %d, database: presence, user: presence, passwordEnv: HISTORY_PW, sslMode: disable}
                  connectTimeout: 2s
                  spillDirectory: %s
              """.formatted(closedPort, dir.resolve("spill")), "test", Map.of("HISTORY_PW", "pw-secret-4711"))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("sinks.database: cannot open the history in PostgreSQL presence@127.0.0.1:" + closedPort
              + "/presence (sslmode disable)")
          .hasMessageNotContaining("pw-secret-4711");
      assertThat(log.text()).doesNotContain("pw-secret-4711");
    }
  }
}
