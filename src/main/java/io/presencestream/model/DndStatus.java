package io.presencestream.model;

/** RingCentral's {@code dndStatus}: which calls the extension accepts. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum DndStatus implements Labeled {
  /** Every call rings the extension. */
  TAKE_ALL_CALLS("TakeAllCalls"),
  /** Do not Disturb: no call rings the extension. */
  DO_NOT_ACCEPT_ANY_CALLS("DoNotAcceptAnyCalls"),
  /** Direct calls ring; calls to the user's departments (call queues) do not. */
  DO_NOT_ACCEPT_DEPARTMENT_CALLS("DoNotAcceptDepartmentCalls"),
  /** Only calls to the user's departments (call queues) ring. */
  TAKE_DEPARTMENT_CALLS_ONLY("TakeDepartmentCallsOnly"),
  /** A value this version does not know, or an absent one where a value is required. */
  UNKNOWN("Unknown");

  private final String label;

  DndStatus(String label) {
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
  public static DndStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
