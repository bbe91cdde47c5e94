package io.presencestream.model;

/**
 * The {@code status} of a telephony-session party.
 *
 * @param code the status; {@link PartyStatusCode#UNKNOWN} when RingCentral sent a word this version does
 *     not know, never null
 * @param reason why, when RingCentral says (mostly with {@code Disconnected} and {@code Gone}), else null
 * @param peerId where a {@code Gone} party went, else null
 * @param parkData the park extension of a {@code Parked} party, else null
 */
public record PartyStatus(PartyStatusCode code, PartyStatusReason reason, PeerId peerId, String parkData) {

  /**
   * Requires a code; the other components may be null.
   *
   * @param code the status, never null
   * @param reason why, or null
   * @param peerId where a {@code Gone} party went, or null
   * @param parkData the park extension of a {@code Parked} party, or null
   * @throws IllegalArgumentException if {@code code} is null
   */
  public PartyStatus {
    if (code == null) {
      throw new IllegalArgumentException("a party status needs a code");
    }
  }

  /**
   * A status with only a code, as a notification gives it for most changes.
   *
   * @param code the status, never null
   * @return a status without reason, peer or park data
   * @throws IllegalArgumentException if {@code code} is null
   */
  public static PartyStatus of(PartyStatusCode code) {
    return new PartyStatus(code, null, null, null);
  }
}
