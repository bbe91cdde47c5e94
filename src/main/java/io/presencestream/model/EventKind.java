package io.presencestream.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of {@link PresenceEvent}, with the names used in presence-stream's JSON and filters. */
public enum EventKind {
  /** {@link PresenceEvent.PresenceChanged}. */
  PRESENCE("presence"),
  /** {@link PresenceEvent.CallStarted}. */
  CALL_NEW("call.new"),
  /** {@link PresenceEvent.CallRinging}. */
  CALL_RINGING("call.ringing"),
  /** {@link PresenceEvent.CallUpdated}. */
  CALL_UPDATED("call.updated"),
  /** {@link PresenceEvent.CallEnded}. */
  CALL_ENDED("call.ended"),
  /** {@link SessionEvent.SessionStarted}: from the telephony-session feed. */
  SESSION_STARTED("session.started"),
  /** {@link SessionEvent.PartyUpdated}: from the telephony-session feed. */
  PARTY_UPDATED("party.updated"),
  /** {@link SessionEvent.SessionEnded}: from the telephony-session feed. */
  SESSION_ENDED("session.ended"),
  /** {@link ContactCentreEvent.AgentStateChanged}: from the contact-centre view. */
  AGENT_STATE("agent.state"),
  /** {@link ContactCentreEvent.QueueStatsChanged}: from the contact-centre view. */
  QUEUE_STATS("queue.stats"),
  /** {@link ContactCentreEvent.AlertRaised}: from the contact-centre view. */
  ALERT_RAISED("alert.raised"),
  /** {@link ContactCentreEvent.AlertCleared}: from the contact-centre view. */
  ALERT_CLEARED("alert.cleared"),
  /** {@link ContactCentreEvent.QueueCallEnded}: from the contact-centre view. */
  QUEUE_CALL_ENDED("queue.call.ended");

  private static final String LABELS =
      Arrays.stream(values()).map(EventKind::label).collect(Collectors.joining(", "));

  private final String label;

  EventKind(String label) {
    this.label = label;
  }

  /**
   * The name used in JSON and in filters.
   *
   * @return e.g. {@code call.ended}
   */
  public String label() {
    return label;
  }

  /**
   * Parses a name as written in a filter or the JSON. Unlike RingCentral's words, an unknown kind is an
   * error: it is a user's typo, not a newer server.
   *
   * @param label the name, e.g. {@code call.ended}
   * @return the kind
   * @throws IllegalArgumentException for any other name, naming the valid ones
   */
  public static EventKind parse(String label) {
    for (EventKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown event kind '" + label + "' (expected one of " + LABELS + ")");
  }
}
