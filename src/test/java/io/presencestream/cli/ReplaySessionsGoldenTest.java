package io.presencestream.cli;

import static io.presencestream.cli.ReplayRuns.replay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.cli.ReplayRuns.Run;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code replay --emit sessions} writes for the fixtures of {@code replay/sessions} (the recorded
 * telephony-session samples, composed into JSON-lines files by {@code make_fixtures.py}; provenance in the
 * PROVENANCE.md there) is pinned byte for byte: stdout must equal {@code golden/<fixture>.jsonl}, stderr
 * {@code golden/<fixture>.err} (empty when there is none). A second run in the same JVM must write the same
 * bytes again, and the golden files themselves were written by an earlier run, so the output is the same
 * across runs too.
 *
 * <p>An intended change of the output regenerates the files with {@code -Dreplay.golden.write=true}; their
 * diff then shows what changed, line by line.
 */
class ReplaySessionsGoldenTest {

  private static final Path FIXTURES = Path.of("src/test/resources/replay/sessions");

  @ParameterizedTest
  @ValueSource(strings = {"account-809646016", "call-control-js", "sequence-faults", "transfer", "ghost", "ringout",
      "two-devices", "sparse", "bad-lines"})
  void writesExactlyTheRecordedSessionLines(String fixture) throws Exception {
    Path input = resource(fixture + ".jsonl");

    Run run = replay("replay", "--input", input.toString(), "--emit", "sessions");
    Run again = replay("replay", "--input", input.toString(), "--emit", "sessions");

    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
    if (Boolean.getBoolean("replay.golden.write")) {
      Files.writeString(FIXTURES.resolve("golden/" + fixture + ".jsonl"), run.out(), StandardCharsets.UTF_8);
      Path err = FIXTURES.resolve("golden/" + fixture + ".err");
      if (run.err().isEmpty()) {
        Files.deleteIfExists(err);
      } else {
        Files.writeString(err, run.err(), StandardCharsets.UTF_8);
      }
    }
    assertThat(run.out()).isEqualTo(golden(fixture + ".jsonl"));
    assertThat(run.err()).isEqualTo(golden(fixture + ".err"));
    assertThat(again.out()).as("a second run").isEqualTo(run.out());
    assertThat(again.err()).as("a second run's stderr").isEqualTo(run.err());
  }

  /** The README's example line is real: the line the replay writes for it, reformatted and nothing else. */
  @Test
  void theReadmeExampleIsTheThirdLineOfTheTwoDevicesFixture() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("<!-- section: replay -->"),
        readme.indexOf("<!-- /section: replay -->"));
    Matcher example = Pattern.compile("```json\n(.*?)\n\s*```", Pattern.DOTALL).matcher(section);
    assertThat(example.find()).as("a json block in README's Replay section").isTrue();
    assertThat(section).contains("replay --input src/test/resources/replay/sessions/two-devices.jsonl --emit sessions");

    String compact = new ObjectMapper().readTree(example.group(1)).toString(); // keys kept in their order
    String third = golden("two-devices.jsonl").lines().skip(2).findFirst().orElseThrow();

    assertThat(compact).isEqualTo(third);
  }

  private static String golden(String name) throws IOException, URISyntaxException {
    var url = ReplaySessionsGoldenTest.class.getResource("/replay/sessions/golden/" + name);
    return url == null ? "" : Files.readString(Path.of(url.toURI()), StandardCharsets.UTF_8);
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = ReplaySessionsGoldenTest.class.getResource("/replay/sessions/" + name);
    assertThat(url).as("fixture %s", name).isNotNull();
    return Path.of(url.toURI());
  }
}
