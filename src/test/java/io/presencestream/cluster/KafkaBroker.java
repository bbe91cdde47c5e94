package io.presencestream.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker (combined controller + broker in this JVM) per test class, from Apache
 * Kafka's own test kit. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();
 * }</pre>
 *
 * <p>The settings make a single node start in a few seconds on a small machine: one partition for
 * the internal offsets topic (50 by default), replication factor 1 everywhere, no initial rebalance
 * delay, few threads. Ports are ephemeral; the data directory is deleted on close.
 */
final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

  static {
    quietKafkaLogs();
  }

  /**
   * The broker logs thousands of INFO lines per start, the clients their whole configuration: keep
   * their warnings only. slf4j-simple reads per-logger levels from system properties when each
   * logger is created, so call this before any Kafka class logs.
   */
  static void quietKafkaLogs() {
    for (String logger : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
      System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
    }
  }

  private KafkaClusterTestKit cluster;
  private Path baseDir;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    baseDir = Files.createTempDirectory("presence-kafka-");
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumControllerNodes(1)
            .setNumBrokerNodes(1)
            .setBaseDirectory(baseDir)
            .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    Map.ofEntries(
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            // Abort a crashed processor's timed-out transaction within a second (default: checked every 10 s).
            Map.entry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"),
            Map.entry("share.coordinator.state.topic.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("group.consumer.heartbeat.interval.ms", "500"),
            Map.entry("group.consumer.min.heartbeat.interval.ms", "500"),
            Map.entry("group.consumer.min.session.timeout.ms", "1000"),
            Map.entry("group.consumer.session.timeout.ms", "6000"),
            Map.entry("group.min.session.timeout.ms", "1000"),
            Map.entry("num.network.threads", "2"),
            Map.entry("num.io.threads", "2"),
            Map.entry("background.threads", "2"),
            Map.entry("num.recovery.threads.per.data.dir", "1"),
            Map.entry("log.cleaner.threads", "1"),
            Map.entry("auto.create.topics.enable", "false"))
        .forEach(builder::setConfigProp);
    cluster = builder.setDeleteOnClose(true).build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  /** The broker's bootstrap address, {@code localhost:<ephemeral port>}. */
  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** An admin client; the caller closes it. */
  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Creates topics with {@code partitions} partitions each and waits until they exist. */
  void createTopics(int partitions, String... names) throws Exception {
    try (Admin admin = admin()) {
      Set<NewTopic> topics =
          java.util.Arrays.stream(names)
              .map(n -> new NewTopic(n, partitions, (short) 1))
              .collect(Collectors.toSet());
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }
}
