package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.JsonLinesSinkOptions;
import io.presencestream.model.EventKind;
import io.presencestream.sink.WebhookFormat;
import io.presencestream.sink.WebhookSinkOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiringTest {

  @Test
  void ringcentralSourceGetsTheEnvironmentCredentialsAndSelection() {
    DaemonConfig config = DaemonConfig.parse(
        "source: {ringcentral: {serverUrl: 'https://platform.devtest.ringcentral.com', extensions: [11, 12]}}",
        "x",
        Map.of("RINGCENTRAL_CLIENT_ID", "id", "RINGCENTRAL_CLIENT_SECRET", "sec-ret", "RINGCENTRAL_JWT", "j.w.t"));
    RingCentralOptions options = Wiring.ringCentralOptions((SourceConfig.RingCentral) config.source());
    assertThat(options.serverUrl()).isEqualTo(URI.create("https://platform.devtest.ringcentral.com"));
    assertThat(options.clientId()).isEqualTo("id");
    assertThat(options.clientSecret()).isEqualTo("sec-ret");
    assertThat(options.jwt()).isEqualTo("j.w.t");
    assertThat(options.extensions()).isEqualTo(ExtensionSelection.of("11", "12"));
    assertThat(options.restRetryBudget()).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(options.toString()).doesNotContain("sec-ret", "j.w.t");
  }

  @Test
  void jsonLinesGoesToStdoutOrToTheFile() {
    assertThat(Wiring.jsonLinesOptions(new SinksConfig.JsonLines(java.util.Optional.empty())))
        .isEqualTo(JsonLinesSinkOptions.stdout());
    assertThat(Wiring.jsonLinesOptions(new SinksConfig.JsonLines(java.util.Optional.of(Path.of("e.jsonl")))).file())
        .isEqualTo(Path.of("e.jsonl"));
  }

  @Test
  void webhookOptionsCarryEveryConfiguredValue() {
    SinksConfig.Webhook hook = new SinksConfig.Webhook("webhook-2", WebhookFormat.JSON,
        java.util.Set.of(EventKind.ALERT_RAISED), URI.create("http://127.0.0.1:9/h"), 20, 3,
        Duration.ofMillis(100), Duration.ofSeconds(5), 77, Duration.ofSeconds(2), Path.of("dead.jsonl"));
    WebhookSinkOptions options = Wiring.webhookOptions(hook);
    assertThat(options.name()).isEqualTo("webhook-2");
    assertThat(options.format()).isEqualTo(WebhookFormat.JSON);
    assertThat(options.kinds()).containsExactly(EventKind.ALERT_RAISED);
    assertThat(options.urls()).containsExactly(URI.create("http://127.0.0.1:9/h"));
    assertThat(options.batchSize()).isEqualTo(20);
    assertThat(options.maxAttempts()).isEqualTo(3);
    assertThat(options.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(options.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.queueCapacity()).isEqualTo(77);
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.deadLetterFile()).isEqualTo(Path.of("dead.jsonl"));
  }

  @Test
  void buildsOneSinkPerConfiguredTargetWithDistinctNames(@TempDir Path dir) {
    DaemonConfig config = DaemonConfig.parse("""
        sinks:
          jsonLines: {target: %s}
          webhooks:
            - url: http://127.0.0.1:1/a
              deadLetterFile: %s
            - url: http://127.0.0.1:1/b
              deadLetterFile: %s
        """.formatted(dir.resolve("events.jsonl"), dir.resolve("a.jsonl"), dir.resolve("b.jsonl")), "x", Map.of());
    List<EventSink> sinks = Wiring.sinks(config.sinks(), event -> "{}", new SimpleMeterRegistry());
    try {
      assertThat(sinks).extracting(EventSink::name).containsExactly("jsonl", "webhook-0", "webhook-1");
    } finally {
      sinks.forEach(sink -> sink.close().block(Duration.ofSeconds(5)));
    }
  }

  @Test
  void aJsonLinesTargetInAMissingDirectoryIsReportedByItsKeyWithTheReasonAndThePathOnce(@TempDir Path dir) {
    Path target = dir.resolve("no-such-dir/events.jsonl");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DaemonConfig config = DaemonConfig.parse("sinks: {jsonLines: {target: %s}}".formatted(target), "x", Map.of());

    ConfigException error = catchThrowableOfType(ConfigException.class, () -> Wiring.sinks(config.sinks(), event -> "{}", registry));

    assertThat(error.problems()).containsExactly(
        "sinks.jsonLines.target: cannot open JSON-lines file " + target + " for writing: its directory does not exist");
    assertThat(occurrences(error.getMessage(), target.toString())).as("the path, in %s", error.getMessage()).isEqualTo(1);
    assertThat(error.getCause()).as("a cause would be printed too, and its message is the path again").isNull();
    assertThat(registry.getMeters()).as("no sink was left half-made").isEmpty();
  }

  @Test
  void aJsonLinesTargetInADirectoryWithoutWritePermissionSaysSo(@TempDir Path dir) throws Exception {
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(readOnly), "root writes anywhere: needs a user the permissions apply to");
      Path target = readOnly.resolve("events.jsonl");
      DaemonConfig config = DaemonConfig.parse("sinks: {jsonLines: {target: %s}}".formatted(target), "x", Map.of());

      ConfigException error =
          catchThrowableOfType(ConfigException.class, () -> Wiring.sinks(config.sinks(), event -> "{}", new SimpleMeterRegistry()));

      assertThat(error.problems()).containsExactly(
          "sinks.jsonLines.target: cannot open JSON-lines file " + target + " for writing: permission denied");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
