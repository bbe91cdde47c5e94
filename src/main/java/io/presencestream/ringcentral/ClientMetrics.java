package io.presencestream.ringcentral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.protocol.FrameType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's meters, resolved once (hot paths only increment). Names are {@code presence.connection.*};
 * tags are small fixed sets (frame type, outcome, reason), never an extension or a token.
 */
final class ClientMetrics {

  final Counter connectionAttempts;
  final Counter reconnects;
  final Counter recoveriesSuccessful;
  final Counter recoveriesFailed;
  final Counter recoveriesExpired;
  final Counter resyncsInitial;
  final Counter resyncsRecovery;
  final Counter resyncsEngine;
  final Counter resyncsExtensions;
  final Counter resyncExtensions;
  final Counter resyncFailures;
  final Counter resyncRequestsDropped;
  final Counter heartbeatsSent;
  final Counter heartbeatTimeouts;
  final Counter notificationsIgnored;
  final Counter notificationsDropped;
  final Counter tokenRefreshes;
  final Counter tokenLogins;
  final Counter rateLimited;
  final Counter garbageFrames;
  final Counter transientErrors;
  final Counter permanentErrors;
  final Timer restWaitWindow;
  final Timer restWaitRetryAfter;
  final Timer restWaitBackoff;
  final Counter restBudgetExhausted;
  final Counter telephonyGapsRecovery;
  final Counter telephonyGapsOverflow;
  final Counter refusalsAccount;
  final Counter refusalsExtensions;
  final Counter directoryEvents;
  final Counter queuePresenceEvents;
  final Counter directoryRefreshes;
  final Counter directoryRefreshFailures;
  final Counter directorySignalsDropped;
  final Counter directoryReads;
  final Counter extensionsAdded;
  final Counter extensionsRemoved;
  private final Map<Feed, Counter> filtersDisabled = new EnumMap<>(Feed.class);
  private final Map<Feed, AtomicInteger> feedsActive = new EnumMap<>(Feed.class);
  private final Map<FrameType, Counter> frames = new EnumMap<>(FrameType.class);
  private final Map<DecodeException.Reason, Counter> decodeErrors = new EnumMap<>(DecodeException.Reason.class);
  private final Map<ConnectionState.Status, AtomicInteger> status = new EnumMap<>(ConnectionState.Status.class);
  final AtomicInteger connected = new AtomicInteger();

