package io.presencestream.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One span of an agent's day timeline: a state (and on-queue flag) from {@code start} to {@code end}.
 *
 * @param state the agent state during the span
 * @param onQueue the agent-level on-queue flag during the span, null for a user in no queue
 * @param start when it began (or midnight, for a span cut at the start of the day)
 * @param end when it ended, or null for the running span
 */
public record StateSpan(AgentState state, Boolean onQueue, Instant start, Instant end) {

  /**
   * Requires the state and start; an end before the start is refused.
   *
   * @throws NullPointerException if {@code state} or {@code start} is null
   * @throws IllegalArgumentException if {@code end} is before {@code start}
   *
   * @param state as above
   * @param onQueue as above
   * @param start as above
   * @param end as above
   */
  public StateSpan {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(start, "start");
    if (end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("a span cannot end (" + end + ") before it starts (" + start + ")");
    }
  }
}
