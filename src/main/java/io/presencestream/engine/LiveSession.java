package io.presencestream.engine;

import io.presencestream.model.Origin;
import io.presencestream.model.Party;
import io.presencestream.model.TelephonySession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracker's working state of one session for one extension. Mutable and confined to the tracker; what
 * leaves the tracker is the immutable {@link TelephonySession} of {@link #view}.
 */
final class LiveSession {

  final String telephonySessionId;
  String sessionId;
  Origin origin;
  final Instant creationTime;
  Instant updatedAt;
  /** Merged by party id, in the order first seen. */
  final Map<String, Party> parties = new LinkedHashMap<>(4);
  /** Whether {@code session.started} was emitted (the extension had a party). */
  boolean announced;
  /** When the extension's party disconnected with Pickup or CallSwitch, while no new party of it has come. */
  Instant switchedAt;
  /** The extension's statuses in this session, shared with the tracker's memory of the session id. */
  final StatusTimeline timeline;

  LiveSession(String telephonySessionId, String sessionId, Origin origin, Instant creationTime,
      StatusTimeline timeline) {
    this.timeline = timeline;
    this.telephonySessionId = telephonySessionId;
    this.sessionId = sessionId;
    this.origin = origin;
    this.creationTime = creationTime;
    this.updatedAt = creationTime;
  }

  TelephonySession view(String extensionId) {
    return new TelephonySession(extensionId, telephonySessionId, sessionId, origin, creationTime, updatedAt,
        List.copyOf(parties.values()));
  }

  /** The extension's own party, by {@link TelephonySession#party()}'s rule. */
  Party ownParty(String extensionId) {
    return TelephonySession.ownParty(List.copyOf(parties.values()), extensionId);
  }

  /**
   * Whether the whole call is over as far as this view knows: every known party has left, and one of them
   * is not the extension's own (the extension's parties alone cannot tell: after a call switch its new
   * party may still come).
   */
  boolean allPartiesLeft(String extensionId) {
    boolean someoneElse = false;
    for (Party p : parties.values()) {
      if (!p.code().isFinal()) {
        return false;
      }
      someoneElse |= !extensionId.equals(p.extensionId());
    }
    return someoneElse;
  }
}
