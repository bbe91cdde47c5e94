package io.presencestream;

import io.presencestream.model.AlertRule;
import io.presencestream.model.CallQueue;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The contact-centre view's settings (YAML {@code contactCentre:}): immutable, validated, changed by
 * withers that return a copy.
 *
 * <pre>{@code
 * ContactCentreOptions options = ContactCentreOptions.defaults()
 *     .withTimeZone(ZoneId.of("America/New_York"))
 *     .withQueueThresholds(Map.of("Sales Queue", Duration.ofSeconds(30)));
 * }</pre>
 *
 * @param wrapUp how long an agent stays in {@code WrapUp} after a handled call ends; zero turns wrap-up off
 * @param timeZone the zone whose calendar days the day figures and the {@code today} window use
 * @param serviceLevelThreshold the wait within which an answer counts for the service level, for every
 *     queue not named in {@code queueThresholds}
 * @param queueThresholds per-queue thresholds, keyed by the queue's name, number or id
 * @param answeredElsewhereGrace how long after a call stopped ringing here another agent's answer still
 *     makes it not missed
 * @param queueGapGrace how long a queue call may have no live agent call before it ends unanswered (the
 *     gap while a sequential queue moves on)
 * @param tick how often the clock is read to end wrap-ups, roll windows and raise duration alerts
 * @param alerts the alert rules, names unique
 * @param maxPending how many inputs (engine events, directories, ticks) may wait for the serial stage
 *     before the newest are dropped and counted ({@code presence.contactcentre.inputs.dropped})
 */
public record ContactCentreOptions(
    Duration wrapUp,
    ZoneId timeZone,
    Duration serviceLevelThreshold,
    Map<String, Duration> queueThresholds,
    Duration answeredElsewhereGrace,
    Duration queueGapGrace,
    Duration tick,
    List<AlertRule> alerts,
    int maxPending) {

  /** The default {@link #maxPending}. */
  public static final int DEFAULT_MAX_PENDING = 16_384;

  /**
   * Validates every setting, listing what is wrong; copies the map and list.
   *
   * @throws NullPointerException if a setting is null
   * @throws IllegalArgumentException if a duration is negative, {@code tick} is not positive, a threshold
   *     is negative, {@code maxPending} is below 1, or two alert rules share a name
   *
   * @param wrapUp as above
   * @param timeZone as above
   * @param serviceLevelThreshold as above
   * @param queueThresholds as above
   * @param answeredElsewhereGrace as above
   * @param queueGapGrace as above
   * @param tick as above
   * @param alerts as above
   * @param maxPending as above
   */
  public ContactCentreOptions {
    Objects.requireNonNull(wrapUp, "wrapUp");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    Objects.requireNonNull(answeredElsewhereGrace, "answeredElsewhereGrace");
    Objects.requireNonNull(queueGapGrace, "queueGapGrace");
    Objects.requireNonNull(tick, "tick");
    queueThresholds = queueThresholds == null ? Map.of() : copy(queueThresholds);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    StringBuilder problems = new StringBuilder();
    negative(problems, "wrapUp", wrapUp);
    negative(problems, "serviceLevelThreshold", serviceLevelThreshold);
    negative(problems, "answeredElsewhereGrace", answeredElsewhereGrace);
    negative(problems, "queueGapGrace", queueGapGrace);
    if (tick.isNegative() || tick.isZero()) {
      problems.append("; tick must be positive");
    }
    queueThresholds.forEach((queue, threshold) -> negative(problems, "queueThresholds." + queue, threshold));
    if (maxPending < 1) {
      problems.append("; maxPending must be at least 1");
    }
    Set<String> names = new HashSet<>();
    for (AlertRule rule : alerts) {
      if (!names.add(rule.name())) {
        problems.append("; alert rule name ").append(rule.name()).append(" is used twice");
      }
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException(problems.substring(2));
    }
  }

  /**
   * The defaults: wrap-up 15s (RingCentral's default queue wrap-up), the JVM's time zone, a 20s service-level
   * threshold for every queue, 2s answered-elsewhere grace, 3s queue gap grace, a 1s tick, no alerts.
   *
   * @return the default options
   */
  public static ContactCentreOptions defaults() {
    return new ContactCentreOptions(Duration.ofSeconds(15), ZoneId.systemDefault(), Duration.ofSeconds(20), Map.of(),
        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1), List.of(), DEFAULT_MAX_PENDING);
  }

  /**
   * The service-level threshold of a queue: the one keyed by its id, else its number, else its name, else
   * the default.
   *
   * @param queue the queue
   * @return its threshold
   */
  public Duration thresholdOf(CallQueue queue) {
    Duration d = queueThresholds.get(queue.id());
    if (d == null && queue.extensionNumber() != null) {
      d = queueThresholds.get(queue.extensionNumber());
    }
    if (d == null && queue.name() != null) {
      d = queueThresholds.get(queue.name());
    }
    return d == null ? serviceLevelThreshold : d;
  }

  /**
   * A copy with another wrap-up time.
   *
   * @param wrapUp the wrap-up time, zero for none
   * @return a copy
   */
  public ContactCentreOptions withWrapUp(Duration wrapUp) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with another time zone.
   *
   * @param timeZone the zone of the account's days
   * @return a copy
   */
  public ContactCentreOptions withTimeZone(ZoneId timeZone) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with another default service-level threshold.
   *
   * @param serviceLevelThreshold the threshold of every queue not in {@code queueThresholds}
   * @return a copy
   */
  public ContactCentreOptions withServiceLevelThreshold(Duration serviceLevelThreshold) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with other per-queue thresholds.
   *
   * @param queueThresholds thresholds keyed by queue name, number or id
   * @return a copy
   */
  public ContactCentreOptions withQueueThresholds(Map<String, Duration> queueThresholds) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with another answered-elsewhere grace.
   *
   * @param answeredElsewhereGrace the grace
   * @return a copy
   */
  public ContactCentreOptions withAnsweredElsewhereGrace(Duration answeredElsewhereGrace) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with another queue gap grace.
   *
   * @param queueGapGrace the grace
   * @return a copy
   */
  public ContactCentreOptions withQueueGapGrace(Duration queueGapGrace) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with another tick.
   *
   * @param tick how often the clock is read
   * @return a copy
   */
  public ContactCentreOptions withTick(Duration tick) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with other alert rules.
   *
   * @param alerts the rules, names unique
   * @return a copy
   */
  public ContactCentreOptions withAlerts(List<AlertRule> alerts) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  /**
   * A copy with another input bound.
   *
   * @param maxPending how many inputs may wait for the serial stage
   * @return a copy
   */
  public ContactCentreOptions withMaxPending(int maxPending) {
    return new ContactCentreOptions(wrapUp, timeZone, serviceLevelThreshold, queueThresholds, answeredElsewhereGrace,
        queueGapGrace, tick, alerts, maxPending);
  }

  private static Map<String, Duration> copy(Map<String, Duration> map) {
    Map<String, Duration> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "queue key"), Objects.requireNonNull(v, "threshold of " + k)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static void negative(StringBuilder problems, String name, Duration d) {
    if (d.isNegative()) {
      problems.append("; ").append(name).append(" cannot be negative");
    }
  }
}
