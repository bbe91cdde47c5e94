package io.presencestream.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Creates missing topics (when allowed) and checks the layout the processors rely on. */
final class TopicSetup {

  private TopicSetup() {}

  /** Runs on a worker thread: admin calls block. */
  static Mono<Void> ensure(KafkaOptions options) {
    return Mono.<Void>fromRunnable(() -> ensureBlocking(options)).subscribeOn(Schedulers.boundedElastic());
  }

  static void ensureBlocking(KafkaOptions options) {
    KafkaTopics topics = options.topics();
    try (Admin admin = Admin.create(ClientConfigs.admin(options, "presence-admin"))) {
      List<String> all = List.of(topics.raw(), topics.events(), topics.state(), topics.resync(), topics.directory());
      Map<String, Integer> partitions = describe(admin, Set.copyOf(all));
      List<NewTopic> missing = new ArrayList<>();
      for (String name : all) {
        if (!partitions.containsKey(name)) {
          NewTopic topic = new NewTopic(name, topics.partitions(), topics.replicationFactor());
          if (name.equals(topics.directory())) {
            // One key, the latest directory: one partition keeps it in order, compaction keeps it bounded, and
            // a large account's directory (thousands of users) needs more than the broker's default 1 MB.
            topic = new NewTopic(name, 1, topics.replicationFactor())
                .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", String.valueOf(DirectoryRecords.MAX_BYTES)));
          } else if (name.equals(topics.state())) {
            // Only the latest state of each extension matters; compaction keeps the topic bounded.
            topic.configs(Map.of("cleanup.policy", "compact"));
          } else if (name.equals(topics.resync())) {
            // A resync request is worth something for seconds; an hour is ample for a restarting ingest.
            topic.configs(Map.of("retention.ms", "3600000"));
          }
          missing.add(topic);
        }
      }
      if (!missing.isEmpty()) {
        if (!topics.create()) {
          throw new IllegalStateException("missing Kafka topics " + missing.stream().map(NewTopic::name).toList()
              + " and topic creation is off (kafka.topics.create: false)");
        }
        for (NewTopic topic : missing) {
          try {
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
            }
          }
        }
        // A created topic reaches every broker's metadata a little later: wait for all of them (bounded).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        partitions = describe(admin, Set.copyOf(all));
        while (partitions.size() < all.size() && System.nanoTime() < deadline) {
          Thread.sleep(100);
          partitions = describe(admin, Set.copyOf(all));
        }
      }
      Integer raw = partitions.get(topics.raw());
      Integer state = partitions.get(topics.state());
      if (raw == null || state == null) {
        throw new IllegalStateException("topics " + topics.raw() + " and " + topics.state() + " are not visible yet");
      }
      if (!raw.equals(state)) {
        throw new IllegalStateException("state topic " + topics.state() + " has " + state + " partitions and raw topic "
            + topics.raw() + " has " + raw + ": they must have the same number, since state partition p holds "
            + "the extensions of raw partition p");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka topics", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within 60 s while checking topics", e);
    }
  }

  /**
   * The partitions of a topic as a consumer sees them; a topic created a moment ago may not be in the consumer's
   * metadata yet, so an empty answer is asked again, for up to 30 s. Blocks: call it on the consumer's thread.
   *
   * @throws IllegalStateException if the topic has no partitions after that
   */
  static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> out = new ArrayList<>();
        infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        return out;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " has no partitions (or does not exist)");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while looking up topic " + topic, e);
      }
    }
  }

  private static Map<String, Integer> describe(Admin admin, Set<String> names)
      throws InterruptedException, java.util.concurrent.TimeoutException {
    Map<String, Integer> found = new java.util.HashMap<>();
    for (var entry : admin.describeTopics(names).topicNameValues().entrySet()) {
      try {
        TopicDescription description = entry.getValue().get(60, TimeUnit.SECONDS);
        found.put(entry.getKey(), description.partitions().size());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
    return found;
  }
}
