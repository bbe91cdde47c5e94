package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.daemon.DaemonConfig;
import io.presencestream.daemon.SourceConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  private record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runsForTheGivenTimeAndPrintsWhereAndWithWhatToConnect() {
    Result result = run("simulate", "--port", "0", "--extensions", "5", "--rate", "20", "--duration", "700ms",
        "--fault-script", "200ms:drop, 300ms:garbage, 400ms:429=1/2", "--chaos-every", "250ms");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("server URL     http://127.0.0.1:")
        .contains("WebSocket URL  ws://127.0.0.1:")
        .contains("client id      presence-stream-demo-client")
        .contains("client secret  demo-client-secret")
        .contains("JWT            eyJ");
  }

  @Test
  void printsAConfigurationThatPointsRunAtThisSimulator(@TempDir Path dir) throws Exception {
    Result result = run("simulate", "--port", "0", "--rate", "0", "--duration", "100ms",
        "--client-id", "my-client", "--client-secret", "it's secret", "--jwt", "a.b.c");
    assertThat(result.code()).isZero();
    String out = result.out();
    String serverUrl = field(out, "^  server URL +(\\S+)$");

    // The YAML exactly as printed (its lines start at column 0), and the environment from the export lines.
    String yaml = out.lines().dropWhile(line -> !line.equals("source:")).takeWhile(line -> !line.isEmpty())
        .collect(Collectors.joining("\n", "", "\n"));
    Path file = Files.writeString(dir.resolve("simulator.yaml"), yaml);
    Map<String, String> env = out.lines().filter(line -> line.startsWith("  export "))
        .map(line -> line.substring("  export ".length()).split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> unquote(kv[1])));
    SourceConfig.RingCentral source = (SourceConfig.RingCentral) DaemonConfig.load(file, env).source();

    assertThat(source.serverUrl()).isEqualTo(URI.create(serverUrl));
    assertThat(source.credentials().clientId()).isEqualTo("my-client");
    assertThat(source.credentials().clientSecret().reveal()).isEqualTo("it's secret");
    assertThat(source.credentials().jwt().reveal()).isEqualTo("a.b.c");
    assertThat(out).contains("  presence-stream run --config simulator.yaml");
  }

  @Test
  void theReadmeShowsTheRecipeAsPrinted() throws Exception {
    String out = run("simulate", "--port", "0", "--rate", "0", "--duration", "100ms").out();
    String port = field(out, "^  server URL +http://127\\.0\\.0\\.1:(\\d+)$");
    String recipe = out.substring(out.indexOf("To run the daemon")).replace(":" + port, ":8090");

    assertThat(Files.readString(Path.of("README.md"))).contains("```text\n" + recipe + "```\n");
  }

  @Test
  void theRecipeKeepsTheLinesThatScriptsReadUnambiguous() {
    String out = run("simulate", "--port", "0", "--rate", "0", "--duration", "100ms").out();

    // benchmarks/soak.sh: the first line with the label, awk's fields; .ci/daemon-jar: sed over every line.
    assertThat(first(out, "client id").split("\\s+")[3]).isEqualTo("presence-stream-demo-client");
    assertThat(first(out, "client secret").split("\\s+")[3]).isEqualTo("demo-client-secret");
    assertThat(first(out, "JWT").strip().split("\\s+")[1]).startsWith("eyJ");
    assertThat(first(out, "server URL")).contains("http://127.0.0.1:");
    for (String label : List.of("client id", "client secret", "JWT")) {
      assertThat(out.lines().filter(line -> line.matches("^ +" + label + " +[^ ]+$"))).as(label).hasSize(1);
    }
  }

  @Test
  void aBadFaultScriptEntryIsOneLineAndNothingListens() throws Exception {
    // The port is taken: a simulator that started listening before checking the script would fail on it.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());

      Result unknown = run("simulate", "--port", port, "--fault-script", "1s:drop, 10s:explode");
      Result noDelay = run("simulate", "--port", port, "--fault-script", "skip=abc");
      Result badArgument = run("simulate", "--port", port, "--fault-script", "1s:skip=abc");

      assertThat(unknown.code()).isEqualTo(2);
      assertThat(unknown.errLines()).singleElement().asString()
          .startsWith("--fault-script: fault script entry '10s:explode': unknown fault 'explode'");
      assertThat(noDelay.code()).isEqualTo(2);
      assertThat(noDelay.errLines()).containsExactly(
          "--fault-script: fault script entry 'skip=abc' is not <delay>:<fault>, e.g. 10s:drop");
      assertThat(badArgument.code()).isEqualTo(2);
      assertThat(badArgument.errLines()).containsExactly(
          "--fault-script: fault script entry '1s:skip=abc': skip=N: needs a whole number of at least 1, was 'abc'");
    }
  }

  @Test
  void everyBadOptionIsOneLineNamingTheOptionWithoutTheUsage() {
    Result result = run("simulate", "--port", "0", "--rate", "-1", "--extensions", "0", "--access-token-ttl", "0s");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.errLines()).containsExactly(
        "--extensions: must be between 1 and 100000, was 0",
        "--rate: must be between 0 and 10000 steps a second, was -1.0",
        "--access-token-ttl: must be longer than zero, was '0s'");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anOptionPicocliCannotReadIsOneLineToo() {
    Result notANumber = run("simulate", "--rate", "abc");
    Result unknown = run("simulate", "--rat=2");

    assertThat(notANumber.code()).isEqualTo(2);
    assertThat(notANumber.errLines()).containsExactly(
        "Invalid value for option '--rate': 'abc' is not a double; see 'presence-stream simulate --help'");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.errLines()).singleElement().asString()
        .startsWith("Unknown option: '--rat=2'").contains("did you mean --rate").doesNotContain("Usage");
  }

  @Test
  void aPortInUseIsOneLineWithExitCodeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result result = run("simulate", "--port", String.valueOf(taken.getLocalPort()), "--duration", "1s");

      assertThat(result.code()).isEqualTo(1);
      assertThat(result.errLines()).singleElement().asString()
          .startsWith("presence-stream simulate failed to start: ").contains("Address already in use");
    }
  }

  @Test
  void durationsAreWrittenAsInTheConfigurationAndABareNumberIsRefused() {
    Result bare = run("simulate", "--port", "0", "--duration", "3");
    Result words = run("simulate", "--port", "0", "--duration", "soon");
    Result zero = run("simulate", "--port", "0", "--duration", "1s", "--chaos-every", "0s");

    assertThat(bare.code()).isEqualTo(2);
    assertThat(bare.errLines()).containsExactly(
        "--duration: must be a duration such as 500ms, 15s, 2m or 1h, was '3' (a bare number has no unit: write 3s, not 3)");
    assertThat(words.errLines()).containsExactly("--duration: must be a duration such as 500ms, 15s, 2m or 1h, was 'soon'");
    assertThat(zero.errLines()).containsExactly("--chaos-every: must be longer than zero, was '0s'");
    assertThat(run("simulate", "--port", "0", "--rate", "0", "--duration", "PT0.2S").code()).isZero();
  }

  @Test
  void quotesShellWordsOnlyWhenNeeded() {
    assertThat(SimulateCommand.shellWord("eyJ.a-b_c")).isEqualTo("eyJ.a-b_c");
    assertThat(SimulateCommand.shellWord("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
  }

  private static String field(String text, String regex) {
    Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(1);
  }

  private static String first(String text, String label) {
    return text.lines().filter(line -> line.contains(label)).findFirst().orElseThrow();
  }

  /** Undoes {@link SimulateCommand#shellWord}, as a POSIX shell reads it. */
  private static String unquote(String word) {
    return word.startsWith("'") ? word.substring(1, word.length() - 1).replace("'\\''", "'") : word;
  }

  @Test
  void telephonySessionPermissionsAreOnUnlessTurnedOff() {
    SimulateCommand defaults = new SimulateCommand();
    new CommandLine(defaults).parseArgs();
    SimulateCommand restricted = new SimulateCommand();
    new CommandLine(restricted).parseArgs("--no-call-control", "--no-account-telephony");

    assertThat(defaults.options(new java.util.ArrayList<>())).satisfies(o -> {
      assertThat(o.callControl()).isTrue();
      assertThat(o.accountTelephonySessions()).isTrue();
    });
    assertThat(restricted.options(new java.util.ArrayList<>())).satisfies(o -> {
      assertThat(o.callControl()).isFalse();
      assertThat(o.accountTelephonySessions()).isFalse();
    });
  }

  @Test
  void contactCentreOptionsMatchTheAnalyticsDefaultsAndCanBeSet() {
    SimulateCommand defaults = new SimulateCommand();
    new CommandLine(defaults).parseArgs();
    SimulateCommand set = new SimulateCommand();
    new CommandLine(set).parseArgs("--wrap-up", "0s", "--service-level-threshold", "25s", "--queue-threshold",
        "Support Queue=30s", "--answered-elsewhere-grace", "1s", "--queue-gap-grace", "5s", "--time-zone", "Europe/Paris");

    assertThat(defaults.options(new java.util.ArrayList<>())).satisfies(o -> {
      assertThat(o.wrapUp()).isEqualTo(java.time.Duration.ofSeconds(15));
      assertThat(o.serviceLevelThreshold()).isEqualTo(java.time.Duration.ofSeconds(20));
      assertThat(o.answeredElsewhereGrace()).isEqualTo(java.time.Duration.ofSeconds(2));
      assertThat(o.queueGapGrace()).isEqualTo(java.time.Duration.ofSeconds(3));
      assertThat(o.timeZone()).isEqualTo(java.time.ZoneId.systemDefault());
    });
    assertThat(set.options(new java.util.ArrayList<>())).satisfies(o -> {
      assertThat(o.wrapUp()).isZero();
      assertThat(o.serviceLevelThreshold("Sales Queue")).isEqualTo(java.time.Duration.ofSeconds(25));
      assertThat(o.serviceLevelThreshold("Support Queue")).isEqualTo(java.time.Duration.ofSeconds(30));
      assertThat(o.answeredElsewhereGrace()).isEqualTo(java.time.Duration.ofSeconds(1));
      assertThat(o.queueGapGrace()).isEqualTo(java.time.Duration.ofSeconds(5));
      assertThat(o.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
    });
  }

  @Test
  void badContactCentreOptionsAreNamed() {
    Result result = run("simulate", "--port", "0", "--wrap-up", "15", "--queue-threshold", "Sales", "--time-zone", "Mars/Base");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--wrap-up: ", "write 3s, not 3", "--queue-threshold: must be <queue>=<duration>",
        "--time-zone: must be a zone id");
  }
}
