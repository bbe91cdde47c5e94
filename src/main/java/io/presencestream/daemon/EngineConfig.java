package io.presencestream.daemon;

import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.SessionOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine's limits (YAML section {@code engine}, its telephony-session tracker's under
 * {@code engine.sessions}); see {@link EngineOptions} and {@link SessionOptions}.
 *
 * @param maxCallsPerExtension live calls kept per extension; beyond it the oldest are dropped
 * @param sequenceResetThreshold a backwards sequence jump this large is a server reset (resync), not a stale message
 * @param ringOutGrace how long a new inbound call that may be a RingOut leg is held back; zero holds nothing back
 * @param sessions the telephony-session tracker's limits and times
 */
public record EngineConfig(
    int maxCallsPerExtension, long sequenceResetThreshold, Duration ringOutGrace, SessionOptions sessions) {

  /**
   * Validates the section by the engine's own rules.
   *
   * @param maxCallsPerExtension live calls kept per extension
   * @param sequenceResetThreshold the backwards jump taken as a reset
   * @param ringOutGrace how long possible RingOut legs are held back
   * @param sessions the telephony-session tracker's options, never null
   * @throws IllegalArgumentException as {@link EngineOptions} does
   * @throws NullPointerException if {@code sessions} is null
   */
  public EngineConfig {
    Objects.requireNonNull(sessions, "sessions");
    new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace, sessions); // the engine's rules
  }

  /** The engine's own defaults. */
  static EngineConfig defaults() {
    EngineOptions defaults = EngineOptions.defaults();
    return new EngineConfig(defaults.maxCallsPerExtension(), defaults.sequenceResetThreshold(),
        defaults.ringOutGrace(), defaults.sessions());
  }

  /** The engine options this section configures (validated again by {@link EngineOptions}). */
  EngineOptions toEngineOptions() {
    return new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace, sessions);
  }
}
