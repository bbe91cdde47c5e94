package io.presencestream.model;

/** An enum value with the word RingCentral uses for it on the wire and in its documentation. */
public interface Labeled {

  /**
   * RingCentral's word for this value, as written on the wire.
   *
   * @return e.g. {@code CallConnected}
   */
  String label();

  /**
   * Finds the value whose label equals {@code label}, so that a value RingCentral adds later reads as
   * {@code unknown} instead of failing a whole message.
   *
   * @param <E> the enum type
   * @param values the enum's values to search, usually {@code E.values()}
   * @param label the wire word, compared case-sensitively
   * @param unknown the value standing for words no value carries
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
