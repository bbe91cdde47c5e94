package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.model.ContactCentreEvent.QueueCallEnded;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.QueueCallResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code queue.call.ended} in the event JSON: written and read back alike, a broken one a typed error. */
class QueueCallEndedJsonTest {

  private final PresenceCodec codec = PresenceCodec.create();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.250Z");

  @Test
  void anAbandonedQueueCallReadsBackAsItWasWritten() {
    QueueCallEnded event = new QueueCallEnded("900", T0.plusSeconds(33), new QueueCallOutcome("900", "s-1", T0, null,
        T0.plusSeconds(30), QueueCallResult.ABANDONED, null, Duration.ofSeconds(20), false));

    String json = codec.encodeEvent(event);

    assertThat(json).contains("\"result\":\"abandoned\"", "\"waitMs\":30000", "\"answeredAt\":null");
    assertThat(codec.decodeEvent(json)).isEqualTo(event);
  }

  @Test
  void aQueueCallEndedWithoutItsCallOrWithAnUnknownResultIsADecodeError() {
    assertThatThrownBy(() -> codec.decodeEvent(
        "{\"kind\":\"queue.call.ended\",\"extensionId\":\"900\",\"at\":\"2026-11-26T10:00:00.000Z\"}"))
        .isInstanceOf(DecodeException.class).hasMessageContaining("needs queueCall");
    assertThatThrownBy(() -> codec.decodeEvent("{\"kind\":\"queue.call.ended\",\"extensionId\":\"900\","
        + "\"at\":\"2026-11-26T10:00:00.000Z\",\"queueCall\":{\"queueId\":\"900\",\"callKey\":\"s-1\","
        + "\"enteredAt\":\"2026-11-26T10:00:00.000Z\",\"endedAt\":\"2026-11-26T10:00:05.000Z\",\"result\":\"lost\","
        + "\"serviceLevelThresholdMs\":20000,\"withinServiceLevel\":false}}"))
        .isInstanceOf(DecodeException.class).hasMessageContaining("queueCall.result");
  }
}
