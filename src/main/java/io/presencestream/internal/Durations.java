package io.presencestream.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of presence-stream, shared by the YAML configuration, the command line and the
 * simulator's fault scripts, so that a value copied from one to the other means the same thing: a whole
 * number with a unit ({@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}) or ISO-8601 ({@code PT15S}).
 *
 * <p>A bare number is not a duration: {@code 3} could mean seconds or milliseconds, and a wrong guess
 * shows up only as a timeout a thousand times too short or too long.
 *
 * <pre>{@code
 * Duration heartbeat = Durations.parse("15s").orElseThrow();
 * }</pre>
 */
public final class Durations {

  /** Examples for messages: "must be a duration such as " + {@code EXAMPLES}. */
  public static final String EXAMPLES = "500ms, 15s, 2m or 1h";

  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Reads {@code text} (surrounding blanks ignored).
   *
   * @param text a duration such as {@code 15s} or {@code PT15S}, or null
   * @return the duration, or empty when {@code text} is none (a bare number, a fraction, an unknown unit, a
   *     negative or out-of-range value)
   */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    Matcher matcher = WITH_UNIT.matcher(t);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
      }
      Duration iso = Duration.parse(t);
      return iso.isNegative() ? Optional.empty() : Optional.of(iso);
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
