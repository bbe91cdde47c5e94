package io.presencestream.model;

import java.util.Objects;

/**
 * A member of a call queue and whether it takes the queue's calls, as RingCentral reports it
 * ({@code GET /call-queues/{id}/presence} and its notification).
 *
 * @param extensionId the member's extension id
 * @param acceptsQueueCalls RingCentral's {@code acceptQueueCalls}: false when the member's DND refuses
 *     the calls of every queue (the live {@code dndStatus} from presence is newer, and wins)
 * @param acceptsCurrentQueueCalls RingCentral's {@code acceptCurrentQueueCalls}: whether the member takes
 *     this queue's calls
 */
public record QueueMember(String extensionId, boolean acceptsQueueCalls, boolean acceptsCurrentQueueCalls) {

  /**
   * Requires an extension id.
   *
   * @param extensionId the member's extension id
   * @param acceptsQueueCalls as above
   * @param acceptsCurrentQueueCalls as above
   * @throws NullPointerException if {@code extensionId} is null
   */
  public QueueMember {
    Objects.requireNonNull(extensionId, "extensionId");
  }
}
