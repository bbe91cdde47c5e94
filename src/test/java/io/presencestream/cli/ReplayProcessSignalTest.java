package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code presence-stream replay} process reading a live input: it stops with exit code
 * 130, stdout holds whole lines only (every line derived so far, none cut), and stderr ends with a line
 * break — the progress line included.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ReplayProcessSignalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  /** What a process wrote so far on one of its pipes, read on a thread of its own. */
  private static final class Captured {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Captured(InputStream in) {
      Thread reader = new Thread(() -> {
        byte[] chunk = new byte[8192];
        try (in) {
          for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            synchronized (bytes) {
              bytes.write(chunk, 0, n);
            }
          }
        } catch (IOException e) {
          // the process is gone: what was read is what there is
        }
      }, "replay-process-pipe");
      reader.setDaemon(true);
      reader.start();
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }

  private static String notification(int i) {
    String extensionId = "10" + (i % 5);
    return "{\"uuid\":\"u-" + i + "\",\"event\":\"/restapi/v1.0/account/1/extension/" + extensionId
        + "/presence?detailedTelephonyState=true\",\"timestamp\":\"2026-11-26T10:00:00Z\",\"body\":{\"extensionId\":\""
        + extensionId + "\",\"sequence\":" + i + ",\"userStatus\":\"" + (i % 2 == 0 ? "Busy" : "Available")
        + "\",\"dndStatus\":\"TakeAllCalls\",\"telephonyStatus\":\"NoCall\",\"activeCalls\":[]}}\n";
  }

  private static void interrupt(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void ctrlCOnALiveInputLeavesWholeLinesAndExits130() throws Exception {
    Process process = ReplayGoldenOutputTest.ReplayProcess
        .builder(List.of("replay", "--input", "-", "--emit", "state")).start();
    Captured out = new Captured(process.getInputStream());
    Captured err = new Captured(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      for (int i = 1; i <= 40; i++) {
        stdin.write(notification(i).getBytes(StandardCharsets.UTF_8));
      }
      stdin.write("{\"uuid\":\"u-41\",\"event\":".getBytes(StandardCharsets.UTF_8)); // a line still being written
      stdin.flush();
      // the replay waits for the rest of its input now, with everything before it written out
      await().atMost(Duration.ofSeconds(60)).until(() -> out.text().lines().count() == 40);

      interrupt(process);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).isEqualTo(130);
    await().atMost(Duration.ofSeconds(10)).until(() -> err.text().endsWith("\n"));
    assertThat(out.text()).endsWith("\n");
    assertThat(out.text().lines()).hasSize(40)
        .allSatisfy(line -> assertThat(JSON.readTree(line).get("extensionId")).isNotNull());
    assertThat(err.text()).isEqualTo("replay: interrupted after 40 lines; the output of each of them is complete\n");
  }

  @Test
  void ctrlCEndsTheProgressLineWithALineBreak() throws Exception {
    Path fifo = tmp.resolve("live.jsonl");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Process process = ReplayGoldenOutputTest.ReplayProcess
        .builder(List.of("replay", "--input", fifo.toString(), "--progress")).start();
    Captured out = new Captured(process.getInputStream());
    Captured err = new Captured(process.getErrorStream());
    AtomicInteger sent = new AtomicInteger();
    try (OutputStream live = Files.newOutputStream(fifo)) { // opens once the replay opened its end
      // a line every poll until the status line (redrawn at most every 250 ms) has been drawn
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
        live.write(notification(sent.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        live.flush();
        return err.text().contains("\rreplay: ");
      });

      interrupt(process);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).isEqualTo(130);
    await().atMost(Duration.ofSeconds(10)).until(() -> err.text().contains("replay: interrupted: "));
    String stderr = err.text();
    // the last status line stays on screen, ended by a line break, and the summary follows on its own line
    assertThat(stderr).matches("(?s)\r.*\rreplay: \\d+ lines, [^\r\n]*\nreplay: interrupted: \\d+ lines \\(\\d+ decoded, 0 "
        + "skipped malformed\\), \\d+ events written, elapsed [^\n]*\n");
    assertThat(out.text()).endsWith("\n");
  }
}
