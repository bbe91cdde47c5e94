package io.presencestream.model;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One agent's figures for one calendar day in the contact centre's time zone (JSON {@code DAY}). Times
 * include the running span up to the instant the figures were taken.
 *
 * @param extensionId the extension
 * @param day the calendar day
 * @param handled calls connected at this agent that ended this day
 * @param missed inbound calls that rang here and were connected nowhere (decided after the grace)
 * @param talkTime time in {@link AgentState#ON_CALL}
 * @param holdTime time in {@link AgentState#ON_HOLD}
 * @param wrapUpTime time in {@link AgentState#WRAP_UP}
 * @param availableOnQueue time {@link AgentState#AVAILABLE} and on queue
 * @param averageHandleTime {@code (talk + hold + wrap-up) / handled}, null when nothing was handled
 * @param occupancy {@code (talk + hold + wrap-up) / (that + available on queue)}, 0–1, null when the divisor is 0
 * @param timeline the day's spans in order, the last one running (end null); empty when not asked for
 */
public record AgentDay(
    String extensionId,
    LocalDate day,
    int handled,
    int missed,
    Duration talkTime,
    Duration holdTime,
    Duration wrapUpTime,
    Duration availableOnQueue,
    Duration averageHandleTime,
    Double occupancy,
    List<StateSpan> timeline) {

  /**
   * Requires the id, day and times; copies the timeline.
   *
   * @throws NullPointerException if {@code extensionId}, {@code day} or one of the four times is null
   *
   * @param extensionId as above
   * @param day as above
   * @param handled as above
   * @param missed as above
   * @param talkTime as above
   * @param holdTime as above
   * @param wrapUpTime as above
   * @param availableOnQueue as above
   * @param averageHandleTime as above
   * @param occupancy as above
   * @param timeline as above
   */
  public AgentDay {
    Objects.requireNonNull(extensionId, "extensionId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(talkTime, "talkTime");
    Objects.requireNonNull(holdTime, "holdTime");
    Objects.requireNonNull(wrapUpTime, "wrapUpTime");
    Objects.requireNonNull(availableOnQueue, "availableOnQueue");
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /**
   * The same figures without the timeline (as {@code GET /api/agents} writes them).
   *
   * @return this day with an empty timeline
   */
  public AgentDay withoutTimeline() {
    return timeline.isEmpty() ? this : new AgentDay(extensionId, day, handled, missed, talkTime, holdTime,
        wrapUpTime, availableOnQueue, averageHandleTime, occupancy, List.of());
  }

  /**
   * An empty day.
   *
   * @param extensionId the extension
   * @param day the day
   * @return a day with every figure zero (or null where it has no divisor) and no timeline
   */
  public static AgentDay empty(String extensionId, LocalDate day) {
    return new AgentDay(extensionId, day, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, null,
        null, List.of());
  }
}
