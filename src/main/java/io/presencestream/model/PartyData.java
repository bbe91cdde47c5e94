package io.presencestream.model;

/** Telephony session and party ids of a softphone session, from its {@code P-Rc-Api-Ids} SIP header. */
public record PartyData(String sessionId, String partyId) {}
