package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A {@link JsonLineBuffer} writes, line for line, exactly what {@link PresenceCodec#encodeEvent} and
 * {@link PresenceCodec#encodeReplayLine} return, over one long-lived generator; checked on the events and
 * states of the first 600 lines of the replay golden recording (simulator traffic with non-ASCII names
 * and a lone surrogate escape).
 */
class JsonLineBufferTest {

  private final PresenceCodec codec = PresenceCodec.create();

  @Test
  void writesWhatTheOneLineEncodersWriteWithALineBreakAfterEach() throws Exception {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    JsonLineBuffer events = codec.newLineBuffer();
    JsonLineBuffer states = codec.newLineBuffer();
    ByteArrayOutputStream eventBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream stateBytes = new ByteArrayOutputStream();
    StringBuilder expectedEvents = new StringBuilder();
    StringBuilder expectedStates = new StringBuilder();
    int index = 0;
    int surrogates = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        getClass().getResourceAsStream("/replay/golden/corpus.jsonl.gz")), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null && index < 600; line = lines.readLine(), index++) {
        Notification n;
        try {
          n = codec.decodeMessage(line.replace("\uFEFF", ""));
        } catch (DecodeException e) {
          continue;
        }
        Instant at = n.timestamp() == null ? Instant.EPOCH : n.timestamp();
        Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(n, at));
        for (PresenceEvent e : outcome.events()) {
          events.event(e);
          expectedEvents.append(codec.encodeEvent(e)).append('\n');
        }
        String drop = outcome.dropReason() == null ? null : outcome.dropReason().name().toLowerCase();
        states.replayLine(index, outcome.applied(), drop, tracker.state(n.extensionId()).orElseThrow());
        String expected = codec.encodeReplayLine(index, outcome.applied(), drop, tracker.state(n.extensionId()).orElseThrow());
        expectedStates.append(expected).append('\n');
        surrogates += expected.contains("\\uD800") ? 1 : 0;
        if (index % 97 == 0) { // handed on now and then: only whole lines, nothing lost or repeated
          assertThat(events.size()).isEqualTo(utf8Length(expectedEvents) - eventBytes.size());
          events.writeTo(eventBytes);
          states.writeTo(stateBytes);
          assertThat(eventBytes.size()).isEqualTo(utf8Length(expectedEvents));
          assertThat(events.size()).isZero();
        }
      }
    }
    events.writeTo(eventBytes);
    states.writeTo(stateBytes);

    assertThat(surrogates).as("states carrying the lone surrogate escape").isPositive();
    assertThat(eventBytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedEvents.toString()).contains("call.new");
    assertThat(stateBytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedStates.toString());
  }

  private static int utf8Length(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
