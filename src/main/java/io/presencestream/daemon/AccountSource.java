package io.presencestream.daemon;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code sources:}: an account the daemon serves beside the others, with its own connection,
 * retries, health entry ({@code upstream:<name>}) and metrics (tag {@code account}).
 *
 * @param name the entry's name, unique among the entries: in the readiness check, log lines and metrics
 * @param source the account: a real RingCentral one (its id read from {@code GET /restapi/v1.0/account/~} at
 *     start) or a simulated one (its id is {@link SourceConfig.Simulator#accountId()})
 */
public record AccountSource(String name, SourceConfig source) {

  /** What a name may be: short and safe in a health entry, a log line and a metric tag. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

  /**
   * Validates the entry.
   *
   * @param name 1 to 40 characters of A-Z a-z 0-9 _ . - (a letter or digit first)
   * @param source the account
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException for a name outside that rule
   */
  public AccountSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1 to 40 characters of A-Z a-z 0-9 _ . - , was \"" + name + "\"");
    }
  }
}
