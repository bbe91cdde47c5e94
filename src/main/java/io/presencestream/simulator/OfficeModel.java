package io.presencestream.simulator;

import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The state of the simulated office: its directory, its extensions with their raw presence and
 * calls, the outside contacts that call in, and the notifications that report a change, each
 * carrying the extension's whole raw state as the server would send it.
 *
 * <p><b>Raw, not clean.</b> Each extension's call list is what the server would put into
 * {@code activeCalls}: RingOut calls as two legs, intermediate (queue) legs, a call to oneself as two
 * calls with one session id, more calls than a message carries. A notification carries all scalar
 * fields, at most {@code maxCallsPerMessage} calls and the real {@code totalActiveCalls}; a REST
 * snapshot carries every call. What a consumer should make of it is {@link GroundTruth}.
 *
 * <p><b>Telephony sessions.</b> Every call is also a party of a telephony session ({@link SessionBook}),
 * with the same ids; the scenarios move both.
 *
 * <p>Not thread-safe (see {@link Office}). Draws from the office's seeded {@link Random} when built
 * and when sequences reset.
 */
final class OfficeModel {

  // Outside the users' id range, like the queue's (see CallScenarios.QUEUE_ID).
  static final String FORMER_EMPLOYEE_ID = "61000001004";

  /** The second call queue, sequential; outside the users' ranges like the first (CallScenarios.QUEUE_ID). */
  static final String SUPPORT_QUEUE_ID = "61000002004";
  static final String SUPPORT_QUEUE_NUMBER = "90000003";
  static final String SUPPORT_QUEUE_NAME = "Support Queue";

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

  /** An outside party: a name, its E.164 number and the national form of the same number. */
  record Contact(String name, String e164, String national) {}

  private final SimulatorOptions options;
  private final Clock clock;
  private final Random random;
  private final OfficeIds ids;
  private final List<SimExtension> extensions = new ArrayList<>();
  private final Map<String, SimExtension> byId = new LinkedHashMap<>();
  private final List<ExtensionRecord> directory = new ArrayList<>();
  private final List<Contact> contacts = new ArrayList<>();
  private final SessionBook sessions;
  /** The call queues, Sales (ring-all) then Support (sequential); their members are users of the office. */
  private final List<SimQueue> queues = new ArrayList<>();
  /** The contact-centre truth, kept as the office changes. */
  private final ContactCentreBook contactCentre;
  /** Call-queue presence changes made by the traffic, to notify (taken after each step). */
  private final List<QueuePresenceChange> queueChanges = new ArrayList<>();
  /** Users disabled while running, by id: enabling one brings it back as it was. */
  private final Map<String, SimExtension> disabled = new LinkedHashMap<>();
  /** Users ever created, the first {@code options.extensions()} at start: the next one's index. */
  private int created;

  OfficeModel(SimulatorOptions options, Random random, OfficeIds ids) {
    this.options = options;
    this.clock = options.clock();
    this.random = random;
    this.ids = ids;
    this.sessions = new SessionBook(options.accountId(), options.seed(), this::now);
    buildContacts();
    buildExtensions();
    buildQueues();
    this.contactCentre = new ContactCentreBook(options, queues);
    Instant start = now();
    extensions.forEach(e -> contactCentre.track(e, start));
    sessions.observer(contactCentre::party);
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
    created = options.extensions();
    for (int i = 0; i < options.extensions(); i++) {
      String name;
      do {
        name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
      } while (!names.add(name) && names.size() < FIRST.length * LAST.length);
      String id = String.valueOf(options.extensionIdBase() + 1_000L * (i + 1) + 4);
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
      directory.add(new ExtensionRecord(CallScenarios.QUEUE_ID, CallScenarios.QUEUE_NUMBER, CallScenarios.QUEUE_NAME,
          "Enabled", "Department"));
      directory.add(new ExtensionRecord(FORMER_EMPLOYEE_ID, "90000002", "Former Employee", "Disabled", "User"));
      directory.add(new ExtensionRecord(SUPPORT_QUEUE_ID, SUPPORT_QUEUE_NUMBER, SUPPORT_QUEUE_NAME, "Enabled", "Department"));
    }
  }

  /**
   * The Sales Queue (ring-all) and the Support Queue (sequential), with members picked by index, drawing
   * nothing from the {@link Random} (the traffic of a seed stays what it was): Sales has users 2–7 (indexes
   * 1–6), Support users 6–11 (indexes 5–10), so that two users are in both; in an office too small for that,
   * Support has its last two users. The JWT's own user (index 0) is in a queue only in a one-user office.
   */
  private void buildQueues() {
    SimQueue sales = new SimQueue(CallScenarios.QUEUE_ID, CallScenarios.QUEUE_NUMBER, CallScenarios.QUEUE_NAME,
        SimQueue.Routing.RING_ALL, threshold(CallScenarios.QUEUE_NAME, CallScenarios.QUEUE_ID, CallScenarios.QUEUE_NUMBER));
    SimQueue support = new SimQueue(SUPPORT_QUEUE_ID, SUPPORT_QUEUE_NUMBER, SUPPORT_QUEUE_NAME,
        SimQueue.Routing.SEQUENTIAL, threshold(SUPPORT_QUEUE_NAME, SUPPORT_QUEUE_ID, SUPPORT_QUEUE_NUMBER));
    int n = extensions.size();
    for (int i = Math.min(1, n - 1); i <= Math.min(6, n - 1); i++) {
      sales.add(extensions.get(i));
    }
    if (n > 6) {
      for (int i = 5; i <= Math.min(10, n - 1); i++) {
        support.add(extensions.get(i));
      }
    } else {
      for (int i = Math.max(0, n - 2); i < n; i++) {
        support.add(extensions.get(i));
      }
    }
    queues.add(sales);
    queues.add(support);
  }

