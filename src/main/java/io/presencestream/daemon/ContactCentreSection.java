package io.presencestream.daemon;

import io.presencestream.ContactCentreOptions;
import io.presencestream.cluster.KafkaRole;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertSeverity;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the YAML section {@code contactCentre} (and checks its alert rules against the webhooks they
 * target). Its own class: the rules' keys depend on the rule, which is a page of checks of its own.
 */
final class ContactCentreSection {

  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Map<String, AlertRule.Kind> RULES = new TreeMap<>();
  private static final Map<String, AlertSeverity> SEVERITIES = new TreeMap<>();

  static {
    for (AlertRule.Kind kind : AlertRule.Kind.values()) {
      RULES.put(kind.label(), kind);
    }
    for (AlertSeverity severity : AlertSeverity.values()) {
      SEVERITIES.put(severity.label(), severity);
    }
  }

  private static final Map<String, String> WINDOWS = Map.of("15m", "15m", "1h", "1h", "today", "today");

  private ContactCentreSection() {}

  /**
   * {@code contactCentre}: on by default on the simulator without Kafka or with an ingest (which then publishes
   * the directory), always on under {@code kafka.role: contact-centre} (the view of the deployment), off by
   * default with RingCentral (it reads the account's call queues: an opt-in); refused under {@code process},
   * whose processors see only the extensions of their partitions.
   *
   * @param node the section
   * @param simulator whether the source is the built-in simulator
   * @param role the Kafka role
   * @param webhooks the webhooks' names, which alert rules may target
   * @param database whether a history database is configured ({@code restoreFromHistory} needs one)
   */
  static ContactCentreConfig read(ConfigNode node, boolean simulator, KafkaRole role, Set<String> webhooks,
      boolean database) {
    ContactCentreOptions defaults = ContactCentreOptions.defaults();
    boolean enabledGiven = node.has("enabled");
    boolean enabled = node.bool("enabled", role.viewsContactCentre() || simulator && role != KafkaRole.PROCESS);
    if (enabledGiven && enabled && role == KafkaRole.PROCESS) {
      node.problem("enabled", "the contact-centre view needs every agent of a queue in one process, but under kafka.role "
          + "process a processor sees only the extensions of its partitions; run the view in a daemon with"
          + " kafka.role contact-centre (or without a kafka role), and set contactCentre.enabled: false here");
    }
    if (enabledGiven && !enabled && role.viewsContactCentre()) {
      node.problem("enabled", "kafka.role contact-centre runs the contact-centre view: it cannot be switched off"
          + " (remove contactCentre.enabled, or choose another role)");
    }
    Duration wrapUp = node.duration("wrapUp", defaults.wrapUp(), Duration.ZERO, Duration.ofHours(1));
    ZoneId zone = defaults.timeZone();
    String zoneText = node.string("timeZone", null);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        node.problem("timeZone", "must be a time zone such as UTC, Europe/Paris or America/New_York, was \"" + zoneText + "\"");
      }
    }
    Duration threshold = node.duration("serviceLevelThreshold", defaults.serviceLevelThreshold(), Duration.ZERO, Duration.ofHours(1));
    Map<String, Duration> thresholds = new LinkedHashMap<>();
    ConfigNode perQueue = node.section("serviceLevelThresholds");
    for (String queue : perQueue.keys()) {
      thresholds.put(queue, perQueue.duration(queue, threshold, Duration.ZERO, Duration.ofHours(1)));
    }
    Duration answeredElsewhere =
        node.duration("answeredElsewhereGrace", defaults.answeredElsewhereGrace(), Duration.ZERO, Duration.ofMinutes(1));
    Duration queueGap = node.duration("queueGapGrace", defaults.queueGapGrace(), Duration.ZERO, Duration.ofMinutes(1));
    Duration directoryRefresh = node.duration(
        "directoryRefresh", ContactCentreConfig.DEFAULT_DIRECTORY_REFRESH, Duration.ofSeconds(10), Duration.ofDays(1));
    boolean restoreGiven = node.has("restoreFromHistory");
    boolean restore = node.bool("restoreFromHistory", database);
    if (restoreGiven && restore && !database) {
      node.problem("restoreFromHistory", "rebuilds the view from the history database, but sinks.database is not"
          + " configured; configure it, or remove this key");
    }
    Duration restoreBudget = node.duration(
        "restoreBudget", ContactCentreConfig.DEFAULT_RESTORE_BUDGET, Duration.ofSeconds(1), Duration.ofHours(1));
    List<AlertRule> alerts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : node.sections("alerts")) {
      AlertRule rule = alert(item, webhooks, names);
      if (rule != null) {
        alerts.add(rule);
      }
    }
    node.rejectUnknownKeys();
    try {
      ContactCentreOptions options = new ContactCentreOptions(wrapUp, zone, threshold, thresholds, answeredElsewhere,
          queueGap, defaults.tick(), alerts, defaults.maxPending());
      return new ContactCentreConfig(enabled && role != KafkaRole.PROCESS, options, directoryRefresh, restore, restoreBudget);
    } catch (IllegalArgumentException e) {
      node.problem(null, e.getMessage());
      return ContactCentreConfig.disabled();
    }
  }

  /** One item of {@code contactCentre.alerts}: the keys its rule needs are required, the ones it ignores refused. */
  private static AlertRule alert(ConfigNode node, Set<String> webhooks, Set<String> names) {
    String name = node.string("name", null);
    if (name == null && !node.has("name")) {
      node.problem("name", "is required (it is part of every alert's id)");
    } else if (name != null && !RULE_NAME.matcher(name).matches()) {
      node.problem("name", "must be letters, digits, '.', '_' or '-' (at most 64), was \"" + name + "\"");
      name = null;
    } else if (name != null && !names.add(name)) {
      node.problem("name", "\"" + name + "\" is the name of an earlier rule; names must be unique (they are part of alert ids)");
      name = null;
    }
    AlertRule.Kind kind = null;
    if (!node.has("rule")) {
      node.problem("rule", "is required: one of " + String.join(", ", RULES.keySet()));
    } else {
      kind = node.oneOf("rule", null, RULES);
    }
    AlertSeverity severity = node.oneOf("severity", AlertSeverity.WARNING, SEVERITIES);
    List<String> queues = node.strings("queues", List.of());
    List<String> extensions = node.strings("extensions", List.of());
    List<String> targets = node.strings("targets", List.of());
    for (String target : targets) {
      if (!webhooks.contains(target)) {
        node.problem("targets", "no webhook is named \"" + target + "\" in sinks.webhooks"
            + (webhooks.isEmpty() ? " (there are none)" : " (names: " + String.join(", ", new java.util.TreeSet<>(webhooks)) + ")"));
      }
    }
    Duration longerThan = null;
    if (node.has("longerThan")) {
      longerThan = node.duration("longerThan", null, Duration.ofSeconds(1), Duration.ofDays(1));
      if (kind != null && !kind.needsDuration()) {
        node.problem("longerThan", "is not used by rule " + kind.label() + " (only by call.ringing, call.hold, queue.wait,"
            + " agent.dnd and agent.offQueue)");
      }
    } else if (kind != null && kind.needsDuration()) {
      node.problem("longerThan", "is required for rule " + kind.label() + " (how long before it is raised, e.g. 30s)");
    }
    boolean serviceLevel = kind == AlertRule.Kind.QUEUE_SERVICE_LEVEL;
    String window = null;
    Double below = null;
    int minCalls = AlertRule.DEFAULT_MIN_CALLS;
    for (String key : List.of("window", "below", "minCalls")) {
      if (node.has(key) && kind != null && !serviceLevel) {
        node.problem(key, "is used only by rule queue.serviceLevel, not by " + kind.label());
      }
    }
    if (serviceLevel) {
      if (!node.has("window")) {
        node.problem("window", "is required for rule queue.serviceLevel: one of 15m, 1h, today");
      } else {
        window = node.oneOf("window", null, WINDOWS);
      }
      if (!node.has("below")) {
        node.problem("below", "is required for rule queue.serviceLevel: the service level in percent (0-100) below which it is raised");
      } else {
        double percent = node.doubleBetween("below", -1, 0, 100);
        below = percent < 0 ? null : percent;
      }
      minCalls = node.intBetween("minCalls", AlertRule.DEFAULT_MIN_CALLS, 0, 1_000_000);
    }
    Duration clearAfter = null;
    boolean eventLike = kind == AlertRule.Kind.QUEUE_ABANDONED || kind == AlertRule.Kind.CALL_MISSED;
    if (node.has("clearAfter")) {
      clearAfter = node.duration("clearAfter", null, Duration.ofSeconds(1), Duration.ofDays(1));
      if (kind != null && !eventLike) {
        node.problem("clearAfter", "is used only by rules queue.abandoned and call.missed (the others clear when their condition ends)");
      }
    }
    node.rejectUnknownKeys();
    if (name == null || kind == null || (kind.needsDuration() && longerThan == null)
        || (serviceLevel && (window == null || below == null))) {
      return null;
    }
    try {
      return new AlertRule(name, kind, kind.needsDuration() ? longerThan : null, below, window, minCalls,
          eventLike ? clearAfter : null, severity, queues, extensions, targets);
    } catch (IllegalArgumentException e) {
      node.problem(null, e.getMessage());
      return null;
    }
  }
}
