package io.presencestream.simulator;

import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.UserStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The office's traffic: a seeded choice, step by step, of what happens next — a presence change, or the
 * next move of a running scenario (a call rings, is answered, held, parked, transferred, picked up by a
 * colleague, goes to voicemail, ends; RingOut, queue calls, internal calls, calls to oneself, bursts; the
 * stories are {@link CallScenarios}). Each step changes the {@link OfficeModel} and returns the
 * notifications that report the change.
 *
 * <p>Not thread-safe (see {@link Office}). Deterministic: it draws only from the office's seeded
 * {@link Random} and reads only the office's clock.
 */
final class ScenarioGenerator {

  private static final String[] MESSAGES = {
    "In a meeting", "Lunch until 1:30", "Working from home", "On a customer call", "Back at 3"
  };

  /** The scenario kinds {@link #play(String)} knows, each variant by name. */
  static final List<String> KINDS = List.of(
      "inbound", "inbound-hold", "inbound-missed", "inbound-voicemail",
      "outbound", "outbound-hold", "outbound-noanswer", "outbound-busy",
      "internal", "internal-hold", "internal-unanswered",
      "ringout", "ringout-hold", "parked", "parked-resumed", "queue", "queue-agents",
      "queue-sequential", "queue-abandoned", "queue-overflow", "queue-waiting",
      "transfer-blind", "transfer-attended", "pickup", "self", "burst");

  private final OfficeModel model;
  private final CallScenarios calls;
  private final Random random;
  private final List<Scenario> scenarios = new ArrayList<>();
  private long steps;
  /** Whether the random traffic plays bursts; without them it plays an inbound call where a burst would be. */
  private boolean bursts = true;

  ScenarioGenerator(OfficeModel model, OfficeIds ids, Random random) {
    this.model = model;
    this.calls = new CallScenarios(model, ids, random);
    this.random = random;
  }

  long steps() {
    return steps;
  }

  /** Turns the random traffic's bursts on or off (the draws stay the same: a burst's roll plays an inbound call). */
  void bursts(boolean on) {
    bursts = on;
  }

  /**
   * One generator step: starts a new scenario or advances a running one, and returns a notification
   * for every extension it touched (in the order touched).
   */
  List<SimNotification> step() {
    steps++;
    Set<SimExtension> touched = new LinkedHashSet<>();
    int maxRunning = Math.max(2, model.extensions().size() / 2);
    boolean startNew = scenarios.isEmpty() || (scenarios.size() < maxRunning && random.nextDouble() < 0.45);
    Scenario s = startNew ? newScenario() : null;
    if (s != null) {
      scenarios.add(s);
    } else if (!scenarios.isEmpty()) {
      s = scenarios.get(random.nextInt(scenarios.size()));
    }
    if (s != null) {
      s.steps.get(s.next++).accept(touched);
      if (s.done()) {
        scenarios.remove(s);
        s.holders.forEach(h -> h.busyWithScenario = false);
      }
    }
    return model.notify(touched);
  }

  // ---------------------------------------------------------------- playing one scenario (tests)

