package io.presencestream.model;

import java.util.List;
import java.util.Objects;

/**
 * A RingCentral call queue (a "department" extension) and its members, as read from
 * {@code GET /call-queues} and {@code GET /call-queues/{id}/presence}.
 *
 * @param id the queue's extension id
 * @param extensionNumber the queue's short number, or null
 * @param name the queue's display name, or null
 * @param members the members in RingCentral's order, never null
 */
public record CallQueue(String id, String extensionNumber, String name, List<QueueMember> members) {

  /**
   * Requires an id; copies the members.
   *
   * @param id the queue's extension id
   * @param extensionNumber the short number, or null
   * @param name the name, or null
   * @param members the members; null is read as none
   * @throws NullPointerException if {@code id} is null
   */
  public CallQueue {
    Objects.requireNonNull(id, "id");
    members = members == null ? List.of() : List.copyOf(members);
  }

  /**
   * Finds a member.
   *
   * @param extensionId the member's extension id
   * @return the member, or null when the extension is not a member of this queue
   */
  public QueueMember member(String extensionId) {
    for (QueueMember m : members) {
      if (m.extensionId().equals(extensionId)) {
        return m;
      }
    }
    return null;
  }
}
