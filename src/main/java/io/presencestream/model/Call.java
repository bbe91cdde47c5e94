package io.presencestream.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A live call of an extension as the engine sees it: cleaned, with RingOut legs merged into one call,
 * and with a start time (SEMANTICS §2–§3).
 *
 * @param startTime the server's start time if it ever sent one, else when the call was first seen
 * @param clockOffset min(received − server start time, 0): the server's clock skew as seen on this call
 * @param inboundLeg for a merged RingOut call, its inbound leg (the ring to the user's own phone); else null
 * @param outboundLeg for a merged RingOut call, its outbound leg (the call this record is built from); else null
 * @param webRtcSessionId the id of the local softphone session matched to this call, or null
 */
public record Call(
    String id,
    String sessionId,
    String telephonySessionId,
    String partyId,
    Direction direction,
    String from,
    String fromName,
    String to,
    String toName,
    TelephonyStatus telephonyStatus,
    Instant startTime,
    Duration clockOffset,
    boolean queueCall,
    SipData sipData,
    Leg inboundLeg,
    Leg outboundLeg,
    String webRtcSessionId) {

  /** Whether this call was built by merging the two legs of a RingOut call. */
  public boolean isRingOut() {
    return inboundLeg != null && outboundLeg != null;
  }
}
