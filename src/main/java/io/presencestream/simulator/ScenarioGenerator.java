package io.presencestream.simulator;

import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The office's traffic: a seeded choice, step by step, of what happens next — a presence change,
 * or the next move of a running scenario (a call rings, is answered, held, parked, picked up again,
 * ends; RingOut, queue calls with intermediate legs, internal calls, calls to oneself, bursts). Each
 * step changes the {@link OfficeModel} and returns the notifications that report the change.
 *
 * <p>Not thread-safe (see {@link Office}). Deterministic: it draws only from the office's seeded
 * {@link Random} and reads only the office's clock.
 */
final class ScenarioGenerator {

  private static final String[] MESSAGES = {
    "In a meeting", "Lunch until 1:30", "Working from home", "On a customer call", "Back at 3"
  };

  /** A multi-step story on some extensions; each step is one generator step. */
  private static final class Scenario {
    final String kind;
    final List<SimExtension> holders;
    final List<Consumer<Set<SimExtension>>> steps = new ArrayList<>();
    int next;

    Scenario(String kind, List<SimExtension> holders) {
      this.kind = kind;
      this.holders = holders;
    }

    Scenario step(Consumer<Set<SimExtension>> step) {
      steps.add(step);
      return this;
    }

    boolean done() {
      return next >= steps.size();
    }
  }

  private final OfficeModel model;
  private final OfficeIds ids;
  private final Random random;
  private final List<Scenario> scenarios = new ArrayList<>();
  private long steps;

