package io.presencestream.simulator;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact-centre ground truth, kept as the office changes: every extension's agent state and its timeline,
 * the calls each one handled and missed, and every queue call with its outcome, by the rules of
 * {@code docs/contact-centre.md} applied to what a consumer of every notification sees — the extensions' clean
 * calls ({@link GroundTruth}) at the instant of each presence notification, the parties' statuses at the instant
 * of each telephony-session change — and to time (wrap-up ends, graces pass). It is the simulator's own
 * computation of those rules: it shares no code with {@code io.presencestream.analytics}, so that a test that
 * compares the two compares two implementations.
 *
 * <p>Facts that time decides (a wrap-up that ended, a missed call whose grace passed, an unanswered queue call
 * whose gap grace passed) are settled lazily, at the next input or read, at the instant they happened: a read
 * settles what was due anyway and changes no figure. Draws nothing from the office's {@code Random}: keeping the
 * truth never changes the traffic.
 *
 * <p>Not thread-safe (see {@link Office}).
 */
final class ContactCentreBook {

  /** The agent states of docs/contact-centre.md, by their JSON names. */
  static final String ON_CALL = "OnCall";
  static final String ON_HOLD = "OnHold";
  static final String RINGING = "Ringing";
  static final String WRAP_UP = "WrapUp";
  static final String OFFLINE = "Offline";
  static final String DND = "DoNotDisturb";
  static final String IN_MEETING = "InMeeting";
  static final String BUSY = "Busy";
  static final String AWAY = "Away";
  static final String AVAILABLE = "Available";

  /** The pseudo-queue of queue calls whose queue cannot be told. */
  static final String UNKNOWN_QUEUE = "unknown";

  /** How long facts are kept: long enough for yesterday's spans to be cut at midnight. */
  private static final Duration KEEP = Duration.ofHours(50);

  /** One span of an agent's timeline; {@code end} null while it runs. */
  static final class Span {
    final String state;
    final Boolean onQueue;
    final Instant start;
    Instant end;

    Span(String state, Boolean onQueue, Instant start) {
      this.state = state;
      this.onQueue = onQueue;
      this.start = start;
    }
  }

  /** A call an extension has or had, as the consumer's clean call list shows it. */
  private static final class CallTrack {
    final String key;
    final Direction direction;
    boolean connected;
    boolean rang;

    CallTrack(String key, Direction direction) {
      this.key = key;
      this.direction = direction;
    }
  }

  /** An inbound call that rang an agent and ended unanswered there: missed unless answered elsewhere in time. */
  private record Unanswered(String key, Instant endedAt) {}

  /** One tracked extension. */
  static final class Agent {
    final SimExtension extension;
    String state;
    Boolean onQueue;
    Instant since;
    final List<Span> spans = new ArrayList<>();
    private final Map<String, CallTrack> calls = new LinkedHashMap<>();
    /** When the wrap-up of the last handled call ends; null when none is due. */
    Instant wrapUntil;
    final List<Instant> handled = new ArrayList<>();
    /**
     * The keys of the calls counted in {@code handled}, with when: one call is one telephony session at an
     * agent, however many call records it has there (dialling oneself gives one per direction).
     */
    private final Map<String, Instant> handledKeys = new HashMap<>();
    private final List<Unanswered> unanswered = new ArrayList<>();

    Agent(SimExtension extension) {
      this.extension = extension;
    }
  }

  /** One queue call, by its key (the telephony session id). */
  static final class QueueCall {
    final String key;
    Instant enteredAt;
    String queueId;
    String to;
    String firstAgentId;
    Instant answeredAt;
    final Set<String> liveAgentCalls = new HashSet<>();
    boolean anyAgentCall;
    Instant lastAgentEnd;
    /** Whether the session has a queue party, and whether it still holds the caller (joined, not left, no voicemail). */
    boolean queueParty;
    boolean queueHolds;
    Instant queueLetGoAt;
    boolean voicemail;
    /** When it ended unanswered (decided once the gap grace passed); null while not. */
    Instant endedAt;
    boolean overflowed;

    QueueCall(String key, Instant enteredAt) {
      this.key = key;
      this.enteredAt = enteredAt;
    }

    boolean open() {
      return answeredAt == null && endedAt == null;
    }
  }

