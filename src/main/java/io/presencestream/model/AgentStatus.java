package io.presencestream.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One extension's agent state (JSON {@code AGENT}), with its directory data so that a display needs
 * nothing else.
 *
 * @param extensionId the extension id
 * @param extensionNumber the short number, or null when the directory does not know the extension
 * @param name the display name, or null
 * @param department RingCentral's {@code contact.department}, or null
 * @param state the state: the first rule of the table that applies
 * @param onQueue true when on queue for at least one of its queues, false when for none, null for a user
 *     in no queue
 * @param since the instant of the input that moved the agent into this state (for the end of a wrap-up,
 *     the instant it ended, not when a tick noticed it)
 * @param queues the ids of the queues the extension is a member of, in directory order, never null
 */
public record AgentStatus(
    String extensionId,
    String extensionNumber,
    String name,
    String department,
    AgentState state,
    Boolean onQueue,
    Instant since,
    List<String> queues) {

  /**
   * Requires the id, state and instant; copies the queues.
   *
   * @throws NullPointerException if {@code extensionId}, {@code state} or {@code since} is null
   *
   * @param extensionId as above
   * @param extensionNumber as above
   * @param name as above
   * @param department as above
   * @param state as above
   * @param onQueue as above
   * @param since as above
   * @param queues as above
   */
  public AgentStatus {
    Objects.requireNonNull(extensionId, "extensionId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    queues = queues == null ? List.of() : List.copyOf(queues);
  }
}
