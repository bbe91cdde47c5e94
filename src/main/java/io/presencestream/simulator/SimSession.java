package io.presencestream.simulator;

import io.presencestream.model.Direction;
import io.presencestream.model.OriginType;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.SipData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated telephony session: the ids the presence calls of its parties carry, why it exists, and
 * its parties in the order they were created. Live from its first party's first status until every party
 * that joined has left ({@link SessionBook}).
 */
final class SimSession {
  final String telephonySessionId;
  final String sessionId;
  final OriginType origin;
  final List<SimParty> parties = new ArrayList<>(3);
  /** The sequence of the last change; one counter for all parties of the session, as RingCentral's. */
  long sequence;
  Instant creationTime;
  boolean live;

  SimSession(String telephonySessionId, String sessionId, OriginType origin) {
    this.telephonySessionId = telephonySessionId;
    this.sessionId = sessionId;
    this.origin = origin;
  }

  /** A party of this session, joining it with its first status. */
  SimParty party(String id, String extensionId, Direction direction, PartyEndpoint from, PartyEndpoint to,
      SipData sipData) {
    SimParty p = new SimParty(this, id, extensionId, direction, from, to, sipData);
    parties.add(p);
    return p;
  }

  /** Whether every party that joined has left (and at least one joined). */
  boolean over() {
    boolean any = false;
    for (SimParty p : parties) {
      if (p.joined()) {
        any = true;
        if (!p.left()) {
          return false;
        }
      }
    }
    return any;
  }
}
