package io.presencestream.model;

import java.time.Instant;

/**
 * A RingCentral notification envelope carrying a detailed presence body.
 *
 * @param timestamp the server's timestamp of the notification (may be null when absent)
 */
public record Notification(
    String uuid,
    String event,
    Instant timestamp,
    String subscriptionId,
    String ownerId,
    PresenceUpdate body) {

  public Notification {
    if (body == null) {
      throw new IllegalArgumentException("a presence notification needs a body");
    }
  }

  /** The extension this notification is about. */
  public String extensionId() {
    return body.extensionId();
  }
}
