package io.presencestream.model;

/**
 * The presence of an extension: the derived {@link Availability} and the raw fields it came from, so a
 * consumer can apply its own rule (RingCentral's own apps show Do not Disturb whenever
 * {@code dndStatus} is DoNotAcceptAnyCalls, whatever {@code userStatus} is). Raw fields may be null when
 * never reported.
 *
 * @param status the derived status, never null
 * @param userStatus the status the user chose
 * @param dndStatus which calls the user accepts
 * @param presenceStatus the status RingCentral derives itself (Busy while on a call, …)
 * @param telephonyStatus the extension's telephony status across its calls
 * @param meetingStatus whether the user is in a RingCentral meeting
 * @param message the user's status message, or null
 */
public record PresenceState(
    Availability status,
    UserStatus userStatus,
    DndStatus dndStatus,
    UserStatus presenceStatus,
    TelephonyStatus telephonyStatus,
    MeetingStatus meetingStatus,
    String message) {

  /**
   * Requires a derived status.
   *
   * @param status the derived status
   * @param userStatus the chosen status, or null
   * @param dndStatus which calls are accepted, or null
   * @param presenceStatus RingCentral's derived status, or null
   * @param telephonyStatus the telephony status, or null
   * @param meetingStatus the meeting status, or null
   * @param message the status message, or null
   * @throws IllegalArgumentException if {@code status} is null
   */
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
