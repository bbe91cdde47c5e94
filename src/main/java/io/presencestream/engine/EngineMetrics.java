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

  /**
   * A notification was dropped.
   *
   * @param reason why
   */
  default void dropped(DropReason reason) {}

  /** The two legs of a RingOut call were merged into one call for the first time. */
  default void ringOutMerged() {}

  /**
   * The tracker asked for an extension to be read again over REST.
   *
   * @param reason why the extension's state is in doubt
   */
  default void resyncRequested(ResyncReason reason) {}

  /**
   * The number of tracked extensions changed.
   *
   * @param delta the change, negative when extensions were forgotten
   */
  default void trackedExtensionsChanged(long delta) {}

  /**
   * The number of live calls over all tracked extensions changed.
   *
   * @param delta the change, negative when calls ended
   */
  default void activeCallsChanged(long delta) {}

  /**
   * A telephony-session notification was not applied for an extension (counted once per extension it
   * concerned; {@link SessionDropReason#NO_OWNER} once for a notification that concerned none).
   *
   * @param reason why
   */
  default void sessionDropped(SessionDropReason reason) {}

  /**
   * The number of live telephony sessions announced ({@code session.started} and not yet
   * {@code session.ended}) over all extensions changed.
   *
   * @param delta the change, negative when sessions ended or were forgotten
   */
  default void activeSessionsChanged(long delta) {}

  /**
   * Metrics that go nowhere, for a tracker nobody watches (replay, tests).
   *
   * @return a shared instance that reports nothing
   */
  static EngineMetrics noop() {
    return NoopEngineMetrics.INSTANCE;
  }

  /**
   * Reports to {@code registry}: counters {@code presence.engine.inputs.received},
   * {@code presence.engine.inputs.applied}, {@code presence.engine.inputs.dropped} (tag {@code reason}),
   * {@code presence.engine.ringout.merges}, {@code presence.engine.resync.requests} (tag {@code reason}),
   * {@code presence.engine.sessions.dropped} (tag {@code reason}: the {@link SessionDropReason} in lower case);
   * gauges {@code presence.engine.extensions.tracked}, {@code presence.engine.calls.active} and
   * {@code presence.engine.sessions.active}.
   *
   * <p>Gauges sum the deltas reported to this instance, so trackers that share it add up; create one
   * instance per registry (a second one's gauges would not be registered).
   *
   * @param registry where the meters are registered
   * @return metrics reporting to {@code registry}, safe to share between trackers
   */
  static EngineMetrics micrometer(MeterRegistry registry) {
    return new MicrometerEngineMetrics(registry);
  }
}
