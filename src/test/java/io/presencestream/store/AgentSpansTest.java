package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.StateSpan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spans the history stores are the live day timeline's: cut at every change of state or of the flag. */
class AgentSpansTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private static AgentStatus agent(AgentState state, Boolean onQueue, Instant since) {
    return new AgentStatus("101", "101", "Bob", null, state, onQueue, since, List.of("900"));
  }

  @Test
  void aChangeOfTheFlagAloneCutsTheSpanThoughTheStatesSinceStays() {
    AgentSpans spans = new AgentSpans();
    AgentStatus available = agent(AgentState.AVAILABLE, true, T0);
    AgentStatus offQueue = agent(AgentState.AVAILABLE, false, T0);
    AgentStatus onCall = agent(AgentState.ON_CALL, false, T0.plusSeconds(120));

    assertThat(spans.apply(new AgentStateChanged("101", T0, available, null))).isNull();
    assertThat(spans.apply(new AgentStateChanged("101", T0.plusSeconds(60), offQueue, available)))
        .isEqualTo(new StateSpan(AgentState.AVAILABLE, true, T0, T0.plusSeconds(60)));
    assertThat(spans.apply(new AgentStateChanged("101", T0.plusSeconds(120), onCall, offQueue)))
        .isEqualTo(new StateSpan(AgentState.AVAILABLE, false, T0.plusSeconds(60), T0.plusSeconds(120)));
  }

  @Test
  void theFirstStateSeenOfAnAgentTheViewAlreadyKnewOpensAtItsSince() {
    AgentSpans spans = new AgentSpans();
    AgentStatus wrapUp = agent(AgentState.WRAP_UP, true, T0);

    assertThat(spans.apply(new AgentStateChanged("101", T0.plusSeconds(2), agent(AgentState.AVAILABLE, true,
        T0.plusSeconds(2)), wrapUp))).isEqualTo(new StateSpan(AgentState.WRAP_UP, true, T0, T0.plusSeconds(2)));
  }

  @Test
  void otherEventsCloseNoSpan() {
    PresenceEvent presence = CallScript.presence("101", T0, io.presencestream.model.Availability.BUSY);
    assertThat(new AgentSpans().apply(presence)).isNull();
  }
}
