package io.presencestream.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A live call of an extension as the engine sees it: cleaned, with RingOut legs merged into one call,
 * and with a start time. A call is known across messages by its {@code sessionId} and {@code direction}.
 *
 * @param id RingCentral's id of the call (of the outbound leg, for a merged RingOut call)
 * @param sessionId the telephony session's numeric id
 * @param telephonySessionId the id of the telephony session in RingCentral's Call Control API, or null
 * @param partyId this extension's party in that telephony session, or null
 * @param direction inbound or outbound, as seen from the extension
 * @param from the calling party's phone or extension number, or null
 * @param fromName the calling party's name, or null
 * @param to the called party's phone or extension number, or null (E.164 when a RingOut leg gave it)
 * @param toName the called party's name, or null
 * @param telephonyStatus the call's status; a merged RingOut call is on hold when its inbound leg is
 * @param startTime the server's start time if it ever sent one, else when the call was first seen
 * @param clockOffset min(received − server start time, 0): the server's clock skew as seen on this call
 * @param queueCall whether the call came in through a call queue
 * @param sipData SIP dialog data, or null
 * @param inboundLeg for a merged RingOut call, its inbound leg (the ring to the user's own phone); else null
 * @param outboundLeg for a merged RingOut call, its outbound leg (the call this record is built from); else null
 * @param webRtcSessionId the id of the local softphone session matched to this call, or null
 * @param party the extension's party of this call as the telephony-session feed last reported it (status,
 *     reason, transfer target, recording, mute), or null while that feed is off or has not reported the call
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
    String webRtcSessionId,
    CallParty party) {

  /**
   * A call the telephony-session feed has said nothing about ({@code party} null), as presence alone
   * describes it.
   *
   * @param id RingCentral's id of the call
   * @param sessionId the telephony session's numeric id
   * @param telephonySessionId the Call Control session id, or null
   * @param partyId this extension's party in that session, or null
   * @param direction inbound or outbound
   * @param from the calling number, or null
   * @param fromName the calling name, or null
   * @param to the called number, or null
   * @param toName the called name, or null
   * @param telephonyStatus the call's status
   * @param startTime when it started
   * @param clockOffset the server's clock skew as seen on this call
   * @param queueCall whether it came through a call queue
   * @param sipData SIP dialog data, or null
   * @param inboundLeg a merged RingOut call's inbound leg, or null
   * @param outboundLeg a merged RingOut call's outbound leg, or null
   * @param webRtcSessionId the matched softphone session, or null
   */
  public Call(String id, String sessionId, String telephonySessionId, String partyId, Direction direction,
      String from, String fromName, String to, String toName, TelephonyStatus telephonyStatus, Instant startTime,
      Duration clockOffset, boolean queueCall, SipData sipData, Leg inboundLeg, Leg outboundLeg,
      String webRtcSessionId) {
    this(id, sessionId, telephonySessionId, partyId, direction, from, fromName, to, toName, telephonyStatus,
        startTime, clockOffset, queueCall, sipData, inboundLeg, outboundLeg, webRtcSessionId, null);
  }

  /**
   * Whether this call was built by merging the two legs of a RingOut call.
   *
   * @return true when both legs are set
   */
  public boolean isRingOut() {
    return inboundLeg != null && outboundLeg != null;
  }
}
