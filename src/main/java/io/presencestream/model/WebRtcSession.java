package io.presencestream.model;

import java.time.Instant;

/**
 * A local WebRTC softphone session that an embedding application registers so that the engine can
 * match it to a presence call (SEMANTICS §6).
 *
 * @param callId the SIP Call-ID
 * @param partyData ids from the {@code P-Rc-Api-Ids} header, or null
 * @param from SIP user part of the caller
 * @param to SIP user part of the callee
 * @param startTime when the session was answered, or null while it was not
 */
public record WebRtcSession(
    String id,
    String extensionId,
    String callId,
    PartyData partyData,
    Direction direction,
    String from,
    String to,
    Instant creationTime,
    Instant startTime) {

  public WebRtcSession {
    if (id == null || extensionId == null || creationTime == null) {
      throw new IllegalArgumentException("id, extensionId and creationTime are required");
    }
  }
}
