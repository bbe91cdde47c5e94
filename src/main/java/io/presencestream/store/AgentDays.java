package io.presencestream.store;

import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.StateSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's day from what the history stored: the closed spans that touch the day, cut at its bounds, and
 * the state it was left in by its last {@code agent.state} event (running when no stored span closed it). The
 * figures are the live {@code DAY}'s: time per state summed over the cut spans, the running one up to
 * {@code now}. Pure.
 */
final class AgentDays {

  private AgentDays() {}

  static AgentDay of(String extensionId, LocalDate day, Instant dayStart, Instant dayEnd, Instant now,
      List<StateSpan> closed, AgentStateChanged last, long handled, long missed) {
    List<StateSpan> timeline = new ArrayList<>(closed.size() + 1);
    for (StateSpan s : closed) {
      timeline.add(new StateSpan(s.state(), s.onQueue(), later(s.start(), dayStart), earlier(s.end(), dayEnd)));
    }
    Instant lastEnd = closed.isEmpty() ? null : closed.get(closed.size() - 1).end();
    if (last != null && (lastEnd == null || !lastEnd.isAfter(last.at())) && now.isAfter(dayStart)) {
      // still running at the day's end (a past day) or now (today): cut at the day's end, open today
      Instant start = later(last.at(), dayStart);
      timeline.add(new StateSpan(last.agent().state(), last.agent().onQueue(), start, now.isBefore(dayEnd) ? null : dayEnd));
    }
    Instant asOf = earlier(now, dayEnd);
    Duration talk = Duration.ZERO;
    Duration hold = Duration.ZERO;
    Duration wrapUp = Duration.ZERO;
    Duration available = Duration.ZERO;
    for (StateSpan s : timeline) {
      Instant end = s.end() == null ? asOf : s.end();
      Duration d = end.isAfter(s.start()) ? Duration.between(s.start(), end) : Duration.ZERO;
      if (s.state() == AgentState.ON_CALL) {
        talk = talk.plus(d);
      } else if (s.state() == AgentState.ON_HOLD) {
        hold = hold.plus(d);
      } else if (s.state() == AgentState.WRAP_UP) {
        wrapUp = wrapUp.plus(d);
      } else if (s.state() == AgentState.AVAILABLE && Boolean.TRUE.equals(s.onQueue())) {
        available = available.plus(d);
      }
    }
    Duration busy = talk.plus(hold).plus(wrapUp);
    Duration divisor = busy.plus(available);
    Double occupancy = divisor.toMillis() == 0 ? null : (double) busy.toMillis() / divisor.toMillis();
    return new AgentDay(extensionId, day, (int) handled, (int) missed, talk, hold, wrapUp, available,
        handled == 0 ? null : busy.dividedBy(handled), occupancy, timeline);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isBefore(b) ? b : a;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isAfter(b) ? b : a;
  }
}
