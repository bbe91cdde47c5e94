package io.presencestream.model;

/** RingCentral's {@code telephonyStatus}, of an extension or of one call. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum TelephonyStatus implements Labeled {
  /** No call; on a call with {@code terminationType} final, the call has ended. */
  NO_CALL("NoCall"),
  /** Answered and in progress. */
  CALL_CONNECTED("CallConnected"),
  /** Ringing, not yet answered. */
  RINGING("Ringing"),
  /** Put on hold. */
  ON_HOLD("OnHold"),
  /** Parked, to be picked up from a park location. */
  PARKED_CALL("ParkedCall"),
  /** A value this version does not know, or an absent one where a value is required. */
  UNKNOWN("Unknown");

  private final String label;

  TelephonyStatus(String label) {
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
  public static TelephonyStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
