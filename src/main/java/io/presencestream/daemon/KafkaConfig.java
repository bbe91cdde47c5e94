package io.presencestream.daemon;

import java.util.Objects;

/**
 * Scale-out on Kafka (YAML section {@code kafka}). Only the role is read here; the cluster's own settings
 * belong to the {@code io.presencestream.cluster} package.
 *
 * @param role what this daemon does in a cluster
 */
public record KafkaConfig(Role role) {

  public KafkaConfig {
    Objects.requireNonNull(role, "role");
  }

  /** A daemon's part in a Kafka deployment. */
  public enum Role {
    /** No Kafka: source → engine → sinks in one process. */
    NONE,
    /** Read from RingCentral and publish raw inputs to Kafka. */
    INGEST,
    /** Consume inputs from Kafka, run the engine, publish events. */
    PROCESS,
    /** Both in one process. */
    BOTH
  }
}
