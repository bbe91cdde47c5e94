package io.presencestream.simulator;

import io.presencestream.codec.ContactCentreJson;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.QueueAgents;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.model.StateSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The contact-centre truth as the documented records ({@code AGENT + "day": DAY}, {@code QUEUE} of
 * docs/contact-centre.md), read from the office's {@link ContactCentreBook} at one instant: today's figures in
 * the options' time zone, the running span and its time counted up to that instant, queue figures over
 * {@code today} (from midnight, inclusive), {@code last15m} and {@code last1h} (rolling, exclusive at their
 * start). Reads the model only (a read settles what time had already decided, see {@link ContactCentreBook}).
 */
final class ContactCentreTruth {

  private static final Duration LAST_15M = Duration.ofMinutes(15);
  private static final Duration LAST_1H = Duration.ofHours(1);

  private ContactCentreTruth() {}

  /** Every tracked extension with today's day and timeline, by extension number. Under the office's lock. */
  static List<ContactCentreJson.AgentEntry> agents(Office office, SimulatorOptions options) {
    Instant now = office.now();
    ContactCentreBook book = office.contactCentre();
    ZoneId zone = options.timeZone();
    LocalDate day = LocalDate.ofInstant(now, zone);
    Instant midnight = day.atStartOfDay(zone).toInstant();
    List<ContactCentreJson.AgentEntry> out = new ArrayList<>();
    for (ContactCentreBook.Agent a : book.agents(now)) {
      SimExtension e = a.extension;
      List<String> queues = new ArrayList<>();
      for (SimQueue q : office.queues()) {
        if (q.isMember(e)) {
          queues.add(q.id);
        }
      }
      AgentStatus status = new AgentStatus(e.id, e.number, e.name, office.department(e.id), AgentState.parse(a.state),
          a.onQueue, a.since, queues);
      out.add(new ContactCentreJson.AgentEntry(status, day(a, book, e.id, day, midnight, now)));
    }
    out.sort(Comparator.comparing((ContactCentreJson.AgentEntry x) -> x.agent().extensionNumber(), ContactCentreTruth::byNumber));
    return out;
  }

  private static AgentDay day(ContactCentreBook.Agent a, ContactCentreBook book, String id, LocalDate day, Instant midnight,
      Instant now) {
    Duration talk = Duration.ZERO;
    Duration hold = Duration.ZERO;
    Duration wrapUp = Duration.ZERO;
    Duration available = Duration.ZERO;
    List<StateSpan> timeline = new ArrayList<>();
    for (ContactCentreBook.Span s : a.spans) {
      Instant end = s.end == null ? now : s.end;
      if (end.isBefore(midnight) || (s.end != null && !end.isAfter(midnight) && s.start.isBefore(midnight))) {
        continue; // ended before today (a span ending exactly at midnight belongs to yesterday)
      }
      Instant start = s.start.isBefore(midnight) ? midnight : s.start;
      Duration length = end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
      switch (s.state) {
        case ContactCentreBook.ON_CALL -> talk = talk.plus(length);
        case ContactCentreBook.ON_HOLD -> hold = hold.plus(length);
        case ContactCentreBook.WRAP_UP -> wrapUp = wrapUp.plus(length);
        case ContactCentreBook.AVAILABLE -> available = Boolean.TRUE.equals(s.onQueue) ? available.plus(length) : available;
        default -> { }
      }
      timeline.add(new StateSpan(AgentState.parse(s.state), s.onQueue, start, s.end));
    }
    int handled = (int) a.handled.stream().filter(t -> !t.isBefore(midnight) && !t.isAfter(now)).count();
    int missed = (int) book.missed(a, now).stream().filter(t -> !t.isBefore(midnight)).count();
    Duration busy = talk.plus(hold).plus(wrapUp);
    Duration divisor = busy.plus(available);
    return new AgentDay(id, day, handled, missed, talk, hold, wrapUp, available,
        handled == 0 ? null : busy.dividedBy(handled),
        divisor.toMillis() == 0 ? null : (double) busy.toMillis() / divisor.toMillis(), timeline);
  }

