package io.presencestream.model;

import java.util.List;

/**
 * The presence of one extension as one message reported it: the body of a detailed-presence
 * notification, or a REST presence snapshot (which has no {@code sequence} and no
 * {@code totalActiveCalls}).
 *
 * <p>Every field but {@code extensionId} may be {@code null}, meaning "not in this message": the
 * engine then keeps what it knew. In particular a {@code null} {@code activeCalls} means "no information
 * about calls", not "no calls"; an empty list means no calls.
 *
 * @param extensionId the extension, never empty
 * @param sequence the notification's position in the extension's feed; null for REST snapshots
 * @param userStatus the status the user chose
 * @param dndStatus which calls the user accepts
 * @param presenceStatus the status RingCentral derives itself
 * @param telephonyStatus the extension's telephony status across its calls
 * @param meetingStatus whether the user is in a RingCentral meeting
 * @param message the user's status message
 * @param totalActiveCalls how many calls RingCentral counts; more than {@code activeCalls} lists means a
 *     truncated list, which the engine answers with a REST resync; null for REST snapshots
 * @param activeCalls the calls as reported, or null for no information
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

  /**
   * Requires an extension id and copies {@code activeCalls} (keeping null as null).
   *
   * @param extensionId the extension
   * @param sequence the feed position, or null
   * @param userStatus the chosen status, or null
   * @param dndStatus which calls are accepted, or null
   * @param presenceStatus RingCentral's derived status, or null
   * @param telephonyStatus the telephony status, or null
   * @param meetingStatus the meeting status, or null
   * @param message the status message, or null
   * @param totalActiveCalls the call count, or null
   * @param activeCalls the calls, or null
   * @throws IllegalArgumentException if {@code extensionId} is null or empty
   */
  public PresenceUpdate {
    if (extensionId == null || extensionId.isEmpty()) {
      throw new IllegalArgumentException("extensionId is required");
    }
    activeCalls = activeCalls == null ? null : List.copyOf(activeCalls);
  }
}
