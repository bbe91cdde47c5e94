package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void runsForTheGivenTimeAndPrintsWhereAndWithWhatToConnect() {
    String[] result = run("simulate", "--port", "0", "--extensions", "5", "--rate", "20", "--duration", "700ms",
        "--fault-script", "200ms:drop, 300ms:garbage, 400ms:429=1/2", "--chaos-every", "250ms");

    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1])
        .contains("server URL     http://127.0.0.1:")
        .contains("WebSocket URL  ws://127.0.0.1:")
        .contains("client id      presence-stream-demo-client")
        .contains("client secret  demo-client-secret")
        .contains("JWT            eyJ");
  }

  @Test
  void refusesAnUnknownFaultWithAUsageError() {
    String[] result = run("simulate", "--port", "0", "--duration", "1s", "--fault-script", "1s:explode");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("unknown fault 'explode'");
  }

  @Test
  void refusesABadDuration() {
    String[] result = run("simulate", "--port", "0", "--duration", "soon");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("bad duration 'soon'");
  }

  @Test
  void refusesAChaosPeriodOfZero() {
    String[] result = run("simulate", "--port", "0", "--duration", "1s", "--chaos-every", "0s");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("--chaos-every must be positive, was '0s'");
  }

  @Test
  void readsDurationsInEveryForm() {
    assertThat(SimulateCommand.Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(SimulateCommand.Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(SimulateCommand.Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(SimulateCommand.Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThat(SimulateCommand.Durations.parse("1.5")).isEqualTo(Duration.ofMillis(1500));
  }
}
