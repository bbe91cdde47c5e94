package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.daemon.DaemonConfig;
import io.presencestream.daemon.SourceConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  private static DaemonConfig parsed(String... args) {
    RunCommand command = new RunCommand(Map.of());
    new CommandLine(command).parseArgs(args);
    return command.configuration();
  }

  @Test
  void aHostThatIsNoAddressFailsTheStartWithASentence() {
    assertThat(execute("run", "--host", "999.1.1.1", "--port", "0")).isEqualTo(1);

    assertThat(err.toString().strip())
        .isEqualTo("presence-stream failed to start: cannot listen on 999.1.1.1 (server.host or --host):"
            + " not an IP address or a host name that resolves")
        .doesNotContain("UnresolvedAddressException");
  }

  @Test
  void theBannerShowsWhereTheTokenGoesNeverATokenAndTheOtherUrls() {
    URI local = URI.create("http://127.0.0.1:8080/");
    List<URI> network = List.of(URI.create("http://192.0.2.2:8080/"), URI.create("http://[fd00::2]:8080/"));

    assertThat(RunCommand.banner(local, List.of(), false))
        .containsExactly("presence-stream is running: open http://127.0.0.1:8080/ (Ctrl-C to stop)");
    assertThat(RunCommand.banner(local, network, true)).containsExactly(
        "presence-stream is running: open http://127.0.0.1:8080/ (Ctrl-C to stop)",
        "  from other machines: http://192.0.2.2:8080/, http://[fd00::2]:8080/",
        "  a bearer token is required: open the wallboard as http://127.0.0.1:8080/?access_token=<token>",
        "  (<token>: the value of PRESENCE_STREAM_TOKEN, or of the variable server.auth.tokenEnv names)");
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(execute("--help")).isZero();
    assertThat(out.toString()).contains("run", "simulate", "replay");
    for (String command : new String[] {"run", "simulate", "replay"}) {
      assertThat(execute(command, "--help")).isZero();
    }
    assertThat(out.toString()).contains("--config=FILE", "--port=PORT", "--host=HOST", "--shutdown-timeout=SECONDS");
  }

  @Test
  void withoutConfigRunsTheEmbeddedSimulatorDefault() {
    DaemonConfig config = parsed();
    assertThat(config).isEqualTo(DaemonConfig.loadDefault(Map.of()));
    assertThat(config.source()).isInstanceOf(SourceConfig.Simulator.class);
  }

  @Test
  void hostAndPortOverrideTheConfiguration(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("c.yaml"), "server: {host: 10.0.0.1, port: 1234}\n");
    assertThat(parsed("--config", file.toString(), "--port", "0").server())
        .extracting(s -> s.host(), s -> s.port()).containsExactly("10.0.0.1", 0);
    assertThat(parsed("--host", "0.0.0.0").server())
        .extracting(s -> s.host(), s -> s.port()).containsExactly("0.0.0.0", 8080);
  }

  @Test
  void invalidConfigurationExitsWithTwoNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "server:\n  port: 70000\n  hots: x\n");
    assertThat(execute("run", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("invalid configuration " + file)
        .contains("server.port: must be between 0 and 65535, was 70000")
        .contains("server.hots: unknown key");
  }

  @Test
  void missingConfigFileExitsWithTwo(@TempDir Path dir) {
    assertThat(execute("run", "--config", dir.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("none.yaml").contains("no such file");
  }

  @Test
  void portOutOfRangeOnTheCommandLineExitsWithTwo() {
    assertThat(execute("run", "--port", "65536")).isEqualTo(2);
    assertThat(err.toString()).contains("--port: must be between 0 and 65535, was 65536");
    assertThat(execute("run", "--port", "eighty")).isEqualTo(2);
    assertThat(execute("run", "--shutdown-timeout", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--shutdown-timeout: must be at least 1 second");
  }
}
