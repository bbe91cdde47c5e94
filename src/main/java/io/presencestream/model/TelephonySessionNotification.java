package io.presencestream.model;

import java.time.Instant;

/**
 * A RingCentral notification envelope carrying a telephony-session body: the same envelope as
 * {@link Notification} (WebSocket, webhook and replay), another body.
 *
 * @param uuid the notification's id, or null
 * @param event the event path it was sent for, e.g. {@code /restapi/v1.0/account/~/extension/101/telephony/sessions},
 *     or null
 * @param timestamp when the server sent the notification (may be null when absent)
 * @param subscriptionId the subscription that delivered it, or null
 * @param ownerId the extension that owns the subscription, not necessarily the one the body is about
 * @param body the session update it carries, never null
 */
public record TelephonySessionNotification(
    String uuid, String event, Instant timestamp, String subscriptionId, String ownerId, TelephonySessionUpdate body) {

  /**
   * Requires a body.
   *
   * @param uuid the notification's id, or null
   * @param event the event path, or null
   * @param timestamp the server's timestamp, or null
   * @param subscriptionId the delivering subscription, or null
   * @param ownerId the subscription's owner, or null
   * @param body the session update, never null
   * @throws IllegalArgumentException if {@code body} is null
   */
  public TelephonySessionNotification {
    if (body == null) {
      throw new IllegalArgumentException("a telephony-session notification needs a body");
    }
  }

  /** {@return the id of the session this notification is about, never null: the body's {@code telephonySessionId}} */
  public String telephonySessionId() {
    return body.telephonySessionId();
  }
}
