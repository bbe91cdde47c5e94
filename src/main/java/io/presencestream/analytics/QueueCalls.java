package io.presencestream.analytics;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queue calls: one call into a queue, however many agents it rings, keyed by its {@code telephonySessionId}
 * (the presence {@code sessionId} when that is missing). Follows each from its entry to its answer or its
 * unanswered end (abandoned, or overflowed when the telephony feed shows the session went on elsewhere), as
 * docs/contact-centre.md specifies, and keeps each queue's calls of today and of the last hour for the figures.
 */
final class QueueCalls {

  /** How a queue call ended. */
  enum Outcome { ANSWERED, ABANDONED, OVERFLOWED }

  /** How sure the queue of a call is: a later, surer clue moves a waiting call to another queue. */
  private static final int BY_ONLY_QUEUE = 1;
  private static final int BY_DIALLED_NUMBER = 2;
  private static final int BY_SESSION_PARTY = 3;

  /** One queue call. Mutable, touched only by the serial stage. */
  static final class QueueCall {
    final String key;
    final Instant enteredAt;
    String queueId;
    int evidence;
    Instant answeredAt;
    /** The extension of the agent who answered it, once answered. */
    String answeredBy;
    /** For an unanswered end: the instant the last agent call of it ended (or the queue's party left). */
    Instant endedAt;
    Outcome outcome;
    final Set<String> liveAgentCalls = new HashSet<>();
    final Set<String> agentsRung = new HashSet<>();
    /** When the last agent call of it ended (while none is live), else null. */
    Instant gapSince;
    /** With the telephony feed: the queue's party still holds the caller (greeting, music). */
    boolean queueHolds;
    boolean overflowEvidence;

    QueueCall(String key, Instant enteredAt, String queueId, int evidence) {
      this.key = key;
      this.enteredAt = enteredAt;
      this.queueId = queueId;
      this.evidence = evidence;
    }

    boolean waiting() {
      return outcome == null;
    }

    Duration waitTime() {
      return answeredAt == null ? null : Duration.between(enteredAt, answeredAt);
    }

    /** The latest of its moments: it can leave the figures' windows only after this. */
    Instant lastMoment() {
      Instant last = enteredAt;
      if (answeredAt != null && answeredAt.isAfter(last)) {
        last = answeredAt;
      }
      if (endedAt != null && endedAt.isAfter(last)) {
        last = endedAt;
      }
      return last;
    }
  }

  /** What applying one input did, for the façade to act on. */
  static final class Effects {
    final Set<String> dirtyQueues = new HashSet<>();
    /** Queue id and instant of every moment recorded (an entry, answer or end): windows drop it later. */
    final List<Map.Entry<String, Instant>> moments = new ArrayList<>();
    /** Calls whose gap grace started: key and the instant it runs out. */
    final List<Map.Entry<String, Instant>> gaps = new ArrayList<>();
    final List<QueueCall> abandoned = new ArrayList<>();
    /** Calls answered or ended: their queue.wait watch ends. */
    final List<QueueCall> closed = new ArrayList<>();

    void moment(String queueId, Instant at) {
      dirtyQueues.add(queueId);
      moments.add(Map.entry(queueId, at));
    }
  }

  private final Duration gapGrace;
  private final Map<String, QueueCall> calls = new HashMap<>();
  private final Map<String, List<QueueCall>> byQueue = new HashMap<>();

  QueueCalls(Duration gapGrace) {
    this.gapGrace = gapGrace;
  }

  /** The key of the queue call a presence call belongs to. */
  static String key(Call c) {
    if (c.telephonySessionId() != null) {
      return c.telephonySessionId();
    }
    return c.sessionId() != null ? c.sessionId() : c.id();
  }

  QueueCall call(String key) {
    return calls.get(key);
  }

  /** The queue's calls of today and of the last hour, waiting or not. */
  List<QueueCall> callsOf(String queueId) {
    return byQueue.getOrDefault(queueId, List.of());
  }

