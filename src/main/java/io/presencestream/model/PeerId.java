package io.presencestream.model;

/**
 * The party of another telephony session that a {@link PartyStatusCode#GONE} party moved to
 * ({@code status.peerId}). Any field may be null.
 *
 * @param sessionId the legacy numeric id of the other session
 * @param telephonySessionId the other session's id
 * @param partyId the party in the other session
 */
public record PeerId(String sessionId, String telephonySessionId, String partyId) {}
