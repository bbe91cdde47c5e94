package io.presencestream.analytics;

import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.StateSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each agent's figures for the current calendar day in the configured zone: handled and missed calls, time
 * per state and the timeline. Spans are closed on every state or on-queue change; at midnight every figure
 * restarts at zero and the running span is cut in two. What it stores per agent is an immutable
 * {@link Tally}, so a published snapshot can compute an {@link AgentDay} at any later instant from any thread.
 */
final class DayBook {

  /**
   * One agent's day so far: the figures of its closed spans, and its running span (state, flag and start).
   * Immutable; {@code timeline} is a view that never changes.
   */
  record Tally(String extensionId, LocalDate day, int handled, int missed, Duration talk, Duration hold,
      Duration wrapUp, Duration availableOnQueue, AgentState state, Boolean onQueue, Instant since,
      List<StateSpan> timeline) {

    /** The day's figures with the running span counted up to {@code asOf}. */
    AgentDay at(Instant asOf, boolean withTimeline) {
      Duration running = asOf.isAfter(since) ? Duration.between(since, asOf) : Duration.ZERO;
      Duration t = talk;
      Duration h = hold;
      Duration w = wrapUp;
      Duration a = availableOnQueue;
      switch (state) {
        case ON_CALL -> t = t.plus(running);
        case ON_HOLD -> h = h.plus(running);
        case WRAP_UP -> w = w.plus(running);
        case AVAILABLE -> a = Boolean.TRUE.equals(onQueue) ? a.plus(running) : a;
        default -> { }
      }
      Duration busy = t.plus(h).plus(w);
      Duration aht = handled == 0 ? null : busy.dividedBy(handled);
      Duration divisor = busy.plus(a);
      Double occupancy = divisor.isZero() ? null : (double) busy.toMillis() / divisor.toMillis();
      if (occupancy != null && occupancy.isNaN()) {
        occupancy = null; // a divisor under a millisecond
      }
      List<StateSpan> spans = List.of();
      if (withTimeline) {
        spans = new ArrayList<>(timeline.size() + 1);
        spans.addAll(timeline);
        spans.add(new StateSpan(state, onQueue, since, null));
      }
      return new AgentDay(extensionId, day, handled, missed, t, h, w, a, aht, occupancy, spans);
    }
  }

  private final ZoneId zone;
  private final Map<String, Tally> tallies = new HashMap<>();
  private final Map<String, SpanLog> logs = new HashMap<>();

  DayBook(ZoneId zone) {
    this.zone = zone;
  }

  LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, zone);
  }

  /** The next midnight in the zone after {@code at}. */
  Instant nextMidnight(Instant at) {
    return dayOf(at).plusDays(1).atStartOfDay(zone).toInstant();
  }

  Tally tally(String extensionId) {
    return tallies.get(extensionId);
  }

  /** Every tally, for a snapshot (a copy: the values are immutable). */
  Map<String, Tally> tallies() {
    return Map.copyOf(tallies);
  }

  /** The agent entered {@code state}/{@code onQueue} at {@code at}: closes the running span and opens another. */
  void transition(String extensionId, AgentState state, Boolean onQueue, Instant at) {
    Tally t = tallies.get(extensionId);
    if (t == null) {
      SpanLog log = new SpanLog();
      logs.put(extensionId, log);
      tallies.put(extensionId, new Tally(extensionId, dayOf(at), 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
          Duration.ZERO, state, onQueue, at, log.view()));
      return;
    }
    SpanLog log = logs.get(extensionId);
    Duration d = at.isAfter(t.since()) ? Duration.between(t.since(), at) : Duration.ZERO;
    Duration talk = t.talk();
    Duration hold = t.hold();
    Duration wrap = t.wrapUp();
    Duration avail = t.availableOnQueue();
    switch (t.state()) {
      case ON_CALL -> talk = talk.plus(d);
      case ON_HOLD -> hold = hold.plus(d);
      case WRAP_UP -> wrap = wrap.plus(d);
      case AVAILABLE -> avail = Boolean.TRUE.equals(t.onQueue()) ? avail.plus(d) : avail;
      default -> { }
    }
    log.append(new StateSpan(t.state(), t.onQueue(), t.since(), at.isAfter(t.since()) ? at : t.since()));
    tallies.put(extensionId, new Tally(extensionId, t.day(), t.handled(), t.missed(), talk, hold, wrap, avail, state,
        onQueue, at.isAfter(t.since()) ? at : t.since(), log.view()));
  }

  /** A call connected here ended: counted on the current day. */
  void handled(String extensionId) {
    Tally t = tallies.get(extensionId);
    if (t != null) {
      tallies.put(extensionId, new Tally(t.extensionId(), t.day(), t.handled() + 1, t.missed(), t.talk(), t.hold(),
          t.wrapUp(), t.availableOnQueue(), t.state(), t.onQueue(), t.since(), t.timeline()));
    }
  }

  /** An inbound call was decided missed here. */
  void missed(String extensionId) {
    Tally t = tallies.get(extensionId);
    if (t != null) {
      tallies.put(extensionId, new Tally(t.extensionId(), t.day(), t.handled(), t.missed() + 1, t.talk(), t.hold(),
          t.wrapUp(), t.availableOnQueue(), t.state(), t.onQueue(), t.since(), t.timeline()));
    }
  }

  /** Midnight at {@code at}: every day restarts at zero, the running span cut in two at {@code at}. */
  void midnight(Instant at) {
    LocalDate day = dayOf(at);
    for (String id : new ArrayList<>(tallies.keySet())) {
      Tally t = tallies.get(id);
      if (!t.day().isBefore(day)) {
        continue;
      }
      SpanLog log = new SpanLog();
      logs.put(id, log);
      tallies.put(id, new Tally(id, day, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, t.state(),
          t.onQueue(), at, log.view()));
    }
  }
}