  /** Whether the pseudo-queue {@code unknown} has any call to report. */
  boolean unknownHasCalls() {
    return !callsOf(QueueStats.UNKNOWN_QUEUE).isEmpty();
  }

  /** Applies an agent's presence call event. */
  void agentCall(PresenceEvent.CallEvent e, Instant at, Roster roster, Effects fx) {
    Call c = e.call();
    if (roster.isQueue(e.extensionId()) || c.direction() == Direction.OUTBOUND) {
      return; // the queue's own extension, or a call the agent made: not an agent's leg of a queue call
    }
    String key = key(c);
    QueueCall q = calls.get(key);
    boolean ended = e instanceof PresenceEvent.CallEnded;
    if (q == null) {
      if (ended || !c.queueCall()) {
        return;
      }
      q = enter(key, at, c, e.extensionId(), roster, fx);
    } else if (q.waiting()) {
      refineQueue(q, c, e.extensionId(), roster, fx);
    }
    if (!q.waiting()) {
      return;
    }
    String leg = e.extensionId() + "|" + c.id();
    if (ended) {
      q.liveAgentCalls.remove(leg);
      if (q.liveAgentCalls.isEmpty() && q.gapSince == null) {
        q.gapSince = at;
        fx.gaps.add(Map.entry(key, at.plus(gapGrace)));
      }
      return;
    }
    q.liveAgentCalls.add(leg);
    q.agentsRung.add(e.extensionId());
    q.gapSince = null;
    if (c.telephonyStatus() == TelephonyStatus.CALL_CONNECTED) {
      answer(q, at, e.extensionId(), fx);
    }
  }

  /** Applies a telephony-session event: entry by the queue's party, answer by an agent's party, overflow clues. */
  void session(SessionEvent e, Instant at, Roster roster, Effects fx) {
    List<Party> parties = e.session().parties();
    String key = e.session().telephonySessionId() != null ? e.session().telephonySessionId() : e.session().sessionId();
    if (key == null) {
      return;
    }
    Party queueParty = null;
    for (Party p : parties) {
      if (roster.isQueue(p.extensionId())) {
        queueParty = p;
        break;
      }
    }
    QueueCall q = calls.get(key);
    if (q == null) {
      if (queueParty == null) {
        return;
      }
      q = new QueueCall(key, at, queueParty.extensionId(), BY_SESSION_PARTY);
      add(q, fx);
    } else if (q.waiting() && queueParty != null && q.evidence < BY_SESSION_PARTY) {
      move(q, queueParty.extensionId(), BY_SESSION_PARTY, fx);
    }
    if (!q.waiting()) {
      return;
    }
    Party caller = parties.isEmpty() ? null : parties.get(0);
    for (Party p : parties) {
      if (p == caller || p == queueParty) {
        continue;
      }
      PartyStatusCode code = p.code();
      boolean agent = p.extensionId() != null && !roster.isQueue(p.extensionId());
      if (agent && p.direction() == Direction.INBOUND && code == PartyStatusCode.ANSWERED
          && (roster.member(q.queueId, p.extensionId()) != null || q.agentsRung.contains(p.extensionId())
              || roster.queuesOf(p.extensionId()).size() > 0)) {
        answer(q, at, p.extensionId(), fx);
        return;
      }
      if (wentToVoicemail(p) || (roster.isQueue(p.extensionId()) && !p.extensionId().equals(q.queueId))) {
        // the session went on elsewhere: voicemail, or another queue. A party of some other extension is not
        // taken for an overflow: transfers and conferences add parties too.
        q.overflowEvidence = true;
      }
    }
    if (queueParty != null && wentToVoicemail(queueParty)) {
      q.overflowEvidence = true;
    }
    if (queueParty != null) {
      q.queueHolds = !queueParty.code().isFinal() && !wentToVoicemail(queueParty);
      if (!q.queueHolds && q.agentsRung.isEmpty()) {
        // no agent ever rang it: no gap to wait for, it ends when the queue's party lets go, at that instant
        end(q, at, at, fx);
      }
    }
  }

