package io.presencestream.model;

/** RingCentral's {@code userStatus} and {@code presenceStatus} values. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum UserStatus implements Labeled {
  OFFLINE("Offline"),
  BUSY("Busy"),
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

  /** Parses RingCentral's word; {@code null} stays {@code null} (absent), anything unrecognised is {@link #UNKNOWN}. */
  public static UserStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
