package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code presence-stream run} as a real process: it prints its URL, serves, and stops cleanly with exit code 0 on SIGTERM and Ctrl-C. */
@Timeout(120)
class RunCommandIT {

  private static final Pattern BANNER = Pattern.compile("presence-stream is running: open (http://\\S+/)");

  @Test
  void aPortInUseFailsTheStartWithExitCodeOneAndSaysWhy() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.io.StringWriter err = new java.io.StringWriter();
      int exit = new picocli.CommandLine(new Main())
          .setErr(new java.io.PrintWriter(err))
          .execute("run", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString()).startsWith("presence-stream failed to start: ").contains("Address already in use");
    }
  }

  @Test
  void printsItsUrlServesAndShutsDownGracefullyOnSigtermWithExitCodeZero(@TempDir Path dir) throws Exception {
    runAndStop(dir, Process::destroy); // SIGTERM
  }

  @Test
  void ctrlCStopsGracefullyWithExitCodeZero(@TempDir Path dir) throws Exception {
    runAndStop(dir, process -> {
      try {
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private void runAndStop(Path dir, java.util.function.Consumer<Process> signal) throws Exception {
    Path config = Files.writeString(dir.resolve("daemon.yaml"), """
        source: {simulator: {extensions: 6, eventsPerSecond: 5}}
        server: {port: 8080}
        """);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // The test class path holds both the daemon's logging backend and the tests' one: pick the daemon's.
    Process process = new ProcessBuilder(List.of(java.toString(), "-cp", classpath,
            "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider", "io.presencestream.cli.Main",
            "run", "--config", config.toString(), "--port", "0", "--shutdown-timeout", "15"))
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> banner = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line; (line = out.readLine()) != null; ) {
            Matcher matcher = BANNER.matcher(line);
            if (matcher.find()) {
              return matcher.group(1);
            }
          }
          return null;
        } catch (java.io.IOException e) {
          return null;
        }
      });
      String url = banner.get(60, TimeUnit.SECONDS);
      assertThat(url).as("the banner with the URL; stderr:%n%s", Files.readString(dir.resolve("stderr.txt"))).isNotNull();
      assertThat(url).doesNotEndWith(":8080/").doesNotEndWith(":0/"); // --port 0 overrode the file: a free port

      HttpResponse<String> live = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url).resolve("health/live")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(live.statusCode()).isEqualTo(200);

      signal.accept(process);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after the signal").isTrue();
      assertThat(process.exitValue()).as("exit code after a graceful stop").isZero();
      String stderr = Files.readString(dir.resolve("stderr.txt"));
      assertThat(stderr).contains("presence-stream: shutting down").contains("presence-stream: stopped");
      assertThat(stderr).as("log lines with time, level and thread (presence-stream/logback.xml)")
          .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z INFO  \\[[^]]+] io\\.presencestream\\.daemon\\.Daemon - presence-stream: stopped$");
      assertThat(stderr).doesNotContain("did not finish within");
    } finally {
      process.destroyForcibly();
    }
  }
}
