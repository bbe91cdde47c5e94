package io.presencestream.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the contact-centre view ({@code io.presencestream.ContactCentre}) emits: derived, clock-driven
 * events computed from the engine's events, the directory and time (docs/contact-centre.md). They travel
 * beside the engine's events (SSE, sinks, Kafka) and share their envelope: {@code at} is the exact instant
 * the change happened (for a clock-driven change, such as a wrap-up ending, the instant computed from the
 * rule, not when a tick noticed it).
 */
public sealed interface ContactCentreEvent extends PresenceEvent {

  /**
   * An agent's state or on-queue flag changed ({@code agent.state}).
   *
   * @param extensionId the agent's extension
   * @param at when it changed
   * @param agent the agent now
   * @param previous the agent before, or null for its first state
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record AgentStateChanged(String extensionId, Instant at, AgentStatus agent, AgentStatus previous, String accountId)
      implements ContactCentreEvent {

    /**
     * Requires the parts but {@code previous}.
     *
     * @throws NullPointerException if {@code extensionId}, {@code at} or {@code agent} is null
     *
     * @param extensionId as above
     * @param at as above
     * @param agent as above
     * @param previous as above
     * @param accountId as above
     */
    public AgentStateChanged {
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(agent, "agent");
    }

    /**
     * An event whose account is not known.
     *
     * @param extensionId the agent's extension
     * @param at when it changed
     * @param agent the agent now
     * @param previous the agent before, or null
     */
    public AgentStateChanged(String extensionId, Instant at, AgentStatus agent, AgentStatus previous) {
      this(extensionId, at, agent, previous, null);
    }

    @Override
    public AgentStateChanged withAccountId(String account) {
      return new AgentStateChanged(extensionId, at, agent, previous, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.AGENT_STATE;
    }
  }

  /**
   * A figure of a queue changed ({@code queue.stats}); never for the running wait alone.
   *
   * @param extensionId the queue's id (a queue is an extension in RingCentral)
   * @param at when it changed (for a call leaving a rolling window: the instant it left)
   * @param queue the queue's statistics now
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record QueueStatsChanged(String extensionId, Instant at, QueueStats queue, String accountId) implements ContactCentreEvent {

    /**
     * Requires every part.
     *
     * @throws NullPointerException if a part is null
     *
     * @param extensionId as above
     * @param at as above
     * @param queue as above
     * @param accountId as above
     */
    public QueueStatsChanged {
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(queue, "queue");
    }

    /**
     * An event whose account is not known.
     *
     * @param extensionId the queue's id
     * @param at when it changed
     * @param queue the queue's statistics now
     */
    public QueueStatsChanged(String extensionId, Instant at, QueueStats queue) {
      this(extensionId, at, queue, null);
    }

    @Override
    public QueueStatsChanged withAccountId(String account) {
      return new QueueStatsChanged(extensionId, at, queue, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.QUEUE_STATS;
    }
  }

  /**
   * An alert was raised ({@code alert.raised}).
   *
   * @param extensionId the alert's subject id (an extension or a queue)
   * @param at when it was raised
   * @param alert the alert, open
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record AlertRaised(String extensionId, Instant at, Alert alert, String accountId) implements ContactCentreEvent {

    /**
     * Requires every part.
     *
     * @throws NullPointerException if a part is null
     *
     * @param extensionId as above
     * @param at as above
     * @param alert as above
     * @param accountId as above
     */
    public AlertRaised {
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(alert, "alert");
    }

    /**
     * An event whose account is not known.
     *
     * @param extensionId the alert's subject id
     * @param at when it was raised
     * @param alert the alert, open
     */
    public AlertRaised(String extensionId, Instant at, Alert alert) {
      this(extensionId, at, alert, null);
    }

    @Override
    public AlertRaised withAccountId(String account) {
      return new AlertRaised(extensionId, at, alert, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.ALERT_RAISED;
    }
  }

  /**
   * An alert was cleared ({@code alert.cleared}).
   *
   * @param extensionId the alert's subject id (an extension or a queue)
   * @param at when it was cleared
   * @param alert the alert, with {@code clearedAt}
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record AlertCleared(String extensionId, Instant at, Alert alert, String accountId) implements ContactCentreEvent {

    /**
     * Requires every part.
     *
     * @throws NullPointerException if a part is null
     *
     * @param extensionId as above
     * @param at as above
     * @param alert as above
     * @param accountId as above
     */
    public AlertCleared {
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(alert, "alert");
    }

    /**
     * An event whose account is not known.
     *
     * @param extensionId the alert's subject id
     * @param at when it was cleared
     * @param alert the alert, with {@code clearedAt}
     */
    public AlertCleared(String extensionId, Instant at, Alert alert) {
      this(extensionId, at, alert, null);
    }

    @Override
    public AlertCleared withAccountId(String account) {
      return new AlertCleared(extensionId, at, alert, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.ALERT_CLEARED;
    }
  }

  /**
   * A queue call left its queue: answered, abandoned or overflowed ({@code queue.call.ended}). Emitted once per
   * queue call, when the view decided it left, so that a sink can keep every queue call and compute any
   * interval's figures from them.
   *
   * @param extensionId the queue's id (a queue is an extension in RingCentral)
   * @param at when the view decided it: the answer's instant for an answered call; for an unanswered one the
   *     end of its gap grace, later than the instant it left ({@code call.endedAt()}, its last agent call's end)
   * @param call the queue call
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record QueueCallEnded(String extensionId, Instant at, QueueCallOutcome call, String accountId)
      implements ContactCentreEvent {

    /**
     * Requires every part but the account.
     *
     * @throws NullPointerException if a part is null
     *
     * @param extensionId as above
     * @param at as above
     * @param call as above
     * @param accountId as above
     */
    public QueueCallEnded {
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(call, "call");
    }

    /**
     * An event whose account is not known.
     *
     * @param extensionId the queue's id
     * @param at when the view decided it
     * @param call the queue call
     */
    public QueueCallEnded(String extensionId, Instant at, QueueCallOutcome call) {
      this(extensionId, at, call, null);
    }

    @Override
    public QueueCallEnded withAccountId(String account) {
      return new QueueCallEnded(extensionId, at, call, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.QUEUE_CALL_ENDED;
    }
  }
}
