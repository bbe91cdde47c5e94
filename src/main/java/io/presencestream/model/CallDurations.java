package io.presencestream.model;

import java.time.Duration;

/**
 * How long an extension's party of a call rang, talked and held, by RingCentral's call-time-metrics guide
 * (developers.ringcentral.com/guide/voice/calculating-call-time-metrics), from the notifications'
 * {@code eventTime}s ordered by {@code sequence}:
 *
 * <ul>
 *   <li>ring: from the first {@code Proceeding} to the first status after it that is neither
 *       {@code Setup} nor {@code Proceeding} (answered, disconnected, voicemail, …);
 *   <li>talk: the sum of the times spent {@code Answered} (until {@code Hold}, {@code Disconnected} or any
 *       other status);
 *   <li>hold: the sum of the times spent in {@code Hold}.
 * </ul>
 *
 * Never negative; zero for a phase that did not happen.
 *
 * @param ring the ring time, as above
 * @param talk the talk time, as above
 * @param hold the hold time, as above
 */
public record CallDurations(Duration ring, Duration talk, Duration hold) {

  /** No time in any phase. */
  public static final CallDurations ZERO = new CallDurations(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /**
   * Requires every duration, none negative.
   *
   * @param ring time ringing before the first answer
   * @param talk time talking
   * @param hold time on hold
   * @throws IllegalArgumentException if a duration is null or negative
   */
  public CallDurations {
    if (ring == null || talk == null || hold == null || ring.isNegative() || talk.isNegative() || hold.isNegative()) {
      throw new IllegalArgumentException("durations must be present and not negative");
    }
  }
}
