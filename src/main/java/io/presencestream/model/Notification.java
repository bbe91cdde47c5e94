package io.presencestream.model;

import java.time.Instant;

/**
 * A RingCentral notification envelope carrying a detailed presence body.
 *
 * @param uuid the notification's id, or null
 * @param event the event path it was sent for, e.g.
 *     {@code /restapi/v1.0/account/~/extension/101/presence?detailedTelephonyState=true}, or null
 * @param timestamp the server's timestamp of the notification (may be null when absent)
 * @param subscriptionId the subscription that delivered it, or null
 * @param ownerId the extension that owns that subscription, or null
 * @param body the presence it carries, never null
 */
public record Notification(
    String uuid,
    String event,
    Instant timestamp,
    String subscriptionId,
    String ownerId,
    PresenceUpdate body) {

  /**
   * Requires a body.
   *
   * @param uuid the notification's id, or null
   * @param event the event path, or null
   * @param timestamp the server's timestamp, or null
   * @param subscriptionId the delivering subscription, or null
   * @param ownerId the subscription's owner, or null
   * @param body the presence it carries
   * @throws IllegalArgumentException if {@code body} is null
   */
  public Notification {
    if (body == null) {
      throw new IllegalArgumentException("a presence notification needs a body");
    }
  }

  /**
   * The extension this notification is about.
   *
   * @return the body's extension id, never null
   */
  public String extensionId() {
    return body.extensionId();
  }
}