  ClientMetrics(MeterRegistry registry) {
    connectionAttempts = Counter.builder("presence.connection.attempts")
        .description("WebSocket connections opened (first ones and reconnects)").register(registry);
    reconnects = Counter.builder("presence.connection.reconnects")
        .description("reconnects after a dropped, silent or closed connection").register(registry);
    recoveriesSuccessful = recovery(registry, "successful");
    recoveriesFailed = recovery(registry, "failed");
    recoveriesExpired = recovery(registry, "expired");
    resyncsInitial = resync(registry, "initial");
    resyncsRecovery = resync(registry, "recovery");
    resyncsEngine = resync(registry, "engine");
    resyncsExtensions = resync(registry, "extensions_changed");
    resyncExtensions = Counter.builder("presence.connection.resync.extensions")
        .description("extension presences read over REST").register(registry);
    resyncFailures = Counter.builder("presence.connection.resync.failures")
        .description("REST presence reads that failed after retries").register(registry);
    resyncRequestsDropped = Counter.builder("presence.connection.resync.dropped")
        .description("resync requests dropped because too many were pending").register(registry);
    heartbeatsSent = Counter.builder("presence.connection.heartbeats.sent").register(registry);
    heartbeatTimeouts = Counter.builder("presence.connection.heartbeat.timeouts")
        .description("connections given up because nothing answered a heartbeat").register(registry);
    notificationsIgnored = Counter.builder("presence.connection.notifications.ignored")
        .description("notifications of another subscription id, or arriving before a subscription")
        .register(registry);
    notificationsDropped = Counter.builder("presence.connection.notifications.dropped")
        .description("notifications dropped on buffer overflow (their extensions are resynchronised)")
        .register(registry);
    tokenRefreshes = Counter.builder("presence.connection.token.renewals").tag("grant", "refresh_token")
        .register(registry);
    tokenLogins = Counter.builder("presence.connection.token.renewals").tag("grant", "jwt").register(registry);
    rateLimited = Counter.builder("presence.connection.rate.limited")
        .description("HTTP 429 answers (waited for Retry-After)").register(registry);
    garbageFrames = Counter.builder("presence.connection.frames.garbage")
        .description("frames that were not gateway frames (skipped)").register(registry);
    restWaitWindow = restWait(registry, "window");
    restWaitRetryAfter = restWait(registry, "retry_after");
    restWaitBackoff = restWait(registry, "backoff");
    restBudgetExhausted = Counter.builder("presence.connection.rest.budget.exhausted")
        .description("REST operations given up because their next wait would pass restRetryBudget").register(registry);
    telephonyGapsRecovery = telephonyGap(registry, "recovery");
    telephonyGapsOverflow = telephonyGap(registry, "overflow");
    refusalsAccount = refusal(registry, "account");
    refusalsExtensions = refusal(registry, "extensions");
    directoryEvents = Counter.builder("presence.connection.directory.events")
        .description("extension list notifications (an extension created, changed or deleted)").register(registry);
    queuePresenceEvents = Counter.builder("presence.connection.queue.presence.events")
        .description("call-queue member presence notifications (a member switched a queue on or off)").register(registry);
    directoryRefreshes = Counter.builder("presence.directory.reads").tag("outcome", "ok")
        .description("REST reads of the contact-centre directory (users, call queues, members)").register(registry);
    directoryRefreshFailures = Counter.builder("presence.directory.reads").tag("outcome", "failed")
        .description("REST reads of the contact-centre directory (users, call queues, members)").register(registry);
    directorySignalsDropped = Counter.builder("presence.directory.signals.dropped")
        .description("extension list or call-queue presence notifications a slow directory stream could not take"
            + " (the next refresh reads what they said)").register(registry);
    directoryReads = Counter.builder("presence.connection.directory.reads")
        .description("REST reads of the directory after extension list notifications (one per batch)")
        .register(registry);
    extensionsAdded = Counter.builder("presence.connection.directory.changes").tag("change", "added")
        .description("extensions the watched set gained or lost while running").register(registry);
    extensionsRemoved = Counter.builder("presence.connection.directory.changes").tag("change", "removed")
        .description("extensions the watched set gained or lost while running").register(registry);
    for (Feed feed : Feed.values()) {
      filtersDisabled.put(feed, Counter.builder("presence.connection.filters.disabled").tag("feed", feed.label())
          .description("event filters RingCentral accepted but disabled (disabledFilters of a subscription), each"
              + " counted once")
          .register(registry));
      AtomicInteger active = new AtomicInteger();
      feedsActive.put(feed, active);
      Gauge.builder("presence.connection.feeds.active", active, AtomicInteger::get).tag("feed", feed.label())
          .description("1 while the feed is subscribed, 0 when not asked for or refused by RingCentral")
          .register(registry);
    }
    transientErrors = Counter.builder("presence.connection.errors").tag("kind", "transient").register(registry);
    permanentErrors = Counter.builder("presence.connection.errors").tag("kind", "permanent").register(registry);
    for (FrameType type : FrameType.values()) {
      frames.put(type, Counter.builder("presence.connection.frames.received")
          .tag("type", type.label()).register(registry));
    }
    for (DecodeException.Reason reason : DecodeException.Reason.values()) {
      decodeErrors.put(reason, Counter.builder("presence.connection.decode.errors")
          .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
    }
    for (ConnectionState.Status s : ConnectionState.Status.values()) {
      AtomicInteger value = new AtomicInteger();
      status.put(s, value);
      Gauge.builder("presence.connection.status", value, AtomicInteger::get)
          .description("1 for the source's current connection status, else 0")
          .tag("status", s.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
    Gauge.builder("presence.connection.connected", connected, AtomicInteger::get)
        .description("WebSocket connections currently subscribed").register(registry);
  }

  private static Timer restWait(MeterRegistry registry, String reason) {
    return Timer.builder("presence.connection.rest.waits").tag("reason", reason)
        .description("waits before a REST request: for a rate-limit window (paced before a 429), after a 429's"
            + " Retry-After, or backing off after a network or server error")
        .register(registry);
  }

  private static Counter telephonyGap(MeterRegistry registry, String reason) {
    return Counter.builder("presence.connection.telephony.gaps").tag("reason", reason)
        .description("times telephony-session notifications were lost for good (a failed or overflowed recovery,"
            + " a full buffer): sessions have no REST re-read")
        .register(registry);
  }

  private static Counter refusal(MeterRegistry registry, String scope) {
    return Counter.builder("presence.connection.feed.refusals").tag("scope", scope)
        .description("subscription requests RingCentral refused (403) for their telephony-session filters")
        .register(registry);
  }

  void filtersDisabled(Feed feed, int count) {
    filtersDisabled.get(feed).increment(count);
  }

  void feedActive(Feed feed, boolean active) {
    feedsActive.get(feed).set(active ? 1 : 0);
  }

  private static Counter recovery(MeterRegistry registry, String outcome) {
    return Counter.builder("presence.connection.recoveries").tag("outcome", outcome)
        .description("session recoveries by outcome (expired: reconnected after the recovery window)")
        .register(registry);
  }

  private static Counter resync(MeterRegistry registry, String reason) {
    return Counter.builder("presence.connection.resyncs").tag("reason", reason)
        .description("REST resynchronisations by reason").register(registry);
  }

  void frame(FrameType type) {
    frames.get(type == null ? FrameType.UNKNOWN : type).increment();
  }

  void decodeError(DecodeException.Reason reason) {
    decodeErrors.get(reason).increment();
  }

  void error(RingCentralException e) {
    (e.isTransient() ? transientErrors : permanentErrors).increment();
  }

  void status(ConnectionState.Status current) {
    status.forEach((s, v) -> v.set(s == current ? 1 : 0));
  }
}
