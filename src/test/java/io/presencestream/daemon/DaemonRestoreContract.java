package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.testing.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart mid-day keeps today's figures (README "History", "What survives a restart"): the daemon on its
 * simulator with a history database and the contact-centre view runs queue traffic, pauses it, and is shut
 * down; started again on the same database (and a simulator with the same seed: the same office, no call
 * running), it serves the same handled and missed counts per agent and the same figures per queue. A subclass
 * per database: {@link DaemonRestoreIT} on the embedded H2, {@link DaemonPostgresRestoreIT} on PostgreSQL.
 */
@Timeout(240)
abstract class DaemonRestoreContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ContactCentreJson VIEW = ContactCentreJson.create();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private Daemon daemon;

  /** The {@code sinks.database} section's body (without spillDirectory), the same database on every call in a test. */
  abstract String database();

  /** The environment the configuration reads (a password). */
  Map<String, String> environment() {
    return Map.of();
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  private String config(String contactCentre) {
    return """
        source: {simulator: {extensions: 16, eventsPerSecond: 0, seed: 21}}
        server: {port: 0}
        contactCentre: {wrapUp: 2s, timeZone: UTC%s}
        sinks:
          database: {%s, spillDirectory: %s}
        """.formatted(contactCentre, database(), dir.resolve("spill"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(daemon.url().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Today's counts: per agent handled and missed, per queue today's figures (the durations and instants aside). */
  private Map<String, String> figures() throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (ContactCentreJson.AgentEntry a : VIEW.decodeAgents(get("api/agents").body())) {
      out.put("agent " + a.agent().extensionId(), a.day() == null ? "no day"
          : "handled " + a.day().handled() + ", missed " + a.day().missed());
    }
    for (QueueStats q : VIEW.decodeQueues(get("api/queues").body())) {
      QueueFigures t = q.today();
      out.put("queue " + q.queueId(), "offered " + t.offered() + ", answered " + t.answered() + ", abandoned "
          + t.abandoned() + ", overflowed " + t.overflowed() + ", within threshold " + t.answeredWithinThreshold());
    }
    return out;
  }

  /** The sum of a Prometheus metric's series. */
  private double metric(String name) throws Exception {
    return get("metrics").body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private int answered() throws Exception {
    return VIEW.decodeQueues(get("api/queues").body()).stream().mapToInt(q -> q.today().answered()).sum();
  }

  @Test
  void aRestartMidDayServesTheSameFiguresAsBefore() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse(config(""), "test", environment()));
    RingCentralSimulator simulator = daemon.simulator().orElseThrow();
    await("the call queues").atMost(Duration.ofSeconds(60)).until(() -> !VIEW.decodeQueues(get("api/queues").body()).isEmpty());
    simulator.traffic().bursts(false);
    simulator.traffic().start(20);
    await("queue calls answered").atMost(Duration.ofSeconds(90)).until(() -> answered() >= 5);
    simulator.traffic().stop();
    // nothing moves once the calls have ended and the wrap-ups (2 s) and graces have passed
    await("the figures to settle").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(5))
        .pollInterval(Duration.ofSeconds(3)).until(new java.util.concurrent.Callable<Boolean>() {
          private Map<String, String> last = Map.of();

          @Override
          public Boolean call() throws Exception {
            Map<String, String> now = figures();
            boolean same = now.equals(last);
            last = now;
            return same;
          }
        });
    Map<String, String> before = figures();
    assertThat(before).as("some agent handled a call").anySatisfy((k, v) -> assertThat(v).doesNotContain("handled 0,"));
    daemon.shutdown(Duration.ofSeconds(30));
    daemon = null;

    try (CapturedLog log = CapturedLog.start()) {
      daemon = Daemon.start(DaemonConfig.parse(config(""), "test", environment()));
      await("ready: restored").atMost(Duration.ofSeconds(90)).until(() -> get("health/ready").statusCode() == 200);
      JsonNode ready = JSON.readTree(get("health/ready").body());
      assertThat(ready.toString()).contains("restored from the history");
      assertThat(log.linesWith("contact-centre view: restored from the history:")).hasSize(1);
    }
    // silently: the stored events are applied again, and nothing is told again for them (at most the
    // current state of what the restart's initial load changes, one event per agent or queue)
    double restored = metric("presence_contactcentre_inputs_restored_total");
    double emitted = metric("presence_contactcentre_events_emitted_total");
    assertThat(restored).isPositive();
    assertThat(emitted).as("events emitted after %s restored", restored).isLessThanOrEqualTo(before.size());
    // read again on a timeout only (a loaded machine): the figures are final once ready
    await("the restored figures").atMost(Duration.ofSeconds(90)).ignoreExceptionsInstanceOf(java.net.http.HttpTimeoutException.class)
        .untilAsserted(() -> assertThat(figures()).isEqualTo(before));
  }

  @Test
  void withTheRestoreSwitchedOffTheFiguresStartAgain() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse(config(""), "test", environment()));
    RingCentralSimulator simulator = daemon.simulator().orElseThrow();
    await("the call queues").atMost(Duration.ofSeconds(60)).until(() -> !VIEW.decodeQueues(get("api/queues").body()).isEmpty());
    simulator.traffic().bursts(false);
    simulator.traffic().start(20);
    await("queue calls answered").atMost(Duration.ofSeconds(90)).until(() -> answered() >= 2);
    simulator.traffic().stop();
    daemon.shutdown(Duration.ofSeconds(30));
    daemon = null;

    daemon = Daemon.start(DaemonConfig.parse(config(", restoreFromHistory: false"), "test", environment()));
    await("ready").atMost(Duration.ofSeconds(90)).until(() -> get("health/ready").statusCode() == 200);
    assertThat(get("health/ready").body()).doesNotContain("contact-centre-restore");
    await("the call queues").atMost(Duration.ofSeconds(60)).until(() -> !VIEW.decodeQueues(get("api/queues").body()).isEmpty());
    assertThat(answered()).isZero();
  }
}
