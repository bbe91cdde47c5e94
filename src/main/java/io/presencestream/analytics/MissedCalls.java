package io.presencestream.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides {@code missed}: an inbound call that rang at an agent and ended there unconnected is missed unless
 * the same call (same {@code telephonySessionId}, else presence {@code sessionId}) was connected at another
 * agent before, or within {@code answeredElsewhereGrace} after, it ended here. The decision waits for that
 * grace to pass.
 */
final class MissedCalls {

  /** A call that ended unconnected at an agent, waiting for its decision at {@code decideAt}. */
  record Pending(String extensionId, String callKey, Instant endedAt, Instant decideAt, boolean queueCall) {}

  /** How long a connection is remembered for a later decision: far beyond any ring time. */
  private static final Duration REMEMBER = Duration.ofHours(2);

  private final Duration grace;
  private final Map<String, Instant> connectedAt = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();

  MissedCalls(Duration grace) {
    this.grace = grace;
  }

  /** Some agent's call of {@code callKey} is connected at {@code at}; the first connection is kept. */
  void connected(String callKey, Instant at) {
    connectedAt.putIfAbsent(callKey, at);
  }

  /**
   * A call ended unconnected at an agent where it rang.
   *
   * @return the id to decide it by, at {@link Pending#decideAt()}
   */
  Pending ended(String extensionId, String callId, String callKey, Instant at, boolean queueCall) {
    Pending p = new Pending(extensionId, callKey, at, at.plus(grace), queueCall);
    pending.put(id(extensionId, callId), p);
    return p;
  }

  static String id(String extensionId, String callId) {
    return extensionId + "|" + callId;
  }

  /**
   * Decides a pending call once its grace has passed.
   *
   * @return the call when it is missed; null when it was connected elsewhere in time, or was already decided
   */
  Pending decide(String id) {
    Pending p = pending.remove(id);
    if (p == null) {
      return null;
    }
    Instant connected = connectedAt.get(p.callKey());
    return connected != null && !connected.isAfter(p.decideAt()) ? null : p;
  }

  /** Forgets connections too old to matter for any pending decision. */
  void prune(Instant now) {
    Instant horizon = now.minus(REMEMBER);
    for (Iterator<Instant> it = connectedAt.values().iterator(); it.hasNext(); ) {
      if (it.next().isBefore(horizon)) {
        it.remove();
      }
    }
  }
}