  /** A queue's service-level threshold, given by its name, id or number, else the default. */
  private java.time.Duration threshold(String name, String id, String number) {
    for (String key : List.of(name, id, number)) {
      if (options.queueThresholds().containsKey(key)) {
        return options.queueThresholds().get(key);
      }
    }
    return options.serviceLevelThreshold();
  }

  /**
   * A user's {@code contact.department} in the extension list, fixed by its queues: {@code Sales} for a member
   * of the Sales Queue, {@code Support} for one of the Support Queue only; other users take turns in
   * {@code Engineering}, {@code Finance} and none (null), by index.
   */
  String department(SimExtension e) {
    if (queues.get(0).isMember(e)) {
      return "Sales";
    }
    if (queues.get(1).isMember(e)) {
      return "Support";
    }
    return switch (e.index % 3) {
      case 0 -> "Engineering";
      case 1 -> "Finance";
      default -> null;
    };
  }

  /** The department of a directory entry: a user's, or null for anything else (queues, disabled users). */
  String department(String extensionId) {
    SimExtension e = byId.get(extensionId);
    if (e == null) {
      e = disabled.get(extensionId);
    }
    return e == null ? null : department(e);
  }

  // ---------------------------------------------------------------- the directory changing

  /**
   * A new enabled user, added to the directory and the traffic: the next index's id and number (so ids never
   * repeat), a name taken in order from the name lists; draws nothing from the office's {@link Random}, so
   * the traffic after it is the same as without it, but for the new user taking part.
   */
  SimExtension addUser() {
    int i = created++;
    String id = String.valueOf(options.extensionIdBase() + 1_000L * (i + 1) + 4);
    String number = String.valueOf(101 + i);
    String name = FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length] + " " + (i + 1);
    String national = COMPANY_AREAS[(i / 100) % COMPANY_AREAS.length] + "55501" + String.format("%02d", i % 100);
    SimExtension e = new SimExtension(i, id, number, name, new Contact(name, "+1" + national, national));
    e.sequence = 1_000_000L + i;
    e.updatedAt = now();
    extensions.add(e);
    byId.put(id, e);
    directory.add(new ExtensionRecord(id, number, name, "Enabled", "User"));
    contactCentre.track(e, now());
    return e;
  }

  /**
   * Disables an enabled user: it leaves the traffic and the truth, and the directory lists it
   * {@code Disabled}. @throws IllegalArgumentException for an unknown or already disabled user, or the
   * JWT's own user (the simulator's {@code ~})
   */
  SimExtension disable(String id) {
    SimExtension e = requireEnabledUser(id);
    drop(e);
    disabled.put(id, e);
    setStatus(id, "Disabled");
    return e;
  }

  /** Enables a disabled user again, as it was. @throws IllegalArgumentException if it is not disabled */
  SimExtension enable(String id) {
    SimExtension e = disabled.remove(id);
    if (e == null) {
      throw new IllegalArgumentException("no disabled user " + id);
    }
    e.removed = false;
    extensions.add(e);
    byId.put(id, e);
    setStatus(id, "Enabled");
    contactCentre.track(e, now());
    return e;
  }

  /**
   * Deletes a user, enabled or disabled: it leaves the directory, the traffic and the truth.
   * @throws IllegalArgumentException for an unknown user or the JWT's own
   */
  SimExtension delete(String id) {
    SimExtension e = disabled.remove(id);
    if (e == null) {
      e = requireEnabledUser(id);
      drop(e);
    }
    directory.removeIf(r -> r.id().equals(id));
    return e;
  }

  private SimExtension requireEnabledUser(String id) {
    SimExtension e = byId.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no enabled user " + id);
    }
    if (e == owner()) {
      throw new IllegalArgumentException("user " + id + " is the JWT's own (~): it cannot be disabled or deleted");
    }
    return e;
  }

  private void drop(SimExtension e) {
    contactCentre.untrack(e);
    e.removed = true;
    extensions.remove(e);
    byId.remove(e.id);
  }

  private void setStatus(String id, String status) {
    for (int i = 0; i < directory.size(); i++) {
      ExtensionRecord r = directory.get(i);
      if (r.id().equals(id)) {
        directory.set(i, new ExtensionRecord(r.id(), r.extensionNumber(), r.name(), status, r.type()));
        return;
      }
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

  /** The call queues, in the order the REST list gives them. */
  List<SimQueue> queues() {
    return queues;
  }

  /**
   * Switches members' {@code acceptCurrentQueueCalls} in one queue; all or nothing. Draws nothing from the
   * {@link Random}. @return the change to notify, or null when no value changed
   * @throws IllegalArgumentException for an unknown queue or a member id that is no member of it
   */
  QueuePresenceChange setQueuePresence(String queueId, List<io.presencestream.codec.CallQueueJson.MemberSwitch> switches) {
    SimQueue q = queue(queueId);
    if (q == null) {
      throw new IllegalArgumentException("no call queue " + queueId);
    }
    List<SimExtension> members = new ArrayList<>();
    for (io.presencestream.codec.CallQueueJson.MemberSwitch sw : switches) {
      SimExtension e = byId.get(sw.memberId());
      if (e == null || !q.isMember(e)) {
        throw new IllegalArgumentException("extension " + sw.memberId() + " is no member of call queue " + queueId);
      }
      members.add(e);
    }
    List<io.presencestream.codec.CallQueueJson.MemberSwitch> changed = new ArrayList<>();
    Instant now = now();
    for (int i = 0; i < switches.size(); i++) {
      if (q.acceptCurrentQueueCalls(members.get(i), switches.get(i).acceptCurrentQueueCalls())) {
        changed.add(switches.get(i));
        contactCentre.queueSwitch(members.get(i), now);
      }
    }
    return queuePresenceChange(q, changed);
  }

  /**
   * A member switches its {@code acceptCurrentQueueCalls} in one queue as part of the traffic; the change is kept
   * for {@link #takeQueueChanges()}. Draws nothing from the {@link Random}.
   */
  void switchQueue(SimQueue q, SimExtension e, boolean accept) {
    if (q.acceptCurrentQueueCalls(e, accept)) {
      contactCentre.queueSwitch(e, now());
      queueChanges.add(queuePresenceChange(q, List.of(new io.presencestream.codec.CallQueueJson.MemberSwitch(e.id, accept))));
    }
  }

  /** The call-queue presence changes the traffic made since the last call, oldest first. */
  List<QueuePresenceChange> takeQueueChanges() {
    if (queueChanges.isEmpty()) {
      return List.of();
    }
    List<QueuePresenceChange> out = List.copyOf(queueChanges);
    queueChanges.clear();
    return out;
  }

  /** The contact-centre truth. */
  ContactCentreBook contactCentre() {
    return contactCentre;
  }

  /** The notification of switched members, or null when none switched; its uuid draws nothing from the Random. */
  QueuePresenceChange queuePresenceChange(SimQueue q, List<io.presencestream.codec.CallQueueJson.MemberSwitch> changed) {
    return changed.isEmpty() ? null : new QueuePresenceChange(q.id, List.copyOf(changed), Ids.uuid(), now());
  }

  /** The queue with this id, or null. */
  SimQueue queue(String id) {
    for (SimQueue q : queues) {
      if (q.id.equals(id)) {
        return q;
      }
    }
    return null;
  }

  List<Contact> contacts() {
    return contacts;
  }

  /** The telephony sessions of the office's calls. */
  SessionBook sessions() {
    return sessions;
  }

  int maxCallsPerMessage() {
    return options.maxCallsPerMessage();
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

  private PresenceUpdate body(SimExtension e, Long sequence, int callsToSend, boolean notification) {
    List<ActiveCall> calls = new ArrayList<>();
    for (int i = 0; i < Math.min(callsToSend, e.calls.size()); i++) {
      calls.add(e.calls.get(i).toActiveCall());
    }
    return new PresenceUpdate(e.id, sequence, e.userStatus, e.dndStatus, e.presenceStatus(), e.telephonyStatus(),
        e.meetingStatus, e.message, notification ? e.calls.size() : null, calls);
  }

  // ---------------------------------------------------------------- notifications

  /**
   * One notification per changed extension, in the order given: each takes the next sequence
   * number and reports the whole raw state; calls whose end it reported then leave the raw list.
   */
  List<SimNotification> notify(Set<SimExtension> changed) {
    List<SimNotification> out = new ArrayList<>(changed.size());
    Instant now = now();
    for (SimExtension e : changed) {
      if (e.removed) {
        // A scenario that was running when its user was disabled or deleted goes on without a word from it.
        continue;
      }
      e.sequence++;
      PresenceUpdate body = body(e, e.sequence, options.maxCallsPerMessage(), true);
      e.lastSentSequence = e.sequence;
      e.updatedAt = now;
      remember(e, body);
      out.add(new SimNotification(e.id, ids.uuid(), now, body));
      e.calls.removeIf(c -> c.leaving || c.ended());
      contactCentre.observe(e, now);
    }
    return out;
  }

  private void remember(SimExtension e, PresenceUpdate body) {
    e.recent.add(body);
    if (e.recent.size() > 3) {
      e.recent.remove(0);
    }
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
    return notify(new LinkedHashSet<>(List.of(e)));
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
    return new SimNotification(best.id, ids.uuid(), now(), old);
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
