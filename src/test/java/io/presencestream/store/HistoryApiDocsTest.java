package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.PresenceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/http-api.md's "History" section are what the API answers: two calls of extension
 * 101 stored through the sink, then each documented request asked of {@link HistoryApi} and its answer
 * compared with the documented one (JSON as a tree, CSV to the byte, the Link header as written).
 */
class HistoryApiDocsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DOC = Path.of("docs/http-api.md");

  @TempDir Path temp;

  /** The fenced block right after the marker comment {@code <!-- example: NAME -->}. */
  private static String block(String name) throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- example: " + Pattern.quote(name) + " -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    assertThat(m.find()).as("docs/http-api.md has the example " + name).isTrue();
    return m.group(1);
  }

  @Test
  void theDocumentedAnswersAreTheApisAnswers() throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    HistoryStore store = HistoryStore.open(HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/presence")))
        .spillDirectory(temp.resolve("spill")).zone(ZoneId.of("Europe/Paris")).build(),
        codec::encodeEvent, new SimpleMeterRegistry());
    try {
      List<PresenceEvent> events = new ArrayList<>();
      events.addAll(CallScript.answered("101", "7001", Instant.parse("2026-11-26T09:00:01Z"), Duration.ofSeconds(7),
          Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(30)));
      events.addAll(CallScript.missed("101", "7002", Instant.parse("2026-11-26T09:05:00Z"), Duration.ofSeconds(25)));
      events.forEach(store.sink()::accept);
      store.sink().close().block(Duration.ofSeconds(30));

      HistoryApi.Response page = store.api().get("/api/history/calls",
          Map.of("from", List.of("2026-11-26"), "to", List.of("2026-11-27"), "extension", List.of("101"),
              "limit", List.of("1")), null).block(Duration.ofSeconds(30));
      assertThat(page.status()).isEqualTo(200);
      assertThat(JSON.readTree(page.body())).isEqualTo(JSON.readTree(block("history-calls-json")));
      assertThat(block("history-calls-link").strip()).isEqualTo("Link: " + page.headers().get("Link"));
      HistoryApi.Response csv = store.api().get("/api/history/calls",
          Map.of("from", List.of("2026-11-26"), "to", List.of("2026-11-27"), "format", List.of("csv")), null)
          .block(Duration.ofSeconds(30));
      assertThat(csv.body().replace("\r\n", "\n")).isEqualTo(block("history-calls-csv"));
    } finally {
      store.close().block(Duration.ofSeconds(30));
    }
  }

  @Test
  void theContactCentreExamplesAreTheApisAnswers() throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    HistoryStore store = HistoryStore.open(HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/cc")))
        .spillDirectory(temp.resolve("spill-cc")).zone(ContactCentreScript.PARIS).build(),
        codec::encodeEvent, new SimpleMeterRegistry(), Clock.fixed(Instant.parse("2026-10-25T12:00:00Z"), ZoneOffset.UTC));
    try {
      List<PresenceEvent> events = new ArrayList<>(ContactCentreScript.agentDay());
      events.addAll(ContactCentreScript.queueCalls());
      events.forEach(store.sink()::accept);
      store.sink().close().block(Duration.ofSeconds(30));

      HistoryApi.Response day = store.api().get("/api/history/agents/101/day",
          Map.of("date", List.of("2026-10-25")), null).block(Duration.ofSeconds(30));
      HistoryApi.Response dayCsv = store.api().get("/api/history/agents/101/day",
          Map.of("date", List.of("2026-10-25")), "text/csv").block(Duration.ofSeconds(30));
      HistoryApi.Response queueDay = store.api().get("/api/history/queues/900",
          Map.of("from", List.of("2026-10-25"), "interval", List.of("1d")), null).block(Duration.ofSeconds(30));
      HistoryApi.Response queueHours = store.api().get("/api/history/queues/900",
          Map.of("from", List.of("2026-10-25T00:00"), "to", List.of("2026-10-25T04:00"), "interval", List.of("1h"),
              "format", List.of("csv")), null).block(Duration.ofSeconds(30));
      if (System.getenv("PRINT_HISTORY_EXAMPLES") != null) {
        System.out.println(day.body() + "\n" + dayCsv.body() + "\n" + queueDay.body() + "\n" + queueHours.body());
      }
      assertThat(JSON.readTree(day.body())).isEqualTo(JSON.readTree(block("history-agent-day-json")));
      assertThat(dayCsv.body().replace("\r\n", "\n")).isEqualTo(block("history-agent-day-csv"));
      assertThat(JSON.readTree(queueDay.body())).isEqualTo(JSON.readTree(block("history-queue-day-json")));
      assertThat(queueHours.body().replace("\r\n", "\n")).isEqualTo(block("history-queue-hours-csv"));
    } finally {
      store.close().block(Duration.ofSeconds(30));
    }
  }
}
