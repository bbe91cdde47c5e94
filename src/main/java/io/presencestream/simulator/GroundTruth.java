package io.presencestream.simulator;

import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Leg;
import io.presencestream.model.Origin;
import io.presencestream.model.Party;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a correct consumer ends up with for the office's raw state. Presence (SEMANTICS §2–§3): intermediate
 * legs dropped, one call per (session id, direction), RingOut legs merged into one call built from
 * the outbound leg (status OnHold if the inbound leg is on hold; {@code to} in the E.164 form of the
 * inbound leg's {@code from}), ended calls gone, newest first. A truncated list counts in full,
 * because the consumer is expected to fetch the full list over REST, which the simulator serves
 * untruncated. Telephony sessions: every live session with every party that joined, as a consumer of every
 * account-level notification knows it ({@link SessionTruth}). Derived only, never stored: it reads the
 * model and changes nothing.
 */
final class GroundTruth {

  private GroundTruth() {}

  /** The true state of every given extension, by id, in the given order. */
  static Map<String, ExtensionState> of(List<SimExtension> extensions) {
    Map<String, ExtensionState> truth = new LinkedHashMap<>();
    for (SimExtension e : extensions) {
      truth.put(e.id, of(e));
    }
    return truth;
  }

  static ExtensionState of(SimExtension e) {
    PresenceState presence = new PresenceState(availability(e), e.userStatus, e.dndStatus, e.presenceStatus(),
        e.telephonyStatus(), e.meetingStatus, e.message);
    return new ExtensionState(e.id, e.lastSentSequence, presence, calls(e), e.updatedAt);
  }

  private static Availability availability(SimExtension e) {
    return switch (e.userStatus) {
      case OFFLINE -> Availability.INVISIBLE;
      case BUSY -> e.dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS ? Availability.DO_NOT_DISTURB : Availability.BUSY;
      default -> Availability.AVAILABLE;
    };
  }

  private static List<Call> calls(SimExtension e) {
    List<SimCall> clean = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SimCall c : e.calls) {
      if (c.intermediate()) {
        continue;
      }
      if (seen.add(c.sessionId + "/" + c.direction)) {
        clean.add(c);
      }
    }
    List<Call> calls = new ArrayList<>();
    for (SimCall c : clean) {
      SimCall partner = c.ringOutPartner != null && clean.contains(c.ringOutPartner) ? c.ringOutPartner : null;
      if (partner != null && c.direction == Direction.INBOUND) {
        continue; // merged into its outbound leg
      }
      if (partner != null) {
        TelephonyStatus status = partner.status == TelephonyStatus.ON_HOLD ? TelephonyStatus.ON_HOLD : c.status;
        if (c.ended()) {
          continue;
        }
        String to = partner.from.startsWith("+") ? partner.from : c.to;
        calls.add(new Call(c.id, c.sessionId, c.telephonySessionId, c.partyId, c.direction, c.from, c.fromName,
            to, c.toName, status, c.startTime, Duration.ZERO, c.queueCall, c.sipData,
            new Leg(partner.id, partner.sessionId), new Leg(c.id, c.sessionId), null));
      } else if (!c.ended()) {
        calls.add(plain(c));
      }
    }
    calls.sort(Comparator.comparing(Call::startTime).reversed());
    return calls;
  }

  /** Every live telephony session, oldest first. */
  static List<SessionTruth> sessions(SessionBook book) {
    List<SessionTruth> out = new ArrayList<>();
    for (SimSession s : book.live()) {
      out.add(session(s, book.accountId()));
    }
    return out;
  }

  /** One live telephony session; null when unknown or ended. */
  static SessionTruth session(SessionBook book, String telephonySessionId) {
    SimSession s = book.live(telephonySessionId);
    return s == null ? null : session(s, book.accountId());
  }

  private static SessionTruth session(SimSession s, String accountId) {
    List<Party> parties = new ArrayList<>(s.parties.size());
    for (SimParty p : s.parties) {
      if (p.joined()) {
        parties.add(p.snapshot(accountId));
      }
    }
    return new SessionTruth(s.telephonySessionId, s.sessionId, new Origin(s.origin), s.creationTime, s.sequence, parties);
  }

  private static Call plain(SimCall c) {
    return new Call(c.id, c.sessionId, c.telephonySessionId, c.partyId, c.direction, c.from, c.fromName, c.to,
        c.toName, c.status, c.startTime, Duration.ZERO, c.queueCall, c.sipData, null, null, null);
  }
}
