package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.WebRtcSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure engine: the state of many extensions and every derivation of SEMANTICS §2–§6. No I/O, no
 * clock reads (time comes in with each input), not thread-safe: exactly one serial stage owns an
 * instance. Feeding the same inputs to a new tracker always gives the same outcomes.
 *
 * <pre>{@code
 * PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
 * Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(notification, receivedAt));
 * outcome.events().forEach(sink);               // presence and call events
 * outcome.resyncRequests().forEach(restClient); // answer with EngineInput.SnapshotReceived
 * }</pre>
 *
 * <p>Policies beyond the reference behaviour (SEMANTICS "ours"):
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
 *       goes out once a snapshot was applied or {@link #RESYNC_REPEAT_AFTER} has passed (input time).
 *   <li>the first applied message of an extension announces its presence ({@code previous} null);
 *       after that presence is announced only when the derived status or the raw triple changes.
 *   <li>at most {@link EngineOptions#maxCallsPerExtension()} calls (the newest) and as many softphone
 *       sessions are kept per extension.
 *   <li>an extension's event times ({@code at}) and {@code updatedAt} never decrease: an input older
 *       than the last one applied to its extension takes that one's time.
 * </ul>
 */
public final class PresenceTracker {

  /** How long an outstanding resync request suppresses another one for the same extension (input time). */
  public static final Duration RESYNC_REPEAT_AFTER = Duration.ofSeconds(4);

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
  private final PresenceDerivation presence = new PresenceDerivation();
  private final LiveCalls liveCalls;

  /** A tracker that reports no metrics. */
  public PresenceTracker(EngineOptions options) {
    this(options, EngineMetrics.noop());
  }

  /** A tracker reporting to {@code metrics}. */
  public PresenceTracker(EngineOptions options, EngineMetrics metrics) {
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.liveCalls = new LiveCalls(new RingOutLegs(new PhoneNumbers()), options.maxCallsPerExtension());
  }

  /** Applies one input and says what it did. Never throws for any well-formed input. */
  public Outcome apply(EngineInput input) {
    Objects.requireNonNull(input, "input");
    metrics.received();
    Outcome outcome;
    if (input instanceof EngineInput.NotificationReceived n) {
      outcome = applyUpdate(n.notification().body(), n.receivedAt(), true);
    } else if (input instanceof EngineInput.SnapshotReceived s) {
      outcome = applyUpdate(s.presence(), s.receivedAt(), false);
    } else if (input instanceof EngineInput.WebRtcSessionRegistered r) {
      outcome = register(r.session());
    } else {
      EngineInput.WebRtcSessionRemoved r = (EngineInput.WebRtcSessionRemoved) input;
      outcome = unregister(r.extensionId(), r.sessionId());
    }
    if (outcome.applied()) {
      metrics.applied();
    } else {
      metrics.dropped(outcome.dropReason());
    }
    return outcome;
  }

  /** The current state of one extension. */
  public Optional<ExtensionState> state(String extensionId) {
    return Optional.ofNullable(states.get(extensionId));
  }

  /** The current state of every tracked extension (a copy; the states themselves are immutable). */
  public Collection<ExtensionState> states() {
    return List.copyOf(states.values());
  }

  /**
   * Restores an extension from a saved state (e.g. a compacted Kafka state topic), replacing what was
   * known. Emits nothing: the next input is diffed against the restored state.
   */
  public void restore(ExtensionState state) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(state.presence(), "state.presence");
    ExtensionState restored = new ExtensionState(state.extensionId(), state.sequence(),
        presence.intern(state.presence()), capped(state.calls()), state.updatedAt());
    commit(states.get(state.extensionId()), restored);
  }

  /** Stops tracking an extension and frees its state, its softphone sessions and its pending resync. */
  public void forget(String extensionId) {
    ExtensionState removed = states.remove(extensionId);
    sessions.remove(extensionId);
    outstandingResyncs.remove(extensionId);
    if (removed != null) {
      metrics.trackedExtensionsChanged(-1);
      metrics.activeCallsChanged(-removed.calls().size());
    }
  }

  /** Forgets every extension, e.g. when the stream owning this tracker ends (gauges go back down). */
  public void clear() {
    for (String extensionId : List.copyOf(states.keySet())) {
      forget(extensionId);
    }
    sessions.clear();
    outstandingResyncs.clear();
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
    if (update.activeCalls() != null) {
      Integer total = update.totalActiveCalls();
      if (total != null && update.activeCalls().size() < total) {
        requestResync(extensionId, ResyncReason.TRUNCATED_CALL_LIST, at, resyncs);
      } else {
        LiveCalls.Built built = liveCalls.build(previousCalls, update.activeCalls(), at);
        calls = built.calls();
      }
    }
    calls = WebRtcMatcher.match(calls, sessions.get(extensionId), previousCalls);

    // Presence event first, then call events; the diff's own list is used as is when there is no
    // presence event (Outcome copies it anyway): one list and one copy less per message (JFR).
    List<PresenceEvent> events = CallDiff.diff(extensionId, at, previousCalls, calls);
    if (PresenceDerivation.announces(previousPresence, nextPresence)) {
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
