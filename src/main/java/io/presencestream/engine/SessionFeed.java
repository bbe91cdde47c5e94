package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.CallParty;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Party;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonySessionNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The telephony-session half of the engine's serial stage, owned by {@link PresenceTracker}: it applies the
 * session notifications to a {@link SessionTracker}, lets that tracker's time pass with the engine's input
 * time, and fuses the tracker's parties into presence calls ({@link Call#party()}). Pure and single-threaded
 * like its owner.
 *
 * <p><b>Two clocks.</b> The session tracker's time is the platform's ({@code eventTime}), the engine's input
 * time is the receive time. To end a moved call's session on time ({@link SessionOptions#switchGrace()}) when
 * no notification of its extension comes, the feed advances the tracker to the input time translated to the
 * platform's clock by the lag last seen on a session notification (receive time − {@code eventTime}): a
 * skewed local clock then neither ends sessions early nor inflates their durations. It does so at most once
 * per {@link #ADVANCE_STEP} of input time, and not at all while the tracker tracks nothing.
 *
 * <p><b>Fusion.</b> A presence call is given the party of its telephony session (by {@code partyId}, else the
 * extension's own party) while the tracker has that session live. Once the session is gone the call keeps the
 * party it was last given, so a call whose session ended first still says how its party left when presence
 * drops it.
 */
final class SessionFeed {

  /** How often (input time) the tracker is advanced between notifications. */
  static final Duration ADVANCE_STEP = Duration.ofSeconds(1);

  private final SessionOptions options;
  private final EngineMetrics metrics;
  private SessionTracker tracker;
  /** Receive time − platform time of the last session notification that had both. */
  private Duration lag = Duration.ZERO;
  /** The input time of the next advance; null before the first session notification. */
  private Instant nextAdvance;
  /** Announced sessions not yet ended, for the gauge (given back on {@link #clear()}). */
  private long announced;

  SessionFeed(SessionOptions options, EngineMetrics metrics) {
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tracker = new SessionTracker(options);
  }

  /** What one session notification did: whether any extension applied it, and its events in order. */
  record Applied(boolean applied, List<SessionEvent> events) {}

  /**
   * Applies one notification for every extension it concerns, or for its {@code forExtension} only (nothing
   * happens when it does not concern that one); drops are counted per extension.
   */
  Applied apply(EngineInput.TelephonySessionReceived input) {
    TelephonySessionNotification notification = input.notification();
    Instant platformTime = notification.body().eventTime() != null
        ? notification.body().eventTime()
        : notification.timestamp();
    if (platformTime != null) {
      lag = Duration.between(platformTime, input.receivedAt());
    }
    if (nextAdvance == null) {
      nextAdvance = input.receivedAt().plus(ADVANCE_STEP);
    }
    boolean applied = false;
    List<SessionEvent> events = new ArrayList<>(2);
    List<SessionOutcome> outcomes = input.forExtension() == null
        ? tracker.apply(notification)
        : tracker.applyFor(notification, input.forExtension()).map(List::of).orElse(List.of());
    for (SessionOutcome outcome : outcomes) {
      if (outcome.applied()) {
        applied = true;
      } else {
        metrics.sessionDropped(outcome.dropReason());
      }
      events.addAll(outcome.events());
    }
    count(events);
    return new Applied(applied, events);
  }

  /**
   * Lets input time pass: the sessions whose switch grace is over by {@code inputTime} (on the platform's
   * clock) end. Cheap when nothing is due: no allocation while the tracker tracks nothing or before the next
   * step.
   */
  List<SessionEvent> advance(Instant inputTime) {
    if (nextAdvance == null || inputTime.isBefore(nextAdvance) || tracker.isEmpty()) {
      return List.of();
    }
    nextAdvance = inputTime.plus(ADVANCE_STEP);
    List<SessionEvent> ended = tracker.advanceTo(inputTime.minus(lag));
    count(ended);
    return ended;
  }

  /**
   * {@code calls} with each call's {@link Call#party()} as the feed knows it: from the live session, else as
   * the same call had it in {@code previousCalls}. The same list when nothing changes; no allocation when the
   * extension has no live session and no previous call has a party (the presence-only path).
   */
  List<Call> fuse(String extensionId, List<Call> calls, List<Call> previousCalls) {
    boolean tracked = tracker.tracks(extensionId);
    if (!tracked && !anyParty(previousCalls)) {
      return calls;
    }
    Call[] fused = null;
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      CallParty party = null;
      if (tracked && call.telephonySessionId() != null) {
        Party p = tracker.party(extensionId, call.telephonySessionId(), call.partyId());
        party = p == null ? null : CallParty.of(p);
      }
      if (party == null) {
        party = call.party() != null ? call.party() : lastParty(previousCalls, call);
      }
      if (!Objects.equals(party, call.party())) {
        if (fused == null) {
          fused = calls.toArray(new Call[0]);
        }
        fused[i] = Calls.withParty(call, party);
      }
    }
    return fused == null ? calls : List.of(fused);
  }

  /**
   * {@code calls} with the party of {@code session}'s view given to the calls of that session (a session
   * notification, or the end of a session, changed it): the same list when none changes.
   */
  static List<Call> refuse(List<Call> calls, TelephonySession session) {
    Call[] fused = null;
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      if (!session.telephonySessionId().equals(call.telephonySessionId())) {
        continue;
      }
      Party p = partyOf(session, call.partyId());
      CallParty party = p == null ? call.party() : CallParty.of(p);
      if (!Objects.equals(party, call.party())) {
        if (fused == null) {
          fused = calls.toArray(new Call[0]);
        }
        fused[i] = Calls.withParty(call, party);
      }
    }
    return fused == null ? calls : List.of(fused);
  }

  /**
   * The extension's live sessions in which it has a party (those announced by {@code session.started} and
   * not yet ended), oldest first; immutable.
   */
  List<TelephonySession> sessions(String extensionId) {
    List<TelephonySession> all = tracker.sessions(extensionId);
    List<TelephonySession> announced = new ArrayList<>(all.size());
    for (TelephonySession session : all) {
      if (session.party() != null) {
        announced.add(session);
      }
    }
    return List.copyOf(announced);
  }

  /** Forgets an extension's sessions, without events, and gives the gauge back what it counted of them. */
  void forget(String extensionId) {
    int known = sessions(extensionId).size();
    tracker.forget(extensionId);
    if (known > 0) {
      announced -= known;
      metrics.activeSessionsChanged(-known);
    }
  }

  /** Forgets every session (a new tracker) and gives the gauge back what it counted. */
  void clear() {
    tracker = new SessionTracker(options);
    metrics.activeSessionsChanged(-announced);
    announced = 0;
    nextAdvance = null;
    lag = Duration.ZERO;
  }

  private void count(List<? extends PresenceEvent> events) {
    long delta = 0;
    for (int i = 0; i < events.size(); i++) {
      PresenceEvent event = events.get(i);
      if (event instanceof SessionEvent.SessionStarted) {
        delta++;
      } else if (event instanceof SessionEvent.SessionEnded) {
        delta--;
      }
    }
    if (delta != 0) {
      announced += delta;
      metrics.activeSessionsChanged(delta);
    }
  }

  private static Party partyOf(TelephonySession session, String partyId) {
    if (partyId != null) {
      for (Party p : session.parties()) {
        if (partyId.equals(p.id())) {
          return p;
        }
      }
    }
    return session.party();
  }

  private static boolean anyParty(List<Call> calls) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).party() != null) {
        return true;
      }
    }
    return false;
  }

  private static CallParty lastParty(List<Call> previousCalls, Call call) {
    for (int i = 0; i < previousCalls.size(); i++) {
      Call previous = previousCalls.get(i);
      if (previous.party() != null && CallKey.same(previous, call)) {
        return previous.party();
      }
    }
    return null;
  }
}