  ScenarioGenerator(OfficeModel model, OfficeIds ids, Random random) {
    this.model = model;
    this.ids = ids;
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
    if (roll < 46) {
      s = inbound(e, c);
    } else if (roll < 60) {
      s = outbound(e, c);
    } else if (roll < 70 && free.size() >= 2) {
      SimExtension other;
      do {
        other = free.get(random.nextInt(free.size()));
      } while (other == e);
      if (other.userStatus == UserStatus.OFFLINE) {
        s = inbound(e, c);
      } else {
        s = internal(e, other);
      }
    } else if (roll < 79) {
      s = ringOut(e, c);
    } else if (roll < 85) {
      s = parked(e, c);
    } else if (roll < 91) {
      s = queueWithIntermediateLeg(e, c);
    } else if (roll < 95) {
      s = callToSelf(e);
    } else {
      s = burst(e);
    }
    s.holders.forEach(h -> h.busyWithScenario = true);
    return s;
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

  private Scenario inbound(SimExtension e, OfficeModel.Contact c) {
    boolean national = random.nextInt(4) == 0;
    SimCall call = newCall(Direction.INBOUND, national ? c.national() : c.e164(), c.name(), e.directNumber.e164(), e.name, false, e);
    Scenario s = new Scenario("inbound", List.of(e)).step(t -> add(t, e, call));
    if (random.nextInt(5) == 0) {
      return s.step(t -> end(t, e, call)); // missed
    }
    s.step(t -> set(t, e, call, TelephonyStatus.CALL_CONNECTED));
    if (random.nextInt(3) == 0) {
      s.step(t -> set(t, e, call, TelephonyStatus.ON_HOLD)).step(t -> set(t, e, call, TelephonyStatus.CALL_CONNECTED));
    }
    return s.step(t -> end(t, e, call));
  }

  private Scenario outbound(SimExtension e, OfficeModel.Contact c) {
    boolean national = random.nextBoolean();
    SimCall call = newCall(Direction.OUTBOUND, e.directNumber.e164(), e.name, national ? c.national() : c.e164(), c.name(), false, e);
    Scenario s = new Scenario("outbound", List.of(e)).step(t -> add(t, e, call));
    if (random.nextInt(6) == 0) {
      return s.step(t -> end(t, e, call)); // no answer
    }
    s.step(t -> set(t, e, call, TelephonyStatus.CALL_CONNECTED));
    if (random.nextInt(4) == 0) {
      s.step(t -> set(t, e, call, TelephonyStatus.ON_HOLD)).step(t -> set(t, e, call, TelephonyStatus.CALL_CONNECTED));
    }
    return s.step(t -> end(t, e, call));
  }

  private Scenario internal(SimExtension a, SimExtension b) {
    String session = ids.nextSessionId();
    String tsid = ids.telephonySessionId();
    SimCall out = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, 1), Direction.OUTBOUND, a.number, a.name, b.number,
        b.name, model.now(), false, ids.sip(a.number, b.number));
    SimCall in = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, 2), Direction.INBOUND, a.number, a.name, b.number,
        b.name, model.now(), false, ids.sip(b.number, a.number));
    Scenario s = new Scenario("internal", List.of(a, b)).step(t -> {
      add(t, a, out);
      add(t, b, in);
    });
    if (b.userStatus == UserStatus.BUSY && b.dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS || random.nextInt(5) == 0) {
      return s.step(t -> {
        end(t, a, out);
        end(t, b, in);
      });
    }
    s.step(t -> {
      set(t, a, out, TelephonyStatus.CALL_CONNECTED);
      set(t, b, in, TelephonyStatus.CALL_CONNECTED);
    });
    if (random.nextInt(3) == 0) {
      s.step(t -> set(t, b, in, TelephonyStatus.ON_HOLD)).step(t -> set(t, b, in, TelephonyStatus.CALL_CONNECTED));
    }
    return s.step(t -> {
      end(t, a, out);
      end(t, b, in);
    });
  }

  /**
   * RingOut: the platform first rings the user's own phone (inbound leg, from the destination to
   * the user), then dials the destination (outbound leg, from the user to the destination). The
   * inbound leg's session id is 1000–4000 above the outbound's; the numbers cross, each in E.164 or
   * national form.
   */
  private Scenario ringOut(SimExtension e, OfficeModel.Contact c) {
    String outSession = ids.nextSessionId();
    String inSession = String.valueOf(Long.parseLong(outSession) + 1000L * (1 + random.nextInt(4)));
    int forms = random.nextInt(3);
    String inFrom = forms == 2 ? c.national() : c.e164();
    String outTo = forms == 0 ? c.e164() : c.national();
    boolean userNational = random.nextBoolean();
    String outTsid = ids.telephonySessionId();
    String inTsid = ids.telephonySessionId();
    SimCall in = new SimCall(ids.callId(), inSession, inTsid, OfficeIds.partyId(inTsid, 1), Direction.INBOUND, inFrom, c.name(),
        userNational ? e.directNumber.national() : e.directNumber.e164(), e.name, model.now(), false,
        ids.sip(e.number, inFrom));
    SimCall out = new SimCall(ids.callId(), outSession, outTsid, OfficeIds.partyId(outTsid, 1), Direction.OUTBOUND,
        e.directNumber.e164(), e.name, outTo, c.name(), model.now(), false, ids.sip(e.number, outTo));
    in.ringOutPartner = out;
    out.ringOutPartner = in;
    Scenario s = new Scenario("ringout", List.of(e))
        .step(t -> add(t, e, in))
        .step(t -> {
          set(t, e, in, TelephonyStatus.CALL_CONNECTED);
          add(t, e, out);
        })
        .step(t -> set(t, e, out, TelephonyStatus.CALL_CONNECTED));
    if (random.nextInt(3) == 0) {
      s.step(t -> set(t, e, in, TelephonyStatus.ON_HOLD)).step(t -> set(t, e, in, TelephonyStatus.CALL_CONNECTED));
    }
    return s.step(t -> {
      end(t, e, out);
      end(t, e, in);
    });
  }

  private Scenario parked(SimExtension e, OfficeModel.Contact c) {
    SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), e.directNumber.e164(), e.name, false, e);
    Scenario s = new Scenario("parked", List.of(e))
        .step(t -> add(t, e, call))
        .step(t -> set(t, e, call, TelephonyStatus.CALL_CONNECTED))
        .step(t -> set(t, e, call, TelephonyStatus.PARKED_CALL));
    if (random.nextBoolean()) {
      s.step(t -> set(t, e, call, TelephonyStatus.CALL_CONNECTED)); // picked up again
    }
    return s.step(t -> end(t, e, call));
  }

  /** A queue call: the real call plus an intermediate leg that consumers must ignore. */
  private Scenario queueWithIntermediateLeg(SimExtension e, OfficeModel.Contact c) {
    SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), "1001", "Sales Queue", true, e);
    SimCall leg = new SimCall(ids.callId(), call.sessionId, call.telephonySessionId, OfficeIds.partyId(call.telephonySessionId, 7),
        Direction.INBOUND, c.e164(), c.name(), "1001", "Sales Queue", call.startTime, true, call.sipData);
    leg.termination = TerminationType.INTERMEDIATE;
    return new Scenario("queue", List.of(e))
        .step(t -> {
          add(t, e, call);
          add(t, e, leg);
        })
        .step(t -> {
          set(t, e, call, TelephonyStatus.CALL_CONNECTED);
          leg.status = TelephonyStatus.NO_CALL;
          leg.leaving = true;
        })
        .step(t -> end(t, e, call));
  }

  /** Dialing one's own extension: two calls with one session id, one per direction. */
  private Scenario callToSelf(SimExtension e) {
    String session = ids.nextSessionId();
    String tsid = ids.telephonySessionId();
    SimCall out = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, 1), Direction.OUTBOUND, e.number, e.name, e.number,
        e.name, model.now(), false, ids.sip(e.number, e.number));
    SimCall in = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, 2), Direction.INBOUND, e.number, e.name, e.number,
        e.name, model.now(), false, ids.sip(e.number, e.number));
    return new Scenario("self", List.of(e))
        .step(t -> {
          add(t, e, out);
          add(t, e, in);
        })
        .step(t -> {
          set(t, e, out, TelephonyStatus.CALL_CONNECTED);
          set(t, e, in, TelephonyStatus.CALL_CONNECTED);
        })
        .step(t -> {
          end(t, e, out);
          end(t, e, in);
        });
  }

  /** A rush of calls on one extension: more than a notification carries, so lists get truncated. */
  private Scenario burst(SimExtension e) {
    int n = model.maxCallsPerMessage() + 1 + random.nextInt(3);
    List<SimCall> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      OfficeModel.Contact c = model.contacts().get(random.nextInt(model.contacts().size()));
      calls.add(newCall(Direction.INBOUND, c.e164(), c.name(), e.directNumber.e164(), e.name, true, e));
    }
    int half = (n + 1) / 2;
    Scenario s = new Scenario("burst", List.of(e))
        .step(t -> calls.subList(0, half).forEach(c -> add(t, e, c)))
        .step(t -> calls.subList(half, n).forEach(c -> add(t, e, c)))
        .step(t -> set(t, e, calls.get(0), TelephonyStatus.CALL_CONNECTED));
    for (int i = 0; i < n; i += 3) {
      List<SimCall> chunk = calls.subList(i, Math.min(n, i + 3));
      s.step(t -> chunk.forEach(c -> end(t, e, c)));
    }
    return s;
  }

  private void add(Set<SimExtension> touched, SimExtension e, SimCall call) {
    e.calls.add(call);
    touched.add(e);
  }

  private static void set(Set<SimExtension> touched, SimExtension e, SimCall call, TelephonyStatus status) {
    call.status = status;
    touched.add(e);
  }

  private static void end(Set<SimExtension> touched, SimExtension e, SimCall call) {
    call.status = TelephonyStatus.NO_CALL;
    call.termination = TerminationType.FINAL;
    touched.add(e);
  }

  private SimCall newCall(Direction direction, String from, String fromName, String to, String toName, boolean queue,
      SimExtension e) {
    String tsid = ids.telephonySessionId();
    String remote = direction == Direction.INBOUND ? from : to;
    return new SimCall(ids.callId(), ids.nextSessionId(), tsid, OfficeIds.partyId(tsid, 1 + random.nextInt(3)), direction, from,
        fromName, to, toName, model.now(), queue, ids.sip(e.number, remote));
  }
}
