package io.presencestream.engine;

import io.presencestream.model.CallDurations;
import io.presencestream.model.Direction;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Folds RingCentral's telephony-session notifications into each extension's view of its calls, the way
 * RingCentral's Call Control SDK ({@code ringcentral-call-control} 0.2.12) does for its one extension, for
 * many extensions at once. Pure: no I/O, no clock reads (time is the notifications' {@code eventTime}, else
 * their envelope's {@code timestamp}), not thread-safe: one serial stage owns an instance, and the same
 * notifications give the same outcomes.
 *
 * <pre>{@code
 * SessionTracker tracker = new SessionTracker(SessionOptions.defaults());
 * for (SessionOutcome outcome : tracker.apply(codec.decodeNotification(frame))) {
 *   outcome.events().forEach(sink); // session.started, party.updated, session.ended
 * }
 * }</pre>
 *
 * <p><b>Whose notification.</b> One with an extension (the body's {@code extensionId}, or the extension of
 * an extension-level event path) is that extension's. An account-level one is applied for every extension
 * that has a party in it and for every extension already tracking the session (so the caller's party shows
 * in the callee's view); with none of either it is dropped, {@link SessionDropReason#NO_OWNER}. Applied as one
 * extension's share ({@link #applyFor}), it is applied for that extension alone, if it is one of those.
 *
 * <p><b>Rules, per extension, as the SDK's.</b>
 * <ul>
 *   <li>Sequence: a notification is dropped when its parties were already reported with a higher
 *       sequence ({@link SessionDropReason#STALE_SEQUENCE}). Sequences of an ended session are kept for
 *       {@link SessionOptions#sequenceMemory()} of input time, so that its late notifications stay stale.
 *   <li>Ghost: a session new to the extension whose parties have all disconnected is ignored
 *       ({@link SessionDropReason#GHOST}).
 *   <li>RingOut: a new session whose party is inbound, whose numeric {@code sessionId} is 1000, 2000, 3000
 *       or 4000 from that of a live outbound session of the extension and whose numbers cross (its
 *       {@code from} is the other's {@code to} and its {@code to} the other's {@code from}) is the inbound
 *       leg of a RingOut and is dropped ({@link SessionDropReason#RINGOUT_INBOUND_LEG}), then and later; an
 *       outbound leg (origin other than {@code Call}) that arrives after its inbound leg ends that leg
 *       ({@link SessionResult#MERGED}, {@code peer} the outbound leg).
 *   <li>Parties merge by id: a party keeps what a newer report of it leaves out.
 *   <li>End: a session ends for the extension when its party is {@code Disconnected} for a reason other
 *       than {@code Pickup} or {@code CallSwitch} (the call moved to another of its devices).
 * </ul>
 *
 * <p><b>Where we differ (better, we think).</b>
 * <ul>
 *   <li>Sequence per party, not by the first party alone: a notification is stale only if <em>every</em>
 *       party in it was reported with a higher sequence, and then only its fresh parties are merged; an
 *       equal sequence for every party is a repeated delivery ({@link SessionDropReason#DUPLICATE_SEQUENCE}).
 *       A stale notification changes no state, but its status is placed in the party's timeline by its
 *       sequence, so ring, talk and hold times follow the sequence as RingCentral's call-time-metrics guide
 *       asks, whatever the order of arrival.
 *   <li>RingOut legs: numbers are compared by libphonenumber's equivalence ({@code +16505550100} and
 *       {@code 6505550100} are one number), the session ids may differ either way (as presence's RingOut
 *       rule, {@link RingOutLegs}), the two legs must have opposite directions, and the extension's own party
 *       is compared (the SDK takes the notification's first party).
 *   <li>{@code Gone} ends the session for the extension: its party moved to the session named by
 *       {@code peerId} ({@link SessionResult#TRANSFERRED}); the SDK keeps such a session. A new session
 *       whose parties are all {@code Disconnected} or {@code Gone} is a ghost.
 *   <li>After {@code Pickup}/{@code CallSwitch}, the session waits {@link SessionOptions#switchGrace()} of
 *       input time for the extension's new party, then ends (the SDK keeps it for ever); it also ends when
 *       every party it knows has left.
 *   <li>At most {@link SessionOptions#maxSessionsPerExtension()} live sessions per extension: the oldest
 *       beyond ends {@link SessionResult#EVICTED}.
 *   <li>Events: {@code session.started} when the extension first has a party in the session,
 *       {@code party.updated} for each party that is new or changed after that, {@code session.ended} with a
 *       {@link SessionResult} and {@link CallDurations}; event times never go back for an extension.
 * </ul>
 */
public final class SessionTracker {

  /** Most party sequences (and dropped RingOut legs) remembered per extension beyond its live sessions'. */
  private static final int MAX_REMEMBERED = 1024;

  private final SessionOptions options;
  private final PhoneNumbers phoneNumbers = new PhoneNumbers();
  private final Map<String, Owner> owners = new LinkedHashMap<>();
  /** Which extensions track a session, to route account-level notifications without a party of theirs. */
  private final Map<String, Set<String>> ownersBySession = new HashMap<>();

  /** One extension's sessions and memory. */
  private static final class Owner {
    final String extensionId;
    final Map<String, LiveSession> sessions = new LinkedHashMap<>();
    /** Party id → the highest sequence seen for it. */
    final Map<String, Seen> sequences = new LinkedHashMap<>();
    /** Sessions judged to be RingOut inbound legs → when last seen. */
    final Map<String, Instant> droppedLegs = new LinkedHashMap<>();
    /**
     * The extension's status points by session, from every notification with its party, also those dropped
     * (stale, or before the session existed for it): a late delivery is placed by its sequence, and a second
     * delivery of the same notification finds its point already there.
     */
    final Map<String, StatusTimeline> timelines = new LinkedHashMap<>();
    Instant lastAt;

    Owner(String extensionId) {
      this.extensionId = extensionId;
    }
  }

  private record Seen(long sequence, String telephonySessionId, Instant at) {}

  /**
   * A tracker with no extension yet; it learns extensions from the notifications.
   *
   * @param options its limits and times, e.g. {@link SessionOptions#defaults()}
   * @throws NullPointerException if {@code options} is null
   */
  public SessionTracker(SessionOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Applies one notification for every extension it concerns (see the class comment) and says what it did
   * for each, in a stable order: the notification's own extension, else its parties' extensions in order,
   * then the other extensions tracking the session. Never throws for a decoded notification.
   *
   * @param notification a decoded notification, never null; its body's {@code eventTime} (else its
   *     {@code timestamp}) is the input time
   * @return one outcome per extension concerned, never empty: a single {@link SessionDropReason#NO_OWNER}
   *     outcome when no extension is
   * @throws NullPointerException if {@code notification} is null
   */
  public List<SessionOutcome> apply(TelephonySessionNotification notification) {
    Objects.requireNonNull(notification, "notification");
    TelephonySessionUpdate update = notification.body();
    Set<String> extensions = ownersOf(update);
    if (extensions.isEmpty()) {
      return List.of(new SessionOutcome(null, update.telephonySessionId(), false, SessionDropReason.NO_OWNER, null,
          List.of()));
    }
    Instant time = timeOf(notification);
    List<SessionOutcome> outcomes = new ArrayList<>(extensions.size());
    for (String extensionId : extensions) {
      outcomes.add(applyFor(owners.computeIfAbsent(extensionId, Owner::new), update, time));
    }
    return outcomes;
  }

  /**
   * Applies one notification for one extension only, if the notification concerns it by the rule of
   * {@link #apply(TelephonySessionNotification)} (its own extension; for an account-level one, an extension
   * with a party in it or already tracking the session): the share of the notification that belongs to that
   * extension. For every extension {@code E} it concerns, the shares give {@code E} the outcome the whole
   * notification gives it, so trackers that each hold some extensions and get the shares of their own
   * extensions derive together what one tracker derives from the whole notification.
   *
   * @param notification a decoded notification, never null
   * @param extensionId the extension to apply it for, never null
   * @return the extension's outcome, or nothing when the notification does not concern it (not a drop: the
   *     extension simply has no share in it)
   * @throws NullPointerException if an argument is null
   */
  public Optional<SessionOutcome> applyFor(TelephonySessionNotification notification, String extensionId) {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(extensionId, "extensionId");
    TelephonySessionUpdate update = notification.body();
    if (!concerns(update, extensionId)) {
      return Optional.empty();
    }
    return Optional.of(applyFor(owners.computeIfAbsent(extensionId, Owner::new), update, timeOf(notification)));
  }

  private static Instant timeOf(TelephonySessionNotification notification) {
    return notification.body().eventTime() != null ? notification.body().eventTime() : notification.timestamp();
  }

  /**
   * Lets input time pass without a notification: ends the sessions whose switch grace is over by {@code now}
   * and forgets expired sequences. Only needed when the stream may go quiet; every notification does the
   * same for its extension first.
   *
   * @param now the input time reached; an extension whose last notification is later keeps its own time, and
   *     one without a session ending keeps its time (its next event is timed by its own notifications only)
   * @return a {@code SessionEnded} event for each session whose switch grace ran out, oldest session first
   *     within an extension; empty when none
   * @throws NullPointerException if {@code now} is null
   */
  public List<SessionEvent> advanceTo(Instant now) {
    Objects.requireNonNull(now, "now");
    List<SessionEvent> events = new ArrayList<>();
    for (Owner owner : List.copyOf(owners.values())) {
      Instant at = owner.lastAt == null || now.isAfter(owner.lastAt) ? now : owner.lastAt;
      int before = events.size();
      expire(owner, at, events);
      // Only an extension that got an event here moves its clock: the next event time of any other depends on
      // its own notifications alone, not on when other extensions' inputs let time pass, so trackers holding
      // different sets of extensions (Kafka partitions) give each extension the same events.
      if (events.size() > before) {
        owner.lastAt = at;
      }
      dropIfEmpty(owner);
    }
    return events;
  }

  /** An extension's view of one of its live sessions. */
  Optional<TelephonySession> session(String extensionId, String telephonySessionId) {
    Owner owner = owners.get(extensionId);
    LiveSession live = owner == null ? null : owner.sessions.get(telephonySessionId);
    return live == null ? Optional.empty() : Optional.of(live.view(extensionId));
  }

  /** Whether no extension is tracked at all (no live session, no remembered sequence): the feed is off or idle. */
  boolean isEmpty() {
    return owners.isEmpty();
  }

  /** Whether the extension has a live session; a map lookup, no allocation (the presence path asks on every message). */
  boolean tracks(String extensionId) {
    Owner owner = owners.get(extensionId);
    return owner != null && !owner.sessions.isEmpty();
  }

  /**
   * A party of one of the extension's live sessions, without building a view: the party {@code partyId} when
   * the session has it, else the extension's own party (by {@link TelephonySession#party()}'s rule); null when
   * the extension has no such live session or no party in it.
   */
  Party party(String extensionId, String telephonySessionId, String partyId) {
    Owner owner = owners.get(extensionId);
    LiveSession live = owner == null ? null : owner.sessions.get(telephonySessionId);
    if (live == null) {
      return null;
    }
    Party party = partyId == null ? null : live.parties.get(partyId);
    return party != null ? party : live.ownParty(extensionId);
  }

  /** An extension's live sessions, oldest first. */
  List<TelephonySession> sessions(String extensionId) {
    Owner owner = owners.get(extensionId);
    if (owner == null) {
      return List.of();
    }
    List<TelephonySession> views = new ArrayList<>(owner.sessions.size());
    for (LiveSession live : owner.sessions.values()) {
      views.add(live.view(extensionId));
    }
    return views;
  }

  /** Stops tracking an extension and frees everything known about it. Emits nothing. */
  void forget(String extensionId) {
    Owner owner = owners.remove(extensionId);
    if (owner != null) {
      for (String id : owner.sessions.keySet()) {
        unindex(id, extensionId);
      }
    }
  }

  // ---------------------------------------------------------------- routing

  private Set<String> ownersOf(TelephonySessionUpdate update) {
    Set<String> extensions = new LinkedHashSet<>(2);
    if (update.extensionId() != null) {
      extensions.add(update.extensionId());
      return extensions;
    }
    for (Party p : update.parties()) {
      if (p.extensionId() != null) {
        extensions.add(p.extensionId());
      }
    }
    Set<String> tracking = ownersBySession.get(update.telephonySessionId());
    if (tracking != null) {
      extensions.addAll(tracking);
    }
    return extensions;
  }

  /** Whether {@link #ownersOf} would hold {@code extensionId}, without building the set. */
  private boolean concerns(TelephonySessionUpdate update, String extensionId) {
    if (update.extensionId() != null) {
      return update.extensionId().equals(extensionId);
    }
    for (Party p : update.parties()) {
      if (extensionId.equals(p.extensionId())) {
        return true;
      }
    }
    Set<String> tracking = ownersBySession.get(update.telephonySessionId());
    return tracking != null && tracking.contains(extensionId);
  }

  // ---------------------------------------------------------------- one extension

  private SessionOutcome applyFor(Owner owner, TelephonySessionUpdate update, Instant time) {
    String extensionId = owner.extensionId;
    String id = update.telephonySessionId();
    Instant at = time == null ? owner.lastAt : owner.lastAt == null || time.isAfter(owner.lastAt) ? time : owner.lastAt;
    if (at == null) {
      at = Instant.EPOCH;
    }
    Instant pointTime = time != null ? time : at;
    owner.lastAt = at;
    List<SessionEvent> events = new ArrayList<>(2);
    expire(owner, at, events);

    LiveSession live = owner.sessions.get(id);
    Party ownInMessage = TelephonySession.ownParty(update.parties(), extensionId);
    StatusTimeline timeline = live != null ? live.timeline : owner.timelines.get(id);
    if (ownInMessage != null) {
      if (timeline == null) {
        timeline = new StatusTimeline(at);
        owner.timelines.put(id, timeline);
      }
      timeline.add(update.sequence(), pointTime, ownInMessage.code(), at);
    }

    // sequence, per party
    List<Party> fresh = update.parties();
    Long sequence = update.sequence();
    if (sequence != null && !update.parties().isEmpty()) {
      fresh = new ArrayList<>(update.parties().size());
      boolean allEqual = true;
      for (Party p : update.parties()) {
        Seen seen = owner.sequences.get(p.id());
        if (seen == null || seen.sequence() < sequence) {
          fresh.add(p);
        } else if (seen.sequence() != sequence) {
          allEqual = false;
        }
      }
      if (fresh.isEmpty()) {
        return new SessionOutcome(extensionId, id, false,
            allEqual ? SessionDropReason.DUPLICATE_SEQUENCE : SessionDropReason.STALE_SEQUENCE,
            live == null ? null : live.view(extensionId), events);
      }
      for (Party p : fresh) {
        owner.sequences.remove(p.id()); // re-insert: the map's order is the order of last report
        owner.sequences.put(p.id(), new Seen(sequence, id, at));
      }
    }

    if (live == null) {
      SessionDropReason drop = admit(owner, update, ownInMessage, at, events);
      if (drop != null) {
        dropIfEmpty(owner);
        return new SessionOutcome(extensionId, id, false, drop, null, events);
      }
      if (timeline == null) {
        timeline = new StatusTimeline(at);
        owner.timelines.put(id, timeline);
      }
      live = new LiveSession(id, update.sessionId(), update.origin(), pointTime, timeline);
      owner.sessions.put(id, live);
      ownersBySession.computeIfAbsent(id, k -> new LinkedHashSet<>(2)).add(extensionId);
      evictBeyondLimit(owner, at, events);
    } else {
      if (live.sessionId == null) {
        live.sessionId = update.sessionId();
      }
      if (live.origin.type() == OriginType.CALL && update.origin().type() != OriginType.CALL) {
        live.origin = update.origin();
      }
    }
    if (live.updatedAt.isBefore(at)) {
      live.updatedAt = at;
    }

    // merge parties by id
    List<Party[]> changes = new ArrayList<>(fresh.size());
    for (Party p : fresh) {
      Party previous = live.parties.get(p.id());
      Party merged = previous == null ? p : previous.mergedWith(p);
      if (!merged.equals(previous)) {
        live.parties.put(p.id(), merged);
        changes.add(new Party[] {merged, previous});
      }
    }
    Party own = live.ownParty(extensionId);
    TelephonySession view = live.view(extensionId);
    if (!live.announced) {
      if (own != null) {
        live.announced = true;
        events.add(new SessionEvent.SessionStarted(extensionId, at, view));
      }
    } else {
      for (Party[] change : changes) {
        events.add(new SessionEvent.PartyUpdated(extensionId, at, view, change[0], change[1]));
      }
    }

    // end
    if (own != null && own.code() == PartyStatusCode.GONE) {
      end(owner, live, at, SessionResults.of(own, live.timeline), own.status().peerId(), events);
    } else if (own != null && own.code() == PartyStatusCode.DISCONNECTED && !movedToAnotherDevice(own)) {
      end(owner, live, at, SessionResults.of(own, live.timeline), null, events);
    } else {
      live.switchedAt = own != null && own.code() == PartyStatusCode.DISCONNECTED
          ? (live.switchedAt == null ? at : live.switchedAt)
          : null;
      if (live.allPartiesLeft(extensionId)) {
        end(owner, live, at, SessionResults.of(own, live.timeline), null, events);
      }
    }
    return new SessionOutcome(extensionId, id, true, null, view, events);
  }

  /**
   * Whether a session new to the extension is kept; if not, why. Also ends the inbound leg of a RingOut
   * whose outbound leg this is.
   */
  private SessionDropReason admit(Owner owner, TelephonySessionUpdate update, Party ownInMessage, Instant at,
      List<SessionEvent> events) {
    String id = update.telephonySessionId();
    if (owner.droppedLegs.containsKey(id)) {
      owner.droppedLegs.put(id, at);
      return SessionDropReason.RINGOUT_INBOUND_LEG;
    }
    boolean allLeft = true;
    for (Party p : update.parties()) {
      allLeft &= p.code().isFinal();
    }
    if (allLeft) {
      return SessionDropReason.GHOST;
    }
    Party leg = ownInMessage != null ? ownInMessage : update.parties().get(0);
    if (leg.direction() == Direction.INBOUND) {
      for (LiveSession other : owner.sessions.values()) {
        if (areRingOutLegs(leg, update.sessionId(), other.ownParty(owner.extensionId), other.sessionId)) {
          owner.droppedLegs.put(id, at);
          trim(owner.droppedLegs);
          return SessionDropReason.RINGOUT_INBOUND_LEG;
        }
      }
    } else if (leg.direction() == Direction.OUTBOUND && update.origin().type() != OriginType.CALL) {
      for (LiveSession other : List.copyOf(owner.sessions.values())) {
        if (areRingOutLegs(other.ownParty(owner.extensionId), other.sessionId, leg, update.sessionId())) {
          owner.droppedLegs.put(other.telephonySessionId, at);
          trim(owner.droppedLegs);
          end(owner, other, at, SessionResult.MERGED, new PeerId(update.sessionId(), id, leg.id()), events);
          break;
        }
      }
    }
    return null;
  }

  private boolean areRingOutLegs(Party inbound, String inboundSessionId, Party outbound, String outboundSessionId) {
    if (inbound == null || outbound == null
        || inbound.direction() != Direction.INBOUND || outbound.direction() != Direction.OUTBOUND) {
      return false;
    }
    Long in = RingOutLegs.numericSessionId(inboundSessionId);
    Long out = RingOutLegs.numericSessionId(outboundSessionId);
    if (in == null || out == null) {
      return false;
    }
    long gap = Math.abs(in - out);
    if (gap != 1000 && gap != 2000 && gap != 3000 && gap != 4000) {
      return false;
    }
    return inbound.from() != null && inbound.to() != null && outbound.from() != null && outbound.to() != null
        && phoneNumbers.equivalent(inbound.from().phoneNumber(), outbound.to().phoneNumber())
        && phoneNumbers.equivalent(inbound.to().phoneNumber(), outbound.from().phoneNumber());
  }

  private static boolean movedToAnotherDevice(Party own) {
    PartyStatusReason reason = own.status().reason();
    return reason == PartyStatusReason.PICKUP || reason == PartyStatusReason.CALL_SWITCH;
  }

  // ---------------------------------------------------------------- ending and memory

  private void end(Owner owner, LiveSession live, Instant at, SessionResult result, PeerId peer,
      List<SessionEvent> events) {
    owner.sessions.remove(live.telephonySessionId);
    unindex(live.telephonySessionId, owner.extensionId);
    if (live.announced) {
      events.add(new SessionEvent.SessionEnded(owner.extensionId, at, live.view(owner.extensionId), result,
          live.timeline.durations(at), peer));
    }
  }

  private void evictBeyondLimit(Owner owner, Instant at, List<SessionEvent> events) {
    while (owner.sessions.size() > options.maxSessionsPerExtension()) {
      LiveSession oldest = owner.sessions.values().iterator().next();
      end(owner, oldest, at, SessionResult.EVICTED, null, events);
    }
  }

  /** Ends sessions whose switch grace is over and forgets sequences and legs past their memory. */
  private void expire(Owner owner, Instant at, List<SessionEvent> events) {
    for (LiveSession live : List.copyOf(owner.sessions.values())) {
      if (live.switchedAt != null && !live.switchedAt.plus(options.switchGrace()).isAfter(at)) {
        Party own = live.ownParty(owner.extensionId);
        end(owner, live, at, SessionResults.of(own, live.timeline), null, events);
      }
    }
    Instant forgetBefore = at.minus(options.sequenceMemory());
    Iterator<Seen> seen = owner.sequences.values().iterator();
    while (seen.hasNext()) {
      Seen s = seen.next();
      if (!owner.sessions.containsKey(s.telephonySessionId()) && s.at().isBefore(forgetBefore)) {
        seen.remove();
      }
    }
    owner.droppedLegs.values().removeIf(last -> last.isBefore(forgetBefore));
    owner.timelines.entrySet().removeIf(e ->
        !owner.sessions.containsKey(e.getKey()) && e.getValue().lastSeen().isBefore(forgetBefore));
    trimSequences(owner);
  }

  /** Bounds the sequences of ended sessions (the oldest reported go first); live sessions' are kept. */
  private static void trimSequences(Owner owner) {
    Iterator<Seen> seen = owner.sequences.values().iterator();
    int excess = owner.sequences.size() - MAX_REMEMBERED;
    while (excess > 0 && seen.hasNext()) {
      if (!owner.sessions.containsKey(seen.next().telephonySessionId())) {
        seen.remove();
        excess--;
      }
    }
    Iterator<String> timelines = owner.timelines.keySet().iterator();
    excess = owner.timelines.size() - MAX_REMEMBERED;
    while (excess > 0 && timelines.hasNext()) {
      if (!owner.sessions.containsKey(timelines.next())) {
        timelines.remove();
        excess--;
      }
    }
  }

  private static void trim(Map<String, Instant> legs) {
    Iterator<String> oldest = legs.keySet().iterator();
    while (legs.size() > MAX_REMEMBERED && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  private void dropIfEmpty(Owner owner) {
    if (owner.sessions.isEmpty() && owner.sequences.isEmpty() && owner.droppedLegs.isEmpty()
        && owner.timelines.isEmpty()) {
      owners.remove(owner.extensionId);
    }
  }

  private void unindex(String telephonySessionId, String extensionId) {
    Set<String> tracking = ownersBySession.get(telephonySessionId);
    if (tracking != null) {
      tracking.remove(extensionId);
      if (tracking.isEmpty()) {
        ownersBySession.remove(telephonySessionId);
      }
    }
  }
}
