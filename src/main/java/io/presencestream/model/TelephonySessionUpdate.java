package io.presencestream.model;

import java.time.Instant;
import java.util.List;

/**
 * The body of one telephony-session notification: what changed for some parties of one call.
 *
 * @param sequence orders the notifications of a session; null when absent
 * @param sessionId the legacy numeric session id (what presence calls {@code sessionId}); RingOut's two
 *     legs are told apart by it
 * @param telephonySessionId the session, never null
 * @param serverId the platform server, as sent
 * @param eventTime when the platform saw the change; null when absent
 * @param accountId the account, when the body says
 * @param extensionId the extension the notification is for: the body's {@code extensionId}, else the one in
 *     the event path ({@code …/extension/{id}/telephony/sessions}); null for an account-level notification
 * @param origin why the session exists; {@link Origin#CALL} when absent, as RingCentral's SDK assumes
 * @param parties the parties this notification reports (not necessarily all of the session's), never null
 */
public record TelephonySessionUpdate(
    Long sequence,
    String sessionId,
    String telephonySessionId,
    String serverId,
    Instant eventTime,
    String accountId,
    String extensionId,
    Origin origin,
    List<Party> parties) {

  /**
   * Requires a session id; an absent origin is {@link Origin#CALL} and absent parties none; copies
   * {@code parties}.
   *
   * @param sequence the sequence, or null
   * @param sessionId the legacy session id, or null
   * @param telephonySessionId the session, never null or empty
   * @param serverId the platform server, or null
   * @param eventTime when the platform saw the change, or null
   * @param accountId the account, or null
   * @param extensionId the extension the notification is for, or null
   * @param origin why the session exists, or null for {@link Origin#CALL}
   * @param parties the parties reported, or null for none
   * @throws IllegalArgumentException if {@code telephonySessionId} is null or empty
   * @throws NullPointerException if {@code parties} holds a null
   */
  public TelephonySessionUpdate {
    if (telephonySessionId == null || telephonySessionId.isEmpty()) {
      throw new IllegalArgumentException("telephonySessionId is required");
    }
    origin = origin == null ? Origin.CALL : origin;
    parties = parties == null ? List.of() : List.copyOf(parties);
  }
}
