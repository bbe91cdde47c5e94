package io.presencestream.codec;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notification of the Call Queue Member Presence filter
 * ({@code /restapi/v1.0/account/~/call-queues/{groupId}/presence}): members of one queue whose
 * {@code acceptCurrentQueueCalls} changed. It carries neither {@code acceptQueueCalls} nor the members
 * that did not change: it is applied to the last directory read.
 *
 * @param uuid the notification's uuid, or null
 * @param queueId the queue's extension id, from the event path
 * @param timestamp when RingCentral sent it, or null when missing or unreadable
 * @param subscriptionId the subscription it belongs to, or null
 * @param changes the members' new flags, in order; never null
 */
public record CallQueuePresenceEvent(
    String uuid, String queueId, Instant timestamp, String subscriptionId, List<MemberChange> changes) {

  /**
   * Requires the queue; copies the changes.
   *
   * @param uuid the uuid, or null
   * @param queueId the queue's id
   * @param timestamp the send time, or null
   * @param subscriptionId the subscription, or null
   * @param changes the changes
   * @throws NullPointerException if {@code queueId} or {@code changes} is null
   */
  public CallQueuePresenceEvent {
    Objects.requireNonNull(queueId, "queueId");
    changes = List.copyOf(changes);
  }

  /**
   * One member's new flag.
   *
   * @param extensionId the member's extension id
   * @param acceptsCurrentQueueCalls RingCentral's {@code acceptCurrentQueueCalls}
   */
  public record MemberChange(String extensionId, boolean acceptsCurrentQueueCalls) {
    /**
     * Requires the id.
     *
     * @param extensionId the member's id
     * @param acceptsCurrentQueueCalls the flag
     * @throws NullPointerException if {@code extensionId} is null
     */
    public MemberChange {
      Objects.requireNonNull(extensionId, "extensionId");
    }
  }
}
