package io.presencestream.daemon;

import java.util.Objects;

/**
 * A credential read from the environment. Its {@code toString()} never shows the value, so a secret
 * can sit in a configuration record that gets logged; {@link #reveal()} is the one way to read it.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** @throws IllegalArgumentException if the value is null or blank (the message does not show it) */
  static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  /**
   * The secret itself, to hand to the component that needs it; never to a log line.
   *
   * @return the value, not blank
   */
  public String reveal() {
    return value;
  }

  /**
   * Secrets are equal when their values are, so that configurations compare by content.
   *
   * @param other any object
   * @return whether {@code other} is a secret with the same value
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  /**
   * Consistent with {@link #equals}.
   *
   * @return a hash of the value
   */
  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /**
   * Hides the value, so that a logged configuration leaks nothing.
   *
   * @return {@code Secret[***]}, whatever the value
   */
  @Override
  public String toString() {
    return "Secret[***]";
  }
}
