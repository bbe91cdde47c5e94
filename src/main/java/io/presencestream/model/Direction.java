package io.presencestream.model;

/** Direction of a call as seen from the extension. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum Direction implements Labeled {
  /** A call to the extension. */
  INBOUND("Inbound"),
  /** A call from the extension. */
  OUTBOUND("Outbound"),
  /** A value this version does not know, or an absent one where a value is required. */
  UNKNOWN("Unknown");

  private final String label;

  Direction(String label) {
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
  public static Direction parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
