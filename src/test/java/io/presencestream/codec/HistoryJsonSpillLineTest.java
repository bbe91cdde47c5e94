package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.HistoryJson.StoredEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A spill line keeps an event's place in the arrival order, so that a replayed event is restored in its place. */
class HistoryJsonSpillLineTest {

  private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123Z");
  private static final String EVENT = "{\"kind\":\"presence\",\"extensionId\":\"101\"}";

  @Test
  void aSpillLineKeepsTheEventsArrivalOrder() {
    StoredEvent event = new StoredEvent("e1", "presence", "101", AT, null, EVENT, null, 1_764_151_200_123_456L);

    assertThat(HistoryJson.readSpillLine(HistoryJson.spillLine(event))).isEqualTo(event);
  }

  @Test
  void aLineWrittenBeforeArrivalOrderWasKeptIsOrderedByItsTimeLikeTheRowsOfThatTime() {
    String old = "{\"eventId\":\"e1\",\"kind\":\"presence\",\"extensionId\":\"101\",\"at\":\"2026-11-26T10:00:00.123Z\","
        + "\"callId\":null,\"call\":null,\"event\":" + EVENT + "}";

    assertThat(HistoryJson.readSpillLine(old).seq()).isEqualTo(StoredEvent.seqOf(AT))
        .isEqualTo(AT.getEpochSecond() * 1_000_000L + 123_000L);
  }
}
