package io.presencestream.model;

/** RingCentral's {@code userStatus} and {@code presenceStatus} values. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum UserStatus implements Labeled {
  /** Appears offline; derived as {@link Availability#INVISIBLE}. */
  OFFLINE("Offline"),
  /** Busy; derived as {@link Availability#BUSY} or {@link Availability#DO_NOT_DISTURB}. */
  BUSY("Busy"),
  /** Available; derived as {@link Availability#AVAILABLE}. */
  AVAILABLE("Available"),
  /** A value this version does not know, or an absent one where a value is required. */
  UNKNOWN("Unknown");

  private final String label;

  UserStatus(String label) {
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
  public static UserStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
