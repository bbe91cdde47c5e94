package io.presencestream.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and policies of the engine.
 *
 * @param maxCallsPerExtension calls kept per extension; beyond it the oldest are dropped (memory bound) —
 *     a dropped call is reported as ended, since it left the state; also the number of softphone
 *     sessions kept per extension
 * @param sequenceResetThreshold a sequence this far below the last applied one is taken as a server reset
 *     (resync) rather than a stale message (drop)
 * @param ringOutGrace how long (input time) the {@code call.new}/{@code call.ringing} of a new inbound call
 *     that may still turn out to be the inbound leg of a RingOut call are held back; zero (the default)
 *     holds nothing back. A leg merged within the grace period is never announced.
 */
public record EngineOptions(int maxCallsPerExtension, long sequenceResetThreshold, Duration ringOutGrace) {

  public EngineOptions {
    if (maxCallsPerExtension < 1) {
      throw new IllegalArgumentException("maxCallsPerExtension must be at least 1");
    }
    if (sequenceResetThreshold < 1) {
      throw new IllegalArgumentException("sequenceResetThreshold must be at least 1");
    }
    Objects.requireNonNull(ringOutGrace, "ringOutGrace");
    if (ringOutGrace.isNegative()) {
      throw new IllegalArgumentException("ringOutGrace must not be negative");
    }
  }

  /** Without a RingOut grace period. */
  public EngineOptions(int maxCallsPerExtension, long sequenceResetThreshold) {
    this(maxCallsPerExtension, sequenceResetThreshold, Duration.ZERO);
  }

  /** 32 calls per extension; a backwards jump of 1000 or more is a reset; no RingOut grace period. */
  public static EngineOptions defaults() {
    return new EngineOptions(32, 1000);
  }

  /** A copy with another {@link #ringOutGrace()}, e.g. {@code Duration.ofMillis(1500)}. */
  public EngineOptions withRingOutGrace(Duration grace) {
    return new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, grace);
  }
}
