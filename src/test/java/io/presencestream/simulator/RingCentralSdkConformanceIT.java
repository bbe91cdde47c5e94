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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real client conformance: RingCentral's official JavaScript SDK ({@code @ringcentral/sdk} with
 * {@code @ringcentral/subscriptions}, pinned in {@code src/test/node/package-lock.json}) logs in with
 * the JWT, subscribes to detailed presence and to the account's telephony sessions in one subscription
 * over the simulator's WebSocket gateway, receives both kinds of notification, and keeps receiving —
 * without missing one — after the simulator drops its connection, through the SDK's own session
 * recovery; and after a refused recovery it subscribes again and goes on receiving.
 */
class RingCentralSdkConformanceIT {

  private static final Path NODE_DIR = Path.of("src", "test", "node");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ObjectMapper json = new ObjectMapper();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<String> backlog = new ArrayList<>();
  private final Set<String> presenceParties = new HashSet<>();
  private final Set<String> sessionParties = new HashSet<>();
  private String lastSubscriptionId;

  @Test
  void officialSdkLogsInSubscribesReceivesAndRecoversAfterADrop() throws Exception {
    Path node = ExternalTools.require("node", "to run RingCentral's JavaScript SDK against the simulator");
    ExternalTools.requireThat(Files.isDirectory(NODE_DIR.resolve("node_modules/@ringcentral/subscriptions")),
        "the npm packages of src/test/node are not installed (npm ci there)");

    // The recovery buffer holds the presence and the session notifications of the steps missed while dropped.
    try (RingCentralSimulator sim = RingCentralSimulator.start(
        SimulatorOptions.builder().extensions(10).eventsPerSecond(0).recoveryBufferSize(1000).build())) {
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
        Map<String, Long> sessions = new HashMap<>();
        Phase before = step(sim, 30);
        collect(received, sessions, before, subscriptionId, true);

        assertThat(sim.faults().dropConnections()).isEqualTo(1);
        Phase missed = step(sim, 20);
        assertThat(await("RECOVERED")).isEqualTo("RECOVERED Successful");
        collect(received, sessions, missed, subscriptionId, true); // every notification missed while disconnected

        Phase after = step(sim, 20);
        collect(received, sessions, after, subscriptionId, true);

        Map<String, Long> truth = new HashMap<>();
        sim.groundTruth().forEach((id, state) -> {
          if (state.sequence() != null) {
            truth.put(id, state.sequence());
          }
        });
        assertThat(received).isEqualTo(truth);
        assertThat(before.sessions() + missed.sessions() + after.sessions()).as("session notifications").isPositive();
        for (SessionTruth live : sim.sessionTruth()) {
          assertThat(sessions.get(live.telephonySessionId())).as("last sequence of session %s", live.telephonySessionId())
              .isEqualTo(live.sequence());
        }
        assertThat(presenceParties).as("presence calls' parties").isNotEmpty();
        assertThat(sessionParties).containsAll(presenceParties);
        assertThat(sim.stats().recoveries()).isEqualTo(1);

        // A refused recovery: the SDK subscribes again on the new connection and goes on receiving.
        sim.faults().refuseNextRecovery("WSG-1005");
        assertThat(sim.faults().dropConnections()).isEqualTo(1);
        sim.traffic().step(10); // lost with the old session
        assertThat(await("RECOVERED")).isEqualTo("RECOVERED Failed");
        Phase afterFailure = step(sim, 20);
        collect(new HashMap<>(), new HashMap<>(), afterFailure, null, false);
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

  /** How many presence and telephony-session notifications some steps produced for the one subscription. */
  private record Phase(int presence, long sessions) {}

  private static Phase step(RingCentralSimulator sim, int steps) {
    long before = sim.stats().notificationsSent();
    int presence = sim.traffic().step(steps);
    return new Phase(presence, sim.stats().notificationsSent() - before - presence);
  }

  /**
   * Reads the NOTIFICATION and SESSION lines of a phase, checking each extension's presence sequence goes
   * up by one (no notification missed, none twice) and each session's sequence too when {@code exact}
   * (a session first seen starts at 1), else only that it rises; and, unless null, the subscription id.
   */
  private void collect(Map<String, Long> last, Map<String, Long> sessions, Phase phase, String subscriptionId,
      boolean exact) throws Exception {
    int presence = 0;
    long telephony = 0;
    while (presence < phase.presence() || telephony < phase.sessions()) {
      String line = await("NOTIFICATION", "SESSION");
      boolean session = line.startsWith("SESSION ");
      JsonNode notification = json.readTree(line.substring(line.indexOf(' ') + 1));
      lastSubscriptionId = notification.get("subscriptionId").asText();
      if (subscriptionId != null) {
        assertThat(lastSubscriptionId).isEqualTo(subscriptionId);
      }
      long sequence = notification.get("sequence").asLong();
      if (session) {
        String id = notification.get("telephonySessionId").asText();
        Long previous = sessions.put(id, sequence);
        if (exact) {
          assertThat(sequence).as("sequence of session %s", id).isEqualTo(previous == null ? 1 : previous + 1);
        } else if (previous != null) {
          assertThat(sequence).as("sequence of session %s", id).isGreaterThan(previous);
        }
        assertThat(notification.get("event").asText()).endsWith("/telephony/sessions");
        sessionParties.add(id + "/" + notification.get("partyId").asText());
        telephony++;
      } else {
        String extension = notification.get("extensionId").asText();
        Long previous = last.put(extension, sequence);
        if (previous != null) {
          assertThat(sequence).as("sequence of extension %s", extension).isEqualTo(previous + 1);
        }
        notification.get("parties").forEach(p -> presenceParties.add(p.asText()));
        presence++;
      }
    }
    assertThat(presence).isEqualTo(phase.presence());
    assertThat(telephony).isEqualTo(phase.sessions());
  }

  /**
   * The next line starting with one of {@code prefixes}. Lines of other kinds that arrive meanwhile are kept,
   * in order, for a later wait: notifications and a recovery event may interleave on the script's stdout.
   */
  private String await(String... prefixes) throws InterruptedException {
    for (Iterator<String> kept = backlog.iterator(); kept.hasNext(); ) {
      String line = kept.next();
      if (startsWithAny(line, prefixes)) {
        kept.remove();
        return line;
      }
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line == null) {
        continue;
      }
      if (line.startsWith("FAILED")) {
        throw new AssertionError("the SDK script failed: " + line + "; stderr: " + errors);
      }
      if (startsWithAny(line, prefixes)) {
        return line;
      }
      backlog.add(line);
    }
    throw new AssertionError("no " + String.join("/", prefixes) + " line from the SDK script within " + WAIT
        + "; stderr: " + errors);
  }

  private static boolean startsWithAny(String line, String... prefixes) {
    for (String p : prefixes) {
      if (line.startsWith(p)) {
        return true;
      }
    }
    return false;
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
