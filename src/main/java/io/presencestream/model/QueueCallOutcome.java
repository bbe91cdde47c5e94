package io.presencestream.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One queue call that left its queue (JSON {@code QUEUECALL} of a {@code queue.call.ended} event): the
 * moments the queue figures count, so that any interval's figures can be computed again from these alone
 * (the history database does, by SQL).
 *
 * @param queueId the queue's id ({@code unknown} for the pseudo-queue of calls whose queue was never known)
 * @param callKey the call's {@code telephonySessionId} (its presence {@code sessionId} when that is missing):
 *     one queue call however many agents it rang
 * @param enteredAt when it entered the queue (counted as offered then)
 * @param answeredAt when an agent answered it, null unless {@code result} is {@code answered}
 * @param endedAt when it left the queue: the answer for an answered call (its conversation goes on), the
 *     unanswered end for the others
 * @param result answered, abandoned or overflowed
 * @param answeredBy the extension id of the agent who answered, null unless answered
 * @param serviceLevelThreshold the queue's threshold when it left
 * @param withinServiceLevel answered with a wait within the threshold (what the service level counts)
 */
public record QueueCallOutcome(
    String queueId,
    String callKey,
    Instant enteredAt,
    Instant answeredAt,
    Instant endedAt,
    QueueCallResult result,
    String answeredBy,
    Duration serviceLevelThreshold,
    boolean withinServiceLevel) {

  /**
   * Requires every part but the answer's; an end before the entry is refused.
   *
   * @throws NullPointerException if {@code queueId}, {@code callKey}, {@code enteredAt}, {@code endedAt},
   *     {@code result} or {@code serviceLevelThreshold} is null
   * @throws IllegalArgumentException if {@code endedAt} is before {@code enteredAt}
   *
   * @param queueId as above
   * @param callKey as above
   * @param enteredAt as above
   * @param answeredAt as above
   * @param endedAt as above
   * @param result as above
   * @param answeredBy as above
   * @param serviceLevelThreshold as above
   * @param withinServiceLevel as above
   */
  public QueueCallOutcome {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(callKey, "callKey");
    Objects.requireNonNull(enteredAt, "enteredAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    if (endedAt.isBefore(enteredAt)) {
      throw new IllegalArgumentException("a queue call cannot leave (" + endedAt + ") before it enters (" + enteredAt + ")");
    }
  }

  /**
   * How long the caller waited in the queue: to the answer, or to the unanswered end.
   *
   * @return the wait, never negative
   */
  public Duration waitTime() {
    return Duration.between(enteredAt, endedAt);
  }
}
