package io.presencestream.model;

/**
 * The presence of an extension: the derived {@link Availability} and the raw fields it came from, so a
 * consumer can apply its own rule (SEMANTICS §4). Raw fields may be null when never reported.
 */
public record PresenceState(
    Availability status,
    UserStatus userStatus,
    DndStatus dndStatus,
    UserStatus presenceStatus,
    TelephonyStatus telephonyStatus,
    MeetingStatus meetingStatus,
    String message) {

  public PresenceState {
    if (status == null) {
      throw new IllegalArgumentException("status is required");
    }
  }
}
