package io.presencestream.model;

import java.time.Instant;

/**
 * A RingCentral notification envelope carrying a telephony-session body: the same envelope as
 * {@link Notification} (WebSocket, webhook and replay), another body.
 *
 * @param timestamp when the server sent the notification (may be null when absent)
 * @param ownerId the extension that owns the subscription, not necessarily the one the body is about
 */
public record TelephonySessionNotification(
    String uuid, String event, Instant timestamp, String subscriptionId, String ownerId, TelephonySessionUpdate body) {

  public TelephonySessionNotification {
    if (body == null) {
      throw new IllegalArgumentException("a telephony-session notification needs a body");
    }
  }

  /** The session this notification is about. */
  public String telephonySessionId() {
    return body.telephonySessionId();
  }
}
