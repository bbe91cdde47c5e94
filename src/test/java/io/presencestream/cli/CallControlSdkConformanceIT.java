package io.presencestream.cli;

import static io.presencestream.cli.ReplayRuns.replay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.cli.ReplayRuns.Run;
import io.presencestream.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Conformance with RingCentral's Call Control SDK ({@code ringcentral-call-control} 0.2.12, pinned in
 * {@code src/test/node/package-lock.json}), whose rules README "Telephony sessions" says the session tracker
 * follows: {@code src/test/node/call-control-sessions.js} feeds the fixtures of {@code replay/sessions} to the
 * SDK's own {@code onNotificationEvent} (one instance per extension, as an application of that extension
 * would) and prints, after every line, the owner's SDK session in {@code replay --emit sessions}' form. On
 * every line with an owner the two must be equal, except on the lines listed in {@link #DIFFERENCES}, where
 * README's table says we differ, and there they must still differ (so the list cannot go stale). A line
 * neither side can take (bad JSON, a presence notification, no telephonySessionId) is refused by both.
 *
 * <p>Needs Node.js and the npm packages of {@code src/test/node} ({@code npm ci} there); it skips without
 * them, and fails instead when CI asks for them ({@code PRESENCE_REQUIRE_EXTERNAL_TOOLS=true}).
 */
class CallControlSdkConformanceIT {

  private static final Path NODE_DIR = Path.of("src", "test", "node");
  private static final Path FIXTURES = Path.of("src", "test", "resources", "replay", "sessions");
  private static final List<String> FILES = List.of("account-809646016.jsonl", "call-control-js.jsonl",
      "sequence-faults.jsonl", "transfer.jsonl", "ghost.jsonl", "ringout.jsonl", "two-devices.jsonl",
      "sparse.jsonl", "bad-lines.jsonl");

  /** {@code file:index} → the row of README's rules table under which our session differs from the SDK's. */
  private static final Map<String, String> DIFFERENCES = Map.of(
      "ghost.jsonl:1", "ghost: a new session whose parties have all gone (here: Gone) is ignored; the SDK "
          + "ignores only all Disconnected",
      "transfer.jsonl:9", "end: Gone ends the session for the extension; the SDK keeps it",
      "sparse.jsonl:0", "session: an absent origin is Call; the SDK keeps none",
      "sparse.jsonl:1", "session: an absent origin is Call; the SDK keeps none",
      "sparse.jsonl:4", "session: a later notification's sessionId fills an absent one, and an absent origin is "
          + "Call; the SDK keeps the first notification's");

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theSdksSessionsEqualOursWhereverTheReadmeSaysWeFollowIt() throws Exception {
    Path node = ExternalTools.require("node", "to run RingCentral's Call Control SDK on the replay fixtures");
    ExternalTools.requireThat(Files.isDirectory(NODE_DIR.resolve("node_modules/ringcentral-call-control")),
        "the npm packages of src/test/node are not installed (npm ci there)");

    Map<String, JsonNode> sdk = sdkLines(node);
    Map<String, JsonNode> ours = new LinkedHashMap<>();
    for (String file : FILES) {
      Run run = replay("replay", "--input", FIXTURES.resolve(file).toString(), "--emit", "sessions");
      assertThat(run.exitCode()).as("replay of %s; stderr: %s", file, run.err()).isZero();
      for (JsonNode line : run.lines()) {
        ours.put(file + ":" + line.get("index").asInt(), line);
      }
    }

    assertThat(sdk.keySet()).as("one line per line that is not blank, on both sides").isEqualTo(ours.keySet());
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (Map.Entry<String, JsonNode> entry : ours.entrySet()) {
      String key = entry.getKey();
      JsonNode our = entry.getValue();
      JsonNode their = sdk.get(key);
      if (!our.get("error").isNull()) {
        assertThat(their.has("skipped")).as("%s: refused by us (%s), so by the SDK too", key, our.get("error"))
            .isTrue();
        continue;
      }
      assertThat(their.get("ownerId")).as("%s: the owner", key).isEqualTo(our.get("ownerId"));
      if (our.get("ownerId").isNull()) {
        continue; // an account-level line: no single view to compare; its effect shows in the next lines
      }
      compared++;
      boolean equal = our.get("session").equals(their.get("session"));
      String difference = DIFFERENCES.get(key);
      if (difference == null && !equal) {
        disagreements.add(key + ": ours " + our.get("session") + "\n    the SDK's " + their.get("session"));
      } else if (difference != null && equal) {
        disagreements.add(key + ": listed as a difference (" + difference + ") but the sessions are equal");
      }
    }

    assertThat(disagreements).as("lines where our session and the SDK's disagree").isEmpty();
    assertThat(new TreeSet<>(ours.keySet())).containsAll(DIFFERENCES.keySet());
    assertThat(compared).as("lines compared").isGreaterThanOrEqualTo(60);
  }

  /** The SDK's line for each {@code file:index}. */
  private Map<String, JsonNode> sdkLines(Path node) throws Exception {
    List<String> command = new ArrayList<>(List.of(node.toString(), "call-control-sessions.js"));
    for (String file : FILES) {
      command.add(FIXTURES.resolve(file).toAbsolutePath().toString());
    }
    Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile()).start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> out = ReplayGoldenOutputTest.ReplayProcess.drain(process.getInputStream());
    CompletableFuture<byte[]> err = ReplayGoldenOutputTest.ReplayProcess.drain(process.getErrorStream());
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the SDK script finished within 60 s").isTrue();
    } finally {
      process.destroyForcibly();
    }
    String stderr = new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("the SDK script's exit code; stderr: %s", stderr).isZero();
    Map<String, JsonNode> lines = new LinkedHashMap<>();
    for (String line : new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        JsonNode parsed = json.readTree(line);
        lines.put(parsed.get("file").asText() + ":" + parsed.get("index").asInt(), parsed);
      }
    }
    return lines;
  }
}
