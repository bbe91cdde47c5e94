package io.presencestream.model;

/**
 * How a queue's members are doing right now (JSON {@code agents}).
 *
 * @param available members {@link AgentState#AVAILABLE} and on queue for this queue
 * @param onCall members {@link AgentState#RINGING}, {@link AgentState#ON_CALL} or {@link AgentState#ON_HOLD}
 * @param offQueue members {@link AgentState#AVAILABLE} and not on queue for this queue
 * @param other members in any other state, or with no state yet
 */
public record QueueAgents(int available, int onCall, int offQueue, int other) {

  /** No members. */
  public static final QueueAgents NONE = new QueueAgents(0, 0, 0, 0);
}
