package io.presencestream.model;

import java.time.Instant;
import java.util.List;

/**
 * One extension's view of a telephony session, as the engine folded its notifications: the parties merged
 * by id (first seen first), the session's origin and its times.
 *
 * @param extensionId the extension whose view this is
 * @param telephonySessionId the session's id in RingCentral's Call Control API, never null
 * @param sessionId the legacy numeric session id, null when no notification had it
 * @param origin why the session exists (a call, a RingOut, a conference…): the first notification's, replaced
 *     once by a later one's when the first said only {@code Call}
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

  /**
   * Copies {@code parties}.
   *
   * @param extensionId the extension
   * @param telephonySessionId the session
   * @param sessionId the legacy session id, or null
   * @param origin the origin
   * @param creationTime when first seen
   * @param updatedAt when last updated
   * @param parties the parties, first seen first
   * @throws NullPointerException if {@code parties} is or holds null
   */
  public TelephonySession {
    parties = List.copyOf(parties);
  }

  /**
   * The extension's own party, chosen as RingCentral's SDK does: its only party; of several (a call moved
   * to another of its devices), the first that has not disconnected, else the last. Null while the
   * session has no party of the extension.
   *
   * @return the extension's party, or null
   */
  public Party party() {
    return ownParty(parties, extensionId);
  }

  /**
   * The party of {@code extensionId} among {@code parties}, by the rule of {@link #party()}; for a view being
   * built, before there is a {@code TelephonySession}.
   *
   * @param parties the session's parties, first seen first
   * @param extensionId the extension, never null
   * @return its party, or null when it has none
   */
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
