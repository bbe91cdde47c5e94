package io.presencestream.model;

/**
 * Why RingCentral created a telephony session ({@code origin.type}). Values RingCentral may add later map
 * to {@link #UNKNOWN}, never to an exception.
 */
public enum OriginType implements Labeled {
  /** An ordinary call. */
  CALL("Call"),
  /** A RingOut: the platform rings the user's own phone, then the destination. */
  RING_OUT("RingOut"),
  RING_ME("RingMe"),
  CONFERENCE("Conference"),
  GREETINGS_RECORDING("GreetingsRecording"),
  VERIFICATION_CALL("VerificationCall"),
  TEST_CALL("TestCall"),
  ZOOM("Zoom"),
  /** A call started with the Call Control API's call-out. */
  CALL_OUT("CallOut"),
  /** A value this version does not know. */
  UNKNOWN("Unknown");

  private final String label;

  OriginType(String label) {
    this.label = label;
  }

  /** The word RingCentral uses for this value. */
  @Override
  public String label() {
    return label;
  }

  /** Parses RingCentral's word; {@code null} stays {@code null} (absent), anything unrecognised is {@link #UNKNOWN}. */
  public static OriginType parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
