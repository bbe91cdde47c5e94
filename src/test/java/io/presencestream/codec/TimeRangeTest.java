package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Times outside years 0000–9999 are bad input, so no difference of two decoded times overflows milliseconds. */
class TimeRangeTest {

  private final PresenceCodec codec = PresenceCodec.create();

  private static String withStartTime(String startTime) {
    return "{\"uuid\":\"u-1\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence\","
        + "\"timestamp\":\"2026-11-26T10:00:00.000Z\",\"body\":{\"extensionId\":\"101\",\"sequence\":1,"
        + "\"activeCalls\":[{\"id\":\"c1\",\"direction\":\"Inbound\",\"telephonyStatus\":\"Ringing\",\"startTime\":" + startTime + "}]}}";
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"+999999999-12-31T23:59:59Z\"",
      "\"-999999999-01-01T00:00:00Z\"",
      "\"+10000-01-01T00:00:00Z\"",
      "9223372036854775807",
      "-9223372036854775808"})
  void rejectsACallStartTimeOutsideYearsZeroToNineThousandNineHundredNinetyNine(String startTime) {
    assertThatThrownBy(() -> codec.decodeMessage(withStartTime(startTime)))
        .isInstanceOf(DecodeException.class)
        .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo(Reason.WRONG_SHAPE))
        .hasMessageContaining("activeCalls.startTime is out of range");
  }

  @Test
  void rejectsAnOutOfRangeNotificationTimestamp() {
    String message = withStartTime("\"2026-11-26T10:00:00Z\"").replace("2026-11-26T10:00:00.000Z", "+999999999-12-31T23:59:59Z");
    assertThatThrownBy(() -> codec.decodeMessage(message)).isInstanceOf(DecodeException.class).hasMessageContaining("timestamp is out of range");
  }

  @Test
  void acceptsTheEdgesOfTheRange() {
    assertThat(codec.decodeMessage(withStartTime("\"9999-12-31T23:59:59.999Z\"")).body().activeCalls().get(0).startTime())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    assertThat(codec.decodeMessage(withStartTime("\"0000-01-01T00:00:00Z\"")).body().activeCalls().get(0).startTime())
        .isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
  }

  @Test
  void writesADurationBeyondMillisecondsClampedInsteadOfFailing() {
    Call call = new Call(
        "c1", "s", null, null, Direction.INBOUND, null, null, null, null, TelephonyStatus.RINGING,
        Instant.parse("2026-11-26T10:00:00Z"), Duration.ofSeconds(Long.MIN_VALUE), false, null, null, null, null);
    PresenceEvent ended = new PresenceEvent.CallEnded("101", Instant.parse("2026-11-26T10:00:00Z"), call, Duration.ofSeconds(Long.MAX_VALUE));

    String json = codec.encodeEvent(ended);

    assertThat(json).contains("\"durationMs\":" + Long.MAX_VALUE).contains("\"clockOffsetMs\":" + Long.MIN_VALUE);
  }
}
