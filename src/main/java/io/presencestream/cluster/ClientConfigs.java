package io.presencestream.cluster;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The client configurations of the roles: our defaults, then the passthrough, then what we enforce. */
final class ClientConfigs {

  private ClientConfigs() {}

  static Map<String, Object> admin(KafkaOptions options, String clientId) {
    Map<String, Object> config = new HashMap<>(options.properties());
    config.put("bootstrap.servers", options.bootstrapServers());
    config.putIfAbsent("client.id", clientId);
    return config;
  }

  static Map<String, Object> producer(KafkaOptions options, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    // A directory record may be large (the directory topic accepts it); any other topic's limit is the broker's.
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(DirectoryRecords.MAX_BYTES));
    config.putAll(options.properties());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    // Ordering per extension and no duplicates from producer retries rest on these two.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  /**
   * The processor's producer: transactional. Its id is stable for a processor instance: with
   * {@code group.instance.id} set (static membership) the same across restarts, so a restarted
   * processor aborts its predecessor's open transaction at once instead of after
   * {@code transaction.timeout.ms}.
   */
  static Map<String, Object> transactionalProducer(KafkaOptions options, String clientId, String transactionalId) {
    Map<String, Object> config = new HashMap<>();
    // Bounds how long a crashed processor's open transaction holds back its successor's reads.
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
    config.putAll(producer(options, clientId));
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return config;
  }

  /** {@code presence-stream.<groupId>.<group.instance.id, or this run's instance id>}. */
  static String transactionalId(KafkaOptions options, String instanceId) {
    String instance = options.properties().getOrDefault(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    return "presence-stream." + options.groupId() + "." + instance;
  }

  /** The processors' group consumer of the raw topic. */
  static Map<String, Object> groupConsumer(KafkaOptions options, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.putAll(options.properties());
    String protocol = String.valueOf(config.getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"));
    if (protocol.equalsIgnoreCase("classic")) {
      // Cooperative rebalancing moves only the partitions that change owner; an eager one would make
      // every processor drop and rebuild all of its extensions whenever one joins or leaves.
      config.putIfAbsent(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Offsets are committed in the processors' transactions; read_committed also makes the
    // committed-offset fetch wait for a predecessor's transaction to end.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /** A group-less consumer that reads the state topic from the beginning on assignment. */
  static Map<String, Object> restoreConsumer(KafkaOptions options, String clientId) {
    Map<String, Object> config = new HashMap<>(options.properties());
    config.keySet().removeIf(k -> k.startsWith("group.") || k.equals("partition.assignment.strategy"));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Only states of committed batches: a fenced processor's aborted writes are never restored.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }
}
