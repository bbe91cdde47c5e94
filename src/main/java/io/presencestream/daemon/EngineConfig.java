package io.presencestream.daemon;

import io.presencestream.engine.EngineOptions;

/**
 * The engine's limits (YAML section {@code engine}); see {@link EngineOptions}.
 *
 * @param maxCallsPerExtension live calls kept per extension; beyond it the oldest are dropped
 * @param sequenceResetThreshold a backwards sequence jump this large is a server reset (resync), not a stale message
 */
public record EngineConfig(int maxCallsPerExtension, long sequenceResetThreshold) {

  public EngineConfig {
    new EngineOptions(maxCallsPerExtension, sequenceResetThreshold); // same rules as the engine's
  }

  /** The engine's own defaults. */
  public static EngineConfig defaults() {
    EngineOptions defaults = EngineOptions.defaults();
    return new EngineConfig(defaults.maxCallsPerExtension(), defaults.sequenceResetThreshold());
  }

  /** The engine options this section configures (validated again by {@link EngineOptions}). */
  public EngineOptions toEngineOptions() {
    return new EngineOptions(maxCallsPerExtension, sequenceResetThreshold);
  }
}
