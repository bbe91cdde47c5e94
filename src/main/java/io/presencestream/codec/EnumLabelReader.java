package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.Labeled;
import java.io.IOException;

/**
 * Reads an enum constant from its RingCentral label ({@code CallConnected}, {@code Inbound}, …) by
 * matching the parser's character buffer against the labels, without creating a {@code String}: the
 * labels repeat in every message, on the hot path, so a {@code String} per value (and a
 * {@code values()} copy per lookup) would be garbage for nothing. Gives exactly what
 * {@code E.parse(ParserValues.string(…))} gives: the first constant whose label matches,
 * {@code unknown} for any other label, null for null or a non-string (noted in {@link Problems}, as
 * {@link ParserValues#string} does).
 */
final class EnumLabelReader<E extends Enum<E> & Labeled> {

  private final E[] values;
  private final char[][] labels;
  private final E unknown;

  EnumLabelReader(E[] values, E unknown) {
    this.values = values.clone();
    this.labels = new char[values.length][];
    for (int i = 0; i < values.length; i++) {
      labels[i] = values[i].label().toCharArray();
    }
    this.unknown = unknown;
  }

  E read(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      ParserValues.string(p, t, problems, field); // null, or a noted mismatch
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
