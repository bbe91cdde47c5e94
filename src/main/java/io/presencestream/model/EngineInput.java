package io.presencestream.model;

import java.time.Instant;

/**
 * Everything the engine consumes, in one serial stream. The engine never reads a clock: every input
 * carries the time it was received, which makes a replay deterministic.
 */
public sealed interface EngineInput {

  /**
   * When this input was received: the engine's only notion of time, used for start times, durations and
   * event times.
   *
   * @return the receive time, never null for inputs the engine accepts
   */
  Instant receivedAt();

  /**
   * A notification from the live feed; its {@code sequence} is checked.
   *
   * @param notification the decoded notification
   * @param receivedAt when it arrived
   */
  record NotificationReceived(Notification notification, Instant receivedAt) implements EngineInput {}

  /**
   * A REST snapshot of one extension's presence (initial state or resync); applied through the same
   * path as a notification but without the sequence check.
   *
   * @param presence the extension's presence as the REST answer gave it
   * @param receivedAt when the answer arrived
   */
  record SnapshotReceived(PresenceUpdate presence, Instant receivedAt) implements EngineInput {}

  /**
   * A local softphone session to match against presence calls.
   *
   * @param session the session, as the embedding application knows it
   * @param receivedAt when it was registered
   */
  record WebRtcSessionRegistered(WebRtcSession session, Instant receivedAt) implements EngineInput {}

  /**
   * A local softphone session that ended or is no longer to be matched.
   *
   * @param extensionId the extension the session was registered for
   * @param sessionId the session's {@link WebRtcSession#id()}
   * @param receivedAt when it was removed
   */
  record WebRtcSessionRemoved(String extensionId, String sessionId, Instant receivedAt) implements EngineInput {}

  /**
   * A notification from the telephony-session feed ({@code /telephony/sessions}): party-level call state,
   * folded by the engine's session tracker beside presence.
   *
   * @param notification the decoded notification
   * @param receivedAt when it arrived
   */
  record TelephonySessionReceived(TelephonySessionNotification notification, Instant receivedAt)
      implements EngineInput {}

  /**
   * The source stopped watching an extension (a user disabled or deleted in the account, or taken out of
   * the selection): the engine forgets its state. Each call it still listed ends with a
   * {@link PresenceEvent.CallEnded} of reason {@link EndReason#RESYNC} (the source no longer sees it, as when
   * a snapshot no longer lists a call), so no consumer is left with a call that never ends; no presence event
   * is emitted, and its live telephony sessions are forgotten without events. An input for it afterwards
   * starts it afresh.
   *
   * @param extensionId the extension no longer watched
   * @param receivedAt when the source learnt it
   */
  record ExtensionRemoved(String extensionId, Instant receivedAt) implements EngineInput {}
}
