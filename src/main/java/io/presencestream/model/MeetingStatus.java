package io.presencestream.model;

/** RingCentral's {@code meetingStatus}. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum MeetingStatus implements Labeled {
  CONNECTED("Connected"),
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

  /** Parses RingCentral's word; {@code null} stays {@code null} (absent), anything unrecognised is {@link #UNKNOWN}. */
  public static MeetingStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
