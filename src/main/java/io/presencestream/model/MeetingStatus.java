package io.presencestream.model;

/** RingCentral's {@code meetingStatus}. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum MeetingStatus implements Labeled {
  /** The user is in a RingCentral meeting. */
  CONNECTED("Connected"),
  /** The user is in no meeting. */
  DISCONNECTED("Disconnected"),
  /** A value this version does not know, or an absent one where a value is required. */
  UNKNOWN("Unknown");

  private final String label;

  MeetingStatus(String label) {
    this.label = label;
  }

  /** The word RingCentral uses for this value. */
  @Override
  public String label() {
    return label;
  }

  /**
   * Parses RingCentral's word, never failing.
   *
   * @param label the wire value, or null when the field was absent
   * @return the value; null for null, {@link #UNKNOWN} for anything unrecognised
   */
  public static MeetingStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
