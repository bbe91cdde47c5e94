package io.presencestream.simulator;

import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The office's telephony sessions: every live session with its parties, kept as the scenarios move their
 * calls (a few small objects per live call, always, so that the truth and the REST session are there
 * whether or not anyone subscribes), and the changes to report — recorded only while {@link #recording}
 * is on, i.e. while some subscription has a telephony-session filter. With nobody subscribed a change
 * costs a status record and a counter, nothing else: the simulator runs benchmarks of 100,000 extensions.
 *
 * <p>Never draws from the office's seeded {@link Random}: whether anyone subscribes to telephony must not
 * change the presence traffic of a seed. Notification uuids come from a generator of its own.
 *
 * <p>Not thread-safe (see {@link Office}).
 */
final class SessionBook {

  private final String accountId;
  private final Supplier<Instant> now;
  private final Random uuids;
  private final Map<String, SimSession> live = new LinkedHashMap<>();
  private final List<SessionChange> pending = new ArrayList<>();
  private boolean recording;
  private long recorded;
  /** Told of every party change, recorded or not (the contact-centre truth); null until set. */
  private PartyObserver observer;

  /** Sees every party change at its instant. */
  interface PartyObserver {
    void party(SimSession session, SimParty party, Instant at);
  }

  void observer(PartyObserver observer) {
    this.observer = observer;
  }

  SessionBook(String accountId, long seed, Supplier<Instant> now) {
    this.accountId = accountId;
    this.now = now;
    this.uuids = new Random(seed ^ 0x7e1e_5e55_10f5L);
  }

  // ---------------------------------------------------------------- changes

  /** The statuses without reason, peer or park data: shared, as most changes are one of these. */
  private static final Map<PartyStatusCode, PartyStatus> PLAIN = new EnumMap<>(PartyStatusCode.class);

  static {
    for (PartyStatusCode code : PartyStatusCode.values()) {
      PLAIN.put(code, PartyStatus.of(code));
    }
  }

  /** The party's status becomes {@code code}, without reason. */
  void set(SimParty party, PartyStatusCode code) {
    set(party, PLAIN.get(code));
  }

  /** The party's status becomes {@code code} for {@code reason}. */
  void set(SimParty party, PartyStatusCode code, PartyStatusReason reason) {
    set(party, new PartyStatus(code, reason, null, null));
  }

  /** The party is parked at {@code parkData} (a park extension such as {@code *801}). */
  void park(SimParty party, String parkData) {
    set(party, new PartyStatus(PartyStatusCode.PARKED, null, null, parkData));
  }

  /** The party moved to {@code peer}, a party of another session (attended transfer). */
  void gone(SimParty party, PartyStatusReason reason, SimParty peer) {
    SimSession s = peer.session;
    set(party, new PartyStatus(PartyStatusCode.GONE, reason, new PeerId(s.sessionId, s.telephonySessionId, peer.id), null));
  }

  private void set(SimParty party, PartyStatus status) {
    SimSession s = party.session;
    Instant at = now.get();
    if (!s.live) {
      s.live = true;
      s.creationTime = at;
      live.put(s.telephonySessionId, s);
    }
    party.status = status;
    s.sequence++;
    if (recording) {
      pending.add(new SessionChange(uuid(), at, s.telephonySessionId, s.sessionId, s.origin, s.sequence,
          party.snapshot(accountId)));
      recorded++;
    }
    if (observer != null) {
      observer.party(s, party, at);
    }
    if (s.over()) {
      s.live = false;
      live.remove(s.telephonySessionId);
    }
  }

  private String uuid() {
    return String.valueOf(1_000_000_000_000_000_000L + (uuids.nextLong() >>> 1) % 8_000_000_000_000_000_000L);
  }

  // ---------------------------------------------------------------- recording

  /** Whether changes are recorded from now on; turning it off drops what was not yet taken. */
  void recording(boolean on) {
    recording = on;
    if (!on) {
      pending.clear();
    }
  }

  boolean recording() {
    return recording;
  }

  /** The changes recorded since the last call, oldest first. */
  List<SessionChange> take() {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<SessionChange> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  /** How many changes were ever recorded (zero while nobody subscribes to telephony). */
  long recorded() {
    return recorded;
  }

  // ---------------------------------------------------------------- state

  /** The live session with this id, or null (unknown or ended). */
  SimSession live(String telephonySessionId) {
    return live.get(telephonySessionId);
  }

  /** Every live session, oldest first; a view, read under the office's lock. */
  Collection<SimSession> live() {
    return live.values();
  }

  String accountId() {
    return accountId;
  }
}
