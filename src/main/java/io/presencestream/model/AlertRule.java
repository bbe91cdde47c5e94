package io.presencestream.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One configured alert rule ({@code contactCentre.alerts[]} in YAML). What each {@link Kind} watches, and
 * when its alerts are raised and cleared, is docs/contact-centre.md's alert table.
 *
 * <pre>{@code
 * AlertRule longRing = AlertRule.longerThan("long-ring", AlertRule.Kind.CALL_RINGING, Duration.ofSeconds(30),
 *         AlertSeverity.WARNING)
 *     .withQueues(List.of("Sales Queue"));
 * }</pre>
 *
 * @param name unique among the rules; part of every alert id
 * @param rule what it watches
 * @param longerThan for the duration rules ({@code call.ringing}, {@code call.hold}, {@code queue.wait},
 *     {@code agent.dnd}, {@code agent.offQueue}): how long before it is raised; else null
 * @param belowPercent for {@code queue.serviceLevel}: the service level, in percent (0–100), below which it is raised; else null
 * @param window for {@code queue.serviceLevel}: {@code 15m}, {@code 1h} or {@code today}; else null
 * @param minCalls for {@code queue.serviceLevel}: the fewest calls ({@code answered + abandoned}) the window
 *     must have before it is judged (5 by default in YAML and in {@link #serviceLevel})
 * @param clearAfter for {@code queue.abandoned} and {@code call.missed}: how long the alert stays open
 *     (null reads as 5 minutes); else null
 * @param severity how urgent
 * @param queues scope: queue names, numbers or ids; empty for every queue
 * @param extensions scope: extension numbers or ids; empty for every extension
 * @param targets the webhook names that get its alerts (SSE, Kafka and the alerts API get all)
 */
public record AlertRule(
    String name,
    Kind rule,
    Duration longerThan,
    Double belowPercent,
    String window,
    int minCalls,
    Duration clearAfter,
    AlertSeverity severity,
    List<String> queues,
    List<String> extensions,
    List<String> targets) {

  /** The default {@code clearAfter} of the event-like rules. */
  public static final Duration DEFAULT_CLEAR_AFTER = Duration.ofMinutes(5);

  /** The default {@code minCalls} of {@code queue.serviceLevel}. */
  public static final int DEFAULT_MIN_CALLS = 5;

  /** The eight rules, by their YAML and JSON labels. */
  public enum Kind implements Labeled {
    /** An agent's call rings longer than {@code longerThan}; subject: the extension. */
    CALL_RINGING("call.ringing", "extension"),
    /** A call is on hold longer than {@code longerThan}; subject: the extension. */
    CALL_HOLD("call.hold", "extension"),
    /** A queue call waits longer than {@code longerThan}; subject: the queue. */
    QUEUE_WAIT("queue.wait", "queue"),
    /** A queue's service level over {@code window} is below {@code belowPercent}; subject: the queue. */
    QUEUE_SERVICE_LEVEL("queue.serviceLevel", "queue"),
    /** A queue call is abandoned; cleared {@code clearAfter} later; subject: the queue. */
    QUEUE_ABANDONED("queue.abandoned", "queue"),
    /** An agent misses a queue call; cleared {@code clearAfter} later; subject: the extension. */
    CALL_MISSED("call.missed", "extension"),
    /** An agent is {@code DoNotDisturb} longer than {@code longerThan}; subject: the extension. */
    AGENT_DND("agent.dnd", "extension"),
    /** An agent is off queue (and not {@code Offline}) longer than {@code longerThan}; subject: the extension. */
    AGENT_OFF_QUEUE("agent.offQueue", "extension");

    private final String label;
    private final String subject;

    Kind(String label, String subject) {
      this.label = label;
      this.subject = subject;
    }

    /** The YAML and JSON word, e.g. {@code call.ringing}. */
    @Override
    public String label() {
      return label;
    }

    /**
     * What its alerts are about.
     *
     * @return {@code extension} or {@code queue}, as in an alert's {@code subject}
     */
    public String subject() {
      return subject;
    }

    /**
     * Whether the rule needs {@code longerThan}.
     *
     * @return true for the five duration rules
     */
    public boolean needsDuration() {
      return this == CALL_RINGING || this == CALL_HOLD || this == QUEUE_WAIT || this == AGENT_DND
          || this == AGENT_OFF_QUEUE;
    }

    /**
     * Parses the YAML word.
     *
     * @param label e.g. {@code queue.serviceLevel}
     * @return the kind
     * @throws IllegalArgumentException for null or any other word, naming the valid ones
     */
    public static Kind parse(String label) {
      Kind kind = Labeled.parse(values(), label, null);
      if (kind == null) {
        throw new IllegalArgumentException("unknown alert rule '" + label + "' (expected call.ringing, call.hold, "
            + "queue.wait, queue.serviceLevel, queue.abandoned, call.missed, agent.dnd or agent.offQueue)");
      }
      return kind;
    }
  }

  /**
   * Validates the rule: what its kind needs is present and in range; copies the lists.
   *
   * @throws NullPointerException if {@code name}, {@code rule} or {@code severity} is null
   * @throws IllegalArgumentException if the name is blank, a duration rule has no positive {@code longerThan},
   *     a service-level rule has no window of {@code 15m}, {@code 1h} or {@code today} or no percent in 0–100,
   *     {@code minCalls} is negative, or {@code clearAfter} is negative
   *
   * @param name as above
   * @param rule as above
   * @param longerThan as above
   * @param belowPercent as above
   * @param window as above
   * @param minCalls as above
   * @param clearAfter as above
   * @param severity as above
   * @param queues as above
   * @param extensions as above
   * @param targets as above
   */
  public AlertRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an alert rule needs a name");
    }
    if (rule.needsDuration() && (longerThan == null || longerThan.isNegative() || longerThan.isZero())) {
      throw new IllegalArgumentException("alert rule " + name + " (" + rule.label() + ") needs a positive longerThan");
    }
    if (rule == Kind.QUEUE_SERVICE_LEVEL) {
      if (!"15m".equals(window) && !"1h".equals(window) && !"today".equals(window)) {
        throw new IllegalArgumentException("alert rule " + name + " needs window 15m, 1h or today, not " + window);
      }
      if (belowPercent == null || belowPercent.isNaN() || belowPercent < 0 || belowPercent > 100) {
        throw new IllegalArgumentException("alert rule " + name + " needs below: a percent from 0 to 100");
      }
    }
    if (minCalls < 0) {
      throw new IllegalArgumentException("alert rule " + name + ": minCalls cannot be negative");
    }
    if (clearAfter != null && clearAfter.isNegative()) {
      throw new IllegalArgumentException("alert rule " + name + ": clearAfter cannot be negative");
    }
    if (clearAfter == null && (rule == Kind.QUEUE_ABANDONED || rule == Kind.CALL_MISSED)) {
      clearAfter = DEFAULT_CLEAR_AFTER;
    }
    queues = queues == null ? List.of() : List.copyOf(queues);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /**
   * A duration rule ({@code call.ringing}, {@code call.hold}, {@code queue.wait}, {@code agent.dnd},
   * {@code agent.offQueue}) with no scope and no targets.
   *
   * @param name the rule's name
   * @param rule the kind
   * @param longerThan how long before it is raised
   * @param severity how urgent
   * @return the rule
   */
  public static AlertRule longerThan(String name, Kind rule, Duration longerThan, AlertSeverity severity) {
    return new AlertRule(name, rule, longerThan, null, null, DEFAULT_MIN_CALLS, null, severity, null, null, null);
  }

  /**
   * A {@code queue.serviceLevel} rule with the default {@code minCalls}, no scope and no targets.
   *
   * @param name the rule's name
   * @param window {@code 15m}, {@code 1h} or {@code today}
   * @param belowPercent the level in percent below which it is raised
   * @param severity how urgent
   * @return the rule
   */
  public static AlertRule serviceLevel(String name, String window, double belowPercent, AlertSeverity severity) {
    return new AlertRule(name, Kind.QUEUE_SERVICE_LEVEL, null, belowPercent, window, DEFAULT_MIN_CALLS, null,
        severity, null, null, null);
  }

  /**
   * An event-like rule ({@code queue.abandoned}, {@code call.missed}) that clears after the default 5 minutes.
   *
   * @param name the rule's name
   * @param rule the kind
   * @param severity how urgent
   * @return the rule
   */
  public static AlertRule onEvent(String name, Kind rule, AlertSeverity severity) {
    return new AlertRule(name, rule, null, null, null, DEFAULT_MIN_CALLS, null, severity, null, null, null);
  }

  /**
   * This rule limited to some queues.
   *
   * @param queues queue names, numbers or ids
   * @return a copy with that scope
   */
  public AlertRule withQueues(List<String> queues) {
    return new AlertRule(name, rule, longerThan, belowPercent, window, minCalls, clearAfter, severity, queues,
        extensions, targets);
  }

  /**
   * This rule limited to some extensions.
   *
   * @param extensions extension numbers or ids
   * @return a copy with that scope
   */
  public AlertRule withExtensions(List<String> extensions) {
    return new AlertRule(name, rule, longerThan, belowPercent, window, minCalls, clearAfter, severity, queues,
        extensions, targets);
  }

  /**
   * This rule sent to some webhooks.
   *
   * @param targets webhook names
   * @return a copy with those targets
   */
  public AlertRule withTargets(List<String> targets) {
    return new AlertRule(name, rule, longerThan, belowPercent, window, minCalls, clearAfter, severity, queues,
        extensions, targets);
  }

  /**
   * This rule with another {@code minCalls}.
   *
   * @param minCalls the fewest calls before a service level is judged
   * @return a copy
   */
  public AlertRule withMinCalls(int minCalls) {
    return new AlertRule(name, rule, longerThan, belowPercent, window, minCalls, clearAfter, severity, queues,
        extensions, targets);
  }

  /**
   * This rule with another {@code clearAfter}.
   *
   * @param clearAfter how long an event-like alert stays open
   * @return a copy
   */
  public AlertRule withClearAfter(Duration clearAfter) {
    return new AlertRule(name, rule, longerThan, belowPercent, window, minCalls, clearAfter, severity, queues,
        extensions, targets);
  }
}
