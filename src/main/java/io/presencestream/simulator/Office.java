package io.presencestream.simulator;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Leg;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.codec.protocol.ExtensionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulated office: its extensions, their raw presence as RingCentral would report it, the
 * scenario-driven traffic generator, and the ground truth derived from it.
 *
 * <p>Not thread-safe: {@link RingCentralSimulator} calls it under one lock. Deterministic: with the
 * same seed, the same clock readings and the same sequence of calls, it produces the same traffic
 * (it draws only from its own seeded {@link Random}).
 *
 * <p><b>Raw versus truth.</b> Each extension holds a raw list of active calls exactly as the server
 * would put them into {@code activeCalls}: RingOut calls as two legs, intermediate (queue) legs,
 * a call to oneself as two calls with one session id, more calls than a message carries. Every
 * notification carries the whole raw state (all scalar fields, at most {@code maxCallsPerMessage}
 * calls and the real {@code totalActiveCalls}). The ground truth is what a correct consumer ends up
 * with (SEMANTICS §2–§3): intermediate legs dropped, one call per (session id, direction), RingOut
 * legs merged into one call built from the outbound leg (status OnHold if the inbound leg is on
 * hold; {@code to} in the E.164 form of the inbound leg's {@code from}), ended calls gone, newest
 * first; a truncated list counts in full, because the consumer is expected to fetch the full list
 * over REST, which the simulator serves untruncated.
 */
final class Office {

  private static final String[] FIRST = {
    "Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis",
    "Radia", "Tim", "Hedy", "Linus", "Katherine", "John", "Sophie", "Niklaus", "Joan", "Bjarne",
    "Annie", "Guido", "Lynn", "James", "Shafi", "Leslie", "Carol", "Vint", "Mary", "Robert",
    "Jean", "Butler", "Anita", "Ivan", "Evelyn", "Claude", "Adele", "Tony", "Ida", "Seymour"
  };
  private static final String[] LAST = {
    "Byron", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
    "Ritchie", "Perlman", "Berners-Lee", "Lamarr", "Torvalds", "Johnson", "McCarthy", "Wilson",
    "Wirth", "Clarke", "Stroustrup", "Easley", "van Rossum", "Conway", "Gosling", "Goldwasser",
    "Lamport", "Shaw", "Cerf", "Keller", "Kahn", "Sammet", "Lampson", "Borg", "Sutherland",
    "Berezin", "Shannon", "Goldberg", "Hoare", "Rhodes", "Cray"
  };
  private static final String[] COMPANY_AREAS = {"650", "408", "415", "510", "925", "707"};
  private static final String[] CONTACT_AREAS = {"212", "312", "617", "206", "303", "702"};
  private static final String[] CONTACT_NAMES = {
    "Acme Logistics", "Globex Support", "Initech Billing", "Umbrella Health", "Stark Industries",
    "Wayne Enterprises", "Hooli Sales", "Pied Piper", "Vandelay Imports", "Soylent Foods",
    "Oceanic Airlines", "Cyberdyne Systems", "Tyrell Corp", "Wonka Industries", "Gringotts Bank"
  };
  private static final String[] MESSAGES = {
    "In a meeting", "Lunch until 1:30", "Working from home", "On a customer call", "Back at 3"
  };

  /** An outside party: a name, its E.164 number and the national form of the same number. */
  record Contact(String name, String e164, String national) {}

  static final class SimCall {
    final String id;
    final String sessionId;
    final String telephonySessionId;
    final String partyId;
    final Direction direction;
    final String from;
    final String fromName;
    final String to;
    final String toName;
    final Instant startTime;
    final boolean queueCall;
    final SipData sipData;
    TelephonyStatus status = TelephonyStatus.RINGING;
    TerminationType termination;
    /** For the legs of a RingOut call: the other leg. */
    SimCall ringOutPartner;
    /** To leave the raw list after the notification that reported its end. */
    boolean leaving;

    SimCall(String id, String sessionId, String telephonySessionId, String partyId, Direction direction,
        String from, String fromName, String to, String toName, Instant startTime, boolean queueCall,
        SipData sipData) {
      this.id = id;
      this.sessionId = sessionId;
      this.telephonySessionId = telephonySessionId;
      this.partyId = partyId;
      this.direction = direction;
      this.from = from;
      this.fromName = fromName;
      this.to = to;
      this.toName = toName;
      this.startTime = startTime;
      this.queueCall = queueCall;
      this.sipData = sipData;
    }

    ActiveCall toActiveCall() {
      return new ActiveCall(id, direction, from, fromName, to, toName, startTime, status, termination,
          sessionId, telephonySessionId, partyId, queueCall, sipData);
    }

    boolean ended() {
      return status == TelephonyStatus.NO_CALL && termination == TerminationType.FINAL;
    }
  }

  static final class SimExtension {
    final int index;
    final String id;
    final String number;
    final String name;
    final Contact directNumber;
    UserStatus userStatus = UserStatus.AVAILABLE;
    DndStatus dndStatus = DndStatus.TAKE_ALL_CALLS;
    MeetingStatus meetingStatus = MeetingStatus.DISCONNECTED;
    String message;
    long sequence;
    Long lastSentSequence;
    Instant updatedAt;
    boolean busyWithScenario;
    final List<SimCall> calls = new ArrayList<>();
    /** The last bodies sent, newest last, for the stale-replay fault. */
    final List<PresenceUpdate> recent = new ArrayList<>(3);

    SimExtension(int index, String id, String number, String name, Contact directNumber) {
      this.index = index;
      this.id = id;
      this.number = number;
      this.name = name;
      this.directNumber = directNumber;
    }
  }

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

  private final SimulatorOptions options;
  private final Clock clock;
  private final Random random;
  private final List<SimExtension> extensions = new ArrayList<>();
  private final Map<String, SimExtension> byId = new LinkedHashMap<>();
  private final List<ExtensionRecord> directory = new ArrayList<>();
  private final List<Contact> contacts = new ArrayList<>();
  private final List<Scenario> scenarios = new ArrayList<>();
  private final long sessionBase;
  private long sessionCounter;
  private long steps;

  Office(SimulatorOptions options) {
    this.options = options;
    this.clock = options.clock();
    this.random = new Random(options.seed());
    this.sessionBase = 100_000_000_000L + random.nextInt(900_000) * 100_000L;
    buildContacts();
    buildExtensions();
  }

  private void buildContacts() {
    for (int i = 0; i < CONTACT_NAMES.length; i++) {
      int line = 100 + random.nextInt(100);
      if (i % 4 == 3) {
        String digits = "79460" + String.format("%03d", random.nextInt(1000));
        contacts.add(new Contact(CONTACT_NAMES[i], "+4420" + digits, "020" + digits));
      } else {
        String national = CONTACT_AREAS[i % CONTACT_AREAS.length] + "55501" + String.format("%02d", line % 100);
        contacts.add(new Contact(CONTACT_NAMES[i], "+1" + national, national));
      }
    }
  }

  private void buildExtensions() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < options.extensions(); i++) {
      String name;
      do {
        name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
      } while (!names.add(name) && names.size() < FIRST.length * LAST.length);
      String id = String.valueOf(62_000_000_000L + 1_000L * (i + 1) + 4);
      String number = String.valueOf(101 + i);
      String national = COMPANY_AREAS[(i / 100) % COMPANY_AREAS.length] + "55501" + String.format("%02d", i % 100);
      SimExtension e = new SimExtension(i, id, number, name, new Contact(name, "+1" + national, national));
      // Realistic magnitudes (samples show 2013, 34470, 107945), high enough that several sequence
      // resets (each a jump back of 100 000 or more) stay above zero.
      e.sequence = 1_000_000 + random.nextInt(8_000_000);
      double r = random.nextDouble();
      if (r < 0.08) {
        e.userStatus = UserStatus.OFFLINE;
      } else if (r < 0.16) {
        e.userStatus = UserStatus.BUSY;
        e.dndStatus = DndStatus.DO_NOT_ACCEPT_ANY_CALLS;
      } else if (r < 0.22) {
        e.userStatus = UserStatus.BUSY;
      }
      e.updatedAt = now();
      extensions.add(e);
      byId.put(id, e);
      directory.add(new ExtensionRecord(id, number, name, "Enabled", "User"));
    }
    if (options.directoryExtras()) {
      directory.add(new ExtensionRecord("62000900004", "1001", "Sales Queue", "Enabled", "Department"));
      directory.add(new ExtensionRecord("62000901004", "199", "Former Employee", "Disabled", "User"));
    }
  }

  // ---------------------------------------------------------------- queries

  List<SimExtension> extensions() {
    return extensions;
  }

  SimExtension extension(String id) {
    return byId.get(id);
  }

  /** The extension the simulator's JWT belongs to: what {@code ~} means. */
  SimExtension owner() {
    return extensions.get(0);
  }

  List<ExtensionRecord> directory() {
    return directory;
  }

  long steps() {
    return steps;
  }

  /** The REST snapshot of one extension: every raw call, no sequence, no totalActiveCalls. */
  PresenceUpdate snapshot(SimExtension e) {
    return body(e, null, e.calls.size(), false);
  }

  /** The REST snapshot of a directory entry without presence traffic (a department, a disabled user). */
  static PresenceUpdate quietSnapshot(String id) {
    return new PresenceUpdate(id, null, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS, UserStatus.AVAILABLE,
        TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, null, null, List.of());
  }

  /** The true state of every user extension now, by id, in directory order. */
  Map<String, ExtensionState> truth() {
    Map<String, ExtensionState> truth = new LinkedHashMap<>();
    for (SimExtension e : extensions) {
      truth.put(e.id, truth(e));
    }
    return truth;
  }

  ExtensionState truth(SimExtension e) {
    PresenceState presence = new PresenceState(availability(e), e.userStatus, e.dndStatus, presenceStatus(e),
        telephonyStatus(e), e.meetingStatus, e.message);
    return new ExtensionState(e.id, e.lastSentSequence, presence, truthCalls(e), e.updatedAt);
  }

  private static Availability availability(SimExtension e) {
    return switch (e.userStatus) {
      case OFFLINE -> Availability.INVISIBLE;
      case BUSY -> e.dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS ? Availability.DO_NOT_DISTURB : Availability.BUSY;
      default -> Availability.AVAILABLE;
    };
  }

  private static List<Call> truthCalls(SimExtension e) {
    List<SimCall> clean = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SimCall c : e.calls) {
      if (c.termination == TerminationType.INTERMEDIATE) {
        continue;
      }
      if (seen.add(c.sessionId + "/" + c.direction)) {
        clean.add(c);
      }
    }
    List<Call> calls = new ArrayList<>();
    for (SimCall c : clean) {
      SimCall partner = c.ringOutPartner != null && clean.contains(c.ringOutPartner) ? c.ringOutPartner : null;
      if (partner != null && c.direction == Direction.INBOUND) {
        continue; // merged into its outbound leg
      }
      if (partner != null) {
        TelephonyStatus status = partner.status == TelephonyStatus.ON_HOLD ? TelephonyStatus.ON_HOLD : c.status;
        if (c.status == TelephonyStatus.NO_CALL && c.termination == TerminationType.FINAL) {
          continue;
        }
        String to = partner.from.startsWith("+") ? partner.from : c.to;
        calls.add(new Call(c.id, c.sessionId, c.telephonySessionId, c.partyId, c.direction, c.from, c.fromName,
            to, c.toName, status, c.startTime, Duration.ZERO, c.queueCall, c.sipData,
            new Leg(partner.id, partner.sessionId), new Leg(c.id, c.sessionId), null));
      } else if (!c.ended()) {
        calls.add(plain(c));
      }
    }
    calls.sort(Comparator.comparing(Call::startTime).reversed());
    return calls;
  }

  private static Call plain(SimCall c) {
    return new Call(c.id, c.sessionId, c.telephonySessionId, c.partyId, c.direction, c.from, c.fromName, c.to,
        c.toName, c.status, c.startTime, Duration.ZERO, c.queueCall, c.sipData, null, null, null);
  }

  private static UserStatus presenceStatus(SimExtension e) {
    if (e.userStatus == UserStatus.OFFLINE) {
      return UserStatus.OFFLINE;
    }
    boolean onCall = e.calls.stream().anyMatch(c -> !c.ended() && c.termination != TerminationType.INTERMEDIATE);
    if (onCall || e.userStatus == UserStatus.BUSY || e.dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS) {
      return UserStatus.BUSY;
    }
    return UserStatus.AVAILABLE;
  }

  private static TelephonyStatus telephonyStatus(SimExtension e) {
    TelephonyStatus best = TelephonyStatus.NO_CALL;
    for (SimCall c : e.calls) {
      if (c.ended() || c.termination == TerminationType.INTERMEDIATE) {
        continue;
      }
      if (rank(c.status) > rank(best)) {
        best = c.status;
      }
    }
    return best;
  }

  private static int rank(TelephonyStatus s) {
    return switch (s) {
      case RINGING -> 5;
      case CALL_CONNECTED -> 4;
      case ON_HOLD -> 3;
      case PARKED_CALL -> 2;
      default -> 1;
    };
  }

  private PresenceUpdate body(SimExtension e, Long sequence, int callsToSend, boolean notification) {
    List<ActiveCall> calls = new ArrayList<>();
    for (int i = 0; i < Math.min(callsToSend, e.calls.size()); i++) {
      calls.add(e.calls.get(i).toActiveCall());
    }
    return new PresenceUpdate(e.id, sequence, e.userStatus, e.dndStatus, presenceStatus(e), telephonyStatus(e),
        e.meetingStatus, e.message, notification ? e.calls.size() : null, calls);
  }

  // ---------------------------------------------------------------- traffic

  /**
   * One generator step: starts a new scenario or advances a running one, and returns a notification
   * for every extension it touched (in the order touched).
   */
  List<SimNotification> step() {
    steps++;
    Set<SimExtension> touched = new LinkedHashSet<>();
    int maxRunning = Math.max(2, extensions.size() / 2);
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
    return notifyTouched(touched);
  }

  private List<SimNotification> notifyTouched(Set<SimExtension> touched) {
    List<SimNotification> out = new ArrayList<>(touched.size());
    Instant now = now();
    for (SimExtension e : touched) {
      e.sequence++;
      PresenceUpdate body = body(e, e.sequence, options.maxCallsPerMessage(), true);
      e.lastSentSequence = e.sequence;
      e.updatedAt = now;
      remember(e, body);
      out.add(new SimNotification(e.id, uuid(), now, body));
      e.calls.removeIf(c -> c.leaving || c.ended());
    }
    return out;
  }

  private void remember(SimExtension e, PresenceUpdate body) {
    e.recent.add(body);
    if (e.recent.size() > 3) {
      e.recent.remove(0);
    }
  }

  // ---------------------------------------------------------------- faults on sequences

  /** The next notification of every extension skips {@code n} sequence numbers (a gap, not an error). */
  void skipSequences(int n) {
    extensions.forEach(e -> e.sequence += n);
  }

  /**
   * Every extension's sequence jumps back by 100 000 to 199 999, as after a server-side reset (or
   * restarts near zero when it is lower than that): far enough for a consumer to tell a reset from a
   * stale message.
   */
  void resetSequences() {
    for (SimExtension e : extensions) {
      long back = 100_000 + random.nextInt(100_000);
      e.sequence = e.sequence > back + 5 ? e.sequence - back : random.nextInt(5);
    }
  }

  /**
   * An old notification sent again (stale: its sequence is below the last one sent), for the
   * extension that has most recently been notified at least twice; null if there is none.
   */
  SimNotification staleReplay() {
    SimExtension best = null;
    for (SimExtension e : extensions) {
      if (e.recent.size() >= 2 && (best == null || e.updatedAt.isAfter(best.updatedAt))) {
        best = e;
      }
    }
    if (best == null) {
      return null;
    }
    PresenceUpdate old = best.recent.get(best.recent.size() - 2);
    return new SimNotification(best.id, uuid(), now(), old);
  }

  /** A presence change for one extension, applied now (tests script presence this way). */
  List<SimNotification> setPresence(String id, UserStatus userStatus, DndStatus dnd, String message) {
    SimExtension e = byId.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no such extension " + id);
    }
    if (userStatus != null) {
      e.userStatus = userStatus;
    }
    if (dnd != null) {
      e.dndStatus = dnd;
    }
    if (message != null) {
      e.message = message;
    }
    return notifyTouched(new LinkedHashSet<>(List.of(e)));
  }

  // ---------------------------------------------------------------- scenarios

  private Scenario newScenario() {
    List<SimExtension> free = new ArrayList<>();
    for (SimExtension e : extensions) {
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
    Contact c = contacts.get(random.nextInt(contacts.size()));
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

  private Scenario inbound(SimExtension e, Contact c) {
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

  private Scenario outbound(SimExtension e, Contact c) {
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
    String session = nextSessionId();
    String tsid = telephonySessionId();
    SimCall out = new SimCall(callId(), session, tsid, partyId(tsid, 1), Direction.OUTBOUND, a.number, a.name, b.number,
        b.name, now(), false, sip(a.number, b.number));
    SimCall in = new SimCall(callId(), session, tsid, partyId(tsid, 2), Direction.INBOUND, a.number, a.name, b.number,
        b.name, now(), false, sip(b.number, a.number));
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
  private Scenario ringOut(SimExtension e, Contact c) {
    String outSession = nextSessionId();
    String inSession = String.valueOf(Long.parseLong(outSession) + 1000L * (1 + random.nextInt(4)));
    int forms = random.nextInt(3);
    String inFrom = forms == 2 ? c.national() : c.e164();
    String outTo = forms == 0 ? c.e164() : c.national();
    boolean userNational = random.nextBoolean();
    String outTsid = telephonySessionId();
    String inTsid = telephonySessionId();
    SimCall in = new SimCall(callId(), inSession, inTsid, partyId(inTsid, 1), Direction.INBOUND, inFrom, c.name(),
        userNational ? e.directNumber.national() : e.directNumber.e164(), e.name, now(), false,
        sip(e.number, inFrom));
    SimCall out = new SimCall(callId(), outSession, outTsid, partyId(outTsid, 1), Direction.OUTBOUND,
        e.directNumber.e164(), e.name, outTo, c.name(), now(), false, sip(e.number, outTo));
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

  private Scenario parked(SimExtension e, Contact c) {
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
  private Scenario queueWithIntermediateLeg(SimExtension e, Contact c) {
    SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), "1001", "Sales Queue", true, e);
    SimCall leg = new SimCall(callId(), call.sessionId, call.telephonySessionId, partyId(call.telephonySessionId, 7),
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
    String session = nextSessionId();
    String tsid = telephonySessionId();
    SimCall out = new SimCall(callId(), session, tsid, partyId(tsid, 1), Direction.OUTBOUND, e.number, e.name, e.number,
        e.name, now(), false, sip(e.number, e.number));
    SimCall in = new SimCall(callId(), session, tsid, partyId(tsid, 2), Direction.INBOUND, e.number, e.name, e.number,
        e.name, now(), false, sip(e.number, e.number));
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
    int n = options.maxCallsPerMessage() + 1 + random.nextInt(3);
    List<SimCall> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Contact c = contacts.get(random.nextInt(contacts.size()));
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
    String tsid = telephonySessionId();
    String remote = direction == Direction.INBOUND ? from : to;
    return new SimCall(callId(), nextSessionId(), tsid, partyId(tsid, 1 + random.nextInt(3)), direction, from,
        fromName, to, toName, now(), queue, sip(e.number, remote));
  }

  /**
   * Session ids are {@code base + 10000·n + r} with r below 1000, so two ordinary calls never differ
   * by exactly 1000–4000 and only the legs of a RingOut call look like RingOut legs.
   */
  private String nextSessionId() {
    sessionCounter++;
    return String.valueOf(sessionBase + sessionCounter * 10_000L + random.nextInt(1000));
  }

  private String telephonySessionId() {
    return "s-" + hex(32);
  }

  private static String partyId(String telephonySessionId, int n) {
    return "p-" + telephonySessionId.substring(2) + "-" + n;
  }

  private String callId() {
    return "s-" + hex(32);
  }

  private SipData sip(String local, String remote) {
    return new SipData(hex(10), hex(12) + "-" + random.nextInt(10), "sip:" + remote + "@ringcentral.com",
        "sip:" + local + "@ringcentral.com", null);
  }

  private String hex(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }

  private String uuid() {
    return String.valueOf(1_000_000_000_000_000_000L + (random.nextLong() >>> 1) % 8_000_000_000_000_000_000L);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
