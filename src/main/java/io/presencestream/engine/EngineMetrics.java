package io.presencestream.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.model.ResyncReason;

/**
 * What the engine reports about its work, called from the tracker's single owner thread.
 * Implementations must be cheap and must not throw; every method has a no-op default.
 *
 * <p>{@link #micrometer(MeterRegistry)} reports to Micrometer under {@code presence.engine.*},
 * without any per-extension tag.
 */
public interface EngineMetrics {

  /** An input (notification, snapshot or softphone session change) reached the tracker. */
  default void received() {}

  /** An input was applied. */
  default void applied() {}

  /** A notification was dropped, and why. */
  default void dropped(DropReason reason) {}

  /** The two legs of a RingOut call were merged into one call for the first time. */
  default void ringOutMerged() {}

  /** The tracker asked for an extension to be read again over REST. */
  default void resyncRequested(ResyncReason reason) {}

  /** The number of tracked extensions changed by {@code delta}. */
  default void trackedExtensionsChanged(long delta) {}

  /** The number of live calls over all tracked extensions changed by {@code delta}. */
  default void activeCallsChanged(long delta) {}

  /** Reports nothing. */
  static EngineMetrics noop() {
    return NoopEngineMetrics.INSTANCE;
  }

  /**
   * Reports to {@code registry}: counters {@code presence.engine.inputs.received},
   * {@code presence.engine.inputs.applied}, {@code presence.engine.inputs.dropped} (tag {@code reason}),
   * {@code presence.engine.ringout.merges}, {@code presence.engine.resync.requests} (tag {@code reason});
   * gauges {@code presence.engine.extensions.tracked} and {@code presence.engine.calls.active}.
   *
   * <p>Gauges sum the deltas reported to this instance, so trackers that share it add up; create one
   * instance per registry (a second one's gauges would not be registered).
   */
  static EngineMetrics micrometer(MeterRegistry registry) {
    return new MicrometerEngineMetrics(registry);
  }
}