  private final SimulatorOptions options;
  private final List<SimQueue> queues;
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  /** The first instant any agent's call of a session was connected, by session key. */
  private final Map<String, Instant> connectedAt = new HashMap<>();
  private final Map<String, QueueCall> queueCalls = new LinkedHashMap<>();
  /** The queue calls neither answered nor ended: the only ones {@link #settle} looks at. */
  private final Set<QueueCall> open = new java.util.LinkedHashSet<>();
  /** The agents in wrap-up: the only ones whose state time can change. */
  private final Set<Agent> wrappingUp = new java.util.LinkedHashSet<>();
  /** When facts older than {@link #KEEP} are next dropped. */
  private Instant nextPrune;

  ContactCentreBook(SimulatorOptions options, List<SimQueue> queues) {
    this.options = options;
    this.queues = queues;
  }

  // ---------------------------------------------------------------- inputs

  /** Starts tracking an extension (built, added or enabled) with the state it has now. */
  void track(SimExtension e, Instant now) {
    Agent a = agents.computeIfAbsent(e.id, id -> new Agent(e));
    if (a.state == null) {
      evaluate(a, now);
    } else {
      observe(e, now);
    }
  }

  /** Stops tracking a disabled or deleted extension. */
  void untrack(SimExtension e) {
    Agent a = agents.remove(e.id);
    if (a != null) {
      wrappingUp.remove(a);
    }
  }

  /** A presence notification of {@code e} at {@code now} (its calls or presence may have changed), or a queue switch. */
  void observe(SimExtension e, Instant now) {
    Agent a = agents.get(e.id);
    if (a == null) {
      return;
    }
    settle(now);
    List<Call> clean = GroundTruth.of(e).calls();
    Set<String> live = new HashSet<>();
    for (Call c : clean) {
      live.add(c.id());
      String key = c.telephonySessionId() != null ? c.telephonySessionId() : c.sessionId();
      CallTrack t = a.calls.get(c.id());
      if (t == null) {
        t = new CallTrack(key, c.direction());
        a.calls.put(c.id(), t);
        QueueCall q = queueCalls.get(key);
        if (q == null && Boolean.TRUE.equals(c.queueCall())) {
          q = new QueueCall(key, now);
          queueCalls.put(key, q);
          open.add(q);
        }
        if (q != null) {
          if (q.to == null) {
            q.to = c.to();
          }
          if (q.firstAgentId == null) {
            q.firstAgentId = e.id;
          }
          q.anyAgentCall = true;
        }
      }
      QueueCall q = queueCalls.get(key);
      if (q != null) {
        q.liveAgentCalls.add(e.id + "/" + c.id());
      }
      if (c.telephonyStatus() == TelephonyStatus.CALL_CONNECTED && !t.connected) {
        t.connected = true;
        connectedAt.putIfAbsent(key, now);
        answered(key, now);
      }
      if (c.direction() == Direction.INBOUND && c.telephonyStatus() == TelephonyStatus.RINGING) {
        t.rang = true;
      }
    }
    for (var it = a.calls.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (live.contains(entry.getKey())) {
        continue;
      }
      it.remove();
      CallTrack t = entry.getValue();
      if (stillLive(e, entry.getKey())) {
        // not ended: merged into another call (a RingOut's inbound leg into its outbound one), as the consumer's
        // clean list shows it; the merged call carries on and counts when it ends
        continue;
      }
      if (t.connected) {
        if (a.handledKeys.putIfAbsent(t.key, now) == null) {
          a.handled.add(now);
        }
        a.wrapUntil = options.wrapUp().isZero() ? null : now.plus(options.wrapUp());
      } else if (t.direction == Direction.INBOUND && t.rang) {
        a.unanswered.add(new Unanswered(t.key, now));
      }
      QueueCall q = queueCalls.get(t.key);
      if (q != null && q.liveAgentCalls.remove(e.id + "/" + entry.getKey())) {
        q.lastAgentEnd = now;
      }
    }
    evaluate(a, now);
  }

  /** Whether the raw call with this id is still live at the extension (left the clean list without ending). */
  private static boolean stillLive(SimExtension e, String callId) {
    for (SimCall c : e.calls) {
      if (c.id.equals(callId)) {
        return !c.ended();
      }
    }
    return false;
  }

