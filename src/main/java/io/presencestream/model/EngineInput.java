package io.presencestream.model;

import java.time.Instant;
import java.util.Objects;

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
   * <p>Applied for every extension it concerns (its own extension; for an account-level one, each extension
   * with a party in it and each extension already tracking the session), or, with {@code forExtension}, for
   * that one extension only and only if it is one of those: the share of the notification that belongs to
   * one extension, as Kafka's raw topic carries it to the processor that owns that extension. The shares
   * of a notification, one per extension it concerns, derive together the events the whole notification
   * derives.
   *
   * @param notification the decoded notification
   * @param receivedAt when it arrived
   * @param forExtension the one extension to apply it for, or null for every extension it concerns
   */
  record TelephonySessionReceived(TelephonySessionNotification notification, Instant receivedAt, String forExtension)
      implements EngineInput {

    /**
     * A notification applied for every extension it concerns.
     *
     * @param notification the decoded notification
     * @param receivedAt when it arrived
     */
    public TelephonySessionReceived(TelephonySessionNotification notification, Instant receivedAt) {
      this(notification, receivedAt, null);
    }

    /**
     * The share of this notification that belongs to one extension.
     *
     * @param extensionId the extension, never null
     * @return the same notification and receive time, applied for {@code extensionId} only
     * @throws NullPointerException if {@code extensionId} is null
     */
    public TelephonySessionReceived shareFor(String extensionId) {
      return new TelephonySessionReceived(notification, receivedAt, Objects.requireNonNull(extensionId, "extensionId"));
    }
  }

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
