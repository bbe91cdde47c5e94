package io.presencestream.codec.protocol;

import io.presencestream.model.Labeled;

/** {@code recoveryState} of a ConnectionDetails answering a reconnect with {@code wsc}. */
public enum RecoveryState implements Labeled {
  /** The subscription survived; missed notifications (up to the buffer size) follow. */
  SUCCESSFUL("Successful"),
  /** Nothing survived: subscribe again on this connection and resynchronise over REST. */
  FAILED("Failed"),
  /** Absent or a label this code does not know; only {@link #SUCCESSFUL} counts as recovered. */
  UNKNOWN("Unknown");

  private final String label;

  RecoveryState(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  /**
   * Parses the gateway's word, never failing.
   *
   * @param label the {@code recoveryState} field, or null
   * @return the state with this label; {@link #UNKNOWN} for null or an unknown label
   */
  public static RecoveryState parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
