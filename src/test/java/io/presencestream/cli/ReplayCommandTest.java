package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.presencestream.cli.ReplayRuns.replay;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.cli.ReplayRuns.Run;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.DndStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String session() throws Exception {
    return Path.of(ReplayCommandTest.class.getResource("/replay/ringout-session.jsonl").toURI()).toString();
  }

  @Test
  void sinkDbBackfillsTheHistoryDatabaseOnceHoweverOftenTheFileIsLoaded(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("history.yaml");
    Files.writeString(config, "sinks:\n  database:\n    h2: {file: " + dir.resolve("db/presence") + "}\n"
        + "    spillDirectory: " + dir.resolve("spill") + "\n");
    int events = replay("replay", "--input", session()).lines().size();
    assertThat(events).isPositive();

    Run first = replay("replay", "--input", session(), "--sink", "db", "--config", config.toString(), "--progress");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEmpty();
    assertThat(first.err()).contains("events written, elapsed")
        .contains("replay: " + events + " events written to H2 database file " + dir.resolve("db/presence").toAbsolutePath()
            + ".mv.db: " + events + " new, 0 already there");

    Run again = replay("replay", "--input", session(), "--sink", "db", "--config", config.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains(": 0 new, " + events + " already there");

    io.presencestream.store.HistoryStore store = io.presencestream.store.HistoryStore.open(
        io.presencestream.store.HistoryOptions.builder(io.presencestream.store.HistoryDatabase.h2(dir.resolve("db/presence")))
            .spillDirectory(dir.resolve("spill")).build(),
        PresenceCodec.create()::encodeEvent, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    try {
      assertThat(store.count("events").block(Duration.ofSeconds(30))).isEqualTo(events);
    } finally {
      store.close().block(Duration.ofSeconds(30));
    }
  }

  @Test
  void sinkDbRefusesStateOutputAndAConfigurationWithoutADatabase(@TempDir Path dir) throws Exception {
    Run state = replay("replay", "--input", session(), "--sink", "db", "--emit", "state");
    assertThat(state.exitCode()).isEqualTo(2);
    assertThat(state.err()).contains("replay: --sink db stores events; --emit state writes to stdout only");
    Path config = dir.resolve("none.yaml");
    Files.writeString(config, "sinks: {}\n");
    Run none = replay("replay", "--input", session(), "--sink", "db", "--config", config.toString());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("replay: cannot open the history database: " + config + " has no sinks.database section");
  }

  @Test
  void replaysTheEventsOfARecordedSession() throws Exception {
    Run run = replay("replay", "--input", session());

    assertThat(run.exitCode()).isZero();
    List<JsonNode> events = run.lines();
    assertThat(events).extracting(e -> e.get("kind").asText()).containsExactly(
        "presence", "presence", "call.new", "call.ringing", "call.updated", "presence", "call.ended");
    JsonNode started = events.get(2);
    assertThat(started.get("at").asText()).isEqualTo("2026-11-26T10:00:06.000Z");
    assertThat(started.get("call").get("sessionId").asText()).isEqualTo("118139132021");
    assertThat(started.get("call").get("inboundLeg").get("sessionId").asText()).isEqualTo("118139133021");
    assertThat(started.get("call").get("outboundLeg").get("id").asText()).isEqualTo("out-1");
    assertThat(events.get(4).get("transition").asText()).isEqualTo("connected");
    assertThat(events.get(6).get("durationMs").asLong()).isEqualTo(64_000);
  }

  @Test
  void emitsTheStateAfterEveryLineThatDecoded() throws Exception {
    Run run = replay("replay", "--input", session(), "--emit", "state");

    assertThat(run.exitCode()).isZero();
    List<JsonNode> states = run.lines();
    assertThat(states).extracting(s -> s.get("index").asInt()).containsExactly(0, 1, 2, 5, 6);
    assertThat(states).extracting(s -> s.get("applied").asBoolean()).containsExactly(true, true, false, true, true);
    assertThat(states).extracting(s -> s.get("extensionId").asText()).containsOnly("101");
    assertThat(states.get(2).get("dropReason").asText()).isEqualTo("duplicate_sequence");

    JsonNode ringing = states.get(1);
    assertThat(ringing.get("presence").get("status").asText()).isEqualTo("Available");
    assertThat(ringing.get("presence").get("presenceStatus").asText()).isEqualTo("Busy");
    assertThat(ringing.get("calls")).hasSize(1);
    JsonNode call = ringing.get("calls").get(0);
    assertThat(call.get("direction").asText()).isEqualTo("Outbound");
    assertThat(call.get("telephonyStatus").asText()).isEqualTo("Ringing");
    assertThat(call.get("from").asText()).isEqualTo("+16505550199");
    assertThat(call.get("to").asText()).isEqualTo("+16505550100");
    assertThat(call.get("startTime").asText()).isEqualTo("2026-11-26T10:00:05.000Z");
    assertThat(call.get("inboundLeg").get("id").asText()).isEqualTo("in-1");
    assertThat(call.get("outboundLeg").get("sessionId").asText()).isEqualTo("118139132021");

    JsonNode last = states.get(4);
    assertThat(last.get("presence").get("status").asText()).isEqualTo("Busy");
    assertThat(last.get("calls")).isEmpty();
  }

  @Test
  void reportsAMalformedLineWithItsNumberAndGoesOn() throws Exception {
    Run run = replay("replay", "--input", session());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("line 4").doesNotContain("line 5").doesNotContain("line 6");
    assertThat(run.lines()).isNotEmpty();
  }

  @Test
  void replayingTheSameInputTwiceGivesIdenticalOutput() throws Exception {
    for (String emit : List.of("events", "state")) {
      Run first = replay("replay", "--input", session(), "--emit", emit);
      Run second = replay("replay", "--input", session(), "--emit", emit);
      assertThat(second.out()).isEqualTo(first.out()).isNotBlank();
    }
  }

  @Test
  void skipsACallWhoseStartTimeIsOutOfRangeAndGoesOnWithTheOtherExtensions(@TempDir Path dir) throws Exception {
    String farFuture = "{\"uuid\":\"u-1\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence\","
        + "\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"body\":{\"extensionId\":\"101\",\"sequence\":1,"
        + "\"telephonyStatus\":\"Ringing\",\"activeCalls\":[{\"id\":\"c1\",\"direction\":\"Inbound\","
        + "\"telephonyStatus\":\"Ringing\",\"startTime\":\"+999999999-12-31T23:59:59Z\"}]}}";
    String other = farFuture.replace("extension/101", "extension/102").replace("\"101\"", "\"102\"")
        .replace("+999999999-12-31T23:59:59Z", "2026-11-26T09:59:58Z");
    Path input = Files.write(dir.resolve("far.jsonl"), List.of(farFuture, other));

    for (String emit : List.of("events", "state")) {
      Run run = replay("replay", "--input", input.toString(), "--emit", emit);

      assertThat(run.exitCode()).isZero();
      assertThat(run.err()).contains("line 1: skipped (wrong_shape)").contains("startTime is out of range")
          .doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(run.lines()).isNotEmpty().allSatisfy(line -> assertThat(line.get("extensionId").asText()).isEqualTo("102"));
    }
  }

  /**
   * A recording of {@code lines} lines over 20 extensions, each line flipping its extension's presence,
   * with a malformed line every 300th line.
   */
  private static Path largeRecording(Path dir, int lines) throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    Instant start = Instant.parse("2026-11-26T09:00:00Z");
    List<String> content = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      if (i % 300 == 299) {
        content.add("{\"uuid\": \"cut-" + i);
        continue;
      }
      String extensionId = String.valueOf(101 + i % 20);
      boolean busy = (i / 20) % 2 == 1;
      PresenceUpdate body = new PresenceUpdate(extensionId, (long) i / 20 + 1,
          busy ? UserStatus.BUSY : UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
          busy ? UserStatus.BUSY : UserStatus.AVAILABLE, TelephonyStatus.NO_CALL, null, null, 0, List.of());
      Notification notification = new Notification("u-" + i,
          "/restapi/v1.0/account/1001/extension/" + extensionId + "/presence?detailedTelephonyState=true",
          start.plusMillis(250L * i), "sub-1", extensionId, body);
      content.add(new String(codec.encodeNotification(notification), StandardCharsets.UTF_8));
    }
    return Files.write(dir.resolve("large.jsonl"), content);
  }

  @Test
  void showsProgressAndASummaryOnStderrWithoutChangingStdout(@TempDir Path dir) throws Exception {
    String input = largeRecording(dir, 3_000).toString();
    for (String emit : List.of("events", "state")) {
      Run plain = replay("replay", "--input", input, "--emit", emit);
      // 1 ms per reading of the time source: the run "takes" a few seconds and redraws its status line.
      Run withProgress = replay(false, Duration.ofMillis(1), "replay", "--input", input, "--emit", emit,
          "--progress");

      assertThat(withProgress.exitCode()).isZero();
      assertThat(withProgress.out()).isEqualTo(plain.out()).isNotBlank();
      long written = withProgress.lines().size();
      if (emit.equals("state")) {
        assertThat(written).isEqualTo(2_990); // one per decoded line
      }
      assertThat(withProgress.err())
          .contains("\rreplay: ")
          .contains("%, ")
          .contains(" left")
          .containsPattern("[\r\n]replay: 3000 lines \\(2990 decoded, 10 skipped malformed\\), " + written + " "
              + (emit.equals("events") ? "events" : "states") + " written, elapsed \\d+(\\.\\d)?s "
              + "\\(\\d+ lines/s\\)\n$");
      // Every malformed-line report is still there, the status line cleared before it.
      Pattern report = Pattern.compile("(?m)(?:^|(?<=\r))line \\d+: skipped [^\r\n]*\n");
      assertThat(report.matcher(withProgress.err()).results()).hasSize(10);
      assertThat(plain.err()).doesNotContain("replay: ").doesNotContain("\r");
    }
  }

  @Test
  void showsProgressOnlyWhenStderrIsATerminalUnlessTold() throws Exception {
    Duration tick = Duration.ofMillis(1);

    assertThat(replay(true, tick, "replay", "--input", session()).err()).contains("replay: 7 lines (5 decoded, "
        + "1 skipped malformed), 7 events written");
    assertThat(replay(false, tick, "replay", "--input", session()).err()).doesNotContain("replay: ");
    assertThat(replay(true, tick, "replay", "--input", session(), "--no-progress").err())
        .doesNotContain("replay: ");
    assertThat(replay(false, tick, "replay", "--input", session(), "--progress").err())
        .contains("replay: 7 lines");
  }

  @Test
  void reportsOnceThatALineWithoutTimestampCameBeforeAnyWithOne(@TempDir Path dir) throws Exception {
    Path input = Files.write(dir.resolve("untimed.jsonl"), List.of(
        presence("101", 1, null), presence("102", 1, null), presence("101", 2, "2026-11-26T10:00:00Z"),
        presence("102", 2, null)));

    Run run = replay("replay", "--input", input.toString(), "--emit", "state");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err().lines()).containsExactly("line 1: no timestamp, and no line before it has one: taken as "
        + "received at 1970-01-01T00:00:00Z (reported once; later lines without one take the previous line's)");
    assertThat(run.lines()).extracting(l -> l.get("updatedAt").asText()).containsExactly(
        "1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z", "2026-11-26T10:00:00.000Z",
        "2026-11-26T10:00:00.000Z");
  }

  @Test
  void saysNothingOfALineWithoutTimestampAfterOneWithIt(@TempDir Path dir) throws Exception {
    Path input = Files.write(dir.resolve("late-untimed.jsonl"), List.of(
        presence("101", 1, "2026-11-26T10:00:00Z"), presence("101", 2, null)));

    Run run = replay("replay", "--input", input.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
  }

  /** A presence notification for {@code extensionId}, with the given timestamp or none. */
  private static String presence(String extensionId, long sequence, String timestamp) {
    boolean busy = sequence % 2 == 0;
    return "{\"uuid\":\"u-" + extensionId + "-" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension/"
        + extensionId + "/presence?detailedTelephonyState=true\","
        + (timestamp == null ? "" : "\"timestamp\":\"" + timestamp + "\",")
        + "\"body\":{\"extensionId\":\"" + extensionId + "\",\"sequence\":" + sequence
        + ",\"userStatus\":\"" + (busy ? "Busy" : "Available") + "\",\"dndStatus\":\"TakeAllCalls\","
        + "\"telephonyStatus\":\"NoCall\",\"activeCalls\":[]}}";
  }

  @Test
  void aStopRequestEndsTheReplayAfterWholeLinesWithTheSignalsExitCode() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] b, int off, int len) {
        super.write(b, off, len); // the replay writes on its own thread, the test reads here
      }
    };
    StringWriter err = new StringWriter();
    AtomicReference<IntConsumer> stop = new AtomicReference<>();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == ReplayCommand.class) {
          return type.cast(new ReplayCommand(System::nanoTime, () -> false, () -> stdin, () -> out, s -> {
            stop.set(s);
            return () -> stop.set(null);
          }));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(new Main(), factory)
        .setErr(new PrintWriter(err)).execute("replay", "--input", "-", "--emit", "state"), runnable -> {
          Thread replaying = new Thread(runnable, "replay-under-test");
          replaying.setDaemon(true);
          replaying.start();
        });
    try {
      for (int i = 1; i <= 50; i++) {
        feed.write((presence("1" + (i % 7), i, "2026-11-26T10:00:00Z") + "\n").getBytes(StandardCharsets.UTF_8));
      }
      feed.flush();
      // the decoder waits for more input now, so the engine hands on what it has: 50 whole lines
      await().atMost(Duration.ofSeconds(20)).until(() -> out.toString(StandardCharsets.UTF_8).lines().count() == 50);
      feed.write("{\"uuid\": \"half a line".getBytes(StandardCharsets.UTF_8)); // never finished

      stop.get().accept(2); // SIGINT's number

      assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(130);
    } finally {
      feed.close();
    }
    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written).endsWith("\n");
    assertThat(written.lines()).hasSize(50).allSatisfy(line -> assertThat(JSON.readTree(line).get("index")).isNotNull());
    assertThat(err.toString()).isEqualTo("replay: interrupted after 50 lines; the output of each of them is complete"
        + System.lineSeparator());
    assertThat(stop.get()).as("the signal handlers are put back").isNull();
  }

  @Test
  void aClosedStdoutIsReportedAsSuchNotAsAReadingFailure() {
    OutputStream brokenPipe = new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("Broken pipe");
      }
    };
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == ReplayCommand.class) {
          return type.cast(new ReplayCommand(System::nanoTime, () -> false, InputStream::nullInputStream,
              () -> brokenPipe, stop -> () -> {}));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };

    int exit = new CommandLine(new Main(), factory).setErr(new PrintWriter(err)).execute("replay", "--input", sessionPath());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).endsWith("\nreplay: writing the output failed: Broken pipe" + System.lineSeparator())
        .doesNotContain("reading");
  }

  private static String sessionPath() {
    try {
      return session();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void missingInputSaysWhy(@TempDir Path dir) {
    Run run = replay("replay", "--input", dir.resolve("missing.jsonl").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("replay: cannot read " + dir.resolve("missing.jsonl") + ": no such file");
  }

  @Test
  void dashReadsStandardInput() throws Exception {
    byte[] session = Files.readAllBytes(Path.of(session()));

    Run run = replay(false, null, () -> new ByteArrayInputStream(session), "replay", "--input", "-");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isNotEmpty().isEqualTo(replay("replay", "--input", session()).out());
  }

  @Test
  void skipsAUtf8ByteOrderMark(@TempDir Path dir) throws Exception {
    Path withBom = dir.resolve("bom.jsonl");
    try (var out = Files.newOutputStream(withBom)) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      out.write(Files.readAllBytes(Path.of(session())));
    }

    Run run = replay("replay", "--input", withBom.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).doesNotContain("line 1: skipped");
    assertThat(run.out()).isEqualTo(replay("replay", "--input", session()).out());
  }

  @Test
  void inputFromWhichNothingDecodesFailsWithASummary(@TempDir Path dir) throws Exception {
    Path garbage = Files.write(dir.resolve("garbage.jsonl"), List.of("not json", "{\"also\": \"not a notification\"}", ""));

    Run run = replay("replay", "--input", garbage.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("replay: nothing decoded: 2 lines skipped, no notification in " + garbage);
  }

  @Test
  void unreadableInputFailsWithAMessage(@TempDir Path dir) {
    Run run = replay("replay", "--input", dir.resolve("missing.jsonl").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read");
  }

  @Test
  void skipsALineThatIsNotUtf8AndReplaysTheRest(@TempDir Path dir) throws Exception {
    List<String> good = Files.readAllLines(Path.of(session()));
    Path mixed = dir.resolve("mixed.jsonl");
    try (var out = Files.newOutputStream(mixed)) {
      out.write((good.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, (byte) 0xfe, 0, '\n'});
      out.write((good.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path firstAndSecond = Files.write(dir.resolve("good.jsonl"), List.of(good.get(0), good.get(1)));

    Run run = replay("replay", "--input", mixed.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("line 2: skipped: not UTF-8 text")
        .doesNotContain("Input length")
        .doesNotContain("Exception");
    assertThat(run.out()).isEqualTo(replay("replay", "--input", firstAndSecond.toString()).out());
  }

  @Test
  void skipsARunawayLineWithoutHoldingItAndReplaysTheRest(@TempDir Path dir) throws Exception {
    List<String> good = Files.readAllLines(Path.of(session()));
    Path runaway = dir.resolve("runaway.jsonl");
    try (var out = Files.newOutputStream(runaway)) {
      out.write((good.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(new byte[ReplayCommand.MAX_LINE_BYTES + 10]); // one line of NUL bytes, no line break inside
      out.write('\n');
      out.write((good.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Run run = replay("replay", "--input", runaway.toString(), "--emit", "state");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("line 2: skipped: longer than " + ReplayCommand.MAX_LINE_BYTES + " bytes");
    assertThat(run.lines()).extracting(line -> line.get("index").asInt()).containsExactly(0, 2);
  }
}
