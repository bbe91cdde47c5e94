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
import java.util.Map;
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
  void aSigtermWhileStartingStopsOnceStartedWithExitCodeZeroAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("daemon.yaml"), """
        source: {simulator: {extensions: 6, eventsPerSecond: 5}}
        server: {port: 0}
        """);
    Path stderrFile = dir.resolve("stderr.txt");
    Process process = daemonProcess(config, stderrFile);
    try {
      // The source's line is logged inside Daemon.start, before the server binds and the banner.
      org.awaitility.Awaitility.await("the daemon starting").atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(stderrFile) && Files.readString(stderrFile).contains("presence-stream: source: "));
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after the signal").isTrue();
      String stderr = Files.readString(stderrFile);
      assertThat(process.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
      assertThat(stderr).doesNotContain("Exception").contains("presence-stream: stopped");
    } finally {
      process.destroyForcibly();
    }
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

  @Test
  void onEveryInterfaceItPrintsUrlsThatOpenAndTheTokensPlaceButNeverTheToken(@TempDir Path dir) throws Exception {
    String token = "tok-" + System.nanoTime();
    Process process = daemon(dir, Map.of("PRESENCE_STREAM_TOKEN", token), "--host", "0.0.0.0");
    try {
      // the URL; the other machines' URLs when this one has a network address; where the token goes
      List<String> banner = bannerLines(process, line -> line.startsWith("  (<token>: "));
      assertThat(banner).as("stderr:%n%s", Files.readString(dir.resolve("stderr.txt"))).hasSizeBetween(3, 4);
      Matcher running = BANNER.matcher(banner.get(0));
      assertThat(running.find()).isTrue();
      String url = running.group(1);
      assertThat(url).startsWith("http://127.0.0.1:");
      if (banner.size() == 4) {
        assertThat(banner.get(1)).startsWith("  from other machines: http://").doesNotContain("0.0.0.0").doesNotContain("127.0.0.1");
      }
      assertThat(banner.get(banner.size() - 2))
          .isEqualTo("  a bearer token is required: open the wallboard as " + url + "?access_token=<token>");
      assertThat(String.join("\n", banner)).doesNotContain(token);
      HttpResponse<String> state = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "api/state?access_token=" + token)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(state.statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertThat(stderr).doesNotContain(token).doesNotContain("beyond loopback without a bearer token");
  }

  @Test
  void onEveryInterfaceWithoutATokenItWarns(@TempDir Path dir) throws Exception {
    Process process = daemon(dir, Map.of(), "--host", "0.0.0.0");
    try {
      List<String> banner = bannerLines(process, line -> true);
      assertThat(banner).as("stderr:%n%s", Files.readString(dir.resolve("stderr.txt"))).isNotEmpty();
      assertThat(banner.get(0)).doesNotContain("0.0.0.0").doesNotContain("[0:");
      String stderr = Files.readString(dir.resolve("stderr.txt"));
      assertThat(stderr).containsPattern(
          "(?m)^\\S+ WARN  \\[[^]]+] io\\.presencestream\\.daemon\\.Daemon - presence-stream: listening on 0\\.0\\.0\\.0 beyond loopback without a bearer token");
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  /** {@code run} with a small simulated office on a free port, in its own JVM, stderr to a file in {@code dir}. */
  private static Process daemon(Path dir, Map<String, String> env, String... args) throws Exception {
    Path config = Files.writeString(dir.resolve("daemon.yaml"), "source: {simulator: {extensions: 6, eventsPerSecond: 5}}\n");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", classpath,
        "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider", "io.presencestream.cli.Main",
        "run", "--config", config.toString(), "--port", "0"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().remove("PRESENCE_STREAM_TOKEN");
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The lines of stdout up to the first that is {@code last} (at most 10; fewer if it ends first), within 60 s. */
  private static List<String> bannerLines(Process process, java.util.function.Predicate<String> last) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(() -> {
      List<String> lines = new java.util.ArrayList<>();
      try {
        for (String line; lines.size() < 10 && (line = out.readLine()) != null; ) {
          lines.add(line);
          if (last.test(line)) {
            break;
          }
        }
      } catch (java.io.IOException e) {
        // the lines read so far
      }
      return lines;
    }).get(60, TimeUnit.SECONDS);
  }

  private void runAndStop(Path dir, java.util.function.Consumer<Process> signal) throws Exception {
    Path config = Files.writeString(dir.resolve("daemon.yaml"), """
        source: {simulator: {extensions: 6, eventsPerSecond: 5}}
        server: {port: 8080}
        """);
    Process process = daemonProcess(config, dir.resolve("stderr.txt"));
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

  /** {@code run --config config --port 0} as a process of its own, its stderr in {@code stderr}. */
  private static Process daemonProcess(Path config, Path stderr) throws java.io.IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // The test class path holds both the daemon's logging backend and the tests' one: pick the daemon's.
    return new ProcessBuilder(List.of(java.toString(), "-cp", classpath,
            "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider", "io.presencestream.cli.Main",
            "run", "--config", config.toString(), "--port", "0", "--shutdown-timeout", "15"))
        .redirectError(stderr.toFile())
        .start();
  }
}
