package io.presencestream.model;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of everything the engine knows about one extension.
 *
 * @param extensionId the extension
 * @param sequence the last applied notification sequence, or null if none was seen yet
 * @param presence the extension's presence
 * @param calls the live calls, newest first; never null
 * @param updatedAt the receive time of the last message applied
 */
public record ExtensionState(
    String extensionId, Long sequence, PresenceState presence, List<Call> calls, Instant updatedAt) {

  /**
   * Copies {@code calls}, so that a snapshot cannot change after it was taken.
   *
   * @param extensionId the extension
   * @param sequence the last applied sequence, or null
   * @param presence the extension's presence
   * @param calls the live calls, newest first
   * @param updatedAt the receive time of the last message applied
   * @throws NullPointerException if {@code calls} is null or holds a null
   */
  public ExtensionState {
    calls = List.copyOf(calls);
  }
}
