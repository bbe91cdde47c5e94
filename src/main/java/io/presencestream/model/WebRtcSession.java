package io.presencestream.model;

import java.time.Instant;

/**
 * A local WebRTC softphone session that an embedding application registers so that the engine can
 * match it to a presence call (by party ids, else Call-ID, else direction, SIP URI and a 16-second time
 * window).
 *
 * @param id the session's own id, unique per extension
 * @param extensionId the extension the softphone is registered as
 * @param callId the SIP Call-ID
 * @param partyData ids from the {@code P-Rc-Api-Ids} header, or null
 * @param from SIP user part of the caller
 * @param direction inbound or outbound, as seen from the extension
 * @param to SIP user part of the callee
 * @param creationTime when the session was created (rang or dialled)
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

  /**
   * Requires the id, the extension and the creation time.
   *
   * @param id the session's own id
   * @param extensionId the extension
   * @param callId the SIP Call-ID, or null
   * @param partyData the party ids, or null
   * @param direction the direction, or null
   * @param from the caller's user part, or null
   * @param to the callee's user part, or null
   * @param creationTime when the session was created
   * @param startTime when it was answered, or null
   * @throws IllegalArgumentException if {@code id}, {@code extensionId} or {@code creationTime} is null
   */
  public WebRtcSession {
    if (id == null || extensionId == null || creationTime == null) {
      throw new IllegalArgumentException("id, extensionId and creationTime are required");
    }
  }
}
