package io.presencestream.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.model.ResyncReason;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** {@link EngineMetrics} on Micrometer. Every meter is resolved once, here: the hot path only increments. */
final class MicrometerEngineMetrics implements EngineMetrics {

  private final Counter received;
  private final Counter applied;
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final Counter ringOutMerges;
  private final Map<ResyncReason, Counter> resyncRequests = new EnumMap<>(ResyncReason.class);
  private final Map<SessionDropReason, Counter> sessionsDropped = new EnumMap<>(SessionDropReason.class);
  private final AtomicLong trackedExtensions;
  private final AtomicLong activeCalls;
  private final AtomicLong activeSessions;

  /**
   * The gauges' values, one pair per registry, shared by every engine reporting to it. Micrometer
   * registers a gauge once per name and tags and ignores later registrations, so a second engine's
   * own counters would never be read; adding into shared totals counts every engine.
   */
  private record Totals(AtomicLong trackedExtensions, AtomicLong activeCalls, AtomicLong activeSessions) {}

  private static final Map<MeterRegistry, Totals> TOTALS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  MicrometerEngineMetrics(MeterRegistry registry) {
    Totals totals = TOTALS.computeIfAbsent(registry, r -> new Totals(new AtomicLong(), new AtomicLong(), new AtomicLong()));
    trackedExtensions = totals.trackedExtensions();
    activeCalls = totals.activeCalls();
    activeSessions = totals.activeSessions();
    received = Counter.builder("presence.engine.inputs.received")
        .description("Inputs (notifications, snapshots, softphone sessions) that reached the engine")
        .register(registry);
    applied = Counter.builder("presence.engine.inputs.applied")
        .description("Inputs the engine applied")
        .register(registry);
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, Counter.builder("presence.engine.inputs.dropped")
          .description("Notifications dropped because of their sequence")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    ringOutMerges = Counter.builder("presence.engine.ringout.merges")
        .description("RingOut calls whose two legs were merged into one")
        .register(registry);
    for (ResyncReason reason : ResyncReason.values()) {
      resyncRequests.put(reason, Counter.builder("presence.engine.resync.requests")
          .description("Requests to read an extension again over REST")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    for (SessionDropReason reason : SessionDropReason.values()) {
      sessionsDropped.put(reason, Counter.builder("presence.engine.sessions.dropped")
          .description("Telephony-session notifications not applied, per extension they concerned")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    Gauge.builder("presence.engine.extensions.tracked", trackedExtensions, AtomicLong::get)
        .description("Extensions the engine holds state for")
        .strongReference(true)
        .register(registry);
    Gauge.builder("presence.engine.calls.active", activeCalls, AtomicLong::get)
        .description("Live calls over all tracked extensions")
        .strongReference(true)
        .register(registry);
    Gauge.builder("presence.engine.sessions.active", activeSessions, AtomicLong::get)
        .description("Live telephony sessions announced (session.started, not yet session.ended) over all extensions")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void received() {
    received.increment();
  }

  @Override
  public void applied() {
    applied.increment();
  }

  @Override
  public void dropped(DropReason reason) {
    dropped.get(reason).increment();
  }

  @Override
  public void ringOutMerged() {
    ringOutMerges.increment();
  }

  @Override
  public void resyncRequested(ResyncReason reason) {
    resyncRequests.get(reason).increment();
  }

  @Override
  public void trackedExtensionsChanged(long delta) {
    trackedExtensions.addAndGet(delta);
  }

  @Override
  public void activeCallsChanged(long delta) {
    activeCalls.addAndGet(delta);
  }

  @Override
  public void sessionDropped(SessionDropReason reason) {
    sessionsDropped.get(reason).increment();
  }

  @Override
  public void activeSessionsChanged(long delta) {
    activeSessions.addAndGet(delta);
  }
}
