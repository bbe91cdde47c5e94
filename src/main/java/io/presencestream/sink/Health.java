package io.presencestream.sink;

import java.util.Objects;

/**
 * The health of one component (a sink, the upstream connection, …) as readiness reports it.
 *
 * @param healthy whether the component is doing its job now
 * @param detail a short, human-readable reason; never contains secrets
 */
public record Health(boolean healthy, String detail) {

  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  /** A healthy component with no further detail. */
  public static Health up() {
    return new Health(true, "ok");
  }

  /** A healthy component with a detail (e.g. {@code "connected"}). */
  public static Health up(String detail) {
    return new Health(true, detail);
  }

  /** An unhealthy component and why. */
  public static Health down(String reason) {
    return new Health(false, reason);
  }
}
