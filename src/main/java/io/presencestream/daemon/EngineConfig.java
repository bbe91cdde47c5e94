package io.presencestream.daemon;

import io.presencestream.engine.EngineOptions;
import java.time.Duration;

/**
 * The engine's limits (YAML section {@code engine}); see {@link EngineOptions}.
 *
 * @param maxCallsPerExtension live calls kept per extension; beyond it the oldest are dropped
 * @param sequenceResetThreshold a backwards sequence jump this large is a server reset (resync), not a stale message
 * @param ringOutGrace how long a new inbound call that may be a RingOut leg is held back; zero holds nothing back
 */
public record EngineConfig(int maxCallsPerExtension, long sequenceResetThreshold, Duration ringOutGrace) {

  /**
   * Validates the section by the engine's own rules.
   *
   * @param maxCallsPerExtension live calls kept per extension
   * @param sequenceResetThreshold the backwards jump taken as a reset
   * @param ringOutGrace how long possible RingOut legs are held back
   * @throws IllegalArgumentException as {@link EngineOptions} does
   */
  public EngineConfig {
    new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace); // same rules as the engine's
  }

  /** The engine's own defaults. */
  static EngineConfig defaults() {
    EngineOptions defaults = EngineOptions.defaults();
    return new EngineConfig(
        defaults.maxCallsPerExtension(), defaults.sequenceResetThreshold(), defaults.ringOutGrace());
  }

  /** The engine options this section configures (validated again by {@link EngineOptions}). */
  EngineOptions toEngineOptions() {
    return new EngineOptions(maxCallsPerExtension, sequenceResetThreshold, ringOutGrace);
  }
}
