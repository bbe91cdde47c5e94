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
 * @param restoreFromHistory whether, with a history database ({@code sinks.database}), the view is rebuilt at
 *     start from the events stored today (README "History": what survives a restart)
 * @param restoreBudget the longest the restore may take; then the view goes live without the rest, and says so
 */
public record ContactCentreConfig(boolean enabled, ContactCentreOptions options, Duration directoryRefresh,
    boolean restoreFromHistory, Duration restoreBudget) {

  /** The default {@link #directoryRefresh}. */
  static final Duration DEFAULT_DIRECTORY_REFRESH = Duration.ofMinutes(5);

  /** The default {@link #restoreBudget}: a busy day of a large account reads in well under a minute. */
  static final Duration DEFAULT_RESTORE_BUDGET = Duration.ofMinutes(2);

  /**
   * Requires every part.
   *
   * @param enabled whether the view runs
   * @param options the view's rules
   * @param directoryRefresh how often the directory is read again, positive
   * @param restoreFromHistory whether the view is rebuilt from the history at start
   * @param restoreBudget the longest the restore may take, positive
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if {@code directoryRefresh} or {@code restoreBudget} is not positive
   */
  public ContactCentreConfig {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(directoryRefresh, "directoryRefresh");
    Objects.requireNonNull(restoreBudget, "restoreBudget");
    if (directoryRefresh.isNegative() || directoryRefresh.isZero()) {
      throw new IllegalArgumentException("directoryRefresh must be positive, was " + directoryRefresh);
    }
    if (restoreBudget.isNegative() || restoreBudget.isZero()) {
      throw new IllegalArgumentException("restoreBudget must be positive, was " + restoreBudget);
    }
  }

  /** {@return the view switched off, its settings at their defaults} */
  public static ContactCentreConfig disabled() {
    return new ContactCentreConfig(false, ContactCentreOptions.defaults(), DEFAULT_DIRECTORY_REFRESH, true,
        DEFAULT_RESTORE_BUDGET);
  }
}
