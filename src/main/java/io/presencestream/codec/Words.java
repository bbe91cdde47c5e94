package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.Fields.Problems;
import io.presencestream.model.Labeled;
import java.io.IOException;

/**
 * Reads one of an enum's RingCentral words ({@code CallConnected}, {@code Inbound}, …) straight from the
 * parser's character buffer: the words repeat in every message, so creating a {@code String} for each
 * only to look it up was pure garbage (and {@code values()} cloned the constants on every call — both
 * showed in the allocation profile). Gives exactly what {@code E.parse(Fields.string(…))} gives: the first
 * constant whose label matches, {@code unknown} for any other word, null for null or a non-string (noted
 * in {@link Problems}, as {@link Fields#string} does).
 */
final class Words<E extends Enum<E> & Labeled> {

  private final E[] values;
  private final char[][] labels;
  private final E unknown;

  Words(E[] values, E unknown) {
    this.values = values.clone();
    this.labels = new char[values.length][];
    for (int i = 0; i < values.length; i++) {
      labels[i] = values[i].label().toCharArray();
    }
    this.unknown = unknown;
  }

  E read(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      Fields.string(p, t, problems, field); // null, or a noted mismatch
      return null;
    }
    char[] text = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    for (int i = 0; i < labels.length; i++) {
      if (matches(labels[i], text, offset, length)) {
        return values[i];
      }
    }
    return unknown;
  }

  private static boolean matches(char[] label, char[] text, int offset, int length) {
    if (label.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (label[i] != text[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
