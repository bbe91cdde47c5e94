package io.presencestream.model;

/**
 * Telephony session and party ids of a softphone session, from its {@code P-Rc-Api-Ids} SIP header; the
 * surest way to match the session to a presence call.
 *
 * @param sessionId the telephony session id, compared with a call's {@code telephonySessionId}
 * @param partyId the party id, compared with a call's {@code partyId}
 */
public record PartyData(String sessionId, String partyId) {}
