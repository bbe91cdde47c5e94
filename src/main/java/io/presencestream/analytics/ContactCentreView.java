package io.presencestream.analytics;

import io.presencestream.ContactCentreOptions;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.CallQueue;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.ContactCentreEvent.QueueStatsChanged;
import io.presencestream.model.Directory;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.QueueCallResult;
import io.presencestream.model.QueueStats;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The contact-centre rules as one pure façade: each method takes an input with its instant (an engine
 * event's {@code at}, a directory's {@code at}, a tick's {@code now}) and returns the events to emit. No clock
 * read and no I/O, like the engine, so the same inputs give the same events; not thread-safe: one caller
 * (the serial stage of {@link io.presencestream.ContactCentre}) at a time.
 *
 * <p>Time only moves forward: an input whose instant is before the last one's is applied at the last one's
 * (the engine's session events carry the platform's {@code eventTime}, which may lag its receive times).
 * Before an input at {@code t} is applied, everything clock-driven that falls before {@code t} happens first,
 * in time order, each at its own instant: a wrap-up ending, a missed call decided after its grace, a queue
 * call's gap grace running out, a call leaving a rolling window, a duration alert's threshold, midnight.
 * A tick at {@code now} does the same up to and including {@code now}.
 *
 * <p>Bad input is repaired or skipped and reported to the {@code invalid} consumer by reason (a directory with
 * duplicate ids keeps the first of each); an event about an extension the directory does not know is
 * tracked all the same (the directory may lag).
 */
public final class ContactCentreView {

  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
  private static final Duration COUNTED_FOR = Duration.ofHours(2);

  private final ContactCentreOptions options;
  private final Consumer<String> invalid;
  private final Timers timers = new Timers();
  private final AgentBoard agents;
  private final DayBook days;
  private final MissedCalls missed;
  private final QueueCalls queueCalls;
  private final QueueBoard queueBoard;
  private final AlertBook alerts;
  /**
   * The calls already counted as handled or missed, by extension and call key, so that presence and the
   * telephony feed, which both report a call's end, count it once; forgotten after {@link #COUNTED_FOR}.
   */
  private final Map<String, Counted> counted = new java.util.HashMap<>();

  /** How a call was counted at an extension: handled, or as a candidate for missed (a later handled wins). */
  private record Counted(Instant at, boolean handled) {}
  private Roster roster = Roster.EMPTY;
  private Instant now;
  private Instant nextPrune;
  /** The parts of the last snapshot, rebuilt only when their source changed. */
  private List<AgentStatus> agentList = List.of();
  private Map<String, DayBook.Tally> dayMap = Map.of();
  private List<QueueStats> queueList = List.of();
  private List<io.presencestream.model.Alert> alertList = List.of();

  /**
   * A view with no state yet.
   *
   * @param options the rules' settings (wrap-up, time zone, thresholds, graces, alert rules)
   * @param invalid told the reason of every bad input repaired or skipped (e.g. {@code directory_duplicate_extension})
   */
  public ContactCentreView(ContactCentreOptions options, Consumer<String> invalid) {
    this.options = Objects.requireNonNull(options, "options");
    this.invalid = Objects.requireNonNull(invalid, "invalid");
    this.agents = new AgentBoard(options.wrapUp());
    this.days = new DayBook(options.timeZone());
    this.missed = new MissedCalls(options.answeredElsewhereGrace());
    this.queueCalls = new QueueCalls(options.queueGapGrace());
    this.queueBoard = new QueueBoard(options);
    this.alerts = new AlertBook(options.alerts());
  }

  /**
   * A view with no state yet that ignores reports of bad input.
   *
   * @param options the rules' settings
   */
  public ContactCentreView(ContactCentreOptions options) {
    this(options, reason -> { });
  }

  /**
   * The instant of the last input or tick applied.
   *
   * @return the instant, or null before the first
   */
  public Instant now() {
    return now;
  }

  /**
   * Applies one engine event at its {@code at}. Contact-centre events (this view's own) are ignored.
   *
   * @param event the event
   * @return the events to emit, in order
   */
  public List<ContactCentreEvent> event(PresenceEvent event) {
    List<ContactCentreEvent> out = new ArrayList<>();
    if (event instanceof ContactCentreEvent) {
      return out;
    }
    Instant t = begin(event.at(), false, out);
    QueueCalls.Effects fx = new QueueCalls.Effects();
    Set<String> touched = new LinkedHashSet<>();
    if (event instanceof PresenceEvent.PresenceChanged p) {
      agents.presence(p.extensionId(), p.presence());
      touched.add(p.extensionId());
    } else if (event instanceof PresenceEvent.CallEvent c) {
      String key = QueueCalls.key(c.call());
      if (!(event instanceof PresenceEvent.CallEnded) && c.call().telephonyStatus() == TelephonyStatus.CALL_CONNECTED) {
        missed.connected(key, t);
      }
      AgentBoard.Ended ended = agents.call(c, t);
      touched.add(c.extensionId());
      queueCalls.agentCall(c, t, roster, fx);
      if (ended != null && ended.handled() && count(c.extensionId(), key, true, t)) {
        days.handled(c.extensionId());
      }
      if (ended != null && ended.missedCandidate() && count(c.extensionId(), key, false, t)) {
        boolean queueCall = c.call().queueCall() || queueCalls.call(key) != null;
        MissedCalls.Pending p = missed.ended(c.extensionId(), c.call().id(), key, t, queueCall);
        timers.at(p.decideAt(), Timers.Kind.MISSED_DECISION, MissedCalls.id(c.extensionId(), c.call().id()));
      }
    } else if (event instanceof SessionEvent s) {
      String key = s.session().telephonySessionId() != null ? s.session().telephonySessionId() : s.session().sessionId();
      for (Party party : s.session().parties()) {
        // an agent's answer: an inbound party (a caller's party says Answered too, e.g. when voicemail picks up)
        if (key != null && party.code() == PartyStatusCode.ANSWERED && party.extensionId() != null
            && party.direction() == io.presencestream.model.Direction.INBOUND
            && !roster.isQueue(party.extensionId()) && party != s.session().parties().get(0)) {
          missed.connected(key, t);
        }
      }
      queueCalls.session(s, t, roster, fx);
      if (s instanceof SessionEvent.SessionEnded end && key != null) {
        sessionEnded(end, key, t);
      }
    }
    settle(t, touched, fx, Set.of(), out);
    return out;
  }

  /**
   * The telephony feed's verdict on the extension's party counts a call presence never saw end connected or
   * ringing (a list truncated by a burst of calls, a call connected and ended between two notifications);
   * a call presence already counted is not counted again.
   */
  private void sessionEnded(SessionEvent.SessionEnded end, String key, Instant t) {
    io.presencestream.model.SessionResult result = end.result();
    Party own = end.session().party();
    boolean handled = result == io.presencestream.model.SessionResult.ANSWERED
        || result == io.presencestream.model.SessionResult.TRANSFERRED;
    boolean unconnected = own != null && own.direction() == io.presencestream.model.Direction.INBOUND
        && (result == io.presencestream.model.SessionResult.MISSED
            || result == io.presencestream.model.SessionResult.NO_ANSWER
            || result == io.presencestream.model.SessionResult.VOICEMAIL
            || result == io.presencestream.model.SessionResult.ANSWERED_ELSEWHERE);
    if ((!handled && !unconnected) || !count(end.extensionId(), key, handled, t)) {
      return;
    }
    if (handled) {
      days.handled(end.extensionId());
    } else {
      String callId = "session:" + key;
      MissedCalls.Pending p = missed.ended(end.extensionId(), callId, key, t, queueCalls.call(key) != null);
      timers.at(p.decideAt(), Timers.Kind.MISSED_DECISION, MissedCalls.id(end.extensionId(), callId));
    }
  }

  /**
   * Whether this end of a call at an extension is to be counted: the first report of it, or a handled one
   * after a candidate for missed (a leg that never connected, e.g. a queue's intermediate leg, may end before
   * the agent's connected call of the same session; the candidate is then decided not missed anyway, the call
   * being connected).
   */
  private boolean count(String extensionId, String key, boolean handled, Instant t) {
    String id = extensionId + '|' + key;
    Counted before = counted.get(id);
    if (before != null && (before.handled() || !handled)) {
      return false;
    }
    counted.put(id, new Counted(t, handled));
    return true;
  }

  /**
   * Applies a directory at its {@code at}: every agent and queue is re-evaluated (queues, membership and
   * on-queue flags may have changed).
   *
   * @param directory the directory, replacing the last
   * @return the events to emit, in order
   */
  public List<ContactCentreEvent> directory(Directory directory) {
    List<ContactCentreEvent> out = new ArrayList<>();
    Instant t = begin(directory.at(), false, out);
    Roster before = roster;
    roster = Roster.of(directory, invalid);
    Set<String> dirty = new LinkedHashSet<>();
    for (CallQueue q : before.queues()) {
      if (roster.queue(q.id()) == null) {
        queueBoard.remove(q.id());
        dirty.add(q.id());
      }
    }
    for (CallQueue q : roster.queues()) {
      dirty.add(q.id());
    }
    settle(t, new LinkedHashSet<>(agents.ids()), new QueueCalls.Effects(), dirty, out);
    return out;
  }

  /**
   * Lets time pass up to {@code now}: everything clock-driven due until then happens, each at its own instant.
   *
   * @param now the clock's instant
   * @return the events to emit, in order
   */
  public List<ContactCentreEvent> tick(Instant now) {
    List<ContactCentreEvent> out = new ArrayList<>();
    Instant t = begin(now, true, out);
    if (nextPrune == null || !t.isBefore(nextPrune)) {
      nextPrune = t.plus(PRUNE_EVERY);
      Instant hourAgo = t.minus(QueueBoard.LAST_1H);
      Instant todayStart = todayStart(t);
      queueCalls.prune(hourAgo.isBefore(todayStart) ? hourAgo : todayStart);
      missed.prune(t);
      Instant forget = t.minus(COUNTED_FOR);
      counted.values().removeIf(c -> c.at().isBefore(forget));
    }
    return out;
  }

  /**
   * An immutable snapshot of what the view knows now.
   *
   * @return the snapshot
   */
  public ViewSnapshot snapshot() {
    // only what changed since the last snapshot is rebuilt: most inputs change one agent's figures or none
    if (agents.takeDirty()) {
      List<AgentStatus> list = new ArrayList<>();
      for (AgentBoard.Agent a : agents.agents()) {
        if (a.status != null) {
          list.add(a.status);
        }
      }
      list.sort(Comparator.comparing((AgentStatus a) -> a.extensionNumber(), ContactCentreView::byNumber)
          .thenComparing(AgentStatus::extensionId));
      agentList = List.copyOf(list);
    }
    if (days.takeDirty()) {
      dayMap = days.tallies();
    }
    if (queueBoard.takeDirty()) {
      List<QueueStats> queues = new ArrayList<>(queueBoard.published().values());
      queues.sort(Comparator.comparing((QueueStats q) -> QueueStats.UNKNOWN_QUEUE.equals(q.queueId()))
          .thenComparing(QueueStats::name, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(QueueStats::queueId));
      queueList = List.copyOf(queues);
    }
    if (alerts.takeDirty()) {
      alertList = List.copyOf(alerts.open());
    }
    return new ViewSnapshot(now, roster.directory(), agentList, dayMap, queueList, alertList);
  }

  /**
   * How many clock-driven happenings are scheduled (stale ones included until their instant): a bound check
   * for tests and a gauge.
   *
   * @return the number of pending timers
   */
  public int pendingTimers() {
    return timers.size();
  }

  // ---------------------------------------------------------------- time

  /** Moves time to {@code at} (never back), first running what is due before it (or at it, for a tick). */
  private Instant begin(Instant at, boolean inclusive, List<ContactCentreEvent> out) {
    if (now == null) {
      now = at;
      timers.at(days.nextMidnight(at), Timers.Kind.MIDNIGHT, "");
      return now;
    }
    Instant limit = at.isBefore(now) ? now : at;
    Timers.Timer next;
    while ((next = timers.peek()) != null
        && (next.at().isBefore(limit) || (inclusive && next.at().equals(limit)))) {
      timers.poll();
      Instant t = next.at().isBefore(now) ? now : next.at();
      now = t;
      fire(next, t, limit, inclusive, out);
    }
    now = limit;
    return limit;
  }

  private void fire(Timers.Timer timer, Instant t, Instant limit, boolean inclusive, List<ContactCentreEvent> out) {
    QueueCalls.Effects fx = new QueueCalls.Effects();
    switch (timer.kind()) {
      case WRAP_UP_END -> settle(t, Set.of(timer.key()), fx, Set.of(), out);
      case MISSED_DECISION -> {
        MissedCalls.Pending p = missed.decide(timer.key());
        if (p != null) {
          days.missed(p.extensionId());
          if (p.queueCall()) {
            QueueCalls.QueueCall q = queueCalls.call(p.callKey());
            alerts.missed(p.extensionId(), p.callKey(), q == null ? null : q.queueId, t, roster, timers, out);
          }
        }
      }
      case QUEUE_GAP -> {
        queueCalls.gapExpired(timer.key(), t, fx);
        settle(t, Set.of(), fx, Set.of(), out);
      }
      case WINDOW_EXIT -> settle(t, Set.of(), fx, Set.of(timer.key()), out);
      case ALERT_DUE -> alerts.due(timer.key(), t, roster, out);
      case ALERT_CLEAR -> alerts.clearDue(timer.key(), t, out);
      case MIDNIGHT -> {
        Instant midnight = t;
        // a jump over many days (the first input long after the last) cuts once, at the last midnight passed
        Instant last = days.dayOf(limit).atStartOfDay(options.timeZone()).toInstant();
        if (last.equals(limit) && !inclusive) {
          last = days.dayOf(limit.minusNanos(1)).atStartOfDay(options.timeZone()).toInstant();
        }
        Timers.Timer after = timers.peek();
        if (last.isAfter(midnight) && (after == null || !after.at().isBefore(last))) {
          midnight = last;
          now = last;
        }
        days.midnight(midnight);
        timers.at(days.nextMidnight(midnight), Timers.Kind.MIDNIGHT, "");
        Set<String> all = new LinkedHashSet<>(queueBoard.published().keySet());
        settle(midnight, Set.of(), fx, all, out);
      }
      default -> throw new IllegalStateException("unknown timer " + timer.kind());
    }
  }

  private Instant todayStart(Instant t) {
    return days.dayOf(t).atStartOfDay(options.timeZone()).toInstant();
  }

  // ---------------------------------------------------------------- settling

  /**
   * After an input or a timer at {@code t}: re-evaluates the touched agents, refreshes the dirty queues
   * (theirs, and those the queue calls touched), sets the timers the changes need, and re-judges the alerts.
   */
  private void settle(Instant t, Set<String> touched, QueueCalls.Effects fx, Set<String> dirtyQueues,
      List<ContactCentreEvent> out) {
    List<ContactCentreEvent> alertEvents = new ArrayList<>();
    Set<String> dirty = new LinkedHashSet<>(dirtyQueues);
    dirty.addAll(fx.dirtyQueues);
    for (String id : touched) {
      AgentStateChanged change = agents.evaluate(id, roster, t);
      AgentBoard.Agent a = agents.agent(id);
      if (change != null) {
        out.add(change);
        AgentStatus s = change.agent();
        days.transition(id, s.state(), s.onQueue(), t);
        if (s.state() == AgentState.WRAP_UP && a.wrapUpUntil != null) {
          timers.at(a.wrapUpUntil, Timers.Kind.WRAP_UP_END, id);
        }
        dirty.addAll(roster.queuesOf(id));
        if (change.previous() != null) {
          dirty.addAll(change.previous().queues());
        }
      }
      if (a != null && a.status != null) {
        alerts.syncAgent(a, t, roster, queueCalls, timers, alertEvents);
      }
    }
    for (Map.Entry<String, Instant> m : fx.moments) {
      timers.at(m.getValue().plus(QueueBoard.LAST_15M), Timers.Kind.WINDOW_EXIT, m.getKey());
      timers.at(m.getValue().plus(QueueBoard.LAST_1H), Timers.Kind.WINDOW_EXIT, m.getKey());
    }
    for (Map.Entry<String, Instant> g : fx.gaps) {
      timers.at(g.getValue(), Timers.Kind.QUEUE_GAP, g.getKey());
    }
    Instant todayStart = todayStart(t);
    for (String q : dirty) {
      QueueStatsChanged change = queueBoard.refresh(q, t, todayStart, roster, agents, queueCalls);
      if (change != null) {
        out.add(change);
      }
      alerts.syncQueue(q, queueBoard.published().get(q), t, roster, queueCalls, timers, alertEvents);
    }
    for (QueueCalls.QueueCall q : fx.closed) {
      out.add(queueCallEnded(q, t));
    }
    for (QueueCalls.QueueCall q : fx.abandoned) {
      alerts.abandoned(q, t, roster, timers, alertEvents);
    }
    out.addAll(alertEvents);
  }

  /**
   * The {@code queue.call.ended} of a queue call that just left its queue, judged by its queue's threshold; at
   * {@code t}, when it was decided (events come in time order), which for an unanswered call is after its gap
   * grace, while the call's {@code endedAt} is the instant it left.
   */
  private ContactCentreEvent.QueueCallEnded queueCallEnded(QueueCalls.QueueCall q, Instant t) {
    CallQueue queue = roster.queue(q.queueId);
    Duration threshold = queue == null ? options.serviceLevelThreshold() : options.thresholdOf(queue);
    boolean answered = q.outcome == QueueCalls.Outcome.ANSWERED;
    Instant left = answered ? q.answeredAt : q.endedAt;
    QueueCallResult result = switch (q.outcome) {
      case ANSWERED -> QueueCallResult.ANSWERED;
      case ABANDONED -> QueueCallResult.ABANDONED;
      case OVERFLOWED -> QueueCallResult.OVERFLOWED;
    };
    // the same judgement as the live figures' answeredWithinThreshold (QueueBoard.figures)
    boolean within = answered && q.waitTime().compareTo(threshold) <= 0;
    return new ContactCentreEvent.QueueCallEnded(q.queueId, t, new QueueCallOutcome(q.queueId, q.key, q.enteredAt,
        answered ? q.answeredAt : null, left, result, answered ? q.answeredBy : null, threshold, within));
  }

  private static int byNumber(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    boolean da = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
    boolean db = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
    if (da && db && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }
}
