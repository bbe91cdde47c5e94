package io.presencestream.model;

import java.util.List;

/**
 * One party (endpoint) of a telephony session as a notification reported it. Every field but {@code id} and
 * {@code status} may be null, meaning "not in this message": {@link #mergedWith} keeps what an earlier
 * message said.
 *
 * @param id the party id, unique across sessions
 * @param accountId the account the party belongs to, if any
 * @param extensionId the extension the party belongs to ({@code extensionId}, or {@code owner.extensionId}
 *     when the party has an {@code owner}, which RingCentral's SDK prefers); null for parties outside the
 *     account (PSTN, another account) and intermediate legs
 * @param direction {@code Inbound} when the platform calls this party's endpoint, {@code Outbound} when it
 *     calls from it
 * @param from the calling endpoint (number, name, extension, device) as the party's leg shows it
 * @param to the called endpoint as the party's leg shows it
 * @param status the party's status, never null
 * @param missedCall whether RingCentral marks the call as missed for this party
 * @param standAlone true when the party is not connected to the session's voice conference, false when it
 *     is connected to the other parties (RingCentral's definition)
 * @param muted whether the party is muted
 * @param queueCall whether the call reached the party through a call queue
 * @param recordings the party's recordings, null when not in the message
 * @param conferenceRole {@code Host} or {@code Participant} in a server-side conference, as sent
 * @param ringOutRole {@code Initiator} or {@code Target} of a RingOut, as sent
 * @param ringMeRole {@code Initiator} or {@code Target} of a RingMe, as sent
 * @param sipData the SIP dialog data of the party's leg
 */
public record Party(
    String id,
    String accountId,
    String extensionId,
    Direction direction,
    PartyEndpoint from,
    PartyEndpoint to,
    PartyStatus status,
    Boolean missedCall,
    Boolean standAlone,
    Boolean muted,
    Boolean queueCall,
    List<Recording> recordings,
    String conferenceRole,
    String ringOutRole,
    String ringMeRole,
    SipData sipData) {

  /**
   * Requires an id and a status; copies {@code recordings}.
   *
   * @param id the party id, never null or empty
   * @param accountId the account, or null
   * @param extensionId the extension, or null
   * @param direction the direction, or null
   * @param from the calling endpoint, or null
   * @param to the called endpoint, or null
   * @param status the status, never null
   * @param missedCall whether missed, or null
   * @param standAlone whether stand-alone, or null
   * @param muted whether muted, or null
   * @param queueCall whether a queue call, or null
   * @param recordings the recordings, or null
   * @param conferenceRole the conference role, or null
   * @param ringOutRole the RingOut role, or null
   * @param ringMeRole the RingMe role, or null
   * @param sipData the SIP data, or null
   * @throws IllegalArgumentException if {@code id} is null or empty, or {@code status} is null
   * @throws NullPointerException if {@code recordings} holds a null
   */
  public Party {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a party needs an id");
    }
    if (status == null) {
      throw new IllegalArgumentException("a party needs a status");
    }
    recordings = recordings == null ? null : List.copyOf(recordings);
  }

  /** {@return this party's status code, never null: a shortcut for {@code status().code()}} */
  public PartyStatusCode code() {
    return status.code();
  }

  /**
   * This party as a newer message describes it, keeping what {@code newer} leaves out (null fields), as
   * RingCentral's SDK merges a party's fields into the one it knew. The status is always {@code newer}'s.
   *
   * @param newer the same party (same {@code id}) as a later notification reports it
   * @return a new party; this one is unchanged
   * @throws IllegalArgumentException if {@code newer} has another id
   */
  public Party mergedWith(Party newer) {
    if (!id.equals(newer.id)) {
      throw new IllegalArgumentException("parties " + id + " and " + newer.id + " are not the same party");
    }
    return new Party(
        id,
        or(newer.accountId, accountId),
        or(newer.extensionId, extensionId),
        or(newer.direction, direction),
        or(newer.from, from),
        or(newer.to, to),
        newer.status,
        or(newer.missedCall, missedCall),
        or(newer.standAlone, standAlone),
        or(newer.muted, muted),
        or(newer.queueCall, queueCall),
        or(newer.recordings, recordings),
        or(newer.conferenceRole, conferenceRole),
        or(newer.ringOutRole, ringOutRole),
        or(newer.ringMeRole, ringMeRole),
        or(newer.sipData, sipData));
  }

  private static <T> T or(T newer, T older) {
    return newer != null ? newer : older;
  }
}
