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
      "transfer-blind", "transfer-attended", "pickup", "self", "burst");

  private final OfficeModel model;
  private final CallScenarios calls;
  private final Random random;
  private final List<Scenario> scenarios = new ArrayList<>();
  private long steps;

  ScenarioGenerator(OfficeModel model, OfficeIds ids, Random random) {
    this.model = model;
    this.calls = new CallScenarios(model, ids, random);
    this.random = random;
  }

  long steps() {
    return steps;
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
    List<SimExtension> free = new ArrayList<>();
    for (SimExtension e : model.extensions()) {
      if (!e.busyWithScenario && e.userStatus != UserStatus.OFFLINE && !CallScenarios.doNotDisturb(e)) {
        free.add(e);
      }
    }
    int needed = kind.equals("queue-agents") ? 3 : kind.startsWith("internal") || kind.startsWith("transfer") || kind.equals("pickup") ? 2 : 1;
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
      case "queue-agents" -> calls.queueRingingAgents(free.subList(0, 3), c, 1, false);
      case "transfer-blind" -> calls.handover(e, other, c, CallScenarios.Handover.BLIND_TRANSFER);
      case "transfer-attended" -> calls.handover(e, other, c, CallScenarios.Handover.ATTENDED_TRANSFER);
      case "pickup" -> calls.handover(e, other, c, CallScenarios.Handover.PICKUP);
      case "self" -> calls.callToSelf(e);
      default -> calls.burst(e);
    };
    s.holders.forEach(h -> h.busyWithScenario = true);
    return s;
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
      s = queueRingingAgents(free, e, c);
    } else if (roll < 94 && free.size() >= 2) {
      SimExtension other = other(free, e);
      CallScenarios.Handover[] kinds = CallScenarios.Handover.values();
      CallScenarios.Handover how = kinds[random.nextInt(kinds.length)];
      s = other.userStatus == UserStatus.OFFLINE || CallScenarios.doNotDisturb(other) ? inbound(e, c)
          : calls.handover(e, other, c, how);
    } else if (roll < 97) {
      s = calls.callToSelf(e);
    } else {
      s = calls.burst(e);
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

  /** Two or three available agents, {@code e} first; a plain inbound call when fewer are free. */
  private Scenario queueRingingAgents(List<SimExtension> free, SimExtension e, OfficeModel.Contact c) {
    List<SimExtension> agents = new ArrayList<>(List.of(e));
    int wanted = 2 + random.nextInt(2);
    for (int i = 0; i < free.size() && agents.size() < wanted; i++) {
      SimExtension a = free.get((i + e.index) % free.size());
      if (a != e && a.userStatus != UserStatus.OFFLINE && !CallScenarios.doNotDisturb(a)) {
        agents.add(a);
      }
    }
    if (agents.size() < 2) {
      return inbound(e, c);
    }
    return calls.queueRingingAgents(agents, c, random.nextInt(agents.size()), random.nextInt(3) == 0);
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
      } else {
        DndStatus[] department = {DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS, DndStatus.TAKE_DEPARTMENT_CALLS_ONLY, DndStatus.TAKE_ALL_CALLS};
        e.dndStatus = department[random.nextInt(department.length)];
      }
      t.add(e);
    });
  }
}
