package io.presencestream.internal;

/**
 * Checks, where an optional feature is created, that its optional dependency is on the class path.
 *
 * <p>The artifact declares Kafka, the YAML module, the Prometheus registry and picocli
 * {@code <optional>true</optional>}: an application that embeds the engine does not get them. Without
 * this check, using such a feature anyway fails with a bare {@code NoClassDefFoundError} somewhere deep
 * inside; with it, the error names the feature and the Maven coordinates to add.
 *
 * <pre>{@code
 * OptionalDependency.require("org.apache.kafka.clients.producer.KafkaProducer",
 *     "org.apache.kafka:kafka-clients", "Kafka scale-out");
 * }</pre>
 */
public final class OptionalDependency {

  private OptionalDependency() {}

  /**
   * Returns if {@code className} can be loaded by the class loader that loaded presence-stream;
   * otherwise throws.
   *
   * @param className a class of the optional dependency, e.g. {@code org.apache.kafka.clients.producer.KafkaProducer}
   * @param artifact its Maven coordinates, {@code groupId:artifactId}
   * @param feature what needs it, in words a user recognises ("Kafka scale-out")
   * @throws IllegalStateException naming the feature and the artifact, if the class is missing
   */
  public static void require(String className, String artifact, String feature) {
    try {
      Class.forName(className, false, OptionalDependency.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          feature + " needs " + artifact + " on the class path: it is an optional dependency of"
              + " io.presencestream:presence-stream, add it to your build (" + className + " is missing)",
          e);
    }
  }

  /** {@code org.apache.kafka:kafka-clients}, for the Kafka roles. */
  public static void requireKafka() {
    require("org.apache.kafka.clients.producer.KafkaProducer", "org.apache.kafka:kafka-clients", "Kafka scale-out");
  }

  /** {@code com.fasterxml.jackson.dataformat:jackson-dataformat-yaml}, for the daemon's YAML configuration. */
  public static void requireYaml() {
    require("com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
        "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml", "The daemon's YAML configuration");
  }

  /** {@code io.micrometer:micrometer-registry-prometheus}, for the daemon's {@code /metrics} scrape. */
  public static void requirePrometheus() {
    require("io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
        "io.micrometer:micrometer-registry-prometheus", "The Prometheus metrics scrape");
  }

  /** {@code info.picocli:picocli}, for the command line. */
  public static void requirePicocli() {
    require("picocli.CommandLine", "info.picocli:picocli", "The presence-stream command line");
  }
}
