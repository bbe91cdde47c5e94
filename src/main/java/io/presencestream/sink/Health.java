package io.presencestream.sink;

import java.util.Objects;

/**
 * The health of one component (a sink, the upstream connection, …) as readiness reports it.
 *
 * @param healthy whether the component is doing its job now
 * @param detail a short, human-readable reason; never contains secrets
 */
public record Health(boolean healthy, String detail) {

  /**
   * Requires a detail.
   *
   * @param healthy whether the component is doing its job now
   * @param detail a short reason, never a secret
   * @throws NullPointerException if {@code detail} is null
   */
  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  /** {@return a healthy component with no further detail ({@code "ok"})} */
  public static Health up() {
    return new Health(true, "ok");
  }

  /**
   * A healthy component with a detail.
   *
   * @param detail what it says about itself, e.g. {@code "connected"}
   * @return the health
   */
  public static Health up(String detail) {
    return new Health(true, detail);
  }

  /**
   * An unhealthy component and why.
   *
   * @param reason what is wrong, e.g. {@code "HTTP 500 from https://example.org/hook"}; never a secret
   * @return the health
   */
  public static Health down(String reason) {
    return new Health(false, reason);
  }

  /**
   * A component that still does its job in a lesser way, e.g. a history sink keeping events on local disk
   * while its database is down. Reported as not healthy, with a detail that begins {@code degraded: }.
   *
   * @param detail what is lesser and what it does meanwhile; never a secret
   * @return the health
   */
  public static Health degraded(String detail) {
    return new Health(false, "degraded: " + detail);
  }

  /** {@return whether this is a {@link #degraded} health} */
  public boolean isDegraded() {
    return !healthy && detail.startsWith("degraded: ");
  }
}
