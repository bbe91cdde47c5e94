package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaOptionsTest {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @Test
  void readsEveryKeyOfTheYamlSection() {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("role", "process");
    section.put("bootstrapServers", "k1:9092,k2:9092");
    section.put("groupId", "presence-prod");
    section.put("maxInFlight", 64);
    section.put("pollTimeout", "250ms");
    section.put("restoreTimeout", "PT2M");
    section.put("topics", Map.of("raw", "r", "events", "e", "state", "s", "partitions", 6, "replicationFactor", 2,
        "create", false));
    section.put("properties", Map.of("security.protocol", "SSL", "linger.ms", 10));

    KafkaOptions options = KafkaOptions.fromConfig(section);

    assertThat(options.role()).isEqualTo(KafkaRole.PROCESS);
    assertThat(options.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(options.groupId()).isEqualTo("presence-prod");
    assertThat(options.maxInFlight()).isEqualTo(64);
    assertThat(options.pollTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(options.restoreTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.topics()).isEqualTo(new KafkaTopics("r", "e", "s", "presence.resync", 6, (short) 2, false));
    assertThat(options.properties()).containsEntry("security.protocol", "SSL").containsEntry("linger.ms", "10");
  }

  @ParameterizedTest
  @CsvSource({"config/kafka-ingest.yaml, INGEST", "config/kafka-process.yaml, PROCESS",
      "config/kafka-contact-centre.yaml, CONTACT_CENTRE"})
  void exampleConfigurationsAreValid(String file, KafkaRole role) throws Exception {
    Map<String, Object> yaml = new ObjectMapper(new YAMLFactory()).readValue(Path.of(file).toFile(), MAP);
    @SuppressWarnings("unchecked")
    Map<String, Object> section = (Map<String, Object>) yaml.get("kafka");

    KafkaOptions options = KafkaOptions.fromConfig(section);

    assertThat(options.role()).isEqualTo(role);
    assertThat(options.topics().state()).isEqualTo("presence.state");
  }

  @Test
  void readsTheContactCentreNodesStartAndPublishing() {
    KafkaOptions defaults = KafkaOptions.fromConfig(Map.of("role", "contact-centre", "bootstrapServers", "k:9092"));
    assertThat(defaults.role()).isEqualTo(KafkaRole.CONTACT_CENTRE);
    assertThat(defaults.viewStart()).isEqualTo(ViewStart.TODAY);
    assertThat(defaults.viewPublish()).isTrue();
    assertThat(defaults.viewDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.topics().directory()).isEqualTo("presence.directory");

    KafkaOptions standby = KafkaOptions.fromConfig(Map.of("role", "contact-centre", "bootstrapServers", "k:9092",
        "contactCentre", Map.of("startFrom", "latest", "publish", false, "delay", "500ms"), "topics", Map.of("directory", "d")));
    assertThat(standby.viewStart()).isEqualTo(ViewStart.LATEST);
    assertThat(standby.viewPublish()).isFalse();
    assertThat(standby.viewDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(standby.topics().directory()).isEqualTo("d");

    assertThatThrownBy(() -> KafkaOptions.fromConfig(Map.of("role", "process", "bootstrapServers", "k:9092",
        "contactCentre", Map.of("startFrom", "yesterday", "publish", "maybe", "colour", "red"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.contactCentre.startFrom: must be one of today, latest, was \"yesterday\"")
        .hasMessageContaining("kafka.contactCentre.publish: must be true or false, was \"maybe\"")
        .hasMessageContaining("kafka.contactCentre.colour: unknown key (expected one of startFrom, publish, delay)")
        .hasMessageContaining("kafka.contactCentre: only read under role contact-centre, the role is process");
    assertThatThrownBy(() -> KafkaOptions.fromConfig(Map.of("role", "contact-centre", "bootstrapServers", "k:9092",
        "contactCentre", Map.of("delay", "2m"))))
        .hasMessageContaining("viewDelay must be between 0 and 1 minute, was PT2M");
  }

  @Test
  void fillsDefaultsForOmittedKeys() {
    KafkaOptions options = KafkaOptions.fromConfig(Map.of("role", "both", "bootstrapServers", "k:9092"));

    assertThat(options).isEqualTo(KafkaOptions.of("k:9092", KafkaRole.BOTH));
    assertThat(options.topics().raw()).isEqualTo("presence.raw");
    assertThat(options.topics().events()).isEqualTo("presence.events");
    assertThat(options.topics().state()).isEqualTo("presence.state");
  }

  @Test
  void roleNoneNeedsNoBootstrapServers() {
    assertThat(KafkaOptions.fromConfig(Map.of("role", "none")).role()).isEqualTo(KafkaRole.NONE);
  }

  @Test
  void reportsEveryProblemWithItsKeyPath() {
    Map<String, Object> section = Map.of(
        "role", "leader",
        "maxInFlight", "lots",
        "pollTimeout", "soon",
        "topics", Map.of("partitions", "x", "colour", "blue"),
        "properties", Map.of("acks", "1"),
        "bootstrap", "k:9092");

    assertThatThrownBy(() -> KafkaOptions.fromConfig(section))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.role: must be one of none, ingest, process, both, contact-centre, was \"leader\"")
        .hasMessageContaining("kafka.maxInFlight: must be a whole number, was \"lots\"")
        .hasMessageContaining("kafka.pollTimeout: must be a duration")
        .hasMessageContaining("kafka.topics.partitions: must be a whole number, was \"x\"")
        .hasMessageContaining("kafka.topics.colour: unknown key")
        .hasMessageContaining("kafka.bootstrap: unknown key")
        .hasMessageContaining("kafka.properties.acks: is set by presence-stream");
  }

  @Test
  void requiresBootstrapServersForAnActiveRole() {
    assertThatThrownBy(() -> KafkaOptions.fromConfig(Map.of("role", "ingest")))
        .hasMessage("kafka.bootstrapServers: required when role is ingest");
  }

  @Test
  void refusesOverridesOfTheSettingsDeliveryRestsOn() {
    for (String key : List.of("enable.idempotence", "acks", "enable.auto.commit", "value.serializer", "group.id")) {
      assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH).properties(Map.of(key, "x")).build())
          .as(key)
          .hasMessageContaining(key + " is set by presence-stream");
    }
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH)
        .properties(Map.of("max.in.flight.requests.per.connection", "10"))
        .build())
        .hasMessageContaining("between 1 and 5");
  }

  @Test
  void neverShowsPropertyValues() {
    KafkaOptions options = KafkaOptions.builder("k:9092", KafkaRole.BOTH)
        .properties(Map.of("sasl.jaas.config", "PlainLoginModule required password=\"hunter2\";"))
        .build();

    assertThat(options.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
  }

  @Test
  void everyBuilderMethodSetsItsOption() {
    KafkaTopics topics = KafkaTopics.builder().partitions(3).replicationFactor(1).build();
    KafkaOptions options = KafkaOptions.builder("k:9092", KafkaRole.INGEST)
        .role(KafkaRole.PROCESS)
        .topics(topics)
        .groupId("g")
        .maxInFlight(8)
        .pollTimeout(Duration.ofMillis(50))
        .restoreTimeout(Duration.ofSeconds(5))
        .properties(Map.of("linger.ms", "1"))
        .build();

    assertThat(options).isEqualTo(new KafkaOptions("k:9092", KafkaRole.PROCESS, topics, "g", 8,
        Duration.ofMillis(50), Duration.ofSeconds(5), Map.of("linger.ms", "1")));
    assertThat(KafkaOptions.builder("k:9092", KafkaRole.BOTH).build()).isEqualTo(KafkaOptions.of("k:9092", KafkaRole.BOTH));
  }

  @Test
  void mutateStartsFromTheOptionsItIsCalledOn() {
    KafkaOptions options = KafkaOptions.builder("k:9092", KafkaRole.BOTH).groupId("g").maxInFlight(8).build();

    assertThat(options.mutate().build()).isEqualTo(options);
    KafkaOptions changed = options.mutate().maxInFlight(16).build();
    assertThat(changed.maxInFlight()).isEqualTo(16);
    assertThat(changed).usingRecursiveComparison().ignoringFields("maxInFlight").isEqualTo(options);
  }

  @Test
  void buildNamesTheOptionOutOfRange() {
    assertThatThrownBy(() -> KafkaOptions.builder(" ", KafkaRole.BOTH).build())
        .hasMessage("bootstrapServers is required");
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", null).build()).hasMessage("role is required");
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH).topics(null).build())
        .hasMessage("topics are required");
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH).groupId("").build())
        .hasMessage("groupId is required");
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH).maxInFlight(0).build())
        .hasMessage("maxInFlight must be between 1 and 100000, was 0");
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH).pollTimeout(Duration.ZERO).build())
        .hasMessage("pollTimeout must be positive");
    assertThatThrownBy(() -> KafkaOptions.builder("k:9092", KafkaRole.BOTH).restoreTimeout(null).build())
        .hasMessage("restoreTimeout must be positive");
  }

  @Test
  void keepsRawEventsAndStateTopicsApart() {
    assertThatThrownBy(() -> KafkaTopics.builder().raw("a").events("a").state("b").resync("c").build())
        .hasMessage("raw, events, state, resync and directory must be five different topics");
  }

  @Test
  void topicsBuilderStartsFromTheDefaults() {
    assertThat(KafkaTopics.builder().build())
        .isEqualTo(KafkaTopics.defaults())
        .isEqualTo(new KafkaTopics("presence.raw", "presence.events", "presence.state", "presence.resync", 12, (short) 3, true));
  }

  @Test
  void everyTopicsBuilderMethodSetsItsComponent() {
    assertThat(KafkaTopics.builder()
            .raw("r").events("e").state("s").resync("q").partitions(6).replicationFactor(2).create(false).build())
        .isEqualTo(new KafkaTopics("r", "e", "s", "q", 6, (short) 2, false));
    assertThat(KafkaTopics.builder().prefix("tenant-7").build())
        .isEqualTo(new KafkaTopics("tenant-7.raw", "tenant-7.events", "tenant-7.state", "tenant-7.resync",
            "tenant-7.directory", 12, (short) 3, true));
  }

  @Test
  void topicsMutateStartsFromTheTopicsItIsCalledOn() {
    KafkaTopics topics = KafkaTopics.builder().prefix("t").partitions(6).replicationFactor(2).create(false).build();

    assertThat(topics.mutate().build()).isEqualTo(topics);
    KafkaTopics wider = topics.mutate().partitions(24).build();
    assertThat(wider.partitions()).isEqualTo(24);
    assertThat(wider).usingRecursiveComparison().ignoringFields("partitions").isEqualTo(topics);
    assertThat(topics.partitions()).as("the original is untouched").isEqualTo(6);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidTopics")
  void topicsBuildNamesTheComponentOutOfRange(UnaryOperator<KafkaTopics.Builder> change, String message) {
    KafkaTopics.Builder builder = change.apply(KafkaTopics.builder());

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  static Stream<Arguments> invalidTopics() {
    return Stream.of(
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.raw(null),
            "raw must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was null"),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.events(" "),
            "events must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was \" \""),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.state("a/b"),
            "state must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was \"a/b\""),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.resync(".."),
            "resync must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was \"..\""),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.raw("x".repeat(250)),
            "raw must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was \"" + "x".repeat(250) + "\""),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.partitions(0), "partitions must be at least 1, was 0"),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.replicationFactor(0),
            "replicationFactor must be between 1 and 32767, was 0"),
        Arguments.of((UnaryOperator<KafkaTopics.Builder>) b -> b.replicationFactor(40_000),
            "replicationFactor must be between 1 and 32767, was 40000"));
  }

  @Test
  void roleSaysWhatItRuns() {
    assertThat(KafkaRole.parse("Both").ingests()).isTrue();
    assertThat(KafkaRole.BOTH.processes()).isTrue();
    assertThat(KafkaRole.INGEST.processes()).isFalse();
    assertThat(KafkaRole.PROCESS.ingests()).isFalse();
    assertThat(KafkaRole.NONE.ingests() || KafkaRole.NONE.processes()).isFalse();
  }
}