  /** Every queue, by name, and the pseudo-queue {@code unknown} last when a call went to it. Under the lock. */
  static List<QueueStats> queues(Office office, SimulatorOptions options) {
    Instant now = office.now();
    ContactCentreBook book = office.contactCentre();
    Instant midnight = LocalDate.ofInstant(now, options.timeZone()).atStartOfDay(options.timeZone()).toInstant();
    List<ContactCentreBook.QueueCall> calls = book.queueCalls(now);
    List<QueueStats> out = new ArrayList<>();
    List<SimQueue> queues = new ArrayList<>(office.queues());
    queues.sort(Comparator.comparing(q -> q.name));
    for (SimQueue q : queues) {
      out.add(stats(q.id, q.extensionNumber, q.name, q.serviceLevelThreshold, agents(q, book), calls, book, midnight, now));
    }
    if (calls.stream().anyMatch(c -> book.queueOf(c).equals(ContactCentreBook.UNKNOWN_QUEUE))) {
      out.add(stats(ContactCentreBook.UNKNOWN_QUEUE, null, null, options.serviceLevelThreshold(), QueueAgents.NONE, calls,
          book, midnight, now));
    }
    return out;
  }

  private static QueueAgents agents(SimQueue q, ContactCentreBook book) {
    int available = 0;
    int onCall = 0;
    int offQueue = 0;
    int other = 0;
    for (SimExtension e : q.members()) {
      ContactCentreBook.Agent a = book.agent(e.id);
      String state = a == null ? null : a.state;
      if (ContactCentreBook.AVAILABLE.equals(state)) {
        if (q.onQueue(e)) {
          available++;
        } else {
          offQueue++;
        }
      } else if (ContactCentreBook.RINGING.equals(state) || ContactCentreBook.ON_CALL.equals(state)
          || ContactCentreBook.ON_HOLD.equals(state)) {
        onCall++;
      } else {
        other++;
      }
    }
    return new QueueAgents(available, onCall, offQueue, other);
  }

  private static QueueStats stats(String id, String number, String name, Duration threshold, QueueAgents agents,
      List<ContactCentreBook.QueueCall> all, ContactCentreBook book, Instant midnight, Instant now) {
    List<ContactCentreBook.QueueCall> calls = all.stream().filter(c -> book.queueOf(c).equals(id)).toList();
    int waiting = 0;
    Instant longest = null;
    for (ContactCentreBook.QueueCall c : calls) {
      if (c.open() && !c.enteredAt.isAfter(now)) {
        waiting++;
        if (longest == null || c.enteredAt.isBefore(longest)) {
          longest = c.enteredAt;
        }
      }
    }
    return new QueueStats(id, number, name, waiting, longest, agents, threshold,
        figures(calls, midnight, now, threshold, true),
        figures(calls, now.minus(LAST_15M), now, threshold, false),
        figures(calls, now.minus(LAST_1H), now, threshold, false));
  }

  private static QueueFigures figures(List<ContactCentreBook.QueueCall> calls, Instant from, Instant now, Duration threshold,
      boolean fromInclusive) {
    int offered = 0;
    int answered = 0;
    int abandoned = 0;
    int overflowed = 0;
    int within = 0;
    Duration waits = Duration.ZERO;
    for (ContactCentreBook.QueueCall c : calls) {
      if (in(c.enteredAt, from, now, fromInclusive)) {
        offered++;
      }
      if (c.answeredAt != null) {
        if (in(c.answeredAt, from, now, fromInclusive)) {
          answered++;
          Duration wait = Duration.between(c.enteredAt, c.answeredAt);
          waits = waits.plus(wait);
          if (wait.compareTo(threshold) <= 0) {
            within++;
          }
        }
      } else if (c.endedAt != null && in(c.endedAt, from, now, fromInclusive)) {
        if (c.overflowed) {
          overflowed++;
        } else {
          abandoned++;
        }
      }
    }
    int judged = answered + abandoned;
    return new QueueFigures(offered, answered, abandoned, overflowed, within,
        answered == 0 ? null : waits.dividedBy(answered),
        judged == 0 ? null : (double) abandoned / judged,
        judged == 0 ? null : (double) within / judged);
  }

  private static boolean in(Instant t, Instant from, Instant now, boolean fromInclusive) {
    if (t == null || t.isAfter(now)) {
      return false;
    }
    return fromInclusive ? !t.isBefore(from) : t.isAfter(from);
  }

  /** Extension numbers in numeric order when both are numbers, else as text; null last. */
  private static int byNumber(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit) && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }
}
