package io.presencestream.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and policies of the engine. Immutable; {@link #builder()} starts from the defaults and
 * {@link #mutate()} from existing options:
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder().ringOutGrace(Duration.ofMillis(1500)).build();
 * }</pre>
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
      throw new IllegalArgumentException("maxCallsPerExtension must be at least 1, was " + maxCallsPerExtension);
    }
    if (sequenceResetThreshold < 1) {
      throw new IllegalArgumentException("sequenceResetThreshold must be at least 1, was " + sequenceResetThreshold);
    }
    Objects.requireNonNull(ringOutGrace, "ringOutGrace must not be null (Duration.ZERO for none)");
    if (ringOutGrace.isNegative()) {
      throw new IllegalArgumentException("ringOutGrace must not be negative, was " + ringOutGrace);
    }
  }

  /** 32 calls per extension; a backwards jump of 1000 or more is a reset; no RingOut grace period. */
  public static EngineOptions defaults() {
    return builder().build();
  }

  /** A builder holding the {@link #defaults()}; {@link Builder#build()} validates. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects engine options; each method sets the option of the same name and {@link #build()}
   * validates them all, naming the first one that is out of range.
   */
  public static final class Builder {
    private int maxCallsPerExtension = 32;
    private long sequenceResetThreshold = 1000;
    private Duration ringOutGrace = Duration.ZERO;

    private Builder() {}

    private Builder(EngineOptions o) {
      maxCallsPerExtension = o.maxCallsPerExtension;
      sequenceResetThreshold = o.sequenceResetThreshold;
      ringOutGrace = o.ringOutGrace;
    }

    /** Calls (and softphone sessions) kept per extension, the newest (default 32). */
    public Builder maxCallsPerExtension(int value) {
      maxCallsPerExtension = value;
      return this;
    }

    /** How far below the last sequence a new one must be to count as a server reset (default 1000). */
    public Builder sequenceResetThreshold(long value) {
      sequenceResetThreshold = value;
      return this;
    }

    /** How long a new inbound call that may be a RingOut leg is held back (default zero: not at all). */
    public Builder ringOutGrace(Duration value) {
      ringOutGrace = value;
      return this;
    }

    /** Validates and builds the options; the exception names the bad option. */
    public EngineOptions build() {
      return new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace);
    }
  }
}
