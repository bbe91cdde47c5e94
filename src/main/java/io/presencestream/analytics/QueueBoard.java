package io.presencestream.analytics;

import io.presencestream.ContactCentreOptions;
import io.presencestream.analytics.QueueCalls.Outcome;
import io.presencestream.analytics.QueueCalls.QueueCall;
import io.presencestream.model.AgentState;
import io.presencestream.model.CallQueue;
import io.presencestream.model.ContactCentreEvent.QueueStatsChanged;
import io.presencestream.model.QueueAgents;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueMember;
import io.presencestream.model.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each queue's statistics: computed from its queue calls, its members' agent states and the windows
 * ({@code today}, {@code last15m}, {@code last1h}), and compared with the last ones published, so that a
 * {@code queue.stats} event is emitted exactly when a figure changed.
 */
final class QueueBoard {

  static final Duration LAST_15M = Duration.ofMinutes(15);
  static final Duration LAST_1H = Duration.ofHours(1);

  private final ContactCentreOptions options;
  private final Map<String, QueueStats> published = new HashMap<>();

  QueueBoard(ContactCentreOptions options) {
    this.options = options;
  }

  /** The statistics last published, by queue id. */
  Map<String, QueueStats> published() {
    return published;
  }

  /** Forgets a queue the directory no longer has. */
  void remove(String queueId) {
    published.remove(queueId);
  }

  /**
   * Recomputes one queue at {@code now}.
   *
   * @return the event when any figure changed (or the queue is new), else null
   */
  QueueStatsChanged refresh(String queueId, Instant now, Instant todayStart, Roster roster, AgentBoard agents,
      QueueCalls calls) {
    CallQueue queue = roster.queue(queueId);
    if (queue == null && !QueueStats.UNKNOWN_QUEUE.equals(queueId)) {
      return null;
    }
    if (queue == null && !calls.unknownHasCalls()) {
      return null;
    }
    Duration threshold = queue == null ? options.serviceLevelThreshold() : options.thresholdOf(queue);
    List<QueueCall> list = calls.callsOf(queueId);
    int waiting = 0;
    Instant longest = null;
    for (QueueCall q : list) {
      if (q.waiting()) {
        waiting++;
        if (longest == null || q.enteredAt.isBefore(longest)) {
          longest = q.enteredAt;
        }
      }
    }
    QueueStats stats = new QueueStats(queueId, queue == null ? null : queue.extensionNumber(),
        queue == null ? null : queue.name(), waiting, longest, agents(queue, roster, agents), threshold,
        figures(list, todayStart, now, threshold, true),
        figures(list, now.minus(LAST_15M), now, threshold, false),
        figures(list, now.minus(LAST_1H), now, threshold, false));
    QueueStats before = published.put(queueId, stats);
    return stats.equals(before) ? null : new QueueStatsChanged(queueId, now, stats);
  }

  private static QueueAgents agents(CallQueue queue, Roster roster, AgentBoard board) {
    if (queue == null) {
      return QueueAgents.NONE;
    }
    int available = 0;
    int onCall = 0;
    int offQueue = 0;
    int other = 0;
    for (QueueMember m : queue.members()) {
      AgentBoard.Agent a = board.agent(m.extensionId());
      AgentState state = a == null || a.status == null ? null : a.status.state();
      if (state == AgentState.AVAILABLE) {
        if (AgentBoard.onQueueFor(a, queue.id(), roster)) {
          available++;
        } else {
          offQueue++;
        }
      } else if (state != null && state.onCall()) {
        onCall++;
      } else {
        other++;
      }
    }
    return new QueueAgents(available, onCall, offQueue, other);
  }

  /**
   * The figures of the calls whose moments fall in the window: from {@code from} (inclusive for
   * {@code today}, which starts at midnight; exclusive for the rolling windows, which a moment leaves exactly
   * its length later) to {@code now} inclusive.
   */
  static QueueFigures figures(List<QueueCall> calls, Instant from, Instant now, Duration threshold,
      boolean fromInclusive) {
    int offered = 0;
    int answered = 0;
    int abandoned = 0;
    int overflowed = 0;
    int within = 0;
    Duration waits = Duration.ZERO;
    for (QueueCall q : calls) {
      if (in(q.enteredAt, from, now, fromInclusive)) {
        offered++;
      }
      if (q.outcome == Outcome.ANSWERED && in(q.answeredAt, from, now, fromInclusive)) {
        answered++;
        Duration wait = q.waitTime();
        waits = waits.plus(wait);
        if (wait.compareTo(threshold) <= 0) {
          within++;
        }
      } else if (q.outcome == Outcome.ABANDONED && in(q.endedAt, from, now, fromInclusive)) {
        abandoned++;
      } else if (q.outcome == Outcome.OVERFLOWED && in(q.endedAt, from, now, fromInclusive)) {
        overflowed++;
      }
    }
    int judged = answered + abandoned;
    return new QueueFigures(offered, answered, abandoned, overflowed, within,
        answered == 0 ? null : waits.dividedBy(answered),
        judged == 0 ? null : (double) abandoned / judged,
        judged == 0 ? null : (double) within / judged);
  }

  private static boolean in(Instant t, Instant from, Instant now, boolean fromInclusive) {
    if (t == null || t.isAfter(now)) {
      return false;
    }
    return fromInclusive ? !t.isBefore(from) : t.isAfter(from);
  }
}
