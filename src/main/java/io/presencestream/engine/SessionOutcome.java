package io.presencestream.engine;

import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonySession;
import java.util.List;

/**
 * What applying one telephony-session notification did for one extension.
 *
 * @param extensionId the extension, null only for {@link SessionDropReason#NO_OWNER}
 * @param telephonySessionId the session the notification is about, never null
 * @param applied whether the notification was applied (false when dropped)
 * @param dropReason why it was dropped, or null when applied
 * @param session the extension's view of the session afterwards (its last view when the notification ended
 *     it), or null when the extension has no such session
 * @param events what changed, in order
 */
public record SessionOutcome(
    String extensionId,
    String telephonySessionId,
    boolean applied,
    SessionDropReason dropReason,
    TelephonySession session,
    List<SessionEvent> events) {

  /**
   * Requires exactly one of {@code applied} and a drop reason; copies {@code events}.
   *
   * @param extensionId the extension, or null for {@link SessionDropReason#NO_OWNER}
   * @param telephonySessionId the session
   * @param applied whether applied
   * @param dropReason why dropped, or null when applied
   * @param session the extension's view afterwards, or null
   * @param events what changed, in order, never null
   * @throws IllegalArgumentException if {@code applied} and {@code dropReason} disagree
   * @throws NullPointerException if {@code events} is or holds null
   */
  public SessionOutcome {
    events = List.copyOf(events);
    if (applied == (dropReason != null)) {
      throw new IllegalArgumentException("an outcome is applied or has a drop reason, not both or neither");
    }
  }

  /** The events of this outcome of the given type, e.g. {@code outcome.eventsOf(SessionEvent.SessionEnded.class)}. */
  <E extends SessionEvent> List<E> eventsOf(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
