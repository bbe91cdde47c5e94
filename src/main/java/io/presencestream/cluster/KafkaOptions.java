package io.presencestream.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the Kafka roles need. Immutable; {@link #builder} starts from the defaults and
 * {@link #mutate()} from existing options.
 *
 * <pre>{@code
 * KafkaOptions options = KafkaOptions.builder("kafka-1:9092,kafka-2:9092", KafkaRole.PROCESS)
 *     .groupId("presence-stream-prod")
 *     .properties(Map.of("security.protocol", "SSL"))
 *     .build();
 * }</pre>
 *
 * <p>Some client settings are not negotiable because the delivery guarantees rest on them: producers
 * are idempotent with {@code acks=all} and at most 5 requests in flight per connection (ordering per
 * extension), consumers never auto-commit. Setting those (or serializers, {@code group.id},
 * {@code bootstrap.servers}, {@code transactional.id}, {@code isolation.level}) in {@code properties} is rejected rather than
 * silently ignored.
 *
 * @param bootstrapServers the cluster's bootstrap list, {@code host:port[,host:port…]}
 * @param role what this process does
 * @param topics topic names and how missing ones are created
 * @param groupId the processors' consumer group; every processor of one deployment uses the same
 * @param maxInFlight inputs the ingest has sent but not yet seen acknowledged; beyond it the source is
 *     not requested from (backpressure) — bounds memory when the cluster is slow
 * @param pollTimeout the longest a processor's poll blocks; bounds how fast it notices {@code close()}
 * @param restoreTimeout the longest reading the state topic may take when partitions are assigned
 * @param properties passed through to every producer, consumer and admin client (security, timeouts, …)
 * @param viewStart contact-centre role: where it starts reading the events topic
 * @param viewPublish contact-centre role: whether it writes its events to the events topic (one node of a
 *     deployment should; a standby serving the same view over HTTP should not, or every event is there twice)
 * @param viewDelay contact-centre role: how far its view runs behind the wall clock, so that the events of
 *     different partitions (committed by different processors, with different delays) are applied in time order
 */
public record KafkaOptions(
    String bootstrapServers,
    KafkaRole role,
    KafkaTopics topics,
    String groupId,
    int maxInFlight,
    Duration pollTimeout,
    Duration restoreTimeout,
    Map<String, String> properties,
    ViewStart viewStart,
    boolean viewPublish,
    Duration viewDelay) {

  /** Client settings the roles own; see the class comment. */
  static final Set<String> RESERVED_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "group.id",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer",
          "enable.idempotence",
          "acks",
          "enable.auto.commit",
          "transactional.id",
          "isolation.level");

  /**
   * Validates the options and copies the properties.
   *
   * @param bootstrapServers the cluster's bootstrap list, not blank
   * @param role what this process does
   * @param topics topic names and layout
   * @param groupId the processors' consumer group, not blank
   * @param maxInFlight unacknowledged ingest sends, 1 to 100000
   * @param pollTimeout the longest poll, positive
   * @param restoreTimeout the longest state-topic read, positive
   * @param properties passthrough client properties, or null for none; none of the reserved keys
   * @param viewStart where a contact-centre node starts reading the events topic, not null
   * @param viewPublish whether a contact-centre node writes its events to the events topic
   * @param viewDelay how far a contact-centre node's view runs behind the wall clock, 0 to 1 minute
   * @throws IllegalArgumentException naming the first option that is missing or out of range, or a
   *     reserved property
   */
  public KafkaOptions {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is required");
    }
    if (role == null) {
      throw new IllegalArgumentException("role is required");
    }
    if (topics == null) {
      throw new IllegalArgumentException("topics are required");
    }
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("groupId is required");
    }
    if (maxInFlight < 1 || maxInFlight > 100_000) {
      throw new IllegalArgumentException("maxInFlight must be between 1 and 100000, was " + maxInFlight);
    }
    requirePositive(pollTimeout, "pollTimeout");
    requirePositive(restoreTimeout, "restoreTimeout");
    if (viewStart == null) {
      throw new IllegalArgumentException("viewStart is required");
    }
    if (viewDelay == null || viewDelay.isNegative() || viewDelay.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("viewDelay must be between 0 and 1 minute, was " + viewDelay);
    }
    properties = Map.copyOf(properties == null ? Map.of() : properties);
    for (String key : properties.keySet()) {
      if (RESERVED_PROPERTIES.contains(key)) {
        throw new IllegalArgumentException(
            "property " + key + " is set by presence-stream and cannot be overridden");
      }
    }
    String inFlight = properties.get("max.in.flight.requests.per.connection");
    if (inFlight != null) {
      int value;
      try {
        value = Integer.parseInt(inFlight.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("max.in.flight.requests.per.connection must be a number");
      }
      if (value < 1 || value > 5) {
        // Above 5 the idempotent producer no longer guarantees ordering within a partition.
        throw new IllegalArgumentException("max.in.flight.requests.per.connection must be between 1 and 5");
      }
    }
  }

  /**
   * Options with a contact-centre node's settings at their defaults (start from today, publish its events, run
   * {@link #DEFAULT_VIEW_DELAY} behind the wall clock).
   *
   * @param bootstrapServers the cluster's bootstrap list, not blank
   * @param role what this process does
   * @param topics topic names and layout
   * @param groupId the processors' consumer group, not blank
   * @param maxInFlight unacknowledged ingest sends, 1 to 100000
   * @param pollTimeout the longest poll, positive
   * @param restoreTimeout the longest state-topic read, positive
   * @param properties passthrough client properties, or null for none; none of the reserved keys
   * @throws IllegalArgumentException as the canonical constructor
   */
  public KafkaOptions(String bootstrapServers, KafkaRole role, KafkaTopics topics, String groupId, int maxInFlight,
      Duration pollTimeout, Duration restoreTimeout, Map<String, String> properties) {
    this(bootstrapServers, role, topics, groupId, maxInFlight, pollTimeout, restoreTimeout, properties,
        ViewStart.TODAY, true, DEFAULT_VIEW_DELAY);
  }

  /** The default {@link #viewDelay()}: a processor commits its batch within a poll and a transaction. */
  public static final Duration DEFAULT_VIEW_DELAY = Duration.ofSeconds(2);

  /**
   * Options with the defaults for a deployment: default topics, group {@code presence-stream}, 1024
   * sends in flight, 200 ms poll, 60 s restore.
   *
   * @param bootstrapServers the cluster's bootstrap list, {@code host:port[,host:port…]}
   * @param role what this process does
   * @return the options
   * @throws IllegalArgumentException if an argument is missing
   */
  public static KafkaOptions of(String bootstrapServers, KafkaRole role) {
    return builder(bootstrapServers, role).build();
  }

  /**
   * Starts from the defaults of {@link #of(String, KafkaRole)}, to change some of them.
   *
   * @param bootstrapServers the cluster's bootstrap list
   * @param role what this process does
   * @return a new builder; {@link Builder#build()} validates
   */
  public static Builder builder(String bootstrapServers, KafkaRole role) {
    return new Builder(bootstrapServers, role);
  }

  /**
   * Starts from these options, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these options
   */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects Kafka options; each method sets the option of the same name and {@link #build()}
   * validates them all at once, naming the first one that is out of range. Not thread-safe: build on
   * one thread, then share the immutable result.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private KafkaRole role;
    private KafkaTopics topics = KafkaTopics.defaults();
    private String groupId = "presence-stream";
    private int maxInFlight = 1024;
    private Duration pollTimeout = Duration.ofMillis(200);
    private Duration restoreTimeout = Duration.ofSeconds(60);
    private Map<String, String> properties = Map.of();
    private ViewStart viewStart = ViewStart.TODAY;
    private boolean viewPublish = true;
    private Duration viewDelay = DEFAULT_VIEW_DELAY;

    private Builder(String bootstrapServers, KafkaRole role) {
      this.bootstrapServers = bootstrapServers;
      this.role = role;
    }

    private Builder(KafkaOptions o) {
      this(o.bootstrapServers, o.role);
      topics = o.topics;
      groupId = o.groupId;
      maxInFlight = o.maxInFlight;
      pollTimeout = o.pollTimeout;
      restoreTimeout = o.restoreTimeout;
      properties = o.properties;
      viewStart = o.viewStart;
      viewPublish = o.viewPublish;
      viewDelay = o.viewDelay;
    }

    /**
     * Sets what this process does.
     *
     * @param value the role
     * @return this builder
     */
    public Builder role(KafkaRole value) {
      role = value;
      return this;
    }

    /**
     * Sets the topic names and how missing ones are created.
     *
     * @param value the topics (default {@link KafkaTopics#defaults()})
     * @return this builder
     */
    public Builder topics(KafkaTopics value) {
      topics = value;
      return this;
    }

    /**
     * Sets the processors' consumer group, shared by a deployment's processors.
     *
     * @param value the group id (default {@code presence-stream})
     * @return this builder
     */
    public Builder groupId(String value) {
      groupId = value;
      return this;
    }

    /**
     * Sets how many ingest sends may wait for acknowledgement before the source is no longer requested from.
     *
     * @param value 1 to 100000 (default 1024)
     * @return this builder
     */
    public Builder maxInFlight(int value) {
      maxInFlight = value;
      return this;
    }

    /**
     * Sets the longest a processor's poll blocks, which bounds how fast it notices {@code close()}.
     *
     * @param value a positive duration (default 200 ms)
     * @return this builder
     */
    public Builder pollTimeout(Duration value) {
      pollTimeout = value;
      return this;
    }

    /**
     * Sets the longest reading the state topic may take when partitions are assigned.
     *
     * @param value a positive duration (default 60 s)
     * @return this builder
     */
    public Builder restoreTimeout(Duration value) {
      restoreTimeout = value;
      return this;
    }

    /**
     * Sets the client properties passed to every producer, consumer and admin client, replacing the
     * previous ones.
     *
     * @param value the properties, e.g. security settings (default none); reserved keys are refused by
     *     {@link #build()}
     * @return this builder
     */
    public Builder properties(Map<String, String> value) {
      properties = value;
      return this;
    }

    /**
     * Sets where a contact-centre node starts reading the events topic.
     *
     * @param value {@link ViewStart#TODAY} (the default) or {@link ViewStart#LATEST}
     * @return this builder
     */
    public Builder viewStart(ViewStart value) {
      viewStart = value;
      return this;
    }

    /**
     * Sets whether a contact-centre node writes its events to the events topic.
     *
     * @param value true (the default) for the one node that publishes, false for a standby
     * @return this builder
     */
    public Builder viewPublish(boolean value) {
      viewPublish = value;
      return this;
    }

    /**
     * Sets how far a contact-centre node's view runs behind the wall clock.
     *
     * @param value 0 to 1 minute (default {@link #DEFAULT_VIEW_DELAY})
     * @return this builder
     */
    public Builder viewDelay(Duration value) {
      viewDelay = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first option out of range, or a reserved property
     */
    public KafkaOptions build() {
      return new KafkaOptions(bootstrapServers, role, topics, groupId, maxInFlight, pollTimeout, restoreTimeout,
          properties, viewStart, viewPublish, viewDelay);
    }
  }

  /**
   * The options for a log line. Property values may hold passwords or JAAS configurations: only their
   * keys are shown.
   *
   * @return every option, the properties as their sorted keys
   */
  @Override
  public String toString() {
    return "KafkaOptions[bootstrapServers=" + bootstrapServers
        + ", role=" + role.label()
        + ", topics=" + topics
        + ", groupId=" + groupId
        + ", maxInFlight=" + maxInFlight
        + ", pollTimeout=" + pollTimeout
        + ", restoreTimeout=" + restoreTimeout
        + ", properties=" + new TreeMap<>(properties).keySet()
        + ", viewStart=" + viewStart.label()
        + ", viewPublish=" + viewPublish
        + ", viewDelay=" + viewDelay + "]";
  }

  /**
   * Reads the YAML {@code kafka} section, as parsed into maps, lists and scalars (e.g. by Jackson
   * YAML or SnakeYAML). Keys:
   *
   * <pre>
   * role: none | ingest | process | both | contact-centre      (required)
   * bootstrapServers: "host:9092,host2:9092"   (required unless role is none)
   * groupId: presence-stream
   * maxInFlight: 1024
   * pollTimeout: 200ms                          (ms, s, m, h, or ISO-8601 like PT0.2S)
   * restoreTimeout: 60s
   * topics: {raw: presence.raw, events: presence.events, state: presence.state, resync: presence.resync,
   *          directory: presence.directory, partitions: 12, replicationFactor: 3, create: true}
   * contactCentre: {startFrom: today | latest, publish: true, delay: 2s}   (role contact-centre)
   * properties: {security.protocol: SASL_SSL, …}   (passed to every client)
   * </pre>
   *
   * @param section the section's map, or null for an empty section
   * @return the options, the missing keys at their defaults
   * @throws IllegalArgumentException listing every problem, each prefixed with its key path
   *     ({@code kafka.topics.partitions: must be a whole number, was "x"})
   */
  public static KafkaOptions fromConfig(Map<String, ?> section) {
    List<String> problems = new ArrayList<>();
    Map<String, ?> s = section == null ? Map.of() : section;
    unknownKeys(s, "kafka", List.of("role", "bootstrapServers", "groupId", "maxInFlight", "pollTimeout",
        "restoreTimeout", "topics", "properties", "contactCentre"), problems);
    KafkaRole role = null;
    Object roleValue = s.get("role");
    if (roleValue == null) {
      problems.add("kafka.role: required (one of " + KafkaRole.LABELS + ")");
    } else {
      try {
        role = KafkaRole.parse(String.valueOf(roleValue));
      } catch (IllegalArgumentException e) {
        problems.add("kafka.role: must be one of " + KafkaRole.LABELS + ", was \"" + roleValue + "\"");
      }
    }
    String bootstrap = s.get("bootstrapServers") == null ? null : String.valueOf(s.get("bootstrapServers"));
    if ((bootstrap == null || bootstrap.isBlank()) && role != null && role != KafkaRole.NONE) {
      problems.add("kafka.bootstrapServers: required when role is " + role.label());
    }
    KafkaOptions defaults = of(bootstrap == null || bootstrap.isBlank() ? "unused:9092" : bootstrap,
        role == null ? KafkaRole.NONE : role);
    String groupId = s.get("groupId") == null ? defaults.groupId() : String.valueOf(s.get("groupId"));
    int maxInFlight = integer(s.get("maxInFlight"), "kafka.maxInFlight", defaults.maxInFlight(), problems);
    Duration pollTimeout = duration(s.get("pollTimeout"), "kafka.pollTimeout", defaults.pollTimeout(), problems);
    Duration restoreTimeout =
        duration(s.get("restoreTimeout"), "kafka.restoreTimeout", defaults.restoreTimeout(), problems);

    KafkaTopics topics = defaults.topics();
    Object topicsValue = s.get("topics");
    if (topicsValue instanceof Map<?, ?> t) {
      unknownKeys(t, "kafka.topics", List.of("raw", "events", "state", "resync", "directory", "partitions", "replicationFactor", "create"),
          problems);
      int partitions = integer(t.get("partitions"), "kafka.topics.partitions", topics.partitions(), problems);
      int replication = integer(t.get("replicationFactor"), "kafka.topics.replicationFactor", topics.replicationFactor(), problems);
      boolean create = topics.create();
      Object createValue = t.get("create");
      if (createValue instanceof Boolean b) {
        create = b;
      } else if (createValue != null) {
        problems.add("kafka.topics.create: must be true or false, was \"" + createValue + "\"");
      }
      try {
        topics = topics.mutate()
            .raw(text(t.get("raw"), topics.raw()))
            .events(text(t.get("events"), topics.events()))
            .state(text(t.get("state"), topics.state()))
            .resync(text(t.get("resync"), topics.resync()))
            .directory(text(t.get("directory"), topics.directory()))
            .partitions(partitions)
            .replicationFactor(replication)
            .create(create)
            .build();
      } catch (IllegalArgumentException e) {
        problems.add("kafka.topics: " + e.getMessage());
      }
    } else if (topicsValue != null) {
      problems.add("kafka.topics: must be a mapping");
    }

    Map<String, String> properties = new TreeMap<>();
    Object propertiesValue = s.get("properties");
    if (propertiesValue instanceof Map<?, ?> p) {
      p.forEach((k, v) -> {
        if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
          problems.add("kafka.properties." + k + ": must be a single value");
        } else if (RESERVED_PROPERTIES.contains(String.valueOf(k))) {
          problems.add("kafka.properties." + k + ": is set by presence-stream and cannot be overridden");
        } else {
          properties.put(String.valueOf(k), String.valueOf(v));
        }
      });
    } else if (propertiesValue != null) {
      problems.add("kafka.properties: must be a mapping");
    }
    ViewStart viewStart = defaults.viewStart();
    boolean viewPublish = defaults.viewPublish();
    Duration viewDelay = defaults.viewDelay();
    Object viewValue = s.get("contactCentre");
    if (viewValue instanceof Map<?, ?> v) {
      unknownKeys(v, "kafka.contactCentre", List.of("startFrom", "publish", "delay"), problems);
      viewDelay = duration(v.get("delay"), "kafka.contactCentre.delay", viewDelay, problems);
      if (v.get("startFrom") != null) {
        try {
          viewStart = ViewStart.parse(String.valueOf(v.get("startFrom")));
        } catch (IllegalArgumentException e) {
          problems.add("kafka.contactCentre.startFrom: " + e.getMessage());
        }
      }
      Object publish = v.get("publish");
      if (publish instanceof Boolean b) {
        viewPublish = b;
      } else if (publish != null) {
        problems.add("kafka.contactCentre.publish: must be true or false, was \"" + publish + "\"");
      }
      if (role != null && role != KafkaRole.CONTACT_CENTRE && !v.isEmpty()) {
        problems.add("kafka.contactCentre: only read under role contact-centre, the role is " + role.label());
      }
    } else if (viewValue != null) {
      problems.add("kafka.contactCentre: must be a mapping");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    try {
      return new KafkaOptions(defaults.bootstrapServers(), defaults.role(), topics, groupId, maxInFlight,
          pollTimeout, restoreTimeout, properties, viewStart, viewPublish, viewDelay);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kafka: " + e.getMessage(), e);
    }
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }

  private static void unknownKeys(Map<?, ?> map, String path, List<String> known, List<String> problems) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        problems.add(path + "." + key + ": unknown key (expected one of " + String.join(", ", known) + ")");
      }
    }
  }

  private static String text(Object value, String fallback) {
    return value == null ? fallback : String.valueOf(value);
  }

  private static int integer(Object value, String path, int fallback, List<String> problems) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Integer i) {
      return i;
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      problems.add(path + ": must be a whole number, was \"" + value + "\"");
      return fallback;
    }
  }

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private static Duration duration(Object value, String path, Duration fallback, List<String> problems) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return Duration.ofMillis(n.longValue());
    }
    String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE_DURATION.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(String.valueOf(value).trim());
    } catch (RuntimeException e) {
      problems.add(path + ": must be a duration like 200ms, 5s, 1m, 1h or PT5S, was \"" + value + "\"");
      return fallback;
    }
  }
}
