package io.presencestream.sink;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.server.TestEvents;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void writesOneEventPerLineInOrderAndFlushesOnClose() throws Exception {
    Path file = dir.resolve("events.jsonl");
    EventSink sink = EventSinks.jsonLines(JsonLinesSinkOptions.file(file), TestEvents.encoder(), registry);
    Counter delivered = registry.get("presence.sink.delivered").tag("sink", "jsonl").counter();
    for (int i = 0; i < 1000; i++) {
      sink.accept(TestEvents.presence("101", i));
    }
    sink.close().block(Duration.ofSeconds(10));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1000);
    assertThat(lines.get(0)).isEqualTo("{\"kind\":\"presence\",\"extensionId\":\"101\",\"marker\":\"n0\",\"pad\":\"\"}");
    assertThat(lines.get(999)).contains("\"marker\":\"n999\"");
    assertThat(sink.queueDepth()).isZero();
    assertThat(sink.healthy()).isTrue();
    assertThat(delivered.count()).isEqualTo(1000);
    assertThat(registry.find("presence.sink.delivered").meters()).as("a closed sink's meters are removed").isEmpty();
    assertThat(registry.find("presence.sink.queue.depth").meters()).isEmpty();
  }

  @Test
  void appendsOrTruncatesAsConfigured() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "old\n");
    EventSink append = EventSinks.jsonLines(JsonLinesSinkOptions.file(file).withName("a"), TestEvents.encoder(), registry);
    append.accept(TestEvents.presence("101", 1));
    append.close().block(Duration.ofSeconds(10));
    assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("old");
    EventSink truncate =
        EventSinks.jsonLines(JsonLinesSinkOptions.file(file).withName("t").withAppend(false), TestEvents.encoder(), registry);
    truncate.accept(TestEvents.presence("101", 2));
    truncate.close().block(Duration.ofSeconds(10));
    assertThat(Files.readAllLines(file)).hasSize(1).first().asString().contains("n2");
  }

  @Test
  void linesAppearBeforeCloseOnceTheQueueRunsEmpty() throws Exception {
    Path file = dir.resolve("live.jsonl");
    EventSink sink = EventSinks.jsonLines(JsonLinesSinkOptions.file(file), TestEvents.encoder(), registry);
    sink.accept(TestEvents.callNew("101", 1));
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
        .untilAsserted(() -> assertThat(Files.readString(file)).contains("\"kind\":\"call.new\""));
    sink.close().block(Duration.ofSeconds(10));
  }

  @Test
  void dropsAndCountsEventsAfterClose() {
    EventSink sink = EventSinks.jsonLines(JsonLinesSinkOptions.file(dir.resolve("x.jsonl")), TestEvents.encoder(), registry);
    Counter droppedClosed = registry.get("presence.sink.dropped").tag("reason", "closed").counter();
    sink.close().block(Duration.ofSeconds(10));
    sink.close().block(Duration.ofSeconds(10)); // idempotent
    sink.accept(TestEvents.presence("101", 1));
    assertThat(sink.dropped()).isEqualTo(1);
    assertThat(droppedClosed.count()).isEqualTo(1);
  }

  @Test
  void skipsAndCountsAnEventThatCannotBeEncoded() throws Exception {
    Path file = dir.resolve("x.jsonl");
    EventSink sink =
        EventSinks.jsonLines(JsonLinesSinkOptions.file(file), event -> {
          if (event.extensionId().equals("bad")) {
            throw new IllegalStateException("cannot");
          }
          return "{}";
        }, registry);
    sink.accept(TestEvents.presence("bad", 1));
    sink.accept(TestEvents.presence("101", 2));
    sink.close().block(Duration.ofSeconds(10));
    assertThat(Files.readAllLines(file)).containsExactly("{}");
    assertThat(sink.dropped()).isEqualTo(1);
  }

  @Test
  void becomesUnhealthyWhenWritesFail() {
    Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
    EventSink sink = EventSinks.jsonLines(JsonLinesSinkOptions.file(full), TestEvents.encoder(), registry);
    sink.accept(TestEvents.presence("101", 1));
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> !sink.healthy());
    assertThat(sink.health().healthy()).isFalse();
    assertThat(sink.health().detail()).startsWith("write failed");
    assertThat(sink.dropped()).isEqualTo(1);
    sink.close().block(Duration.ofSeconds(10));
  }

  @Test
  void failsAtCreationWhenTheFileCannotBeOpened() {
    // The path once and what is wrong with it (Java's own message for a missing directory is the path alone).
    assertThatThrownBy(() -> EventSinks.jsonLines(JsonLinesSinkOptions.file(dir), TestEvents.encoder(), registry))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot open JSON-lines file " + dir + " for writing: is a directory");
    Path missing = dir.resolve("no-such-dir/events.jsonl");
    assertThatThrownBy(() -> EventSinks.jsonLines(JsonLinesSinkOptions.file(missing), TestEvents.encoder(), registry))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot open JSON-lines file " + missing + " for writing: its directory does not exist");
  }

  @Test
  void validatesItsOptions() {
    assertThatThrownBy(() -> JsonLinesSinkOptions.stdout().withQueueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queueCapacity");
  }
}
