package io.presencestream.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call queue's statistics (JSON {@code QUEUE}). The pseudo-queue {@code unknown} collects queue calls
 * whose queue could not be told.
 *
 * @param queueId the queue's extension id, or {@code unknown}
 * @param extensionNumber the queue's short number, or null
 * @param name the queue's name, or null
 * @param waiting queue calls entered and neither answered nor ended
 * @param longestWaitSince the earliest entry among the waiting, null when none (a display computes the
 *     running wait from it, so the running wait alone never makes an event)
 * @param agents the members by state
 * @param serviceLevelThreshold the wait within which an answer counts for the service level
 * @param today the figures since midnight in the contact centre's time zone
 * @param last15m the figures over the last 15 minutes
 * @param last1h the figures over the last hour
 */
public record QueueStats(
    String queueId,
    String extensionNumber,
    String name,
    int waiting,
    Instant longestWaitSince,
    QueueAgents agents,
    Duration serviceLevelThreshold,
    QueueFigures today,
    QueueFigures last15m,
    QueueFigures last1h) {

  /** The id of the pseudo-queue that collects the queue calls whose queue is not known. */
  public static final String UNKNOWN_QUEUE = "unknown";

  /**
   * Requires every part but the number, name and longest wait.
   *
   * @throws NullPointerException if {@code queueId}, {@code agents}, the threshold or a window is null
   *
   * @param queueId as above
   * @param extensionNumber as above
   * @param name as above
   * @param waiting as above
   * @param longestWaitSince as above
   * @param agents as above
   * @param serviceLevelThreshold as above
   * @param today as above
   * @param last15m as above
   * @param last1h as above
   */
  public QueueStats {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(agents, "agents");
    Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(last15m, "last15m");
    Objects.requireNonNull(last1h, "last1h");
  }
}
