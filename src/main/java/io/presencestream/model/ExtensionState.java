package io.presencestream.model;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of everything the engine knows about one extension.
 *
 * @param sequence the last applied notification sequence, or null if none was seen yet
 * @param calls the live calls, newest first
 * @param updatedAt the receive time of the last message applied
 */
public record ExtensionState(
    String extensionId, Long sequence, PresenceState presence, List<Call> calls, Instant updatedAt) {

  public ExtensionState {
    calls = List.copyOf(calls);
  }
}
