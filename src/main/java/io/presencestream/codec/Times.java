package io.presencestream.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 times as RingCentral writes them and as presence-stream writes them.
 *
 * <p>Parsing is hand-written for the shapes RingCentral actually sends ({@code 2019-07-09T16:17:37.705Z},
 * {@code 2014-04-29T13:23:12.468+0000}, {@code +00:00}, no fraction, up to nine fraction digits): it is on
 * the hot path of every active call, and {@link DateTimeFormatter} costs several times more. Anything
 * else falls back to the JDK parsers.
 */
final class Times {

  private static final DateTimeFormatter WIDE_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The earliest time the codec accepts: 0000-01-01T00:00:00Z. */
  static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  /** The latest time the codec accepts: the end of 9999. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Times() {}

  /**
   * Parses an ISO-8601 date-time with offset ({@code Z}, {@code ±HH}, {@code ±HHMM}, {@code ±HH:MM});
   * without an offset it is taken as UTC.
   *
   * @throws DateTimeException if the text is no such time
   */
  static Instant parse(String s) {
    Instant fast = parseFast(s.toCharArray(), 0, s.length());
    return fast != null ? fast : parseSlow(s);
  }

  /**
   * Same as {@link #parse(String)} for {@code text[offset, offset + length)}, e.g. a streaming parser's
   * character buffer: the common shapes are read in place, without creating a {@code String}.
   *
   * @throws DateTimeException if the text is no such time
   */
  static Instant parse(char[] text, int offset, int length) {
    Instant fast = parseFast(text, offset, length);
    return fast != null ? fast : parseSlow(new String(text, offset, length));
  }

  private static Instant parseSlow(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException notInstant) {
        throw new DateTimeException("not an ISO-8601 time");
      }
    }
  }

  /** The common shapes in {@code s[o, o + n)}, or null when they are not one of them. */
  private static Instant parseFast(char[] s, int o, int n) {
    if (n < 19
        || s[o + 4] != '-'
        || s[o + 7] != '-'
        || (s[o + 10] != 'T' && s[o + 10] != 't' && s[o + 10] != ' ')
        || s[o + 13] != ':'
        || s[o + 16] != ':') {
      return null;
    }
    int year = digits(s, o, 4);
    int month = digits(s, o + 5, 2);
    int day = digits(s, o + 8, 2);
    int hour = digits(s, o + 11, 2);
    int minute = digits(s, o + 14, 2);
    int second = digits(s, o + 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw new DateTimeException("time of day out of range");
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s[o + i] == '.') {
      i++;
      int start = i;
      while (i < n && isDigit(s[o + i])) {
        if (i - start < 9) {
          nanos = nanos * 10 + (s[o + i] - '0');
        } else {
          return null; // more than nanosecond precision: let the JDK decide
        }
        i++;
      }
      int count = i - start;
      if (count == 0) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n) {
      offsetSeconds = 0;
    } else {
      char c = s[o + i];
      if ((c == 'Z' || c == 'z') && i + 1 == n) {
        offsetSeconds = 0;
      } else if (c == '+' || c == '-') {
        int rest = n - i - 1;
        int oh;
        int om = 0;
        if (rest == 2) {
          oh = digits(s, o + i + 1, 2);
        } else if (rest == 4) {
          oh = digits(s, o + i + 1, 2);
          om = digits(s, o + i + 3, 2);
        } else if (rest == 5 && s[o + i + 3] == ':') {
          oh = digits(s, o + i + 1, 2);
          om = digits(s, o + i + 4, 2);
        } else {
          return null;
        }
        if (oh < 0 || om < 0 || oh > 18 || om > 59) {
          return null;
        }
        offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
      } else {
        return null;
      }
    }
    if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      throw new DateTimeException("no such date");
    }
    long epochDay = epochDay(year, month, day);
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (years 0–9999 here), without allocating. */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1 if they are not all digits. */
  private static int digits(char[] s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s[i];
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@code 2026-11-26T10:00:00.000Z}: UTC, always exactly three fraction digits (sub-millis are cut). */
  static String formatMillis(Instant t) {
    long seconds = t.getEpochSecond();
    int millis = t.getNano() / 1_000_000;
    LocalDateTime dt = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    int year = dt.getYear();
    if (year < 0 || year > 9999) {
      return WIDE_MILLIS.format(t);
    }
    char[] out = new char[24];
    put(out, 0, year, 4);
    out[4] = '-';
    put(out, 5, dt.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, dt.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, dt.getHour(), 2);
    out[13] = ':';
    put(out, 14, dt.getMinute(), 2);
    out[16] = ':';
    put(out, 17, dt.getSecond(), 2);
    out[19] = '.';
    put(out, 20, millis, 3);
    out[23] = 'Z';
    return new String(out);
  }

  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
