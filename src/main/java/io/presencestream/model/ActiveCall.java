package io.presencestream.model;

import java.time.Instant;

/**
 * One entry of a notification's {@code activeCalls}, exactly as RingCentral reported it: not cleaned,
 * RingOut legs not merged (the engine makes {@link Call}s of these). Absent fields are {@code null};
 * enum fields hold {@code UNKNOWN} for values this version does not know.
 *
 * @param id RingCentral's id of this call leg
 * @param direction inbound or outbound, as seen from the extension
 * @param from the calling party's phone or extension number
 * @param fromName the calling party's name
 * @param to the called party's phone or extension number
 * @param toName the called party's name ({@code conference} for a conference call)
 * @param startTime the server's start time, often absent; the engine assigns one when it is
 * @param telephonyStatus this call's status, {@link TelephonyStatus#NO_CALL} once it is over
 * @param terminationType whether this is a {@code final} leg or an {@code intermediate} one (not a real call)
 * @param sessionId the telephony session's numeric id; with {@code direction} it identifies the call
 * @param telephonySessionId the id of the telephony session in RingCentral's Call Control API
 * @param partyId this extension's party in that telephony session
 * @param queueCall whether the call came in through a call queue (false when absent)
 * @param sipData SIP dialog data, present when asked for with {@code sipData=true}
 */
public record ActiveCall(
    String id,
    Direction direction,
    String from,
    String fromName,
    String to,
    String toName,
    Instant startTime,
    TelephonyStatus telephonyStatus,
    TerminationType terminationType,
    String sessionId,
    String telephonySessionId,
    String partyId,
    boolean queueCall,
    SipData sipData) {}
