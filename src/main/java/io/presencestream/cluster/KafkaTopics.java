package io.presencestream.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The four topics of a presence-stream deployment and how to create them when they are missing.
 *
 * <ul>
 *   <li>{@code raw} — source inputs (notifications and REST snapshots), key = extension id.
 *   <li>{@code events} — derived events in the event JSON schema, key = extension id.
 *   <li>{@code state} — compacted; the latest state of each extension, key = extension id, written to
 *       the same partition number as the extension's raw partition. It must have exactly as many
 *       partitions as {@code raw}; the processor checks this at start.
 *   <li>{@code resync} — the engines' requests to read an extension again over REST, from the
 *       processors back to the ingest that holds the RingCentral connection; key = extension id,
 *       value = the {@code ResyncReason} name, header {@code presence.at}. Short-lived by nature:
 *       created with one hour of retention.
 *   <li>{@code directory} — compacted, one partition; the contact-centre directory (users, call queues and
 *       their members) as the ingest last read it, for a {@link KafkaRole#CONTACT_CENTRE} node, which holds
 *       no RingCentral connection; key {@code directory}, value the codec's {@code DIRECTORY} JSON.
 * </ul>
 *
 * <p>Immutable; {@link #builder()} starts from the defaults and {@link #mutate()} from existing topics:
 *
 * <pre>{@code
 * KafkaTopics topics = KafkaTopics.builder().partitions(3).replicationFactor(1).build();
 * }</pre>
 *
 * @param raw name of the topic of source inputs
 * @param events name of the topic of derived events
 * @param state name of the compacted state topic
 * @param resync name of the topic of resync requests
 * @param directory name of the compacted topic of the contact-centre directory
 * @param partitions partitions of each topic created by presence-stream (raw and state must match)
 * @param replicationFactor replication factor of created topics
 * @param create whether a processor or ingest creates missing topics at start (needs the
 *     {@code CREATE} ACL); when false, missing topics are an error
 */
public record KafkaTopics(
    String raw,
    String events,
    String state,
    String resync,
    String directory,
    int partitions,
    short replicationFactor,
    boolean create) {

  /** What Kafka accepts as a topic name (besides {@code .} and {@code ..}, which it refuses). */
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /**
   * Validates the names and the layout.
   *
   * @param raw the raw topic's name
   * @param events the events topic's name
   * @param state the state topic's name
   * @param resync the resync topic's name
   * @param directory the directory topic's name
   * @param partitions partitions of created topics, at least 1
   * @param replicationFactor replication factor of created topics, at least 1
   * @param create whether missing topics are created
   * @throws IllegalArgumentException if a name is not a Kafka topic name, two names are equal, or a
   *     number is out of range
   */
  public KafkaTopics {
    requireName(raw, "raw");
    requireName(events, "events");
    requireName(state, "state");
    requireName(resync, "resync");
    requireName(directory, "directory");
    if (new HashSet<>(List.of(raw, events, state, resync, directory)).size() != 5) {
      throw new IllegalArgumentException("raw, events, state, resync and directory must be five different topics");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
    }
  }

  /**
   * The topics with the directory topic at its default name, {@code presence.directory} (the layout before
   * the contact-centre role had a topic of its own).
   *
   * @param raw the raw topic's name
   * @param events the events topic's name
   * @param state the state topic's name
   * @param resync the resync topic's name
   * @param partitions partitions of created topics, at least 1
   * @param replicationFactor replication factor of created topics, at least 1
   * @param create whether missing topics are created
   * @throws IllegalArgumentException as the canonical constructor
   */
  public KafkaTopics(
      String raw, String events, String state, String resync, int partitions, short replicationFactor, boolean create) {
    this(raw, events, state, resync, DEFAULT_DIRECTORY, partitions, replicationFactor, create);
  }

  /** The directory topic's default name. */
  static final String DEFAULT_DIRECTORY = "presence.directory";

  /**
   * {@code presence.raw}, {@code presence.events}, {@code presence.state}, {@code presence.resync},
   * {@code presence.directory}; 12 partitions (the directory topic: 1), replication 3, created when missing.
   *
   * @return the default topics
   */
  public static KafkaTopics defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults, to change some of them.
   *
   * @return a new builder holding the {@link #defaults()}; {@link Builder#build()} validates
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts from these topics, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these topics
   */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects topic names and layout; each method sets the component of the same name and
   * {@link #build()} validates them all, naming the first one that is out of range. Not thread-safe:
   * build on one thread, then share the immutable result.
   */
  public static final class Builder {
    private String raw = "presence.raw";
    private String events = "presence.events";
    private String state = "presence.state";
    private String resync = "presence.resync";
    private String directory = DEFAULT_DIRECTORY;
    private int partitions = 12;
    private int replicationFactor = 3;
    private boolean create = true;

    private Builder() {}

    private Builder(KafkaTopics t) {
      raw = t.raw;
      events = t.events;
      state = t.state;
      resync = t.resync;
      directory = t.directory;
      partitions = t.partitions;
      replicationFactor = t.replicationFactor;
      create = t.create;
    }

    /**
     * Sets the topic of source inputs.
     *
     * @param name a Kafka topic name (default {@code presence.raw})
     * @return this builder
     */
    public Builder raw(String name) {
      raw = name;
      return this;
    }

    /**
     * Sets the topic of derived events.
     *
     * @param name a Kafka topic name (default {@code presence.events})
     * @return this builder
     */
    public Builder events(String name) {
      events = name;
      return this;
    }

    /**
     * Sets the compacted state topic.
     *
     * @param name a Kafka topic name (default {@code presence.state})
     * @return this builder
     */
    public Builder state(String name) {
      state = name;
      return this;
    }

    /**
     * Sets the topic of resync requests.
     *
     * @param name a Kafka topic name (default {@code presence.resync})
     * @return this builder
     */
    public Builder resync(String name) {
      resync = name;
      return this;
    }

    /**
     * Sets the compacted topic of the contact-centre directory.
     *
     * @param name a Kafka topic name (default {@code presence.directory})
     * @return this builder
     */
    public Builder directory(String name) {
      directory = name;
      return this;
    }

    /**
     * All five names as {@code prefix.raw}, {@code prefix.events}, {@code prefix.state},
     * {@code prefix.resync} and {@code prefix.directory}: one deployment's topics side by side with another's on a shared cluster.
     *
     * @param prefix the deployment's name, itself valid in a topic name
     * @return this builder
     */
    public Builder prefix(String prefix) {
      return raw(prefix + ".raw").events(prefix + ".events").state(prefix + ".state").resync(prefix + ".resync")
          .directory(prefix + ".directory");
    }

    /**
     * Sets the partitions of each topic presence-stream creates; the most processors that share the work.
     *
     * @param value at least 1 (default 12)
     * @return this builder
     */
    public Builder partitions(int value) {
      partitions = value;
      return this;
    }

    /**
     * Sets the replication factor of the topics presence-stream creates.
     *
     * @param value 1 to 32767, at most the number of brokers (default 3)
     * @return this builder
     */
    public Builder replicationFactor(int value) {
      replicationFactor = value;
      return this;
    }

    /**
     * Sets whether missing topics are created at start or are an error.
     *
     * @param value true to create them, which needs the {@code CREATE} ACL (default true)
     * @return this builder
     */
    public Builder create(boolean value) {
      create = value;
      return this;
    }

    /**
     * Validates and builds the topics.
     *
     * @return the topics
     * @throws IllegalArgumentException naming the first name or number out of range
     */
    public KafkaTopics build() {
      if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
        throw new IllegalArgumentException(
            "replicationFactor must be between 1 and " + Short.MAX_VALUE + ", was " + replicationFactor);
      }
      return new KafkaTopics(raw, events, state, resync, directory, partitions, (short) replicationFactor, create);
    }
  }

  private static void requireName(String name, String what) {
    if (name == null || !TOPIC_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          what + " must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was "
              + (name == null ? "null" : "\"" + name + "\""));
    }
  }
}
