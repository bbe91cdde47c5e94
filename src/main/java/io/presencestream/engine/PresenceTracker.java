package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Leg;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.WebRtcSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure engine: the state of many extensions and every derivation (sequence order, cleaned call
 * lists, start times, merged RingOut legs, presence status, call events, softphone matching). No I/O,
 * no clock reads (time comes in with each input), not thread-safe: exactly one serial stage owns an
 * instance. Feeding the same inputs to a new tracker always gives the same outcomes.
 * {@link io.presencestream.PresenceEngine} is the embedding API around it; use a tracker directly to
 * replay or to own the threading yourself.
 *
 * <pre>{@code
 * PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
 * Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(notification, receivedAt));
 * outcome.events().forEach(sink);               // presence and call events
 * outcome.resyncRequests().forEach(restClient); // answer with EngineInput.SnapshotReceived
 * }</pre>
 *
 * <p>Policies beyond the behaviour of RingCentral's own client code:
 * <ul>
 *   <li>sequence: an equal sequence is a duplicate and a lower one is stale, both dropped and counted;
 *       a backwards jump of at least {@link EngineOptions#sequenceResetThreshold()} is a server reset:
 *       applied, taken as the new baseline, and answered with a {@link ResyncReason#SEQUENCE_RESET}
 *       request. Snapshots skip the check and leave the sequence alone.
 *   <li>a notification whose call list is truncated ({@code activeCalls} shorter than
 *       {@code totalActiveCalls}) keeps the previous calls and asks for a
 *       {@link ResyncReason#TRUNCATED_CALL_LIST} resync; a message without {@code activeCalls} keeps the
 *       calls without asking.
 *   <li>resync requests are not repeated for an extension while one is outstanding: the next one
 *       goes out once a snapshot was applied or 4 seconds have passed (input time).
 *   <li>the first applied message of an extension announces its presence ({@code previous} null);
 *       after that presence is announced only when the derived status or the raw triple changes.
 *   <li>at most {@link EngineOptions#maxCallsPerExtension()} calls (the newest) and as many softphone
 *       sessions are kept per extension.
 *   <li>an extension's event times ({@code at}) and {@code updatedAt} never decrease: an input older
 *       than the last one applied to its extension takes that one's time.
 *   <li>every {@link PresenceEvent.CallEnded} says why ({@link EndReason}): the inbound leg of a RingOut call
 *       ends {@code merged} into the RingOut call, a call a snapshot no longer lists ends {@code resync},
 *       one beyond the call limit {@code evicted}, an inbound call last seen ringing {@code missed}, any
 *       other {@code hangup}.
 *   <li>with a {@link EngineOptions#ringOutGrace()}, a new inbound call that may be the inbound leg of a
 *       RingOut call (numeric session id, not a queue call) is held back: its {@code call.new} and
 *       {@code call.ringing} come with the first input at or after the end of the grace period (input
 *       time; {@link #advanceTo} for a quiet stream), and never if the leg merges before. A held call that
 *       ends unmerged is announced and ended at once. The state lists held calls all the same.
 * </ul>
 *
 * <p><b>Telephony sessions, fused with presence.</b> An {@link EngineInput.TelephonySessionReceived} goes to a
 * {@link SessionTracker} in the same stage (options {@link EngineOptions#sessions()}); its events
 * ({@code session.started}, {@code party.updated}, {@code session.ended}) come in the same outcome list, in
 * order, and the extension's live sessions are {@link #sessions(String)}. Presence calls carry their party as
 * that tracker knows it ({@link Call#party()}: status, reason, transfer target, recording, mute), in call
 * events and in the state. A session change alone emits no call event: it updates the party of the calls in
 * the extension's state (their next call event carries it), and its own {@code party.updated} says what
 * changed; a call event comes from presence only, so presence alone reads as it always did. Its time passes
 * with every input's (a moved call's switch grace ends without a notification of its own). Without session
 * inputs nothing of this costs the presence path more than a map lookup.
 */
public final class PresenceTracker {

  /** How long an outstanding resync request suppresses another one for the same extension (input time). */
  static final Duration RESYNC_REPEAT_AFTER = Duration.ofSeconds(4);

  private static final Outcome DROPPED_DUPLICATE =
      new Outcome(false, DropReason.DUPLICATE_SEQUENCE, List.of(), List.of());
  private static final Outcome DROPPED_STALE = new Outcome(false, DropReason.STALE_SEQUENCE, List.of(), List.of());
  private static final Outcome APPLIED_SILENTLY = new Outcome(true, null, List.of(), List.of());

  private final EngineOptions options;
  private final EngineMetrics metrics;
  /** The whole per-extension state is one immutable {@link ExtensionState}: safe to publish as is. */
  private final Map<String, ExtensionState> states = new HashMap<>();
  /** Registered softphone sessions; only extensions that have some are in the map. */
  private final Map<String, List<WebRtcSession>> sessions = new HashMap<>();
  /** When a resync was last requested, for extensions with one outstanding. */
  private final Map<String, Instant> outstandingResyncs = new HashMap<>();
  /**
   * Calls held back by the RingOut grace period, by extension: call → end of its hold (input time).
   * Linked maps: releases come out in a deterministic order.
   */
  private final Map<String, Map<CallKey, Instant>> held = new LinkedHashMap<>();
  /** The earliest end of a hold, or null when nothing is held (may be early after a forget: harmless). */
  private Instant nextRelease;
  private final PresenceDerivation presence = new PresenceDerivation();
  private final LiveCalls liveCalls;
  private final SessionFeed sessionFeed;

  /**
   * A tracker that reports no metrics.
   *
   * @param options the limits and policies
   * @throws NullPointerException if {@code options} is null
   */
  public PresenceTracker(EngineOptions options) {
    this(options, EngineMetrics.noop());
  }

  /**
   * A tracker reporting its work.
   *
   * @param options the limits and policies
   * @param metrics told of every input, drop, merge and resync, on the owning thread
   * @throws NullPointerException if an argument is null
   */
  public PresenceTracker(EngineOptions options, EngineMetrics metrics) {
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.liveCalls = new LiveCalls(new RingOutLegs(new PhoneNumbers()), options.maxCallsPerExtension());
    this.sessionFeed = new SessionFeed(options.sessions(), metrics);
  }

  /**
   * Applies one input and says what it did. Never throws for any well-formed input.
   *
   * @param input a notification, snapshot, softphone session change or telephony-session notification, with its
   *     receive time
   * @return whether it was applied, the events it caused (after those of held calls whose grace period ended
   *     and of sessions whose switch grace ended first) and the resyncs it asks for; a telephony-session
   *     notification is applied when it was for at least one extension, and has no {@link DropReason}
   *     (its reasons, one per extension, go to {@link EngineMetrics#sessionDropped})
   * @throws NullPointerException if {@code input} is null
   */
  public Outcome apply(EngineInput input) {
    Objects.requireNonNull(input, "input");
    metrics.received();
    List<PresenceEvent> released = releaseDue(input.receivedAt());
    List<SessionEvent> expired = sessionFeed.advance(input.receivedAt());
    if (!expired.isEmpty()) {
      absorb(expired);
      released = concat(released, expired);
    }
    if (input instanceof EngineInput.TelephonySessionReceived t) {
      SessionFeed.Applied applied = sessionFeed.apply(t);
      absorb(applied.events());
      if (applied.applied()) {
        metrics.applied();
      }
      return new Outcome(applied.applied(), null,
          released.isEmpty() ? List.<PresenceEvent>copyOf(applied.events()) : concat(released, applied.events()),
          List.of());
    }
    Outcome outcome;
    if (input instanceof EngineInput.NotificationReceived n) {
      outcome = applyUpdate(n.notification().body(), n.receivedAt(), true);
    } else if (input instanceof EngineInput.SnapshotReceived s) {
      outcome = applyUpdate(s.presence(), s.receivedAt(), false);
    } else if (input instanceof EngineInput.WebRtcSessionRegistered r) {
      outcome = register(r.session());
    } else if (input instanceof EngineInput.ExtensionRemoved r) {
      outcome = remove(r.extensionId(), r.receivedAt());
    } else {
      EngineInput.WebRtcSessionRemoved r = (EngineInput.WebRtcSessionRemoved) input;
      outcome = unregister(r.extensionId(), r.sessionId());
    }
    if (outcome.applied()) {
      metrics.applied();
    } else {
      metrics.dropped(outcome.dropReason());
    }
    if (!released.isEmpty()) {
      List<PresenceEvent> events = new ArrayList<>(released.size() + outcome.events().size());
      events.addAll(released);
      events.addAll(outcome.events());
      outcome = new Outcome(outcome.applied(), outcome.dropReason(), events, outcome.resyncRequests());
    }
    return outcome;
  }

  /**
   * Lets input time pass without an input: announces the calls whose RingOut grace period has ended by
   * {@code now}, and ends the telephony sessions whose switch grace has (see {@link SessionOptions#switchGrace()}).
   * Only needed when the stream may go quiet; every input does the same first.
   *
   * @param now the input time reached; an earlier time than before releases nothing new
   * @return an applied outcome with the released events, possibly none
   * @throws NullPointerException if {@code now} is null
   */
  public Outcome advanceTo(Instant now) {
    Objects.requireNonNull(now, "now");
    List<PresenceEvent> released = releaseDue(now);
    List<SessionEvent> expired = sessionFeed.advance(now);
    if (!expired.isEmpty()) {
      absorb(expired);
      released = concat(released, expired);
    }
    return released.isEmpty() ? APPLIED_SILENTLY : new Outcome(true, null, released, List.of());
  }

  /**
   * The extension's live telephony sessions, as the session tracker beside presence folded them.
   *
   * @param extensionId the extension
   * @return its sessions in which it has or had a party, oldest first; empty when it has none (or the
   *     telephony-session feed is off)
   */
  public List<TelephonySession> sessions(String extensionId) {
    Objects.requireNonNull(extensionId, "extensionId");
    return sessionFeed.sessions(extensionId);
  }

  /**
   * The current state of one extension.
   *
   * @param extensionId the extension
   * @return its immutable snapshot, or empty if it is not tracked
   */
  public Optional<ExtensionState> state(String extensionId) {
    return Optional.ofNullable(states.get(extensionId));
  }

  /**
   * The current state of every tracked extension.
   *
   * @return a copy, in no particular order; the states themselves are immutable
   */
  public Collection<ExtensionState> states() {
    return List.copyOf(states.values());
  }

  /**
   * Restores an extension from a saved state (e.g. a compacted Kafka state topic), replacing what was
   * known. Emits nothing: the next input is diffed against the restored state.
   *
   * @param state the saved state; calls beyond the per-extension limit are dropped
   * @throws NullPointerException if {@code state} or its presence is null
   */
  public void restore(ExtensionState state) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(state.presence(), "state.presence");
    ExtensionState restored = new ExtensionState(state.extensionId(), state.sequence(),
        presence.intern(state.presence()), capped(state.calls()), state.updatedAt());
    commit(states.get(state.extensionId()), restored);
    held.remove(state.extensionId());
  }

  /** Stops tracking an extension and frees its state, its softphone sessions and its pending resync. */
  void forget(String extensionId) {
    ExtensionState removed = states.remove(extensionId);
    sessions.remove(extensionId);
    outstandingResyncs.remove(extensionId);
    held.remove(extensionId);
    if (removed != null) {
      metrics.trackedExtensionsChanged(-1);
      metrics.activeCallsChanged(-removed.calls().size());
    }
  }

  /**
   * Forgets every extension and every telephony session, e.g. when the stream owning this tracker ends
   * (gauges go back down).
   */
  public void clear() {
    for (String extensionId : List.copyOf(states.keySet())) {
      forget(extensionId);
    }
    sessionFeed.clear();
    sessions.clear();
    outstandingResyncs.clear();
    held.clear();
    nextRelease = null;
  }

  private Outcome applyUpdate(PresenceUpdate update, Instant receivedAt, boolean checkSequence) {
    String extensionId = update.extensionId();
    ExtensionState previous = states.get(extensionId);
    Instant at = notBefore(receivedAt, previous);
    Long sequence = previous == null ? null : previous.sequence();
    List<ResyncRequest> resyncs = new ArrayList<>(1);
    if (checkSequence) {
      switch (SequenceOrdering.check(sequence, update.sequence(), options.sequenceResetThreshold())) {
        case DUPLICATE:
          return DROPPED_DUPLICATE;
        case STALE:
          return DROPPED_STALE;
        case RESET:
          requestResync(extensionId, ResyncReason.SEQUENCE_RESET, at, resyncs);
          break;
        default:
          break;
      }
      if (update.sequence() != null) {
        sequence = update.sequence();
      }
    } else {
      outstandingResyncs.remove(extensionId);
    }

    PresenceState previousPresence = previous == null ? null : previous.presence();
    PresenceState nextPresence = presence.next(previousPresence, update);

    List<Call> previousCalls = previous == null ? List.of() : previous.calls();
    List<Call> calls = previousCalls;
    List<Call> evicted = List.of();
    if (update.activeCalls() != null) {
      Integer total = update.totalActiveCalls();
      if (total != null && update.activeCalls().size() < total) {
        requestResync(extensionId, ResyncReason.TRUNCATED_CALL_LIST, at, resyncs);
      } else {
        LiveCalls.Built built = liveCalls.build(previousCalls, update.activeCalls(), at);
        calls = built.calls();
        evicted = built.evicted();
      }
    }
    calls = WebRtcMatcher.match(calls, sessions.get(extensionId), previousCalls);
    calls = sessionFeed.fuse(extensionId, calls, previousCalls);

    // Presence event first, then call events; the diff's own list is used as is when there is no
    // presence event (Outcome copies it anyway): one list and one copy less per message (JFR).
    CallDiff.EndReasons reasons = previousCalls.isEmpty()
        ? CallDiff.NATURAL
        : endReasons(calls, evicted, !checkSequence);
    List<PresenceEvent> events;
    Map<CallKey, Instant> heldBefore = held.get(extensionId);
    if (heldBefore == null && options.ringOutGrace().isZero()) {
      events = CallDiff.diff(extensionId, at, previousCalls, calls, reasons);
    } else {
      events = diffWithHolds(extensionId, at, previousCalls, calls, heldBefore, reasons);
    }
    if (PresenceDerivation.announces(previousPresence, nextPresence, options.announceMeetingStatus())) {
      List<PresenceEvent> withPresence = new ArrayList<>(events.size() + 1);
      withPresence.add(new PresenceEvent.PresenceChanged(extensionId, at, nextPresence, previousPresence));
      withPresence.addAll(events);
      events = withPresence;
    }
    countNewRingOutMerges(previousCalls, calls);

    commit(previous, new ExtensionState(extensionId, sequence, nextPresence, calls, at));
    return events.isEmpty() && resyncs.isEmpty()
        ? APPLIED_SILENTLY
        : new Outcome(true, null, events, resyncs);
  }

  /**
   * The time of what this input changes: its receive time, or the extension's last one if that is
   * later. Inputs may reach the engine out of receive-time order (notifications held during a REST
   * read come after the snapshot, which is stamped when the read ends), and an extension's events
   * must never go back in time.
   */
  private static Instant notBefore(Instant receivedAt, ExtensionState previous) {
    Instant last = previous == null ? null : previous.updatedAt();
    return last != null && receivedAt.isBefore(last) ? last : receivedAt;
  }

  /**
   * The source no longer watches the extension: the calls consumers were told of end ({@code resync}: the
   * source no longer sees them), calls still held back by the RingOut grace vanish unannounced, and
   * everything known about it is forgotten, its telephony sessions included (without events).
   */
  private Outcome remove(String extensionId, Instant receivedAt) {
    ExtensionState previous = states.get(extensionId);
    List<PresenceEvent> events = List.of();
    if (previous != null && !previous.calls().isEmpty()) {
      Instant at = notBefore(receivedAt, previous);
      Map<CallKey, Instant> heldBefore = held.get(extensionId);
      List<Call> visible = heldBefore == null ? previous.calls() : without(previous.calls(), heldBefore);
      events = CallDiff.diff(extensionId, at, visible, List.of(), endReasons(List.of(), List.of(), true));
    }
    forget(extensionId);
    sessionFeed.forget(extensionId);
    return events.isEmpty() ? APPLIED_SILENTLY : new Outcome(true, null, events, List.of());
  }

  private Outcome register(WebRtcSession session) {
    String extensionId = session.extensionId();
    List<WebRtcSession> current = sessions.getOrDefault(extensionId, List.of());
    List<WebRtcSession> next = new ArrayList<>(current.size() + 1);
    for (WebRtcSession known : current) {
      if (!known.id().equals(session.id())) {
        next.add(known);
      }
    }
    next.add(session);
    // memory bound: the oldest registrations go first
    while (next.size() > options.maxCallsPerExtension()) {
      next.remove(0);
    }
    sessions.put(extensionId, List.copyOf(next));
    rematch(extensionId);
    return APPLIED_SILENTLY;
  }

  private Outcome unregister(String extensionId, String sessionId) {
    List<WebRtcSession> current = sessions.get(extensionId);
    if (current == null) {
      return APPLIED_SILENTLY;
    }
    List<WebRtcSession> next = new ArrayList<>(current.size());
    for (WebRtcSession known : current) {
      if (!known.id().equals(sessionId)) {
        next.add(known);
      }
    }
    if (next.isEmpty()) {
      sessions.remove(extensionId);
    } else {
      sessions.put(extensionId, List.copyOf(next));
    }
    rematch(extensionId);
    return APPLIED_SILENTLY;
  }

  /**
   * Telephony sessions changed (or ended): the calls of those sessions in their extensions' states take the
   * new party. No call event: the session events say what changed, and the next call event carries it.
   */
  private void absorb(List<SessionEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      SessionEvent event = events.get(i);
      ExtensionState state = states.get(event.extensionId());
      if (state == null || state.calls().isEmpty()) {
        continue;
      }
      List<Call> calls = SessionFeed.refuse(state.calls(), event.session());
      if (calls != state.calls()) {
        states.put(state.extensionId(), new ExtensionState(
            state.extensionId(), state.sequence(), state.presence(), calls, state.updatedAt()));
      }
    }
  }

  private static List<PresenceEvent> concat(List<? extends PresenceEvent> first, List<? extends PresenceEvent> second) {
    List<PresenceEvent> all = new ArrayList<>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
  }

  /** Softphone sessions changed: match the extension's calls again (no events: a match is not a call change). */
  private void rematch(String extensionId) {
    ExtensionState state = states.get(extensionId);
    if (state == null) {
      return;
    }
    List<Call> matched = WebRtcMatcher.match(state.calls(), sessions.get(extensionId), state.calls());
    if (matched != state.calls()) {
      states.put(extensionId, new ExtensionState(
          extensionId, state.sequence(), state.presence(), matched, state.updatedAt()));
    }
  }

  private void requestResync(String extensionId, ResyncReason reason, Instant at, List<ResyncRequest> out) {
    Instant since = outstandingResyncs.get(extensionId);
    if (since != null && !at.isBefore(since) && Duration.between(since, at).compareTo(RESYNC_REPEAT_AFTER) < 0) {
      return;
    }
    outstandingResyncs.put(extensionId, at);
    out.add(new ResyncRequest(extensionId, reason, at));
    metrics.resyncRequested(reason);
  }

  private void countNewRingOutMerges(List<Call> before, List<Call> after) {
    // indexed loops and CallKey.same: the iterators and keys showed in the allocation profile
    for (int i = 0; i < after.size(); i++) {
      Call call = after.get(i);
      if (!call.isRingOut()) {
        continue;
      }
      boolean wasMerged = false;
      for (int j = 0; j < before.size(); j++) {
        Call old = before.get(j);
        if (old.isRingOut() && CallKey.same(old, call)) {
          wasMerged = true;
          break;
        }
      }
      if (!wasMerged) {
        metrics.ringOutMerged();
      }
    }
  }

  /** Why each call that left the list ended, knowing the new list, the evicted calls and the input kind. */
  private static CallDiff.EndReasons endReasons(List<Call> calls, List<Call> evicted, boolean snapshot) {
    return (extensionId, at, call) -> {
      String mergedInto = mergedInto(call, calls);
      EndReason reason;
      if (mergedInto != null) {
        reason = EndReason.MERGED;
      } else if (firstSame(evicted, call) != null) {
        reason = EndReason.EVICTED;
      } else if (snapshot) {
        reason = EndReason.RESYNC;
      } else {
        reason = CallDiff.naturalReason(call);
      }
      return new PresenceEvent.CallEnded(extensionId, at, call, CallDiff.duration(call, at), reason, mergedInto);
    };
  }

  /** The id of the RingOut call in {@code calls} whose inbound leg is {@code leg}, or null. */
  private static String mergedInto(Call leg, List<Call> calls) {
    if (leg.direction() != Direction.INBOUND) {
      return null;
    }
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      if (call.isRingOut() && isLeg(call.inboundLeg(), leg)) {
        return call.id();
      }
    }
    return null;
  }

  private static boolean isLeg(Leg leg, Call call) {
    return leg.sessionId() != null ? leg.sessionId().equals(call.sessionId()) : Objects.equals(leg.id(), call.id());
  }

  private static Call firstSame(List<Call> calls, Call call) {
    for (int i = 0; i < calls.size(); i++) {
      if (CallKey.same(calls.get(i), call)) {
        return calls.get(i);
      }
    }
    return null;
  }

  /**
   * The call diff as consumers see it with the RingOut grace period: held calls are left out on both
   * sides; a held call that left the list unmerged is announced and ended (a short real call is not lost);
   * a held call that merged disappears without a word (the RingOut call's {@code inboundLeg} names it).
   */
  private List<PresenceEvent> diffWithHolds(String extensionId, Instant at, List<Call> previousCalls,
      List<Call> calls, Map<CallKey, Instant> heldBefore, CallDiff.EndReasons reasons) {
    Map<CallKey, Instant> heldAfter = new LinkedHashMap<>();
    List<PresenceEvent> events = new ArrayList<>();
    if (heldBefore != null) {
      for (Map.Entry<CallKey, Instant> hold : heldBefore.entrySet()) {
        Call before = find(previousCalls, hold.getKey());
        Call now = find(calls, hold.getKey());
        if (now != null) {
          heldAfter.put(hold.getKey(), hold.getValue());
        } else if (before != null && mergedInto(before, calls) == null) {
          announce(extensionId, at, before, events);
          events.add(reasons.ended(extensionId, at, before));
        }
      }
    }
    Duration grace = options.ringOutGrace();
    if (!grace.isZero()) {
      for (int i = calls.size() - 1; i >= 0; i--) {
        Call call = calls.get(i);
        if (mayBeRingOutLeg(call) && firstSame(previousCalls, call) == null) {
          Instant until = at.plus(grace);
          heldAfter.put(CallKey.of(call), until);
          if (nextRelease == null || until.isBefore(nextRelease)) {
            nextRelease = until;
          }
        }
      }
    }
    if (heldAfter.isEmpty()) {
      held.remove(extensionId);
    } else {
      held.put(extensionId, heldAfter);
    }
    List<Call> visibleBefore = heldBefore == null ? previousCalls : without(previousCalls, heldBefore);
    List<Call> visibleAfter = without(calls, heldAfter);
    events.addAll(CallDiff.diff(extensionId, at, visibleBefore, visibleAfter, reasons));
    return events;
  }

  /** Whether a new call could be the inbound leg of a RingOut call whose outbound leg is yet to come. */
  private static boolean mayBeRingOutLeg(Call call) {
    return call.direction() == Direction.INBOUND && !call.isRingOut() && !call.queueCall()
        && RingOutLegs.numericSessionId(call.sessionId()) != null;
  }

  /** Announces the held calls whose grace period has ended by {@code at}. */
  private List<PresenceEvent> releaseDue(Instant at) {
    if (nextRelease == null || at.isBefore(nextRelease)) {
      return List.of();
    }
    List<PresenceEvent> events = new ArrayList<>();
    Instant next = null;
    for (Iterator<Map.Entry<String, Map<CallKey, Instant>>> extensions = held.entrySet().iterator();
        extensions.hasNext(); ) {
      Map.Entry<String, Map<CallKey, Instant>> extension = extensions.next();
      ExtensionState state = states.get(extension.getKey());
      for (Iterator<Map.Entry<CallKey, Instant>> holds = extension.getValue().entrySet().iterator();
          holds.hasNext(); ) {
        Map.Entry<CallKey, Instant> hold = holds.next();
        if (at.isBefore(hold.getValue())) {
          next = next == null || hold.getValue().isBefore(next) ? hold.getValue() : next;
          continue;
        }
        holds.remove();
        Call call = state == null ? null : find(state.calls(), hold.getKey());
        if (call != null) {
          announce(extension.getKey(), at, call, events);
        }
      }
      if (extension.getValue().isEmpty()) {
        extensions.remove();
      }
    }
    nextRelease = next;
    return events;
  }

  private static void announce(String extensionId, Instant at, Call call, List<PresenceEvent> out) {
    out.add(new PresenceEvent.CallStarted(extensionId, at, call));
    if (call.telephonyStatus() == TelephonyStatus.RINGING) {
      out.add(new PresenceEvent.CallRinging(extensionId, at, call));
    }
  }

  private static Call find(List<Call> calls, CallKey key) {
    for (int i = 0; i < calls.size(); i++) {
      if (CallKey.of(calls.get(i)).equals(key)) {
        return calls.get(i);
      }
    }
    return null;
  }

  private static List<Call> without(List<Call> calls, Map<CallKey, Instant> held) {
    if (held.isEmpty()) {
      return calls;
    }
    List<Call> visible = new ArrayList<>(calls.size());
    for (Call call : calls) {
      if (!held.containsKey(CallKey.of(call))) {
        visible.add(call);
      }
    }
    return visible;
  }

  private List<Call> capped(List<Call> calls) {
    return calls.size() <= options.maxCallsPerExtension() ? calls : calls.subList(0, options.maxCallsPerExtension());
  }

  private void commit(ExtensionState previous, ExtensionState next) {
    states.put(next.extensionId(), next);
    if (previous == null) {
      metrics.trackedExtensionsChanged(1);
    }
    int delta = next.calls().size() - (previous == null ? 0 : previous.calls().size());
    if (delta != 0) {
      metrics.activeCallsChanged(delta);
    }
  }
}
