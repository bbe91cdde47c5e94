package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.testing.ExternalTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real client conformance: RingCentral's official JavaScript SDK ({@code @ringcentral/sdk} with
 * {@code @ringcentral/subscriptions}, pinned in {@code src/test/node/package-lock.json}) logs in with
 * the JWT, subscribes to detailed presence over the simulator's WebSocket gateway, receives
 * notifications, and keeps receiving — without missing one — after the simulator drops its
 * connection, through the SDK's own session recovery; and after a refused recovery it subscribes
 * again and goes on receiving.
 */
class RingCentralSdkConformanceIT {

  private static final Path NODE_DIR = Path.of("src", "test", "node");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ObjectMapper json = new ObjectMapper();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private String lastSubscriptionId;

  @Test
  void officialSdkLogsInSubscribesReceivesAndRecoversAfterADrop() throws Exception {
    Path node = ExternalTools.require("node", "to run RingCentral's JavaScript SDK against the simulator");
    ExternalTools.requireThat(Files.isDirectory(NODE_DIR.resolve("node_modules/@ringcentral/subscriptions")),
        "the npm packages of src/test/node are not installed (npm ci there)");

    try (RingCentralSimulator sim = RingCentralSimulator.start(
        SimulatorOptions.builder().extensions(10).eventsPerSecond(0).build())) {
      ProcessBuilder builder = new ProcessBuilder(node.toString(), "sdk-conformance.js").directory(NODE_DIR.toFile());
      builder.environment().put("RC_SERVER", sim.baseUrl());
      builder.environment().put("RC_CLIENT_ID", sim.credentials().clientId());
      builder.environment().put("RC_CLIENT_SECRET", sim.credentials().clientSecret());
      builder.environment().put("RC_JWT", sim.credentials().jwt());
      builder.environment().put("DEADLINE_MS", "90000");
      Process process = builder.start();
      try {
        pump(process);
        Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);

        assertThat(await("LOGGED_IN")).isEqualTo("LOGGED_IN " + sim.ownerExtensionId());
        String subscriptionId = await("SUBSCRIBED").substring("SUBSCRIBED ".length());

        Map<String, Long> received = new HashMap<>();
        int before = sim.traffic().step(30);
        assertThat(collect(received, before, subscriptionId)).isEqualTo(before);

        assertThat(sim.faults().dropConnections()).isEqualTo(1);
        int missed = sim.traffic().step(20);
        assertThat(await("RECOVERED")).isEqualTo("RECOVERED Successful");
        assertThat(collect(received, missed, subscriptionId)).as("notifications missed while disconnected").isEqualTo(missed);

        int after = sim.traffic().step(20);
        assertThat(collect(received, after, subscriptionId)).isEqualTo(after);

        Map<String, Long> truth = new HashMap<>();
        sim.groundTruth().forEach((id, state) -> {
          if (state.sequence() != null) {
            truth.put(id, state.sequence());
          }
        });
        assertThat(received).isEqualTo(truth);
        assertThat(sim.stats().recoveries()).isEqualTo(1);

        // A refused recovery: the SDK subscribes again on the new connection and goes on receiving.
        sim.faults().refuseNextRecovery("WSG-1005");
        assertThat(sim.faults().dropConnections()).isEqualTo(1);
        sim.traffic().step(10); // lost with the old session
        assertThat(await("RECOVERED")).isEqualTo("RECOVERED Failed");
        int afterFailure = sim.traffic().step(20);
        Map<String, Long> fresh = new HashMap<>();
        assertThat(collect(fresh, afterFailure, null)).isEqualTo(afterFailure);
        assertThat(lastSubscriptionId).isNotEqualTo(subscriptionId);
        assertThat(sim.stats().failedRecoveries()).isEqualTo(1);

        stdin.write("EXIT\n");
        stdin.flush();
        assertThat(await("DONE")).isEqualTo("DONE");
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
      } finally {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  /**
   * Reads {@code count} NOTIFICATION lines, checking each extension's sequence goes up by one (no
   * notification missed, none twice) and, unless null, the subscription id. @return how many arrived
   */
  private int collect(Map<String, Long> last, int count, String subscriptionId) throws Exception {
    int n = 0;
    while (n < count) {
      String line = await("NOTIFICATION");
      JsonNode notification = json.readTree(line.substring("NOTIFICATION ".length()));
      lastSubscriptionId = notification.get("subscriptionId").asText();
      if (subscriptionId != null) {
        assertThat(lastSubscriptionId).isEqualTo(subscriptionId);
      }
      String extension = notification.get("extensionId").asText();
      long sequence = notification.get("sequence").asLong();
      Long previous = last.put(extension, sequence);
      if (previous != null) {
        assertThat(sequence).as("sequence of extension %s", extension).isEqualTo(previous + 1);
      }
      n++;
    }
    return n;
  }

  private String await(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line == null) {
        continue;
      }
      if (line.startsWith("FAILED")) {
        throw new AssertionError("the SDK script failed: " + line + "; stderr: " + errors);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no '" + prefix + "' line from the SDK script within " + WAIT + "; stderr: " + errors);
  }

  private void pump(Process process) {
    Thread out = new Thread(() -> read(process.getInputStream(), lines::add), "sdk-stdout");
    Thread err = new Thread(() -> read(process.getErrorStream(), line -> {
      errors.add(line);
      if (line.startsWith("FAILED")) {
        lines.add(line);
      }
    }), "sdk-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  private static void read(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        sink.accept(line);
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}
