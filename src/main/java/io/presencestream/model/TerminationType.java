package io.presencestream.model;

/** RingCentral's {@code terminationType} of an active call: {@code intermediate} legs are not real calls. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum TerminationType implements Labeled {
  /** A real call leg. */
  FINAL("final"),
  /** A transient leg, not a call of its own; the engine drops it. */
  INTERMEDIATE("intermediate"),
  /** A value this version does not know, or an absent one where a value is required. */
  UNKNOWN("Unknown");

  private final String label;

  TerminationType(String label) {
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
  public static TerminationType parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
