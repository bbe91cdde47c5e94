package io.presencestream.simulator;

import io.presencestream.model.Origin;
import io.presencestream.model.Party;
import java.time.Instant;
import java.util.List;

/**
 * The true state of one live telephony session of the simulated office: what a consumer of every
 * account-level telephony-session notification knows about it, and what
 * {@code GET /restapi/v1.0/account/~/telephony/sessions/{id}} answers. A session is live from its first
 * party's first status until every party has left it ({@code Disconnected} or {@code Gone}); ended
 * sessions are not in the truth.
 *
 * @param telephonySessionId the session's id, the {@code telephonySessionId} of its parties' presence calls
 * @param sessionId the legacy numeric session id, the {@code sessionId} of those calls
 * @param origin why the session exists ({@code RingOut} for both legs of a RingOut call, else {@code Call})
 * @param creationTime when its first party joined
 * @param sequence the sequence of its last notification (one counter per session, over all its parties)
 * @param parties every party that has joined, in the order the scenario created them, with its current status
 *     (code, reason, peer), SIP data included; parties that left stay in the list
 */
public record SessionTruth(
    String telephonySessionId, String sessionId, Origin origin, Instant creationTime, long sequence,
    List<Party> parties) {

  /**
   * Copies {@code parties}.
   *
   * @param telephonySessionId the session id
   * @param sessionId the legacy session id
   * @param origin the origin
   * @param creationTime when it started
   * @param sequence its last sequence
   * @param parties its parties
   * @throws NullPointerException if {@code parties} is or holds null
   */
  public SessionTruth {
    parties = List.copyOf(parties);
  }
}
