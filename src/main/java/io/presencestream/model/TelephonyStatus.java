package io.presencestream.model;

/** RingCentral's {@code telephonyStatus}, of an extension or of one call. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum TelephonyStatus implements Labeled {
  NO_CALL("NoCall"),
  CALL_CONNECTED("CallConnected"),
  RINGING("Ringing"),
  ON_HOLD("OnHold"),
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

  /** Parses RingCentral's word; {@code null} stays {@code null} (absent), anything unrecognised is {@link #UNKNOWN}. */
  public static TelephonyStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
