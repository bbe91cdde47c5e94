package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.simulator.SimulatorCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every logger at DEBUG (Reactor Netty's and Netty's included) while the client logs in, connects,
 * loses its socket and recovers the session with its {@code wsc}: no credential, token or session
 * context reaches the log. Runs in its own JVM, because slf4j-simple fixes each logger's level when
 * the logger is created, and the test JVM has long created Reactor Netty's at INFO.
 */
class DebugLogSecretsIT {

  /** Prefixes of the simulator's tokens, and the base64 of {@code "wsc:gw"} that starts its wsc tokens. */
  private static final List<String> TOKEN_MARKS = List.of("SIMAT", "SIMRT", "SIMWS", "d3NjOmd3");

  @Test
  void noTokenNorWscAppearsInTheLogsAtDebug(@TempDir Path dir) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("log.txt");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-cp",
                classpath,
                DebugLogSecretsRun.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the run ended").isTrue();
    String text = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as("exit status; log:%n%s", tail(text)).isZero();
    assertThat(text).as("the run went through a session recovery").contains(DebugLogSecretsRun.RECOVERED);
    assertThat(text).as("DEBUG was on for Reactor Netty").containsPattern("DEBUG reactor\\.netty\\.");
    SimulatorCredentials credentials = SimulatorCredentials.demo();
    assertThat(text).doesNotContain(credentials.clientSecret(), credentials.jwt());
    assertThat(text).doesNotContain(TOKEN_MARKS);
    assertThat(text).doesNotContainPattern("(?i)(access_token|wsc)=(?!\\*\\*\\*)[^&\\s\"',}]+");
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  static Duration timeout() {
    return Duration.ofSeconds(30);
  }
}
