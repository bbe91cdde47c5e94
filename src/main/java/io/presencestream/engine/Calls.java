package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.CallParty;
import io.presencestream.model.Leg;
import io.presencestream.model.TelephonyStatus;

/** Copies of an immutable {@link Call} with one aspect changed (records have no withers). */
final class Calls {

  private Calls() {}

  static Call withWebRtcSessionId(Call c, String webRtcSessionId) {
    return new Call(c.id(), c.sessionId(), c.telephonySessionId(), c.partyId(), c.direction(), c.from(),
        c.fromName(), c.to(), c.toName(), c.telephonyStatus(), c.startTime(), c.clockOffset(), c.queueCall(),
        c.sipData(), c.inboundLeg(), c.outboundLeg(), webRtcSessionId, c.party());
  }

  static Call withParty(Call c, CallParty party) {
    return new Call(c.id(), c.sessionId(), c.telephonySessionId(), c.partyId(), c.direction(), c.from(),
        c.fromName(), c.to(), c.toName(), c.telephonyStatus(), c.startTime(), c.clockOffset(), c.queueCall(),
        c.sipData(), c.inboundLeg(), c.outboundLeg(), c.webRtcSessionId(), party);
  }

  /** The outbound leg {@code c} turned into a merged RingOut call. */
  static Call mergedRingOut(Call c, TelephonyStatus status, String to, Leg inboundLeg, Leg outboundLeg) {
    return new Call(c.id(), c.sessionId(), c.telephonySessionId(), c.partyId(), c.direction(), c.from(),
        c.fromName(), to, c.toName(), status, c.startTime(), c.clockOffset(), c.queueCall(), c.sipData(),
        inboundLeg, outboundLeg, c.webRtcSessionId(), c.party());
  }
}