  private static boolean wentToVoicemail(Party p) {
    return p.code() == PartyStatusCode.VOICEMAIL || p.code() == PartyStatusCode.VOICEMAIL_SCREENING
        || p.status().reason() == io.presencestream.model.PartyStatusReason.VOICEMAIL;
  }

  /** The gap grace of {@code key} may have run out at {@code at}: ends it unanswered if it still holds. */
  void gapExpired(String key, Instant at, Effects fx) {
    QueueCall q = calls.get(key);
    if (q == null || !q.waiting() || !q.liveAgentCalls.isEmpty() || q.gapSince == null
        || at.isBefore(q.gapSince.plus(gapGrace))) {
      return; // stale: an agent's call of it came back, or it was answered or ended meanwhile
    }
    // ends even while the queue's party still holds the caller: no agent has rung it for the whole grace
    end(q, q.gapSince, at, fx);
  }

  /** Forgets calls none of whose moments is today or in the last hour. */
  void prune(Instant horizon) {
    for (Iterator<List<QueueCall>> lists = byQueue.values().iterator(); lists.hasNext(); ) {
      List<QueueCall> list = lists.next();
      list.removeIf(q -> {
        boolean old = !q.waiting() && q.lastMoment().isBefore(horizon);
        if (old) {
          calls.remove(q.key, q);
        }
        return old;
      });
      if (list.isEmpty()) {
        lists.remove();
      }
    }
  }

  private QueueCall enter(String key, Instant at, Call c, String extensionId, Roster roster, Effects fx) {
    String dialled = roster.queueDialled(c.to());
    List<String> own = roster.queuesOf(extensionId);
    QueueCall q;
    if (dialled != null) {
      q = new QueueCall(key, at, dialled, BY_DIALLED_NUMBER);
    } else if (own.size() == 1) {
      q = new QueueCall(key, at, own.get(0), BY_ONLY_QUEUE);
    } else {
      q = new QueueCall(key, at, QueueStats.UNKNOWN_QUEUE, 0);
    }
    add(q, fx);
    return q;
  }

  private void refineQueue(QueueCall q, Call c, String extensionId, Roster roster, Effects fx) {
    if (q.evidence >= BY_DIALLED_NUMBER) {
      return;
    }
    String dialled = roster.queueDialled(c.to());
    if (dialled != null) {
      move(q, dialled, BY_DIALLED_NUMBER, fx);
      return;
    }
    List<String> own = roster.queuesOf(extensionId);
    if (q.evidence == 0 && own.size() == 1) {
      move(q, own.get(0), BY_ONLY_QUEUE, fx);
    }
  }

  private void add(QueueCall q, Effects fx) {
    calls.put(q.key, q);
    byQueue.computeIfAbsent(q.queueId, k -> new ArrayList<>()).add(q);
    fx.moment(q.queueId, q.enteredAt);
  }

  private void move(QueueCall q, String queueId, int evidence, Effects fx) {
    q.evidence = evidence;
    if (queueId.equals(q.queueId)) {
      return;
    }
    List<QueueCall> old = byQueue.get(q.queueId);
    if (old != null) {
      old.remove(q);
    }
    fx.dirtyQueues.add(q.queueId);
    q.queueId = queueId;
    byQueue.computeIfAbsent(queueId, k -> new ArrayList<>()).add(q);
    fx.moment(queueId, q.enteredAt);
  }

  private void answer(QueueCall q, Instant at, String agentId, Effects fx) {
    q.answeredAt = at;
    q.answeredBy = agentId;
    q.outcome = Outcome.ANSWERED;
    fx.moment(q.queueId, at);
    fx.closed.add(q);
  }

  private void end(QueueCall q, Instant endedAt, Instant decidedAt, Effects fx) {
    q.endedAt = endedAt;
    q.outcome = q.overflowEvidence ? Outcome.OVERFLOWED : Outcome.ABANDONED;
    fx.moment(q.queueId, endedAt);
    fx.closed.add(q);
    if (q.outcome == Outcome.ABANDONED) {
      fx.abandoned.add(q);
    }
  }
}
