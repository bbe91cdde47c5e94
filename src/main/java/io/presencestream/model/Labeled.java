package io.presencestream.model;

/** An enum value with the word RingCentral uses for it on the wire and in its documentation. */
public interface Labeled {

  /** RingCentral's word for this value, e.g. {@code CallConnected}. */
  String label();

  /**
   * Finds the value whose label equals {@code label}.
   *
   * @return {@code null} for a {@code null} label (the field was absent), {@code unknown} for any
   *     label no value carries
   */
  static <E extends Enum<E> & Labeled> E parse(E[] values, String label, E unknown) {
    if (label == null) {
      return null;
    }
    for (E value : values) {
      if (value.label().equals(label)) {
        return value;
      }
    }
    return unknown;
  }
}
