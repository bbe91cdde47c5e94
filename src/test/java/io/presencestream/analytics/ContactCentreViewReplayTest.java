package io.presencestream.analytics;

import static io.presencestream.analytics.CcFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.AgentDay;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertRule.Kind;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.Call;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.ContactCentreEvent.AlertCleared;
import io.presencestream.model.ContactCentreEvent.AlertRaised;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The rules are pure: the same inputs give the same events, whatever the traffic; and whatever the traffic,
 * the figures keep their invariants (nothing negative, times within the day, alerts paired, timers bounded).
 */
class ContactCentreViewReplayTest {

  private static final List<String> AGENTS = List.of("101", "102", "103");

  /** Seeded random office traffic: presence changes, queue and direct calls, ticks. */
  static List<Object> traffic(long seed) {
    Random r = new Random(seed);
    List<Object> inputs = new ArrayList<>();
    inputs.add(salesDirectory(0));
    Map<String, Call> live = new HashMap<>();
    double t = 0;
    int sessions = 0;
    for (int step = 0; step < 600; step++) {
      t += r.nextInt(4000) / 1000.0;
      String ext = AGENTS.get(r.nextInt(AGENTS.size()));
      int what = r.nextInt(10);
      Call c = live.get(ext);
      if (what < 2) {
        DndStatus[] dnd = DndStatus.values();
        inputs.add(presence(ext, t, with(dnd[r.nextInt(dnd.length - 1)])));
      } else if (what < 5 && c == null) {
        String session = "ts-" + (++sessions);
        Call call = r.nextBoolean() ? queueCall("c" + sessions, session, "2001", TelephonyStatus.RINGING)
            : directCall("c" + sessions, session, r.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND,
                TelephonyStatus.RINGING);
        live.put(ext, call);
        inputs.add(started(ext, t, call));
      } else if (what < 7 && c != null && c.telephonyStatus() != TelephonyStatus.CALL_CONNECTED) {
        Call connected = withStatus(c, TelephonyStatus.CALL_CONNECTED);
        live.put(ext, connected);
        inputs.add(updated(ext, t, c, TelephonyStatus.CALL_CONNECTED));
      } else if (what < 8 && c != null && c.telephonyStatus() == TelephonyStatus.CALL_CONNECTED) {
        live.put(ext, withStatus(c, TelephonyStatus.ON_HOLD));
        inputs.add(updated(ext, t, c, TelephonyStatus.ON_HOLD));
      } else if (c != null) {
        live.remove(ext);
        inputs.add(ended(ext, t, c));
      } else {
        inputs.add(at(t));
      }
    }
    inputs.add(at(t + 7200));
    return inputs;
  }

  private static List<ContactCentreEvent> run(ContactCentreView view, List<Object> inputs) {
    List<ContactCentreEvent> out = new ArrayList<>();
    for (Object in : inputs) {
      if (in instanceof PresenceEvent e) {
        out.addAll(view.event(e));
      } else if (in instanceof io.presencestream.model.Directory d) {
        out.addAll(view.directory(d));
      } else {
        out.addAll(view.tick((Instant) in));
      }
    }
    return out;
  }

  private static ContactCentreView view() {
    return new ContactCentreView(UTC.withAlerts(List.of(
        AlertRule.longerThan("ring", Kind.CALL_RINGING, Duration.ofSeconds(5), AlertSeverity.INFO),
        AlertRule.longerThan("hold", Kind.CALL_HOLD, Duration.ofSeconds(5), AlertSeverity.INFO),
        AlertRule.longerThan("wait", Kind.QUEUE_WAIT, Duration.ofSeconds(5), AlertSeverity.INFO),
        AlertRule.serviceLevel("sl", "15m", 80, AlertSeverity.INFO).withMinCalls(2),
        AlertRule.onEvent("abandoned", Kind.QUEUE_ABANDONED, AlertSeverity.INFO),
        AlertRule.onEvent("missed", Kind.CALL_MISSED, AlertSeverity.INFO),
        AlertRule.longerThan("dnd", Kind.AGENT_DND, Duration.ofSeconds(30), AlertSeverity.INFO),
        AlertRule.longerThan("off", Kind.AGENT_OFF_QUEUE, Duration.ofSeconds(30), AlertSeverity.INFO))));
  }

  @RepeatedTest(5)
  void theSameInputsGiveTheSameEventsAndTheFiguresKeepTheirInvariants(RepetitionInfo repetition) {
    List<Object> inputs = traffic(repetition.getCurrentRepetition());
    ContactCentreView first = view();
    List<ContactCentreEvent> events = run(first, inputs);
    assertThat(run(view(), inputs)).isEqualTo(events);
    assertThat(events).as("the traffic exercises the rules").anyMatch(e -> e instanceof AlertRaised)
        .anyMatch(e -> e instanceof AlertCleared)
        .anyMatch(e -> e instanceof ContactCentreEvent.QueueStatsChanged q && q.queue().today().answered() > 0);

    Instant previous = Instant.MIN;
    Set<String> open = new HashSet<>();
    for (ContactCentreEvent e : events) {
      assertThat(e.at()).as("events come in time order").isAfterOrEqualTo(previous);
      previous = e.at();
      if (e instanceof AlertRaised r) {
        assertThat(open.add(r.alert().id())).as("raised once while open: %s", r.alert().id()).isTrue();
      } else if (e instanceof AlertCleared c) {
        assertThat(open.remove(c.alert().id())).as("cleared only when open: %s", c.alert().id()).isTrue();
        assertThat(c.alert().clearedAt()).isAfterOrEqualTo(c.alert().raisedAt());
      }
    }
    assertThat(first.snapshot().alerts()).extracting(a -> a.id()).containsExactlyInAnyOrderElementsOf(open);

    for (String ext : AGENTS) {
      AgentDay day = first.snapshot().agentDay(ext, true).orElseThrow();
      Duration busy = day.talkTime().plus(day.holdTime()).plus(day.wrapUpTime()).plus(day.availableOnQueue());
      assertThat(busy).isLessThanOrEqualTo(Duration.between(T0, first.now()));
      assertThat(day.occupancy() == null || (day.occupancy() >= 0 && day.occupancy() <= 1)).isTrue();
      assertThat(day.timeline()).isNotEmpty();
    }
    for (QueueStats q : first.snapshot().queues()) {
      assertThat(q.waiting()).isNotNegative();
      assertThat(q.today().answered() + q.today().abandoned() + q.today().overflowed() + q.waiting())
          .as("every offered call is answered, ended or waiting").isEqualTo(q.today().offered());
      assertThat(q.last1h()).as("two quiet hours later the rolling windows are empty")
          .isEqualTo(io.presencestream.model.QueueFigures.NONE);
    }
    assertThat(first.pendingTimers()).as("timers do not pile up").isLessThan(50);
  }
}
