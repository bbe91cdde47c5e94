package io.presencestream.engine;

import io.presencestream.model.Availability;
import io.presencestream.model.DndStatus;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.UserStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * SEMANTICS §2.2 and §4: the presence of an extension after a message, and whether it changed enough
 * to be announced.
 *
 * <p>Missing scalar fields keep their previous value. The derived status follows the seed table:
 * {@code userStatus} Offline → Invisible, Available → Available, Busy with {@code dndStatus}
 * DoNotAcceptAnyCalls → DoNotDisturb, Busy otherwise → Busy. When {@code userStatus} is unknown or was
 * never reported, the same table is applied to {@code presenceStatus} (the server's own aggregate);
 * when that is unknown too, the extension is shown as Invisible — we do not claim someone is
 * available when we cannot tell.
 *
 * <p>Presence states are interned: there are only a few hundred distinct ones in an office, so every
 * idle extension shares its {@link PresenceState} with others instead of owning one (memory per
 * tracked extension). The intern table is bounded because {@code message} is free text.
 */
final class PresenceDerivation {

  private static final int MAX_INTERNED = 4096;

  private final Map<PresenceState, PresenceState> interned = new HashMap<>();

  /** The presence after applying {@code update} on top of {@code previous} (null for a new extension). */
  PresenceState next(PresenceState previous, PresenceUpdate update) {
    UserStatus userStatus = keep(update.userStatus(), previous == null ? null : previous.userStatus());
    DndStatus dndStatus = keep(update.dndStatus(), previous == null ? null : previous.dndStatus());
    UserStatus presenceStatus = keep(update.presenceStatus(), previous == null ? null : previous.presenceStatus());
    PresenceState next = new PresenceState(
        derive(userStatus, dndStatus, presenceStatus),
        userStatus,
        dndStatus,
        presenceStatus,
        keep(update.telephonyStatus(), previous == null ? null : previous.telephonyStatus()),
        keep(update.meetingStatus(), previous == null ? null : previous.meetingStatus()),
        keep(update.message(), previous == null ? null : previous.message()));
    if (next.equals(previous)) {
      return previous;
    }
    return intern(next);
  }

  /** The seed table (SEMANTICS §4), falling back to {@code presenceStatus}, then to Invisible. */
  static Availability derive(UserStatus userStatus, DndStatus dndStatus, UserStatus presenceStatus) {
    Availability fromUser = fromTable(userStatus, dndStatus);
    if (fromUser != null) {
      return fromUser;
    }
    Availability fromPresence = fromTable(presenceStatus, dndStatus);
    return fromPresence != null ? fromPresence : Availability.INVISIBLE;
  }

  private static Availability fromTable(UserStatus status, DndStatus dndStatus) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case OFFLINE -> Availability.INVISIBLE;
      case AVAILABLE -> Availability.AVAILABLE;
      case BUSY -> dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS ? Availability.DO_NOT_DISTURB : Availability.BUSY;
      default -> null;
    };
  }

  /**
   * Whether a presence event is due (SEMANTICS §4): the first state of an extension always is; after
   * that only a change of the derived status or of the raw triple (userStatus, dndStatus,
   * presenceStatus). Telephony, meeting status and message changes update the state silently — call
   * events already tell about telephony. With {@code meetingStatus} true a meeting-status change is
   * announced as well (the contact-centre view's {@code InMeeting}).
   */
  static boolean announces(PresenceState previous, PresenceState next, boolean meetingStatus) {
    return previous == null
        || (meetingStatus && previous.meetingStatus() != next.meetingStatus())
        || previous.status() != next.status()
        || previous.userStatus() != next.userStatus()
        || previous.dndStatus() != next.dndStatus()
        || previous.presenceStatus() != next.presenceStatus();
  }

  /** The shared instance equal to {@code state} (e.g. after a restore). */
  PresenceState intern(PresenceState state) {
    PresenceState shared = interned.get(state);
    if (shared != null) {
      return shared;
    }
    if (interned.size() < MAX_INTERNED) {
      interned.put(state, state);
    }
    return state;
  }

  private static <T> T keep(T reported, T previous) {
    return reported != null ? reported : previous;
  }
}
