package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ExtensionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpJsonTest {

  @Test
  void writesAnErrorBodyWithItsTextEscaped() {
    assertThat(HttpJson.error("bad_request", "the request is not valid HTTP"))
        .isEqualTo("{\"error\":\"bad_request\",\"message\":\"the request is not valid HTTP\"}");
    assertThat(HttpJson.error("unknown_fault", "no \"drop\"\nhere"))
        .isEqualTo("{\"error\":\"unknown_fault\",\"message\":\"no \\\"drop\\\"\\nhere\"}");
  }

  @Test
  void writesTheLivenessBody() {
    assertThat(HttpJson.status(true)).isEqualTo("{\"status\":\"UP\"}");
    assertThat(HttpJson.status(false)).isEqualTo("{\"status\":\"DOWN\"}");
  }

  @Test
  void writesTheDirectoryInOrderWithNullsForAbsentValues() {
    assertThat(HttpJson.directory(List.of(
            new ExtensionInfo("101", "1001", "Ada \"A\" Lovelace"), new ExtensionInfo("102", null, null))))
        .isEqualTo("[{\"extensionId\":\"101\",\"extensionNumber\":\"1001\",\"name\":\"Ada \\\"A\\\" Lovelace\"},"
            + "{\"extensionId\":\"102\",\"extensionNumber\":null,\"name\":null}]");
    assertThat(HttpJson.directory(List.of())).isEqualTo("[]");
  }

  @Test
  void writesReadinessWithChecksAndSinksApart() {
    Map<String, HttpJson.Check> checks = new LinkedHashMap<>();
    checks.put("source", new HttpJson.Check(true, "connected"));
    checks.put("hub", new HttpJson.Check(false, null));
    Map<String, HttpJson.Check> sinks = Map.of("sink.webhook", new HttpJson.Check(false, "HTTP 500"));

    assertThat(HttpJson.readiness(false, checks, sinks))
        .isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"source\":{\"status\":\"UP\",\"detail\":\"connected\"},"
            + "\"hub\":{\"status\":\"DOWN\",\"detail\":null}},"
            + "\"sinks\":{\"sink.webhook\":{\"status\":\"DOWN\",\"detail\":\"HTTP 500\"}}}");
    assertThat(HttpJson.readiness(true, Map.of(), Map.of()))
        .isEqualTo("{\"status\":\"UP\",\"checks\":{},\"sinks\":{}}");
  }

  @Test
  void writesTheGapNotice() {
    assertThat(HttpJson.gap(5, 9, 4, "evicted"))
        .isEqualTo("{\"fromId\":5,\"toId\":9,\"missed\":4,\"reason\":\"evicted\"}");
  }

  @Test
  void writesADeadLetterLineWithTheEventEmbeddedAsIs() {
    assertThat(HttpJson.deadLetter("2026-01-02T03:04:05.006Z", "http://hook", "HTTP 500", 5, "{\"kind\":\"presence\"}"))
        .isEqualTo("{\"failedAt\":\"2026-01-02T03:04:05.006Z\",\"target\":\"http://hook\",\"reason\":\"HTTP 500\","
            + "\"attempts\":5,\"event\":{\"kind\":\"presence\"}}");
  }

  @Test
  void writesTheSimulatorControlBodies() {
    assertThat(HttpJson.rate(2.5)).isEqualTo("{\"rate\":2.5}");
    assertThat(HttpJson.rate(0)).isEqualTo("{\"rate\":0.0}");
    assertThat(HttpJson.applied("drop")).isEqualTo("{\"applied\":\"drop\"}");
  }
}
