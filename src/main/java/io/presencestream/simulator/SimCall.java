package io.presencestream.simulator;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import java.time.Instant;

/** One call in an extension's raw list, exactly as the server would put it into {@code activeCalls}. */
final class SimCall {
  final String id;
  final String sessionId;
  final String telephonySessionId;
  final String partyId;
  final Direction direction;
  final String from;
  final String fromName;
  final String to;
  final String toName;
  /** When the call appeared on its extension (set by {@link CallScenarios}); null until then. */
  Instant startTime;
  final boolean queueCall;
  final SipData sipData;
  TelephonyStatus status = TelephonyStatus.RINGING;
  TerminationType termination;
  /** For the legs of a RingOut call: the other leg. */
  SimCall ringOutPartner;
  /** To leave the raw list after the notification that reported its end. */
  boolean leaving;

  SimCall(String id, String sessionId, String telephonySessionId, String partyId, Direction direction,
      String from, String fromName, String to, String toName, boolean queueCall, SipData sipData) {
    this.id = id;
    this.sessionId = sessionId;
    this.telephonySessionId = telephonySessionId;
    this.partyId = partyId;
    this.direction = direction;
    this.from = from;
    this.fromName = fromName;
    this.to = to;
    this.toName = toName;
    this.queueCall = queueCall;
    this.sipData = sipData;
  }

  ActiveCall toActiveCall() {
    return new ActiveCall(id, direction, from, fromName, to, toName, startTime, status, termination,
        sessionId, telephonySessionId, partyId, queueCall, sipData);
  }

  boolean ended() {
    return status == TelephonyStatus.NO_CALL && termination == TerminationType.FINAL;
  }

  /** An intermediate (queue) leg: in the raw list, never in the truth. */
  boolean intermediate() {
    return termination == TerminationType.INTERMEDIATE;
  }
}
