package io.presencestream.engine;

/** The {@link EngineMetrics} that reports nothing. */
final class NoopEngineMetrics implements EngineMetrics {

  static final NoopEngineMetrics INSTANCE = new NoopEngineMetrics();

  private NoopEngineMetrics() {}
}