  /** A party of a telephony session changed its status at {@code now}. */
  void party(SimSession s, SimParty p, Instant now) {
    settle(now);
    String key = s.telephonySessionId;
    boolean queueParty = p.extensionId != null && isQueue(p.extensionId);
    QueueCall q = queueCalls.get(key);
    if (q == null && queueParty) {
      q = new QueueCall(key, now);
      queueCalls.put(key, q);
      open.add(q);
    }
    if (q == null) {
      return;
    }
    PartyStatus status = p.status;
    if (status.code() == PartyStatusCode.VOICEMAIL || status.reason() == PartyStatusReason.VOICEMAIL) {
      q.voicemail = true;
    }
    if (queueParty) {
      q.queueParty = true;
      q.queueId = p.extensionId;
      boolean holds = !status.code().isFinal() && status.code() != PartyStatusCode.VOICEMAIL;
      if (q.queueHolds && !holds) {
        q.queueLetGoAt = now;
      }
      q.queueHolds = holds;
    } else if (p.extensionId != null && status.code() == PartyStatusCode.ANSWERED) {
      answered(key, now);
    }
  }

  /** A queue's member switched {@code acceptCurrentQueueCalls}, or its DND changed: its onQueue may have. */
  void queueSwitch(SimExtension e, Instant now) {
    Agent a = agents.get(e.id);
    if (a != null) {
      settle(now);
      evaluate(a, now);
    }
  }

  private void answered(String key, Instant now) {
    QueueCall q = queueCalls.get(key);
    if (q != null && q.open()) {
      q.answeredAt = now;
    }
  }

  // ---------------------------------------------------------------- what time decides

  /** Settles what was due by {@code now}: ended wrap-ups (at their end) and unanswered queue calls (at their gap's end). */
  void settle(Instant now) {
    // Only the agents in wrap-up and the open queue calls can have something due: the office may have 100,000
    // extensions, and this runs at every input.
    if (!wrappingUp.isEmpty()) {
      for (Agent a : List.copyOf(wrappingUp)) {
        if (!WRAP_UP.equals(a.state) || a.wrapUntil == null) {
          wrappingUp.remove(a);
        } else if (!now.isBefore(a.wrapUntil)) {
          wrappingUp.remove(a);
          evaluate(a, a.wrapUntil);
        }
      }
    }
    for (var it = open.iterator(); it.hasNext(); ) {
      QueueCall q = it.next();
      if (!q.open()) {
        it.remove();
        continue;
      }
      if (!q.liveAgentCalls.isEmpty()) {
        continue;
      }
      if (q.anyAgentCall) {
        // agents rang and none rings now: unanswered once the gap grace passed, whether or not the queue still
        // holds the caller (docs/contact-centre.md: "no agent has a live call of it for queueGapGrace")
        if (q.lastAgentEnd != null && !now.isBefore(q.lastAgentEnd.plus(options.queueGapGrace()))) {
          q.endedAt = q.lastAgentEnd;
          q.overflowed = q.voicemail;
          it.remove();
        }
      } else if (q.queueParty && !q.queueHolds && q.queueLetGoAt != null) {
        // no agent ever rang (it waited in the queue): it ends when the queue lets it go
        q.endedAt = q.queueLetGoAt;
        q.overflowed = q.voicemail;
        it.remove();
      }
    }
    if (nextPrune == null || !now.isBefore(nextPrune)) {
      prune(now);
      nextPrune = now.plus(Duration.ofHours(1));
    }
  }

  private void prune(Instant now) {
    Instant horizon = now.minus(KEEP);
    for (Agent a : agents.values()) {
      a.spans.removeIf(s -> s.end != null && s.end.isBefore(horizon));
      a.handled.removeIf(t -> t.isBefore(horizon));
      a.handledKeys.values().removeIf(t -> t.isBefore(horizon));
      a.unanswered.removeIf(u -> u.endedAt.isBefore(horizon));
    }
    queueCalls.values().removeIf(q -> !q.open() && q.enteredAt.isBefore(horizon));
    connectedAt.values().removeIf(t -> t.isBefore(horizon));
  }

  // ---------------------------------------------------------------- the rules

  private void evaluate(Agent a, Instant at) {
    SimExtension e = a.extension;
    ExtensionState truth = GroundTruth.of(e);
    String state = state(a, truth, at);
    Boolean onQueue = onQueue(e);
    if (state.equals(a.state) && java.util.Objects.equals(onQueue, a.onQueue)) {
      return;
    }
    if (!state.equals(a.state)) {
      a.since = at;
    }
    a.state = state;
    a.onQueue = onQueue;
    if (WRAP_UP.equals(state)) {
      wrappingUp.add(a);
    }
    if (!a.spans.isEmpty()) {
      a.spans.get(a.spans.size() - 1).end = at;
    }
    a.spans.add(new Span(state, onQueue, at));
  }

