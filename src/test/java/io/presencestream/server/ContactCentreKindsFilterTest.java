package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.EventKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSE filters know the contact-centre kinds by their labels, like every other kind. */
class ContactCentreKindsFilterTest {

  @Test
  void kindsFilterSelectsContactCentreEvents() {
    EventFilter filter = EventFilter.parse(List.of(), List.of("agent.state", "queue.stats", "alert.raised", "alert.cleared"));
    assertThat(filter.matches("2001", EventKind.QUEUE_STATS)).isTrue();
    assertThat(filter.matches("101", EventKind.ALERT_CLEARED)).isTrue();
    assertThat(filter.matches("101", EventKind.CALL_NEW)).isFalse();
    assertThat(EventFilter.all().matches("101", EventKind.AGENT_STATE)).isTrue();
  }
}
