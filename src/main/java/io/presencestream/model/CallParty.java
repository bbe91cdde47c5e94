package io.presencestream.model;

import java.util.List;

/**
 * What the telephony-session feed last reported about an extension's own party of a presence call: the
 * fusion of the two feeds. A {@link Call} carries it as {@link Call#party()} when the engine's session
 * tracker knows the call's telephony session (matched by {@code telephonySessionId}, then by
 * {@code partyId}, else the extension's own party in that session); it is null while the feed is off or
 * has not reported the call.
 *
 * <p>A call keeps the party it was last given: when the session ends before presence drops the call, the
 * call still says how its party left (status {@code Disconnected} or {@code Gone}, the reason and where it
 * went), and its {@code call.ended} carries that.
 *
 * @param status the party's status, never null
 * @param reason why it has that status (mostly with {@code Disconnected} and {@code Gone}), or null
 * @param peer where the call went: the {@code peerId} of a {@code Gone} party (the session of an attended
 *     transfer, a pickup from park, …), else null
 * @param recording whether the party's call is being recorded: true when one of its recordings is active,
 *     false when it has recordings none of which is active (or it has an empty list), null when the feed
 *     never said
 * @param muted whether the party is muted, null when the feed never said
 */
public record CallParty(PartyStatusCode status, PartyStatusReason reason, PeerId peer, Boolean recording, Boolean muted) {

  /**
   * Requires a status.
   *
   * @param status the party's status, never null
   * @param reason why, or null
   * @param peer where a {@code Gone} party went, or null
   * @param recording whether a recording is active, or null
   * @param muted whether muted, or null
   * @throws IllegalArgumentException if {@code status} is null
   */
  public CallParty {
    if (status == null) {
      throw new IllegalArgumentException("a call's party needs a status");
    }
  }

  /**
   * The fused view of a telephony-session party.
   *
   * @param party the party as the session tracker merged it, never null
   * @return its status code, reason, peer, whether a recording is active and whether it is muted
   * @throws NullPointerException if {@code party} is null
   */
  public static CallParty of(Party party) {
    PartyStatus status = party.status();
    return new CallParty(status.code(), status.reason(), status.peerId(), recording(party.recordings()),
        party.muted());
  }

  private static Boolean recording(List<Recording> recordings) {
    if (recordings == null) {
      return null;
    }
    for (Recording r : recordings) {
      if (Boolean.TRUE.equals(r.active())) {
        return true;
      }
    }
    return false;
  }
}
