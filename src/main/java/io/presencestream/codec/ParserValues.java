package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Typed reads of the current value of a streaming parser, tolerant the way RingCentral's payloads need
 * (ids and sequences as string or number) and otherwise strict.
 *
 * <p>A value of the wrong type does not throw: it is skipped and noted in {@link Problems}, because the
 * decoder may only learn later in the same object (from {@code event}, which can come after
 * {@code body}) whether the object is presence at all; NOT_PRESENCE must then win over WRONG_SHAPE.
 */
final class ParserValues {

  private ParserValues() {}

  /** The first shape problem met while reading one document. */
  static final class Problems {
    private String first;

    void add(String problem) {
      if (first == null) {
        first = problem;
      }
    }

    /** Takes {@code other}'s first problem, if this has none yet. */
    void add(Problems other) {
      if (other.first != null) {
        add(other.first);
      }
    }

    boolean any() {
      return first != null;
    }

    String first() {
      return first;
    }

    void throwIfAny() {
      if (first != null) {
        throw Malformed.shape(first);
      }
    }
  }

  /** A string; null for JSON null. */
  static String string(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    mismatch(p, t, problems, field, "a string");
    return null;
  }

  /** An id: a string, or an integer written as a number (RingCentral does both). */
  static String id(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    mismatch(p, t, problems, field, "a string or an integer");
    return null;
  }

  /** A whole number that fits a long: a JSON integer, or a string of digits. */
  static Long longValue(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        problems.add(field + " is out of range");
        return null;
      }
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (!text.isEmpty() && text.length() <= 19) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      problems.add(field + " is not a whole number");
      return null;
    }
    mismatch(p, t, problems, field, "a whole number");
    return null;
  }

  /** A whole number that fits an int. */
  static Integer intValue(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    Long value = longValue(p, t, problems, field);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      problems.add(field + " is out of range");
      return null;
    }
    return value.intValue();
  }

  /** A boolean; {@code "true"}/{@code "false"} strings are tolerated; null for JSON null. */
  static Boolean bool(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if ("true".equals(text)) {
        return Boolean.TRUE;
      }
      if ("false".equals(text)) {
        return Boolean.FALSE;
      }
    }
    mismatch(p, t, problems, field, "a boolean");
    return null;
  }

  /** An ISO-8601 time (any offset), or epoch milliseconds as a number; null for JSON null. */
  static Instant time(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      try {
        // read in place from the parser's buffer: a String here would exist only to be parsed
        return inRange(Times.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()), problems, field);
      } catch (DateTimeException e) {
        problems.add(field + " is not an ISO-8601 time");
        return null;
      }
    }
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      try {
        return inRange(Instant.ofEpochMilli(p.getLongValue()), problems, field);
      } catch (DateTimeException e) {
        problems.add(field + " is out of range");
        return null;
      }
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    mismatch(p, t, problems, field, "an ISO-8601 time");
    return null;
  }

  /**
   * {@code time} if within years 0000 to 9999, else noted as out of range: the difference of any two
   * such times fits a {@code Duration} in milliseconds, which the engine and our schema rely on.
   */
  private static Instant inRange(Instant time, Problems problems, String field) {
    if (time.isBefore(Times.EARLIEST) || time.isAfter(Times.LATEST)) {
      problems.add(field + " is out of range (years 0000 to 9999)");
      return null;
    }
    return time;
  }

  /** Whether the current token opens an object; otherwise the value is skipped and noted (null is fine). */
  static boolean object(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    if (t != JsonToken.VALUE_NULL) {
      mismatch(p, t, problems, field, "an object");
    }
    return false;
  }

  /** Whether the current token opens an array; otherwise the value is skipped and noted (null is fine). */
  static boolean array(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      return true;
    }
    if (t != JsonToken.VALUE_NULL) {
      mismatch(p, t, problems, field, "an array");
    }
    return false;
  }

  static void mismatch(JsonParser p, JsonToken t, Problems problems, String field, String expected)
      throws IOException {
    problems.add(field + " is " + describe(t) + ", expected " + expected);
    p.skipChildren();
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "missing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a fraction";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
