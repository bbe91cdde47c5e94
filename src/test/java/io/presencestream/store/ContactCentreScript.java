package io.presencestream.store;

import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.ContactCentreEvent.QueueCallEnded;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.QueueCallResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact-centre view's events of one day, as it emits them, on the day summer time ends in Paris
 * (2026-10-25: 25 hours, the local hour 02:00 twice): agent 101's states, and five calls of queue 900.
 */
final class ContactCentreScript {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Duration THRESHOLD = Duration.ofSeconds(20);

  private ContactCentreScript() {}

  private static Instant t(String utc) {
    return Instant.parse("2026-10-" + utc + "Z");
  }

  /**
   * 101's day: Available on queue from 23:00 the evening before; a call (5 min) and a minute of wrap-up; off
   * queue at 10:00 (the flag alone: the state's {@code since} stays); on hold 2 min and on the call 8 min, then
   * Available on queue again from 11:10 local (10:10Z), still running.
   */
  static List<PresenceEvent> agentDay() {
    List<PresenceEvent> events = new ArrayList<>();
    AgentStatus previous = null;
    Object[][] steps = {
        {"24T21:00:00", AgentState.AVAILABLE, true},
        {"25T08:00:00", AgentState.ON_CALL, true},
        {"25T08:05:00", AgentState.WRAP_UP, true},
        {"25T08:06:00", AgentState.AVAILABLE, true},
        {"25T09:00:00", AgentState.AVAILABLE, false},
        {"25T10:00:00", AgentState.ON_HOLD, false},
        {"25T10:02:00", AgentState.ON_CALL, false},
        {"25T10:10:00", AgentState.AVAILABLE, true},
    };
    for (Object[] step : steps) {
      Instant at = t((String) step[0]);
      AgentState state = (AgentState) step[1];
      Instant since = previous != null && previous.state() == state ? previous.since() : at;
      AgentStatus now = new AgentStatus("101", "101", "Bob Brown", null, state, (Boolean) step[2], since, List.of("900"));
      events.add(new AgentStateChanged("101", at, now, previous));
      previous = now;
    }
    return events;
  }

  /**
   * Queue 900's calls: c5 offered the evening before and answered after midnight; c1 in the first 02:00 hour
   * (answered in 10 s, within the service level), c2 abandoned after 60 s in the second 02:00 hour, c3 entered
   * in it and answered after 40 s in the next hour, c4 overflowed after 2 min at 11:00 local.
   */
  static List<PresenceEvent> queueCalls() {
    return List.of(
        answered("ts-c5", "24T21:59:00", "24T22:00:05", "102"),
        answered("ts-c1", "25T00:30:00", "25T00:30:10", "101"),
        unanswered("ts-c2", "25T01:30:00", "25T01:31:00", QueueCallResult.ABANDONED),
        answered("ts-c3", "25T01:59:50", "25T02:00:30", "101"),
        unanswered("ts-c4", "25T10:00:00", "25T10:02:00", QueueCallResult.OVERFLOWED));
  }

  private static PresenceEvent answered(String key, String entered, String answered, String agent) {
    Instant in = t(entered);
    Instant at = t(answered);
    return new QueueCallEnded("900", at, new QueueCallOutcome("900", key, in, at, at, QueueCallResult.ANSWERED, agent,
        THRESHOLD, Duration.between(in, at).compareTo(THRESHOLD) <= 0));
  }

  private static PresenceEvent unanswered(String key, String entered, String ended, QueueCallResult result) {
    Instant end = t(ended);
    // decided after the view's gap grace: the event comes later than the call left
    return new QueueCallEnded("900", end.plusSeconds(5), new QueueCallOutcome("900", key, t(entered), null, end, result,
        null, THRESHOLD, false));
  }
}
