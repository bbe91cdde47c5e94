package io.presencestream.daemon;

import io.presencestream.cluster.KafkaOptions;
import io.presencestream.cluster.KafkaRole;
import java.util.Objects;

/**
 * Scale-out on Kafka (YAML section {@code kafka}). The section is read by the cluster package's own
 * {@link KafkaOptions#fromConfig} (the one place that knows its keys); its problems are reported with the
 * others, each naming its key path.
 *
 * @param options the cluster options; {@link KafkaRole#NONE} when the section is absent
 */
public record KafkaConfig(KafkaOptions options) {

  /**
   * Requires the options.
   *
   * @param options the cluster options
   * @throws NullPointerException if {@code options} is null
   */
  public KafkaConfig {
    Objects.requireNonNull(options, "options");
  }

  /** No Kafka: source → engine → sinks in one process. */
  static KafkaConfig none() {
    return new KafkaConfig(KafkaOptions.of("unused:9092", KafkaRole.NONE));
  }

  /** {@return what this daemon does in a cluster} */
  public KafkaRole role() {
    return options.role();
  }
}
