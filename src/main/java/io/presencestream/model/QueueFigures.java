package io.presencestream.model;

import java.time.Duration;

/**
 * A queue's call figures over one window (JSON {@code FIGURES}).
 *
 * @param offered queue calls that entered in the window (by their entry)
 * @param answered queue calls answered in the window (by their answer)
 * @param abandoned queue calls that ended unanswered and went nowhere, in the window (by their end)
 * @param overflowed queue calls that ended unanswered and went on elsewhere, in the window (by their end)
 * @param answeredWithinThreshold the answered ones that waited no longer than the queue's threshold
 * @param averageSpeedOfAnswer the mean wait of the answered, null when none
 * @param abandonRate {@code abandoned / (answered + abandoned)}, null when the divisor is 0
 * @param serviceLevel {@code answeredWithinThreshold / (answered + abandoned)}, 0–1, null when the divisor is 0
 */
public record QueueFigures(
    int offered,
    int answered,
    int abandoned,
    int overflowed,
    int answeredWithinThreshold,
    Duration averageSpeedOfAnswer,
    Double abandonRate,
    Double serviceLevel) {

  /** A window with no calls. */
  public static final QueueFigures NONE = new QueueFigures(0, 0, 0, 0, 0, null, null, null);
}
