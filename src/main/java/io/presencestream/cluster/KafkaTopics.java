package io.presencestream.cluster;

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
 * </ul>
 *
 * @param partitions partitions of each topic created by presence-stream (raw and state must match)
 * @param replicationFactor replication factor of created topics
 * @param create whether a processor or ingest creates missing topics at start (needs the
 *     {@code CREATE} ACL); when false, missing topics are an error
 */
public record KafkaTopics(
    String raw, String events, String state, String resync, int partitions, short replicationFactor, boolean create) {

  public KafkaTopics {
    requireName(raw, "raw");
    requireName(events, "events");
    requireName(state, "state");
    requireName(resync, "resync");
    if (new java.util.HashSet<>(java.util.List.of(raw, events, state, resync)).size() != 4) {
      throw new IllegalArgumentException("raw, events, state and resync topics must be four different topics");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1");
    }
  }

  /**
   * {@code presence.raw}, {@code presence.events}, {@code presence.state}, {@code presence.resync};
   * 12 partitions, replication 3, created when missing.
   */
  public static KafkaTopics defaults() {
    return new KafkaTopics("presence.raw", "presence.events", "presence.state", "presence.resync", 12, (short) 3, true);
  }

  /** A copy with other topic names. */
  public KafkaTopics withNames(String raw, String events, String state, String resync) {
    return new KafkaTopics(raw, events, state, resync, partitions, replicationFactor, create);
  }

  /** A copy creating missing topics with this layout. */
  public KafkaTopics withLayout(int partitions, short replicationFactor) {
    return new KafkaTopics(raw, events, state, resync, partitions, replicationFactor, create);
  }

  /** A copy that does or does not create missing topics. */
  public KafkaTopics withCreate(boolean create) {
    return new KafkaTopics(raw, events, state, resync, partitions, replicationFactor, create);
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " topic name is required");
    }
  }
}
