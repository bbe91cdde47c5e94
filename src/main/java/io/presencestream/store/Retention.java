package io.presencestream.store;

/**
 * What one run of the retention job deleted.
 *
 * @param events rows deleted from the events table
 * @param calls rows deleted from the calls table
 * @param agentStates rows deleted from the agent_states table
 * @param queueCalls rows deleted from the queue_calls table
 */
public record Retention(long events, long calls, long agentStates, long queueCalls) {

  /**
   * A run that deleted no agent state span and no queue call.
   *
   * @param events rows deleted from the events table
   * @param calls rows deleted from the calls table
   */
  public Retention(long events, long calls) {
    this(events, calls, 0, 0);
  }

  /** {@return the rows deleted from every table} */
  public long total() {
    return events + calls + agentStates + queueCalls;
  }
}
