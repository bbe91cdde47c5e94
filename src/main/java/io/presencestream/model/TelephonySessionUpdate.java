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

  public TelephonySessionUpdate {
    if (telephonySessionId == null || telephonySessionId.isEmpty()) {
      throw new IllegalArgumentException("telephonySessionId is required");
    }
    origin = origin == null ? Origin.CALL : origin;
    parties = parties == null ? List.of() : List.copyOf(parties);
  }
}
