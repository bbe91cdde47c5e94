package io.presencestream.analytics;

import io.presencestream.model.AgentState;
import io.presencestream.model.Alert;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertRule.Kind;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.ContactCentreEvent.AlertCleared;
import io.presencestream.model.ContactCentreEvent.AlertRaised;
import io.presencestream.model.Direction;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alert rules at work: watches the conditions of the duration rules and raises their alerts at the
 * exact instant the duration is passed, raises the event-like ones ({@code queue.abandoned},
 * {@code call.missed}) and clears them {@code clearAfter} later, judges {@code queue.serviceLevel} on every
 * change of a queue's figures, and keeps the open alerts.
 *
 * <p>Scopes: a rule's {@code queues} names queues (by name, number or id); for a queue subject the queue must
 * be one of them, for an extension subject the agent must be a member of one of them ({@code call.missed}:
 * the missed call's queue must be one of them). A rule's {@code extensions} (numbers or ids) limits extension
 * subjects and is ignored for queue subjects.
 */
final class AlertBook {

  /** A duration rule's condition that began at {@code since}; raised at {@code since + longerThan} if it lasts. */
  private record Watch(AlertRule rule, String subjectId, String callKey, Instant since) {
    Instant due() {
      return since.plus(rule.longerThan());
    }
  }

  private final List<AlertRule> rules;
  private final Map<String, Alert> open = new LinkedHashMap<>();
  /** Watches by rule name and subject, then by alert id. */
  private final Map<String, Map<String, Watch>> watches = new HashMap<>();
  private final Map<String, Watch> watchById = new HashMap<>();

  AlertBook(List<AlertRule> rules) {
    this.rules = rules;
  }

  boolean hasRules() {
    return !rules.isEmpty();
  }

  /** The open alerts, oldest first. */
  List<Alert> open() {
    List<Alert> list = new ArrayList<>(open.values());
    list.sort(Comparator.comparing(Alert::raisedAt).thenComparing(Alert::id));
    return list;
  }

  /** Re-judges an agent's duration conditions: ringing and held calls, DND, off queue. */
  void syncAgent(AgentBoard.Agent a, Instant now, Roster roster, QueueCalls calls, Timers timers,
      List<ContactCentreEvent> out) {
    if (rules.isEmpty()) {
      return;
    }
    Map<String, Instant> ringing = new HashMap<>();
    Map<String, Instant> held = new HashMap<>();
    for (AgentBoard.LiveCall c : a.calls.values()) {
      TelephonyStatus s = c.call().telephonyStatus();
      if (s == TelephonyStatus.RINGING && c.call().direction() != Direction.OUTBOUND) {
        ringing.put(QueueCalls.key(c.call()), c.statusSince());
      } else if (s == TelephonyStatus.ON_HOLD) {
        held.put(QueueCalls.key(c.call()), c.statusSince());
      }
    }
    Map<String, Instant> dnd = new HashMap<>();
    if (a.status != null && a.status.state() == AgentState.DO_NOT_DISTURB) {
      dnd.put(null, a.status.since());
    }
    Map<String, Instant> offQueue = new HashMap<>();
    if (a.offQueueSince != null) {
      offQueue.put(null, a.offQueueSince);
    }
    for (AlertRule r : rules) {
      Map<String, Instant> conditions = switch (r.rule()) {
        case CALL_RINGING -> ringing;
        case CALL_HOLD -> held;
        case AGENT_DND -> dnd;
        case AGENT_OFF_QUEUE -> offQueue;
        default -> null;
      };
      if (conditions != null) {
        boolean inScope = roster.extensionInScope(r.extensions(), a.id) && memberInScope(r, a.id, roster);
        sync(r, a.id, inScope ? conditions : java.util.Collections.emptyMap(), now, roster, timers, out);
      }
    }
  }

  /** Re-judges a queue: its waiting calls ({@code queue.wait}) and its service level; {@code stats} null when gone. */
  void syncQueue(String queueId, QueueStats stats, Instant now, Roster roster, QueueCalls calls, Timers timers,
      List<ContactCentreEvent> out) {
    if (rules.isEmpty()) {
      return;
    }
    Map<String, Instant> waiting = new HashMap<>();
    if (stats != null) {
      for (QueueCalls.QueueCall q : calls.callsOf(queueId)) {
        if (q.waiting()) {
          waiting.put(q.key, q.enteredAt);
        }
      }
    }
    for (AlertRule r : rules) {
      boolean inScope = stats != null && roster.queueInScope(r.queues(), queueId);
      if (r.rule() == Kind.QUEUE_WAIT) {
        sync(r, queueId, inScope ? waiting : java.util.Collections.emptyMap(), now, roster, timers, out);
      } else if (r.rule() == Kind.QUEUE_SERVICE_LEVEL) {
        String id = Alert.id(r.name(), queueId, null);
        QueueFigures f = !inScope ? null : switch (r.window()) {
          case "15m" -> stats.last15m();
          case "1h" -> stats.last1h();
          default -> stats.today();
        };
        boolean below = f != null && f.answered() + f.abandoned() >= r.minCalls() && f.serviceLevel() != null
            && f.serviceLevel() * 100 < r.belowPercent();
        if (below && !open.containsKey(id)) {
          raise(r, queueId, null, now, String.format(Locale.ROOT, "service level of %s over %s is %.0f%% (below %s%%)",
              roster.describeQueue(queueId), r.window(), f.serviceLevel() * 100, percent(r.belowPercent())), out);
        } else if (!below && open.containsKey(id)) {
          clear(id, now, out);
        }
      }
    }
  }

  /** A queue call was abandoned: raises {@code queue.abandoned}, cleared {@code clearAfter} later. */
  void abandoned(QueueCalls.QueueCall q, Instant now, Roster roster, Timers timers, List<ContactCentreEvent> out) {
    for (AlertRule r : rules) {
      if (r.rule() == Kind.QUEUE_ABANDONED && roster.queueInScope(r.queues(), q.queueId)) {
        Duration waited = Duration.between(q.enteredAt, q.endedAt);
        Alert a = raise(r, q.queueId, q.key, now, "call abandoned in " + roster.describeQueue(q.queueId)
            + " after waiting " + human(waited), out);
        if (a != null) {
          timers.at(now.plus(r.clearAfter()), Timers.Kind.ALERT_CLEAR, a.id());
        }
      }
    }
  }

  /** An agent missed a queue call: raises {@code call.missed}, cleared {@code clearAfter} later. */
  void missed(String extensionId, String callKey, String queueId, Instant now, Roster roster, Timers timers,
      List<ContactCentreEvent> out) {
    for (AlertRule r : rules) {
      if (r.rule() == Kind.CALL_MISSED && roster.extensionInScope(r.extensions(), extensionId)
          && (r.queues().isEmpty() || (queueId != null && roster.queueInScope(r.queues(), queueId)))) {
        String of = queueId == null || QueueStats.UNKNOWN_QUEUE.equals(queueId) ? "a queue call"
            : "a call of " + roster.describeQueue(queueId);
        Alert a = raise(r, extensionId, callKey, now, roster.describeExtension(extensionId) + " missed " + of, out);
        if (a != null) {
          timers.at(now.plus(r.clearAfter()), Timers.Kind.ALERT_CLEAR, a.id());
        }
      }
    }
  }

  /** A duration watch's due instant came: raises its alert if the condition still holds. */
  void due(String id, Instant at, Roster roster, List<ContactCentreEvent> out) {
    Watch w = watchById.get(id);
    if (w == null || open.containsKey(id) || at.isBefore(w.due())) {
      return;
    }
    raise(w.rule(), w.subjectId(), w.callKey(), at, message(w, roster), out);
  }

  /** An event-like alert's {@code clearAfter} came. */
  void clearDue(String id, Instant at, List<ContactCentreEvent> out) {
    Alert a = open.get(id);
    if (a == null) {
      return;
    }
    for (AlertRule r : rules) {
      if (r.name().equals(a.name()) && r.clearAfter() != null && !at.isBefore(a.raisedAt().plus(r.clearAfter()))) {
        clear(id, at, out);
        return;
      }
    }
  }

  private void sync(AlertRule r, String subjectId, Map<String, Instant> conditions, Instant now, Roster roster,
      Timers timers, List<ContactCentreEvent> out) {
    String bucketKey = r.name() + '\u0000' + subjectId;
    Map<String, Watch> bucket = watches.get(bucketKey);
    if (bucket != null) {
      for (Iterator<Map.Entry<String, Watch>> it = bucket.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Watch> entry = it.next();
        Watch w = entry.getValue();
        Instant since = conditions.get(w.callKey());
        if (since == null && !conditions.containsKey(w.callKey()) || (since != null && !since.equals(w.since()))) {
          it.remove();
          watchById.remove(entry.getKey());
          if (open.containsKey(entry.getKey())) {
            clear(entry.getKey(), now, out);
          }
        }
      }
    }
    for (Map.Entry<String, Instant> c : conditions.entrySet()) {
      String id = Alert.id(r.name(), subjectId, c.getKey());
      if (watchById.containsKey(id)) {
        continue;
      }
      Watch w = new Watch(r, subjectId, c.getKey(), c.getValue());
      watches.computeIfAbsent(bucketKey, k -> new HashMap<>()).put(id, w);
      watchById.put(id, w);
      if (!w.due().isAfter(now)) {
        raise(r, subjectId, c.getKey(), now, message(w, roster), out);
      } else {
        timers.at(w.due(), Timers.Kind.ALERT_DUE, id);
      }
    }
    if (bucket != null && bucket.isEmpty()) {
      watches.remove(bucketKey);
    }
  }

  private Alert raise(AlertRule r, String subjectId, String callKey, Instant at, String message,
      List<ContactCentreEvent> out) {
    String id = Alert.id(r.name(), subjectId, callKey);
    if (open.containsKey(id)) {
      return null;
    }
    Alert a = new Alert(id, r.name(), r.rule().label(), r.severity(), r.rule().subject(), subjectId, callKey, at, null,
        message, r.targets());
    open.put(id, a);
    out.add(new AlertRaised(subjectId, at, a));
    return a;
  }

  private void clear(String id, Instant at, List<ContactCentreEvent> out) {
    Alert a = open.remove(id);
    if (a != null) {
      Alert cleared = a.cleared(at);
      out.add(new AlertCleared(a.subjectId(), at, cleared));
    }
  }

  private static boolean memberInScope(AlertRule r, String extensionId, Roster roster) {
    if (r.queues().isEmpty()) {
      return true;
    }
    for (String q : roster.queuesOf(extensionId)) {
      if (roster.queueInScope(r.queues(), q)) {
        return true;
      }
    }
    return false;
  }

  private static String message(Watch w, Roster roster) {
    String longer = "for longer than " + human(w.rule().longerThan());
    return switch (w.rule().rule()) {
      case CALL_RINGING -> "call ringing at " + roster.describeExtension(w.subjectId()) + " " + longer;
      case CALL_HOLD -> "call on hold at " + roster.describeExtension(w.subjectId()) + " " + longer;
      case QUEUE_WAIT -> "call waiting in " + roster.describeQueue(w.subjectId()) + " " + longer;
      case AGENT_DND -> roster.describeExtension(w.subjectId()) + " in Do Not Disturb " + longer;
      case AGENT_OFF_QUEUE -> roster.describeExtension(w.subjectId()) + " off queue " + longer;
      default -> w.rule().rule().label() + " " + longer;
    };
  }

  private static String percent(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
  }

  /** {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 1m5s}, {@code 500ms}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = ms / 1000;
    long h = s / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (sec > 0 || b.length() == 0) {
      b.append(sec).append('s');
    }
    return b.toString();
  }
}