  /**
   * Starts a scenario of the named kind (one of {@link #KINDS}) on the first free extensions that are
   * available (not offline, not on do-not-disturb), outside the random traffic: only {@link #advance}
   * moves it.
   *
   * @throws IllegalArgumentException for an unknown kind, or when too few extensions are free
   */
  Scenario play(String kind) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown scenario kind " + kind + "; known: " + KINDS);
    }
    if (kind.startsWith("queue-")) {
      return playQueue(kind);
    }
    List<SimExtension> free = new ArrayList<>();
    for (SimExtension e : model.extensions()) {
      if (!e.busyWithScenario && e.userStatus != UserStatus.OFFLINE && !CallScenarios.doNotDisturb(e)) {
        free.add(e);
      }
    }
    int needed = kind.startsWith("internal") || kind.startsWith("transfer") || kind.equals("pickup") ? 2 : 1;
    if (free.size() < needed) {
      throw new IllegalArgumentException("scenario " + kind + " needs " + needed + " free available extensions, "
          + free.size() + " are");
    }
    SimExtension e = free.get(0);
    SimExtension other = needed > 1 ? free.get(1) : null;
    OfficeModel.Contact c = model.contacts().get(random.nextInt(model.contacts().size()));
    Scenario s = switch (kind) {
      case "inbound", "inbound-hold", "inbound-missed", "inbound-voicemail" -> calls.inbound(e, c, false,
          kind.equals("inbound-missed") ? CallScenarios.InboundEnd.MISSED
              : kind.equals("inbound-voicemail") ? CallScenarios.InboundEnd.VOICEMAIL : CallScenarios.InboundEnd.ANSWERED,
          kind.endsWith("hold"));
      case "outbound", "outbound-hold", "outbound-noanswer", "outbound-busy" -> calls.outbound(e, c, false,
          kind.equals("outbound-noanswer") ? CallScenarios.OutboundEnd.NO_ANSWER
              : kind.equals("outbound-busy") ? CallScenarios.OutboundEnd.BUSY : CallScenarios.OutboundEnd.ANSWERED,
          kind.endsWith("hold"));
      case "internal", "internal-hold", "internal-unanswered" ->
          calls.internal(e, other, !kind.endsWith("unanswered"), kind.endsWith("hold"));
      case "ringout", "ringout-hold" -> calls.ringOut(e, c, 1, true, kind.endsWith("hold"));
      case "parked", "parked-resumed" -> calls.parked(e, c, kind.endsWith("resumed"));
      case "queue" -> calls.queueWithIntermediateLeg(e, c);
      case "transfer-blind" -> calls.handover(e, other, c, CallScenarios.Handover.BLIND_TRANSFER);
      case "transfer-attended" -> calls.handover(e, other, c, CallScenarios.Handover.ATTENDED_TRANSFER);
      case "pickup" -> calls.handover(e, other, c, CallScenarios.Handover.PICKUP);
      case "self" -> calls.callToSelf(e);
      default -> calls.burst(e);
    };
    s.holders.forEach(h -> h.busyWithScenario = true);
    return s;
  }

  /**
   * The queue calls by name: {@code queue-agents} (the Sales Queue rings every member that can take it, the
   * second one rung answers), {@code queue-sequential} (the Support Queue rings its first such member, which does
   * not answer, then the next, who does), {@code queue-abandoned} (the caller hangs up while the Sales Queue's
   * members ring), {@code queue-overflow} (the Support Queue's first two members do not answer, the call goes to
   * voicemail), {@code queue-waiting} (the caller hears the Sales Queue's greeting for two steps before the first
   * member that can take it rings and answers).
   */
  private Scenario playQueue(String kind) {
    SimQueue sales = model.queues().get(0);
    SimQueue support = model.queues().get(1);
    SimQueue q = kind.equals("queue-sequential") || kind.equals("queue-overflow") ? support : sales;
    int needed = kind.equals("queue-agents") || kind.equals("queue-sequential") ? 2 : 1;
    long offerable = q.members().stream().filter(a -> calls.offerable(q, a)).count();
    if (offerable < needed) {
      throw new IllegalArgumentException("scenario " + kind + " needs " + needed + " members of " + q.name
          + " that can take a call, " + offerable + " can");
    }
    OfficeModel.Contact c = model.contacts().get(random.nextInt(model.contacts().size()));
    return switch (kind) {
      case "queue-agents" -> calls.queueCall(kind, q, c, CallScenarios.QueueOutcome.ANSWERED, 0, 0, 1, false);
      case "queue-sequential" -> calls.queueCall(kind, q, c, CallScenarios.QueueOutcome.ANSWERED, 0, 1, 0, false);
      case "queue-abandoned" -> calls.queueCall(kind, q, c, CallScenarios.QueueOutcome.ABANDONED, 0, 0, 0, false);
      case "queue-overflow" -> calls.queueCall(kind, q, c, CallScenarios.QueueOutcome.OVERFLOW, 0, 1, 0, false);
      default -> calls.queueCall(kind, q, c, CallScenarios.QueueOutcome.ANSWERED, 2, 0, 0, false);
    };
  }

  /** Runs the next step of a scenario started by {@link #play}; the notifications of what it changed. */
  List<SimNotification> advance(Scenario s) {
    if (s.done()) {
      throw new IllegalStateException("scenario " + s.kind + " is over");
    }
    steps++;
    Set<SimExtension> touched = new LinkedHashSet<>();
    s.steps.get(s.next++).accept(touched);
    if (s.done()) {
      s.holders.forEach(h -> h.busyWithScenario = false);
    }
    return model.notify(touched);
  }

  // ---------------------------------------------------------------- scenarios

  private Scenario newScenario() {
    List<SimExtension> free = new ArrayList<>();
    for (SimExtension e : model.extensions()) {
      if (!e.busyWithScenario) {
        free.add(e);
      }
    }
    if (free.isEmpty()) {
      return null;
    }
    SimExtension e = free.get(random.nextInt(free.size()));
    int roll = random.nextInt(100);
    if (e.userStatus == UserStatus.OFFLINE || roll < 24) {
      return presenceChange(e);
    }
    OfficeModel.Contact c = model.contacts().get(random.nextInt(model.contacts().size()));
    Scenario s;
    if (roll < 44) {
      s = inbound(e, c);
    } else if (roll < 56) {
      s = outbound(e, c);
    } else if (roll < 65 && free.size() >= 2) {
      SimExtension other = other(free, e);
      s = other.userStatus == UserStatus.OFFLINE ? inbound(e, c)
          : calls.internal(e, other, !CallScenarios.doNotDisturb(other) && random.nextInt(5) != 0, random.nextInt(3) == 0);
    } else if (roll < 73) {
      s = calls.ringOut(e, c, random.nextInt(3), random.nextBoolean(), random.nextInt(3) == 0);
    } else if (roll < 78) {
      s = calls.parked(e, c, random.nextBoolean());
    } else if (roll < 83) {
      s = calls.queueWithIntermediateLeg(e, c);
    } else if (roll < 88) {
      s = queueCall(c);
    } else if (roll < 94 && free.size() >= 2) {
      SimExtension other = other(free, e);
      CallScenarios.Handover[] kinds = CallScenarios.Handover.values();
      CallScenarios.Handover how = kinds[random.nextInt(kinds.length)];
      s = other.userStatus == UserStatus.OFFLINE || CallScenarios.doNotDisturb(other) ? inbound(e, c)
          : calls.handover(e, other, c, how);
    } else if (roll < 97) {
      s = calls.callToSelf(e);
    } else if (bursts) {
      s = calls.burst(e);
    } else {
      s = inbound(e, c);
    }
    s.holders.forEach(h -> h.busyWithScenario = true);
    return s;
  }

  private SimExtension other(List<SimExtension> free, SimExtension e) {
    SimExtension other;
    do {
      other = free.get(random.nextInt(free.size()));
    } while (other == e);
    return other;
  }

  private Scenario inbound(SimExtension e, OfficeModel.Contact c) {
    boolean national = random.nextInt(4) == 0;
    CallScenarios.InboundEnd ending = random.nextInt(5) != 0 ? CallScenarios.InboundEnd.ANSWERED
        : random.nextBoolean() ? CallScenarios.InboundEnd.VOICEMAIL : CallScenarios.InboundEnd.MISSED;
    return calls.inbound(e, c, national, ending, random.nextInt(3) == 0);
  }

  private Scenario outbound(SimExtension e, OfficeModel.Contact c) {
    boolean national = random.nextBoolean();
    CallScenarios.OutboundEnd ending = random.nextInt(6) != 0 ? CallScenarios.OutboundEnd.ANSWERED
        : random.nextBoolean() ? CallScenarios.OutboundEnd.BUSY : CallScenarios.OutboundEnd.NO_ANSWER;
    return calls.outbound(e, c, national, ending, random.nextInt(4) == 0);
  }

  /** A call into one of the queues, with an outcome, ring timeouts, a greeting and a hold drawn at random. */
  private Scenario queueCall(OfficeModel.Contact c) {
    SimQueue q = model.queues().get(random.nextInt(model.queues().size()));
    int roll = random.nextInt(20);
    CallScenarios.QueueOutcome outcome = roll < 14 ? CallScenarios.QueueOutcome.ANSWERED
        : roll < 17 ? CallScenarios.QueueOutcome.ABANDONED : CallScenarios.QueueOutcome.OVERFLOW;
    String kind = outcome == CallScenarios.QueueOutcome.ABANDONED ? "queue-abandoned"
        : outcome == CallScenarios.QueueOutcome.OVERFLOW ? "queue-overflow"
        : q.routing == SimQueue.Routing.SEQUENTIAL ? "queue-sequential" : "queue-agents";
    return calls.queueCall(kind, q, c, outcome, random.nextInt(2), random.nextInt(3), random.nextInt(4), random.nextInt(3) == 0);
  }

  /** One of the agent's queues, the same one each time for an agent (by its index), or null for a non-agent. */
  private SimQueue queueOf(SimExtension e) {
    List<SimQueue> its = model.queues().stream().filter(q -> q.isMember(e)).toList();
    return its.isEmpty() ? null : its.get(e.index % its.size());
  }

  private Scenario presenceChange(SimExtension e) {
    return new Scenario("presence", List.of(e)).step(t -> {
      int r = random.nextInt(100);
      if (e.userStatus == UserStatus.OFFLINE) {
        e.userStatus = UserStatus.AVAILABLE;
        e.dndStatus = DndStatus.TAKE_ALL_CALLS;
      } else if (r < 30) {
        boolean dnd = e.dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS;
        e.dndStatus = dnd ? DndStatus.TAKE_ALL_CALLS : DndStatus.DO_NOT_ACCEPT_ANY_CALLS;
        e.userStatus = dnd ? UserStatus.AVAILABLE : UserStatus.BUSY;
      } else if (r < 52) {
        e.userStatus = e.userStatus == UserStatus.BUSY ? UserStatus.AVAILABLE : UserStatus.BUSY;
      } else if (r < 62 && e.calls.isEmpty()) {
        e.userStatus = UserStatus.OFFLINE;
      } else if (r < 77) {
        // A message is never cleared to null: an absent field means "unchanged" (SEMANTICS §2.2).
        e.message = MESSAGES[random.nextInt(MESSAGES.length)];
      } else if (r < 92) {
        e.meetingStatus = e.meetingStatus == MeetingStatus.CONNECTED ? MeetingStatus.DISCONNECTED : MeetingStatus.CONNECTED;
      } else if (r >= 96 && queueOf(e) != null) {
        // an agent switches itself off (or back on) one of its queues: a call-queue presence notification
        SimQueue q = queueOf(e);
        model.switchQueue(q, e, !q.acceptsCurrentQueueCalls(e));
      } else {
        DndStatus[] department = {DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS, DndStatus.TAKE_DEPARTMENT_CALLS_ONLY, DndStatus.TAKE_ALL_CALLS};
        e.dndStatus = department[random.nextInt(department.length)];
      }
      t.add(e);
    });
  }
}
