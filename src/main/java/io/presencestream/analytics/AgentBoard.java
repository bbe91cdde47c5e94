package io.presencestream.analytics;

import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Call;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.QueueMember;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tracked extension's presence, live calls and agent state: applies presence and call events, and
 * evaluates {@link AgentStateRules} after each input that concerns the extension (or a directory, or the
 * end of a wrap-up). Knows which calls were connected here (for {@code handled} and wrap-up) and which rang
 * here (for {@code missed}).
 */
final class AgentBoard {

  /** A live call at one extension, with the instant it entered its current status. */
  record LiveCall(Call call, Instant statusSince, boolean connected, boolean rang) {}

  /** How a call that ended here counts: {@code handled} (connected here), or a candidate for {@code missed}. */
  record Ended(String extensionId, Call call, Instant at, boolean handled, boolean missedCandidate) {}

  /** One extension's tracked state. Mutable, touched only by the serial stage. */
  static final class Agent {
    final String id;
    PresenceState presence;
    final Map<String, LiveCall> calls = new LinkedHashMap<>();
    Instant wrapUpUntil;
    AgentStatus status;
    /** When the agent became off queue and not Offline (for {@code agent.offQueue}), else null. */
    Instant offQueueSince;

    Agent(String id) {
      this.id = id;
    }
  }

  private final Duration wrapUp;
  private final Map<String, Agent> agents = new HashMap<>();

  AgentBoard(Duration wrapUp) {
    this.wrapUp = wrapUp;
  }

  Agent agent(String id) {
    return agents.get(id);
  }

  Collection<Agent> agents() {
    return agents.values();
  }

  /** The current state of an extension, or null when it has none (no presence yet). */
  AgentState state(String id) {
    Agent a = agents.get(id);
    return a == null || a.status == null ? null : a.status.state();
  }

  void presence(String extensionId, PresenceState presence) {
    agents.computeIfAbsent(extensionId, Agent::new).presence = presence;
  }

  /**
   * Applies a call event.
   *
   * @return how the call counts when this event ended it, else null
   */
  Ended call(PresenceEvent.CallEvent e, Instant at) {
    Agent a = agents.computeIfAbsent(e.extensionId(), Agent::new);
    Call c = e.call();
    TelephonyStatus s = c.telephonyStatus();
    boolean connectedNow = s == TelephonyStatus.CALL_CONNECTED || s == TelephonyStatus.ON_HOLD;
    boolean ringingNow = s == TelephonyStatus.RINGING && c.direction() != Direction.OUTBOUND;
    LiveCall before = a.calls.get(c.id());
    if (e instanceof PresenceEvent.CallEnded ended) {
      a.calls.remove(c.id());
      boolean connected = connectedNow || (before != null && before.connected());
      boolean rang = ringingNow || (before != null && before.rang());
      boolean merged = ended.reason() == EndReason.MERGED;
      boolean handled = connected && !merged;
      if (handled && !wrapUp.isZero()) {
        Instant until = at.plus(wrapUp);
        if (a.wrapUpUntil == null || until.isAfter(a.wrapUpUntil)) {
          a.wrapUpUntil = until;
        }
      }
      boolean missedCandidate = !connected && !merged && rang && c.direction() != Direction.OUTBOUND;
      return new Ended(e.extensionId(), c, at, handled, missedCandidate);
    }
    Instant since = before == null || before.call().telephonyStatus() != s ? at : before.statusSince();
    a.calls.put(c.id(), new LiveCall(c, since,
        connectedNow || (before != null && before.connected()), ringingNow || (before != null && before.rang())));
    return null;
  }

  /**
   * Evaluates the extension's state at {@code at} and records it.
   *
   * @return the event to emit when the state or {@code onQueue} changed, else null (directory data that
   *     changed alone is recorded silently)
   */
  AgentStateChanged evaluate(String extensionId, Roster roster, Instant at) {
    Agent a = agents.get(extensionId);
    if (a == null || a.presence == null) {
      return null;
    }
    AgentState state = AgentStateRules.state(a.presence, a.calls.values().stream().map(LiveCall::call).toList(),
        a.wrapUpUntil, at);
    if (a.wrapUpUntil != null && !at.isBefore(a.wrapUpUntil)) {
      a.wrapUpUntil = null; // over: a later call that is not handled must not bring it back
    }
    Boolean onQueue = onQueue(a, roster);
    boolean offQueue = Boolean.FALSE.equals(onQueue) && state != AgentState.OFFLINE;
    if (!offQueue) {
      a.offQueueSince = null;
    } else if (a.offQueueSince == null) {
      a.offQueueSince = at;
    }
    AgentStatus previous = a.status;
    ExtensionInfo info = roster.extension(extensionId);
    boolean changed = previous == null || previous.state() != state || !java.util.Objects.equals(previous.onQueue(), onQueue);
    Instant since = previous == null || previous.state() != state ? at : previous.since();
    AgentStatus now = new AgentStatus(extensionId, info == null ? null : info.extensionNumber(),
        info == null ? null : info.name(), info == null ? null : info.department(), state, onQueue, since,
        roster.queuesOf(extensionId));
    a.status = now;
    return changed ? new AgentStateChanged(extensionId, at, now, previous) : null;
  }

  /** The agent-level flag: on queue for at least one of its queues; null for a user in no queue. */
  static Boolean onQueue(Agent a, Roster roster) {
    List<String> queues = roster.queuesOf(a.id);
    if (queues.isEmpty()) {
      return null;
    }
    for (String q : queues) {
      if (onQueueFor(a, q, roster)) {
        return true;
      }
    }
    return false;
  }

  /** On queue for one queue: a member that takes this queue's calls, and a live DND that lets them through. */
  static boolean onQueueFor(Agent a, String queueId, Roster roster) {
    QueueMember m = roster.member(queueId, a.id);
    return m != null && m.acceptsCurrentQueueCalls() && AgentStateRules.dndTakesQueueCalls(a.presence);
  }

  /** The extensions whose state a directory may change: every tracked one. */
  List<String> ids() {
    return new ArrayList<>(agents.keySet());
  }
}
