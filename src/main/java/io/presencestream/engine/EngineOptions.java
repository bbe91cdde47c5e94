package io.presencestream.engine;

/**
 * Limits and policies of the engine.
 *
 * @param maxCallsPerExtension calls kept per extension; beyond it the oldest are dropped (memory bound) —
 *     a dropped call is reported as ended, since it left the state; also the number of softphone
 *     sessions kept per extension
 * @param sequenceResetThreshold a sequence this far below the last applied one is taken as a server reset
 *     (resync) rather than a stale message (drop)
 */
public record EngineOptions(int maxCallsPerExtension, long sequenceResetThreshold) {

  public EngineOptions {
    if (maxCallsPerExtension < 1) {
      throw new IllegalArgumentException("maxCallsPerExtension must be at least 1");
    }
    if (sequenceResetThreshold < 1) {
      throw new IllegalArgumentException("sequenceResetThreshold must be at least 1");
    }
  }

  /** 32 calls per extension; a backwards jump of 1000 or more is a reset. */
  public static EngineOptions defaults() {
    return new EngineOptions(32, 1000);
  }
}
