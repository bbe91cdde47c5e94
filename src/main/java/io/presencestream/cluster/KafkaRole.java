package io.presencestream.cluster;

import java.util.Locale;

/** What a presence-stream process does in a Kafka deployment. */
public enum KafkaRole {
  /** No Kafka: source → engine → sinks in one process. */
  NONE,
  /** RingCentral connections → raw topic. */
  INGEST,
  /** Raw topic (consumer group) → engine → events topic, state topic and the local sinks. */
  PROCESS,
  /** Ingest and process in one process. */
  BOTH,
  /**
   * The contact-centre view of the whole deployment: every partition of the events topic and the directory
   * topic → one view → its events back to the events topic and the local sinks.
   */
  CONTACT_CENTRE;

  /** {@return whether this role publishes source inputs to the raw topic} */
  public boolean ingests() {
    return this == INGEST || this == BOTH;
  }

  /** {@return whether this role consumes the raw topic and runs the engine} */
  public boolean processes() {
    return this == PROCESS || this == BOTH;
  }

  /** {@return whether this role runs the contact-centre view over the events topic} */
  public boolean viewsContactCentre() {
    return this == CONTACT_CENTRE;
  }

  /**
   * {@return the word used in configuration: {@code none}, {@code ingest}, {@code process}, {@code both} or
   * {@code contact-centre}}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The valid words, for messages. */
  static final String LABELS = "none, ingest, process, both, contact-centre";

  /**
   * Parses a configuration word, ignoring case and surrounding blanks.
   *
   * @param label the word
   * @return the role it names
   * @throws IllegalArgumentException for any other word, naming the valid ones
   */
  public static KafkaRole parse(String label) {
    for (KafkaRole role : values()) {
      if (role.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "kafka role must be one of " + LABELS + ", was \"" + label + "\"");
  }
}
