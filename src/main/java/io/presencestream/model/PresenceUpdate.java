package io.presencestream.model;

import java.util.List;

/**
 * The presence of one extension as one message reported it: the body of a detailed-presence
 * notification, or a REST presence snapshot (which has no {@code sequence} and no
 * {@code totalActiveCalls}).
 *
 * <p>Every field but {@code extensionId} may be {@code null}, meaning "not in this message": the
 * engine then keeps what it knew (SEMANTICS §2.2–2.3). In particular a {@code null}
 * {@code activeCalls} means "no information about calls", not "no calls"; an empty list means no calls.
 */
public record PresenceUpdate(
    String extensionId,
    Long sequence,
    UserStatus userStatus,
    DndStatus dndStatus,
    UserStatus presenceStatus,
    TelephonyStatus telephonyStatus,
    MeetingStatus meetingStatus,
    String message,
    Integer totalActiveCalls,
    List<ActiveCall> activeCalls) {

  public PresenceUpdate {
    if (extensionId == null || extensionId.isEmpty()) {
      throw new IllegalArgumentException("extensionId is required");
    }
    activeCalls = activeCalls == null ? null : List.copyOf(activeCalls);
  }
}
