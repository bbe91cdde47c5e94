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

  /**
   * The same equality as the generated one (every component equal), written out because it is on the
   * hot path: the engine compares and interns a presence state for every notification, and the
   * generated {@code equals} (a method-handle chain) showed up as 7 % of the full path's CPU in the
   * JFR profile (benchmarks/RESULTS.md).
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PresenceState that)) {
      return false;
    }
    return status == that.status
        && userStatus == that.userStatus
        && dndStatus == that.dndStatus
        && presenceStatus == that.presenceStatus
        && telephonyStatus == that.telephonyStatus
        && meetingStatus == that.meetingStatus
        && java.util.Objects.equals(message, that.message);
  }

  /** Consistent with {@link #equals}; see there for why it is written out. */
  @Override
  public int hashCode() {
    int h = status.hashCode();
    h = 31 * h + java.util.Objects.hashCode(userStatus);
    h = 31 * h + java.util.Objects.hashCode(dndStatus);
    h = 31 * h + java.util.Objects.hashCode(presenceStatus);
    h = 31 * h + java.util.Objects.hashCode(telephonyStatus);
    h = 31 * h + java.util.Objects.hashCode(meetingStatus);
    return 31 * h + java.util.Objects.hashCode(message);
  }
}
