package io.presencestream.analytics;

import io.presencestream.model.AgentState;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Instant;
import java.util.Collection;

/**
 * docs/contact-centre.md's agent-state table as one function: the first rule that applies, in order. Pure.
 */
final class AgentStateRules {

  private AgentStateRules() {}

  /**
   * The agent's state now.
   *
   * @param presence the last presence (not null: an extension with no presence has no state)
   * @param calls the live calls (parked ones included: they are skipped here)
   * @param wrapUpUntil when the wrap-up after the last handled call ends, or null
   * @param now the instant of the evaluation
   */
  static AgentState state(PresenceState presence, Collection<Call> calls, Instant wrapUpUntil, Instant now) {
    boolean onHold = false;
    boolean ringing = false;
    boolean live = false;
    for (Call c : calls) {
      TelephonyStatus s = c.telephonyStatus();
      if (s == TelephonyStatus.PARKED_CALL) {
        continue; // a parked call does not occupy the agent
      }
      live = true;
      if (s == TelephonyStatus.CALL_CONNECTED || (c.direction() == Direction.OUTBOUND && s != TelephonyStatus.ON_HOLD)) {
        return AgentState.ON_CALL; // rule 1 (dialling out counts as on a call)
      }
      if (s == TelephonyStatus.ON_HOLD) {
        onHold = true;
      } else if (s == TelephonyStatus.RINGING && c.direction() != Direction.OUTBOUND) {
        ringing = true;
      }
    }
    if (onHold) {
      return AgentState.ON_HOLD;
    }
    if (ringing) {
      return AgentState.RINGING;
    }
    if (!live && wrapUpUntil != null && now.isBefore(wrapUpUntil)) {
      return AgentState.WRAP_UP;
    }
    if (presence.presenceStatus() == UserStatus.OFFLINE) {
      return AgentState.OFFLINE;
    }
    if (presence.dndStatus() == DndStatus.DO_NOT_ACCEPT_ANY_CALLS) {
      return AgentState.DO_NOT_DISTURB;
    }
    if (presence.meetingStatus() == MeetingStatus.CONNECTED) {
      return AgentState.IN_MEETING;
    }
    if (presence.userStatus() == UserStatus.BUSY) {
      return AgentState.BUSY;
    }
    if (presence.userStatus() == UserStatus.OFFLINE) {
      return AgentState.AWAY;
    }
    return AgentState.AVAILABLE;
  }

  /** Whether the live DND lets queue calls through (neither DoNotAcceptAnyCalls nor DoNotAcceptDepartmentCalls). */
  static boolean dndTakesQueueCalls(PresenceState presence) {
    DndStatus d = presence == null ? null : presence.dndStatus();
    return d != DndStatus.DO_NOT_ACCEPT_ANY_CALLS && d != DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS;
  }
}
