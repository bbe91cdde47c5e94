package io.presencestream.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The account's directory as the contact-centre view needs it: users with their numbers and names,
 * and call queues with their members. Replaced as a whole on every read (at start, on the
 * extension-list notification, on a timer); a call-queue presence notification yields a new one with
 * the members' flags changed.
 *
 * @param at when it was read (or the notification that changed it was received)
 * @param extensions the users, never null
 * @param queues the call queues, never null
 */
public record Directory(Instant at, List<ExtensionInfo> extensions, List<CallQueue> queues) {

  /** A directory with no users and no queues, before the first read. */
  public static final Directory EMPTY = new Directory(Instant.EPOCH, List.of(), List.of());

  /**
   * Requires the instant; copies the lists.
   *
   * @param at when it was read
   * @param extensions the users; null is read as none
   * @param queues the call queues; null is read as none
   * @throws NullPointerException if {@code at} is null
   */
  public Directory {
    Objects.requireNonNull(at, "at");
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    queues = queues == null ? List.of() : List.copyOf(queues);
  }
}
