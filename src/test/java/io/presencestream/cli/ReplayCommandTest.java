package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int exitCode, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    }
  }

  private static Run replay(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = new CommandLine(new Main())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static String session() throws Exception {
    return Path.of(ReplayCommandTest.class.getResource("/replay/ringout-session.jsonl").toURI()).toString();
  }

  @Test
  void replaysTheEventsOfARecordedSession() throws Exception {
    Run run = replay("replay", "--input", session());

    assertThat(run.exitCode()).isZero();
    List<JsonNode> events = run.lines();
    assertThat(events).extracting(e -> e.get("kind").asText()).containsExactly(
        "presence", "presence", "call.new", "call.ringing", "call.updated", "presence", "call.ended");
    JsonNode started = events.get(2);
    assertThat(started.get("at").asText()).isEqualTo("2026-11-26T10:00:06.000Z");
    assertThat(started.get("call").get("sessionId").asText()).isEqualTo("118139132021");
    assertThat(started.get("call").get("inboundLeg").get("sessionId").asText()).isEqualTo("118139133021");
    assertThat(started.get("call").get("outboundLeg").get("id").asText()).isEqualTo("out-1");
    assertThat(events.get(4).get("transition").asText()).isEqualTo("connected");
    assertThat(events.get(6).get("durationMs").asLong()).isEqualTo(64_000);
  }

  @Test
  void emitsTheStateAfterEveryLineThatDecoded() throws Exception {
    Run run = replay("replay", "--input", session(), "--emit", "state");

    assertThat(run.exitCode()).isZero();
    List<JsonNode> states = run.lines();
    assertThat(states).extracting(s -> s.get("index").asInt()).containsExactly(0, 1, 2, 5, 6);
    assertThat(states).extracting(s -> s.get("applied").asBoolean()).containsExactly(true, true, false, true, true);
    assertThat(states).extracting(s -> s.get("extensionId").asText()).containsOnly("101");
    assertThat(states.get(2).get("dropReason").asText()).isEqualTo("duplicate_sequence");

    JsonNode ringing = states.get(1);
    assertThat(ringing.get("presence").get("status").asText()).isEqualTo("Available");
    assertThat(ringing.get("presence").get("presenceStatus").asText()).isEqualTo("Busy");
    assertThat(ringing.get("calls")).hasSize(1);
    JsonNode call = ringing.get("calls").get(0);
    assertThat(call.get("direction").asText()).isEqualTo("Outbound");
    assertThat(call.get("telephonyStatus").asText()).isEqualTo("Ringing");
    assertThat(call.get("from").asText()).isEqualTo("+16505550199");
    assertThat(call.get("to").asText()).isEqualTo("+16505550100");
    assertThat(call.get("startTime").asText()).isEqualTo("2026-11-26T10:00:05.000Z");
    assertThat(call.get("inboundLeg").get("id").asText()).isEqualTo("in-1");
    assertThat(call.get("outboundLeg").get("sessionId").asText()).isEqualTo("118139132021");

    JsonNode last = states.get(4);
    assertThat(last.get("presence").get("status").asText()).isEqualTo("Busy");
    assertThat(last.get("calls")).isEmpty();
  }

  @Test
  void reportsAMalformedLineWithItsNumberAndGoesOn() throws Exception {
    Run run = replay("replay", "--input", session());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("line 4").doesNotContain("line 5").doesNotContain("line 6");
    assertThat(run.lines()).isNotEmpty();
  }

  @Test
  void replayingTheSameInputTwiceGivesIdenticalOutput() throws Exception {
    for (String emit : List.of("events", "state")) {
      Run first = replay("replay", "--input", session(), "--emit", emit);
      Run second = replay("replay", "--input", session(), "--emit", emit);
      assertThat(second.out()).isEqualTo(first.out()).isNotBlank();
    }
  }

  @Test
  void unreadableInputFailsWithAMessage(@TempDir Path dir) {
    Run run = replay("replay", "--input", dir.resolve("missing.jsonl").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read");
  }
}
