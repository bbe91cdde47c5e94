package io.presencestream.model;

/** RingCentral's {@code dndStatus}: which calls the extension accepts. Values RingCentral may add later map to {@link #UNKNOWN}, never to an exception. */
public enum DndStatus implements Labeled {
  TAKE_ALL_CALLS("TakeAllCalls"),
  DO_NOT_ACCEPT_ANY_CALLS("DoNotAcceptAnyCalls"),
  DO_NOT_ACCEPT_DEPARTMENT_CALLS("DoNotAcceptDepartmentCalls"),
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

  /** Parses RingCentral's word; {@code null} stays {@code null} (absent), anything unrecognised is {@link #UNKNOWN}. */
  public static DndStatus parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
