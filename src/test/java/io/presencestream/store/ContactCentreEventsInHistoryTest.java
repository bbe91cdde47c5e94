package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history sink stores a contact-centre event like any other (kind, subject id, time, JSON); only call
 * events make call records, so the call timeline passes it by without a record and without state.
 */
class ContactCentreEventsInHistoryTest {

  @Test
  void theCallTimelineMakesNoRecordOfAContactCentreEvent() {
    CallTimeline timeline = new CallTimeline();
    Instant t = Instant.parse("2026-11-26T10:00:00Z");
    AgentStatus agent = new AgentStatus("101", "101", "Alice", null, AgentState.AVAILABLE, true, t, List.of("2001"));
    assertThat(timeline.apply(new AgentStateChanged("101", t, agent, null))).isNull();
    assertThat(timeline.size()).isZero();
  }
}
