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
  /** A RingMe: the platform calls the user back (e.g. from a click-to-call widget), then connects the caller. */
  RING_ME("RingMe"),
  /** A server-side conference call (audio conferencing bridge); parties say {@code Host} or {@code Participant}. */
  CONFERENCE("Conference"),
  /** A call the platform places to record a greeting or an announcement over the phone. */
  GREETINGS_RECORDING("GreetingsRecording"),
  /** A call the platform places to verify a phone number. */
  VERIFICATION_CALL("VerificationCall"),
  /** A test call, e.g. the echo test of a RingCentral app. */
  TEST_CALL("TestCall"),
  /** A call joining a Zoom (RingCentral Video) meeting by phone. */
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
}
