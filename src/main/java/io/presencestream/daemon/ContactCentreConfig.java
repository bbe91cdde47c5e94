package io.presencestream.daemon;

import io.presencestream.ContactCentreOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * The contact-centre view (YAML section {@code contactCentre}): agent states, queue statistics and alerts
 * derived from the engine's events and the directory (docs/contact-centre.md), served at {@code /api/agents},
 * {@code /api/queues}, {@code /api/alerts} and as the SSE kinds {@code agent.state}, {@code queue.stats},
 * {@code alert.raised}, {@code alert.cleared}.
 *
 * <p>On by default on the built-in simulator (a first run shows the view), off by default with a RingCentral
 * source (it reads the account's call queues: an opt-in). Under Kafka: always on with {@code kafka.role:
 * contact-centre} (the deployment's view, over the events topic); with {@code ingest} or {@code both} it means
 * the ingest publishes the directory for that view (no view runs there); refused with {@code process}: a
 * processor sees only the extensions of its partitions, and a queue's figures need every one of its agents.
 *
 * @param enabled whether the view runs (with an ingest role: whether the directory is published)
 * @param options the view's rules: wrap-up, time zone, thresholds, graces, alert rules
 * @param directoryRefresh how often the directory (users, call queues and their members) is read again
 */
public record ContactCentreConfig(boolean enabled, ContactCentreOptions options, Duration directoryRefresh) {

  /** The default {@link #directoryRefresh}. */
  static final Duration DEFAULT_DIRECTORY_REFRESH = Duration.ofMinutes(5);

  /**
   * Requires every part.
   *
   * @param enabled whether the view runs
   * @param options the view's rules
   * @param directoryRefresh how often the directory is read again, positive
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if {@code directoryRefresh} is not positive
   */
  public ContactCentreConfig {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(directoryRefresh, "directoryRefresh");
    if (directoryRefresh.isNegative() || directoryRefresh.isZero()) {
      throw new IllegalArgumentException("directoryRefresh must be positive, was " + directoryRefresh);
    }
  }

  /** {@return the view switched off, its settings at their defaults} */
  public static ContactCentreConfig disabled() {
    return new ContactCentreConfig(false, ContactCentreOptions.defaults(), DEFAULT_DIRECTORY_REFRESH);
  }
}
