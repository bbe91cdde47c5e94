package io.presencestream.engine;

import java.time.Duration;

/**
 * Options of the {@link SessionTracker}.
 *
 * @param maxSessionsPerExtension most live sessions kept per extension; beyond it the oldest ends
 *     {@code evicted} (a busy queue agent has a handful)
 * @param switchGrace how long (input time) a session stays open after the extension's party disconnected
 *     with {@code Pickup} or {@code CallSwitch}, waiting for the extension's new party (the call moved to
 *     another of its devices); if none comes it ends, answered elsewhere or answered
 * @param sequenceMemory how long (input time) the sequences of an ended session's parties are remembered, so
 *     that a late notification of that session is dropped as stale rather than taken for a new session
 */
public record SessionOptions(int maxSessionsPerExtension, Duration switchGrace, Duration sequenceMemory) {

  /**
   * Validates the options.
   *
   * @param maxSessionsPerExtension most live sessions per extension, at least 1
   * @param switchGrace the wait for a moved call's new party, zero or more
   * @param sequenceMemory how long ended sessions' sequences are kept, zero or more
   * @throws IllegalArgumentException naming the first option out of range
   */
  public SessionOptions {
    if (maxSessionsPerExtension < 1) {
      throw new IllegalArgumentException("maxSessionsPerExtension must be at least 1, was " + maxSessionsPerExtension);
    }
    if (switchGrace == null || switchGrace.isNegative()) {
      throw new IllegalArgumentException("switchGrace must be zero or more, was " + switchGrace);
    }
    if (sequenceMemory == null || sequenceMemory.isNegative()) {
      throw new IllegalArgumentException("sequenceMemory must be zero or more, was " + sequenceMemory);
    }
  }

  /**
   * The options {@code new SessionTracker(SessionOptions.defaults())} is meant to run with.
   *
   * @return 64 sessions per extension, a switch grace of 10 s, sequences remembered 60 s (as RingCentral's
   *     SDK does)
   */
  public static SessionOptions defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults, to change some of them.
   *
   * @return a new builder holding the {@link #defaults()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  Builder mutate() {
    return new Builder().maxSessionsPerExtension(maxSessionsPerExtension).switchGrace(switchGrace)
        .sequenceMemory(sequenceMemory);
  }

  /** Collects options; {@link #build()} validates them, naming the first one out of range. */
  public static final class Builder {
    private int maxSessionsPerExtension = 64;
    private Duration switchGrace = Duration.ofSeconds(10);
    private Duration sequenceMemory = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Sets the most live sessions kept per extension (default 64); beyond it the oldest ends {@code evicted}.
     *
     * @param value at least 1, checked by {@link #build()}
     * @return this builder
     */
    public Builder maxSessionsPerExtension(int value) {
      maxSessionsPerExtension = value;
      return this;
    }

    /**
     * Sets how long (input time) a session waits for the extension's new party after a {@code Pickup} or
     * {@code CallSwitch} (default 10 s).
     *
     * @param value zero or more, checked by {@link #build()}
     * @return this builder
     */
    public Builder switchGrace(Duration value) {
      switchGrace = value;
      return this;
    }

    /**
     * Sets how long (input time) an ended session's party sequences are remembered (default 60 s), which is
     * how late a notification of that session may come and still be dropped as stale.
     *
     * @param value zero or more, checked by {@link #build()}
     * @return this builder
     */
    public Builder sequenceMemory(Duration value) {
      sequenceMemory = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options set so far, the others at their defaults
     * @throws IllegalArgumentException naming the first option out of range
     */
    public SessionOptions build() {
      return new SessionOptions(maxSessionsPerExtension, switchGrace, sequenceMemory);
    }
  }
}
