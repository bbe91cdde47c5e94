package io.presencestream.model;

import java.time.Instant;
import java.util.List;

/**
 * One extension's view of a telephony session, as the engine folded its notifications: the parties merged
 * by id (first seen first), the session's origin and its times.
 *
 * @param extensionId the extension whose view this is
 * @param sessionId the legacy numeric session id, null when no notification had it
 * @param creationTime the {@code eventTime} of the first notification of the session this extension saw
 * @param updatedAt the time of the last notification applied to this view
 * @param parties every party this extension's notifications reported, merged by id; a notification carries
 *     only some parties, so parties reported before the extension's first notification are missing
 */
public record TelephonySession(
    String extensionId,
    String telephonySessionId,
    String sessionId,
    Origin origin,
    Instant creationTime,
    Instant updatedAt,
    List<Party> parties) {

  public TelephonySession {
    parties = List.copyOf(parties);
  }

  /**
   * The extension's own party, chosen as RingCentral's SDK does: its only party; of several (a call moved
   * to another of its devices), the first that has not disconnected, else the last. Null while the
   * session has no party of the extension.
   */
  public Party party() {
    return ownParty(parties, extensionId);
  }

  /** The party of {@code extensionId} among {@code parties}, by the rule of {@link #party()}. */
  public static Party ownParty(List<Party> parties, String extensionId) {
    Party last = null;
    for (Party p : parties) {
      if (extensionId.equals(p.extensionId())) {
        if (p.code() != PartyStatusCode.DISCONNECTED) {
          return p;
        }
        last = p;
      }
    }
    return last;
  }
}
