package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.HistoryJson;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Availability;
import io.presencestream.model.PresenceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash while the database was down leaves events in the spill directory, some of them already committed
 * (a batch whose commit got through as the connection broke) and the last line cut short. The next start
 * replays the directory: every event once, the torn line counted and skipped, the files removed.
 */
class SpillReplayIT {

  @TempDir Path temp;

  @Test
  void theNextStartReplaysWhatACrashLeftWithoutDuplicates() throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    HistoryOptions options = HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/presence")))
        .spillDirectory(temp.resolve("spill")).batchSize(16).build();
    Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(CallScript.presence("60" + (i % 5), t0.plusSeconds(i), i % 2 == 0 ? Availability.BUSY : Availability.AVAILABLE));
    }
    events.addAll(CallScript.missed("601", "crash-call", t0.plusSeconds(200), Duration.ofSeconds(9)));

    // the first 40 made it to the database before the crash
    HistoryStore before = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry());
    events.subList(0, 40).forEach(before.sink()::accept);
    before.close().block(Duration.ofSeconds(30));

    // the spill directory as the crash left it: events 30..end (30..39 are in the database too), a torn line
    CallTimeline timeline = new CallTimeline();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      PresenceEvent event = events.get(i);
      var call = timeline.apply(event);
      if (i < 30) {
        continue;
      }
      String json = codec.encodeEvent(event);
      String callId = event instanceof PresenceEvent.CallEvent c ? c.call().id() : null;
      lines.append(HistoryJson.spillLine(new HistoryJson.StoredEvent(EventIds.of(json), event.kind().label(),
          event.extensionId(), event.at(), callId, json, call))).append('\n');
    }
    lines.append("{\"eventId\":\"0123\",\"kind\":\"presence\",\"exten");
    Files.createDirectories(temp.resolve("spill"));
    Files.writeString(temp.resolve("spill/spill-00000000000000000007.jsonl"), lines, StandardCharsets.UTF_8);

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HistoryStore after = HistoryStore.open(options, codec::encodeEvent, registry);
    try {
      DatabaseSink sink = (DatabaseSink) after.sink();
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.spilledWaiting() == 0);
      assertThat(after.count("events").block(Duration.ofSeconds(10))).isEqualTo(events.size());
      assertThat(after.count("calls").block(Duration.ofSeconds(10))).isEqualTo(1);
      assertThat(registry.get("presence.history.duplicates").counter().count()).isEqualTo(10);
      assertThat(registry.get("presence.history.spill.corrupt").counter().count()).isEqualTo(1);
      assertThat(Files.list(temp.resolve("spill"))).isEmpty();
      assertThat(after.calls(CallQuery.between(t0, t0.plusSeconds(3600))).block(Duration.ofSeconds(10)).calls())
          .singleElement().satisfies(c -> assertThat(c.ring()).isEqualTo(Duration.ofSeconds(9)));
    } finally {
      after.close().block(Duration.ofSeconds(30));
    }
  }

  @Test
  void spansAndQueueCallsLeftInTheSpillDirectoryAreStoredOnceAtTheNextStart() throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    HistoryOptions options = HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/cc")))
        .spillDirectory(temp.resolve("spill-cc")).zone(ContactCentreScript.PARIS).build();
    List<PresenceEvent> events = new ArrayList<>(ContactCentreScript.agentDay());
    events.addAll(ContactCentreScript.queueCalls());
    // the spill lines as the sink writes them: each event with the span it closed or the queue call it ended
    AgentSpans spans = new AgentSpans();
    StringBuilder lines = new StringBuilder();
    for (int copy = 0; copy < 2; copy++) {   // twice: a segment replayed again after a crash
      for (PresenceEvent event : events) {
        String json = codec.encodeEvent(event);
        var queueCall = event instanceof io.presencestream.model.ContactCentreEvent.QueueCallEnded ended ? ended.call() : null;
        HistoryJson.StoredEvent stored = new HistoryJson.StoredEvent(EventIds.of(json), event.kind().label(),
            event.extensionId(), event.at(), null, json, null, HistoryJson.StoredEvent.seqOf(event.at()),
            spans.apply(event), queueCall);
        assertThat(HistoryJson.readSpillLine(HistoryJson.spillLine(stored))).isEqualTo(stored);
        lines.append(HistoryJson.spillLine(stored)).append('\n');
      }
    }
    Files.createDirectories(temp.resolve("spill-cc"));
    Files.writeString(temp.resolve("spill-cc/spill-00000000000000000001.jsonl"), lines, StandardCharsets.UTF_8);

    HistoryStore store = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry());
    try {
      DatabaseSink sink = (DatabaseSink) store.sink();
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.spilledWaiting() == 0);
      assertThat(store.count("agent_states").block(Duration.ofSeconds(10))).isEqualTo(7);
      assertThat(store.count("queue_calls").block(Duration.ofSeconds(10))).isEqualTo(5);
      assertThat(store.agentDay("101", java.time.LocalDate.parse("2026-10-25"), Instant.parse("2026-10-25T12:00:00Z"))
          .block(Duration.ofSeconds(10)).talkTime()).isEqualTo(Duration.ofMinutes(13));
    } finally {
      store.close().block(Duration.ofSeconds(30));
    }
  }
}
