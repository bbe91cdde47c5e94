package io.presencestream.store;

import io.presencestream.model.AgentStatus;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.StateSpan;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@code agent.state} events into the spans they close: the state and on-queue flag before the event
 * (its {@code previous}), from the instant of the extension's last {@code agent.state} event to this one's
 * (a span ends at every change of state or of the flag, as the live day timeline cuts it). For the first
 * event of an extension seen here (the sink started while the view already ran), the span starts at the
 * previous agent's {@code since}, which is exact unless the flag alone changed meanwhile. Pure and clock-free;
 * one caller at a time (the sink's {@code accept}).
 */
final class AgentSpans {

  /** Extensions followed at most; beyond, the one changed longest ago is forgotten. */
  static final int MAX_AGENTS = 20_000;

  private final Map<String, Instant> openedAt = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * Takes the next event of the stream.
   *
   * @return the span the event closed, or null (another kind, or the extension's first state)
   */
  StateSpan apply(PresenceEvent event) {
    if (!(event instanceof AgentStateChanged changed)) {
      return null;
    }
    Instant at = changed.at();
    Instant from = openedAt.put(changed.extensionId(), at);
    if (openedAt.size() > MAX_AGENTS) {
      Iterator<String> oldest = openedAt.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    AgentStatus previous = changed.previous();
    if (previous == null) {
      return null;
    }
    if (from == null) {
      from = previous.since();
    }
    if (from.isAfter(at)) {
      from = at;
    }
    return new StateSpan(previous.state(), previous.onQueue(), from, at);
  }
}
