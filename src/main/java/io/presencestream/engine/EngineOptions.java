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
 * @param sessions the options of the telephony-session tracker beside presence (sessions kept per extension,
 *     the wait for a call moved to another device, how long ended sessions' sequences are remembered)
 * @param announceMeetingStatus whether a change of {@code meetingStatus} alone is a {@code presence} event.
 *     Off by default: the rule (SEMANTICS §4) announces the derived status and the raw triple only, and a
 *     meeting changes neither. The contact-centre view needs it on, as its agent state {@code InMeeting}
 *     reads the meeting status from the events it is given (the daemon turns it on with the view)
 */
public record EngineOptions(
    int maxCallsPerExtension,
    long sequenceResetThreshold,
    Duration ringOutGrace,
    SessionOptions sessions,
    boolean announceMeetingStatus) {

  /**
   * Validates the options.
   *
   * @param maxCallsPerExtension calls kept per extension, at least 1
   * @param sequenceResetThreshold the backwards jump taken as a server reset, at least 1
   * @param ringOutGrace how long possible RingOut legs are held back; zero for not at all
   * @param sessions the telephony-session tracker's options (validated by {@link SessionOptions} itself)
   * @param announceMeetingStatus whether a meeting-status change alone is a presence event
   * @throws IllegalArgumentException naming the first option out of range
   * @throws NullPointerException if {@code ringOutGrace} or {@code sessions} is null
   */
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
    Objects.requireNonNull(sessions, "sessions must not be null (SessionOptions.defaults() for the defaults)");
  }

  /**
   * Options that announce the meeting status only as part of other presence changes (the default).
   *
   * @param maxCallsPerExtension calls kept per extension, at least 1
   * @param sequenceResetThreshold the backwards jump taken as a server reset, at least 1
   * @param ringOutGrace how long possible RingOut legs are held back; zero for not at all
   * @param sessions the telephony-session tracker's options
   * @throws IllegalArgumentException naming the first option out of range
   * @throws NullPointerException if {@code ringOutGrace} or {@code sessions} is null
   */
  public EngineOptions(
      int maxCallsPerExtension, long sequenceResetThreshold, Duration ringOutGrace, SessionOptions sessions) {
    this(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace, sessions, false);
  }

  /**
   * Options with the telephony-session tracker at its {@link SessionOptions#defaults()}.
   *
   * @param maxCallsPerExtension calls kept per extension, at least 1
   * @param sequenceResetThreshold the backwards jump taken as a server reset, at least 1
   * @param ringOutGrace how long possible RingOut legs are held back; zero for not at all
   * @throws IllegalArgumentException naming the first option out of range
   * @throws NullPointerException if {@code ringOutGrace} is null
   */
  public EngineOptions(int maxCallsPerExtension, long sequenceResetThreshold, Duration ringOutGrace) {
    this(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace, SessionOptions.defaults());
  }

  /**
   * The options {@link io.presencestream.PresenceEngine#create()} uses.
   *
   * @return 32 calls per extension; a backwards jump of 1000 or more is a reset; no RingOut grace period;
   *     the session tracker's {@link SessionOptions#defaults()}
   */
  public static EngineOptions defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults, to change some of them.
   *
   * @return a new builder holding the {@link #defaults()}; {@link Builder#build()} validates
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts from these options, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these options
   */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects engine options; each method sets the option of the same name and {@link #build()}
   * validates them all, naming the first one that is out of range. Not thread-safe: build on one
   * thread, then share the immutable result.
   */
  public static final class Builder {
    private int maxCallsPerExtension = 32;
    private long sequenceResetThreshold = 1000;
    private Duration ringOutGrace = Duration.ZERO;
    private SessionOptions sessions = SessionOptions.defaults();
    private boolean announceMeetingStatus;

    private Builder() {}

    private Builder(EngineOptions o) {
      maxCallsPerExtension = o.maxCallsPerExtension;
      sequenceResetThreshold = o.sequenceResetThreshold;
      ringOutGrace = o.ringOutGrace;
      sessions = o.sessions;
      announceMeetingStatus = o.announceMeetingStatus;
    }

    /**
     * Sets how many calls (and softphone sessions) are kept per extension, the newest.
     *
     * @param value a count (default 32, at least 1)
     * @return this builder
     */
    public Builder maxCallsPerExtension(int value) {
      maxCallsPerExtension = value;
      return this;
    }

    /**
     * Sets how far below the last sequence a new one must be to count as a server reset.
     *
     * @param value a sequence distance (default 1000, at least 1)
     * @return this builder
     */
    public Builder sequenceResetThreshold(long value) {
      sequenceResetThreshold = value;
      return this;
    }

    /**
     * Sets how long a new inbound call that may be a RingOut leg is held back.
     *
     * @param value input time (default zero: not at all; not negative, not null)
     * @return this builder
     */
    public Builder ringOutGrace(Duration value) {
      ringOutGrace = value;
      return this;
    }

    /**
     * Sets the telephony-session tracker's options, e.g.
     * {@code SessionOptions.builder().switchGrace(Duration.ofSeconds(5)).build()}.
     *
     * @param value the session options (default {@link SessionOptions#defaults()}; not null)
     * @return this builder
     */
    public Builder sessions(SessionOptions value) {
      sessions = value;
      return this;
    }

    /**
     * Sets whether a change of the meeting status alone is announced as a {@code presence} event.
     *
     * @param value true to announce it (default false: SEMANTICS §4's rule; the contact-centre view wants true)
     * @return this builder
     */
    public Builder announceMeetingStatus(boolean value) {
      announceMeetingStatus = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options set so far, the others at their defaults
     * @throws IllegalArgumentException naming the first option out of range
     * @throws NullPointerException if {@code ringOutGrace} or {@code sessions} was set to null
     */
    public EngineOptions build() {
      return new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace, sessions, announceMeetingStatus);
    }
  }
}
