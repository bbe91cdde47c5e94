package io.presencestream.model;

/**
 * An agent's state in the contact-centre view: the first rule of docs/contact-centre.md's table that
 * applies, in the table's order (a call beats presence: an agent on a call is {@link #ON_CALL} whatever its
 * DND says). The label is the word written in JSON ({@code "state":"OnCall"}).
 */
public enum AgentState implements Labeled {
  /** Rule 1: a live call is connected, or an outbound call is live and neither on hold nor parked. */
  ON_CALL("OnCall"),
  /** Rule 2: a live call is on hold (and none is connected). */
  ON_HOLD("OnHold"),
  /** Rule 3: an inbound call is ringing. */
  RINGING("Ringing"),
  /** Rule 4: no live call, and the last call handled here ended less than the wrap-up time ago. */
  WRAP_UP("WrapUp"),
  /** Rule 5: {@code presenceStatus} is {@code Offline}: no app or phone is online. */
  OFFLINE("Offline"),
  /** Rule 6: {@code dndStatus} is {@code DoNotAcceptAnyCalls}. */
  DO_NOT_DISTURB("DoNotDisturb"),
  /** Rule 7: {@code meetingStatus} is {@code Connected}. */
  IN_MEETING("InMeeting"),
  /** Rule 8: {@code userStatus} is {@code Busy}. */
  BUSY("Busy"),
  /** Rule 9: {@code userStatus} is {@code Offline}: the user appears offline ("Invisible"). */
  AWAY("Away"),
  /** Rule 10: none of the above. */
  AVAILABLE("Available");

  private final String label;

  AgentState(String label) {
    this.label = label;
  }

  /** The word written in JSON, e.g. {@code OnCall}. */
  @Override
  public String label() {
    return label;
  }

  /**
   * Whether the agent is on a call in this state (counted as {@code agents.onCall} of a queue).
   *
   * @return true for {@link #RINGING}, {@link #ON_CALL} and {@link #ON_HOLD}
   */
  public boolean onCall() {
    return this == RINGING || this == ON_CALL || this == ON_HOLD;
  }

  /**
   * Parses the JSON word. Unlike RingCentral's words this is presence-stream's own vocabulary, so an
   * unknown word is an error, not a newer server.
   *
   * @param label the word, e.g. {@code WrapUp}
   * @return the state
   * @throws IllegalArgumentException for null or any other word
   */
  public static AgentState parse(String label) {
    AgentState state = Labeled.parse(values(), label, null);
    if (state == null) {
      throw new IllegalArgumentException("unknown agent state '" + label + "'");
    }
    return state;
  }
}