  private String state(Agent a, ExtensionState truth, Instant at) {
    boolean onCall = false;
    boolean onHold = false;
    boolean ringing = false;
    boolean live = false;
    for (Call c : truth.calls()) {
      TelephonyStatus s = c.telephonyStatus();
      onCall |= s == TelephonyStatus.CALL_CONNECTED
          || c.direction() == Direction.OUTBOUND && s != TelephonyStatus.ON_HOLD && s != TelephonyStatus.PARKED_CALL;
      onHold |= s == TelephonyStatus.ON_HOLD;
      ringing |= c.direction() == Direction.INBOUND && s == TelephonyStatus.RINGING;
      live |= s != TelephonyStatus.PARKED_CALL;
    }
    if (onCall) {
      return ON_CALL;
    }
    if (onHold) {
      return ON_HOLD;
    }
    if (ringing) {
      return RINGING;
    }
    if (!live && a.wrapUntil != null && at.isBefore(a.wrapUntil)) {
      return WRAP_UP;
    }
    PresenceState p = truth.presence();
    if (p.presenceStatus() == UserStatus.OFFLINE) {
      return OFFLINE;
    }
    if (p.dndStatus() == DndStatus.DO_NOT_ACCEPT_ANY_CALLS) {
      return DND;
    }
    if (p.meetingStatus() == MeetingStatus.CONNECTED) {
      return IN_MEETING;
    }
    if (p.userStatus() == UserStatus.BUSY) {
      return BUSY;
    }
    if (p.userStatus() == UserStatus.OFFLINE) {
      return AWAY;
    }
    return AVAILABLE;
  }

  /** On queue for at least one of its queues; null for an extension in no queue. */
  Boolean onQueue(SimExtension e) {
    boolean member = false;
    for (SimQueue q : queues) {
      if (q.isMember(e)) {
        member = true;
        if (q.onQueue(e)) {
          return true;
        }
      }
    }
    return member ? Boolean.FALSE : null;
  }

  private boolean isQueue(String extensionId) {
    for (SimQueue q : queues) {
      if (q.id.equals(extensionId)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- queries

  /** Whether {@code e} is in wrap-up at {@code now} (after a handled call): it is offered no queue call. */
  boolean inWrapUp(SimExtension e, Instant now) {
    Agent a = agents.get(e.id);
    return a != null && a.wrapUntil != null && now.isBefore(a.wrapUntil);
  }

  /** The tracked extensions, settled up to {@code now}, in directory order. */
  List<Agent> agents(Instant now) {
    settle(now);
    return List.copyOf(agents.values());
  }

  Agent agent(String extensionId) {
    return agents.get(extensionId);
  }

  /** Every queue call kept (entered within the last two days), settled up to {@code now}. */
  List<QueueCall> queueCalls(Instant now) {
    settle(now);
    return List.copyOf(queueCalls.values());
  }

  /**
   * The queue a call went to: the queue whose party is in its session; else the queue whose number the first
   * agent call was to; else the only queue of the first agent rung; else {@value #UNKNOWN_QUEUE}.
   */
  String queueOf(QueueCall q) {
    if (q.queueId != null) {
      return q.queueId;
    }
    for (SimQueue queue : queues) {
      if (queue.extensionNumber.equals(q.to)) {
        return queue.id;
      }
    }
    Agent first = q.firstAgentId == null ? null : agents.get(q.firstAgentId);
    if (first != null) {
      String only = null;
      int count = 0;
      for (SimQueue queue : queues) {
        if (queue.isMember(first.extension)) {
          only = queue.id;
          count++;
        }
      }
      if (count == 1) {
        return only;
      }
    }
    return UNKNOWN_QUEUE;
  }

  /**
   * The agent's missed calls decided by {@code now}, by decision instant: inbound calls that rang it, ended
   * unanswered there, and were not connected at an agent before or within {@code answeredElsewhereGrace} after.
   */
  List<Instant> missed(Agent a, Instant now) {
    List<Instant> out = new ArrayList<>();
    for (Unanswered u : a.unanswered) {
      Instant decided = u.endedAt.plus(options.answeredElsewhereGrace());
      if (decided.isAfter(now)) {
        continue;
      }
      Instant connected = connectedAt.get(u.key);
      if (connected == null || connected.isAfter(decided)) {
        out.add(decided);
      }
    }
    return out;
  }
}
