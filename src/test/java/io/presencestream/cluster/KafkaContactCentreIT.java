package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.daemon.Daemon;
import io.presencestream.daemon.DaemonConfig;
import io.presencestream.daemon.DaemonContactCentreTruthIT;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import io.presencestream.simulator.RingCentralSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contact-centre view under Kafka scale-out, over a real broker: an ingest daemon on the built-in simulator
 * (with its call queues) publishes presence, telephony sessions and the directory; two process daemons share the
 * raw topic's partitions; one {@code kafka.role: contact-centre} daemon reads every partition of the events topic
 * and the directory topic. Its {@code /api/agents} and {@code /api/queues} agree with the simulator's truth as
 * {@link DaemonContactCentreTruthIT} compares a single daemon's (exact counts, instants within its tolerance), its
 * events are on the events topic keyed as documented and never read back as input, a bad record is counted and
 * skipped, and a second node started afterwards from {@code today} replays the day to the same figures. A replay
 * of hand-written records shows the time-ordered merge of the partitions, the directory applied before the first
 * replayed event, contact-centre records never taken as input, and nothing of the replay delivered.
 */
@Timeout(420)
class KafkaContactCentreIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  private static final ContactCentreJson VIEW = ContactCentreJson.create();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final List<Daemon> daemons = new ArrayList<>();

  @AfterEach
  void stop() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).shutdown(Duration.ofSeconds(30));
    }
  }

  private Daemon start(String role, String kafkaMore, String more) {
    String yaml = """
        kafka:
          role: %s
          bootstrapServers: %s
          groupId: kafka-cc-it
          topics: {raw: cc.raw, events: cc.events, state: cc.state, resync: cc.resync, directory: cc.directory,
                   partitions: 3, replicationFactor: 1, create: true}
        %s
        server: {port: 0}
        contactCentre: {wrapUp: 2s, timeZone: UTC}
        """.formatted(role, kafka.bootstrapServers(), kafkaMore) + more;
    Daemon daemon = Daemon.start(DaemonConfig.parse(yaml, role, Map.of()));
    daemons.add(daemon);
    return daemon;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<ContactCentreJson.AgentEntry> agents(Daemon daemon) throws Exception {
    return VIEW.decodeAgents(get(daemon.url().resolve("api/agents")).body());
  }

  private static List<QueueStats> queues(Daemon daemon) throws Exception {
    return VIEW.decodeQueues(get(daemon.url().resolve("api/queues")).body());
  }

  private static double count(Daemon daemon, String name, String tag, String value) {
    Counter counter = value == null ? daemon.registry().find(name).counter() : daemon.registry().find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aContactCentreNodeOverTheWholeEventsTopicAgreesWithTheSimulatorsTruth() throws Exception {
    Instant started = Instant.now();
    Daemon ingest = start("ingest", "",
        "source: {simulator: {extensions: 24, eventsPerSecond: 0, seed: 11, feeds: [presence, telephony]}}\n");
    start("process", "", "");
    start("process", "", "");
    Daemon view = start("contact-centre", "", "");
    RingCentralSimulator simulator = ingest.simulator().orElseThrow();
    assertThat(view.simulator()).as("a contact-centre node holds no RingCentral connection").isEmpty();

    await("every extension's agent state at the contact-centre node").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500)).until(() -> agents(view).size() == 24);
    await("the call queues, from the directory topic").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).until(() -> !queues(view).isEmpty());
    Duration startup = Duration.between(started, Instant.now());
    HttpResponse<String> ready = get(view.url().resolve("health/ready"));
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"kafka-contact-centre\":{\"status\":\"UP\",\"detail\":\"live: every partition of cc.events\"}");

    simulator.traffic().bursts(false); // see DaemonContactCentreTruthIT: a call presence never lists is the truth's alone
    simulator.traffic().start(20);
    await("queue calls offered and answered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> queues(view).stream().mapToInt(q -> q.today().answered()).sum() >= 5);
    simulator.traffic().stop();

    // A bad record on the events topic: counted and skipped, the view goes on.
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("cc.events", "101", "not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
    await("the bad record counted").atMost(Duration.ofSeconds(30))
        .until(() -> count(view, "presence.kafka.records.invalid", "reason", "not_json") == 1);

    AtomicReference<List<String>> differences = new AtomicReference<>(List.of("not compared yet"));
    try {
      await("the contact-centre node to agree with the truth").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode truth = DaemonContactCentreTruthIT.truth(simulator);
            List<ContactCentreJson.AgentEntry> viewAgents = agents(view);
            List<ContactCentreJson.AgentEntry> truthAgents = VIEW.decodeAgents(truth.get("agents").toString());
            List<String> found = new ArrayList<>(DaemonContactCentreTruthIT.compare(viewAgents, truthAgents,
                queues(view), VIEW.decodeQueues(truth.get("queues").toString()), startup));
            found.removeAll(sinceTheStartUp(viewAgents, truthAgents, started.plus(startup)));
            differences.set(found);
            return differences.get().isEmpty();
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the contact-centre node and the truth differ:\n  " + String.join("\n  ", differences.get()), e);
    }

    // Its events are on the events topic, keyed by their extensionId, and never taken back as input.
    double publishedBefore = count(view, "presence.kafka.records.sent", "topic", "view");
    List<ConsumerRecord<String, byte[]>> ccRecords = contactCentreRecords();
    assertThat((double) ccRecords.size()).as("what the node published before, at least").isGreaterThanOrEqualTo(publishedBefore);
    PresenceCodec codec = PresenceCodec.create();
    Map<String, Integer> kinds = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : ccRecords) {
      PresenceEvent event = codec.decodeEvent(record.value());
      assertThat(event).isInstanceOf(ContactCentreEvent.class);
      assertThat(record.key()).isEqualTo(event.extensionId());
      kinds.merge(new String(record.headers().lastHeader("presence.kind").value(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    assertThat(kinds).containsKeys("agent.state", "queue.stats");
    double published = count(view, "presence.kafka.records.sent", "topic", "view");
    assertThat((double) ccRecords.size()).as("the contact-centre records on the topic, all the node's").isLessThanOrEqualTo(published)
        .isGreaterThan(0);
    await("its own events read and skipped").atMost(Duration.ofSeconds(30))
        .until(() -> count(view, "presence.kafka.view.records.skipped", "reason", "contact_centre") >= published);
    assertThat(view.registry().get("presence.contactcentre.errors").counter().count()).isZero();

    // A node started now, from today, replays the day in time order to the same figures (a standby: it does not
    // publish). Its availableOnQueue may be longer: it applies the directory from the first replayed event on.
    Daemon standby = start("contact-centre", "  contactCentre: {startFrom: today, publish: false}", "");
    await("the standby to catch up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> get(standby.url().resolve("health/ready")).statusCode() == 200);
    try {
      await("the standby to agree with the first node").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<ContactCentreJson.AgentEntry> first = agents(view);
            List<ContactCentreJson.AgentEntry> replayed = agents(standby);
            List<String> found = new ArrayList<>(DaemonContactCentreTruthIT.compare(
                first, replayed, queues(view), queues(standby), startup));
            found.removeAll(sinceTheStartUp(first, replayed, started.plus(startup)));
            differences.set(found);
            return differences.get().isEmpty();
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the standby's replay and the first node differ (first node as 'view', standby as"
          + " 'truth'):\n  " + String.join("\n  ", differences.get()), e);
    }
    assertThat(count(standby, "presence.kafka.records.sent", "topic", "view")).as("a standby publishes nothing").isZero();
    assertThat(count(standby, "presence.kafka.view.events.replayed", "", null))
        .as("the standby re-derived the day while replaying, and delivered none of it").isPositive();
    assertThat(count(standby, "presence.kafka.records.invalid", "reason", "not_json")).isEqualTo(1);
  }

  @Test
  void aReplayAppliesThePartitionsInTimeOrderWithTheDirectoryFirstAndDeliversNothingOfIt() throws Exception {
    KafkaOptions options = KafkaOptions.builder(kafka.bootstrapServers(), KafkaRole.CONTACT_CENTRE)
        .topics(KafkaTopics.builder().prefix("replay").partitions(2).replicationFactor(1).build())
        .viewDelay(Duration.ZERO)
        .viewPublish(false)
        .build();
    TopicSetup.ensureBlocking(options);
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the events' JSON carries ms
    Instant midnight = CatchUpClock.startOfToday(java.time.ZoneOffset.UTC, java.time.Clock.systemUTC());
    Instant t0 = now.minusSeconds(600).isAfter(midnight) ? now.minusSeconds(600) : midnight.plusSeconds(1);
    PresenceCodec codec = PresenceCodec.create();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new DirectoryRecords("replay.directory").toRecord(new io.presencestream.model.Directory(now,
          List.of(new io.presencestream.model.ExtensionInfo("101", "101", "Ann"),
              new io.presencestream.model.ExtensionInfo("102", "102", "Bob")),
          List.of(new io.presencestream.model.CallQueue("2001", "2001", "Sales", List.of(
              new io.presencestream.model.QueueMember("101", true, true),
              new io.presencestream.model.QueueMember("102", true, true))))))).get(30, TimeUnit.SECONDS);
      // the later events in partition 0, written first, the earlier in partition 1: a consumer hands partition 0's
      // records over first, and only a merge in time order applies 101's (partition 1) at their own instants
      List<ProducerRecord<String, byte[]>> records = List.of(
          event(codec, 0, presence("102", t0.plusSeconds(30), false)),
          event(codec, 0, presence("102", t0.plusSeconds(90), true)),
          event(codec, 1, presence("101", t0, false)),
          new ProducerRecord<>("replay.events", 1, "101", "{\"kind\":".getBytes(StandardCharsets.UTF_8)),
          event(codec, 1, presence("101", t0.plusSeconds(60), true)));
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record).get(30, TimeUnit.SECONDS);
      }
      // a contact-centre event, with and without its kind header: never input
      ContactCentreEvent agent = new ContactCentreEvent.AgentStateChanged("101", t0.plusSeconds(61),
          new io.presencestream.model.AgentStatus("101", "101", "Ann", null, io.presencestream.model.AgentState.AVAILABLE,
              true, t0.plusSeconds(61), List.of("2001")), null);
      producer.send(EventRecords.toRecord("replay.events", codec, agent)).get(30, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>("replay.events", 0, "101", codec.encodeEvent(agent).getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }

    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    KafkaContactCentre node = KafkaContactCentre.create(options,
        io.presencestream.ContactCentreOptions.defaults().withTimeZone(java.time.ZoneOffset.UTC), codec, registry);
    List<ContactCentreEvent> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    reactor.core.Disposable running = node.run().subscribe(delivered::add);
    try {
      await("live").atMost(Duration.ofSeconds(60)).until(() -> node.health().healthy());
      await("both agents").atMost(Duration.ofSeconds(10)).until(() -> node.centre().agents().size() == 2);
      List<io.presencestream.model.StateSpan> ann = node.centre().agentDay("101").orElseThrow().timeline();
      assertThat(ann).extracting(io.presencestream.model.StateSpan::state, io.presencestream.model.StateSpan::onQueue,
              io.presencestream.model.StateSpan::start)
          .as("in time order, on queue from the first event: the directory came first")
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(io.presencestream.model.AgentState.AVAILABLE, true, t0),
              org.assertj.core.groups.Tuple.tuple(io.presencestream.model.AgentState.DO_NOT_DISTURB, false,
                  t0.plusSeconds(60)));
      assertThat(node.centre().agents()).extracting(a -> a.extensionId() + " " + a.state() + " " + a.since())
          .containsExactly("101 " + io.presencestream.model.AgentState.DO_NOT_DISTURB + " " + t0.plusSeconds(60),
              "102 " + io.presencestream.model.AgentState.DO_NOT_DISTURB + " " + t0.plusSeconds(90));
      assertThat(registry.get("presence.kafka.view.records.skipped").counter().count()).isEqualTo(2);
      assertThat(registry.get("presence.kafka.records.invalid").tag("reason", "not_json").counter().count()).isEqualTo(1);
      assertThat(registry.get("presence.contactcentre.errors").counter().count()).isZero();
      assertThat(delivered).as("everything so far re-derives the replayed day").isEmpty();
      assertThat(registry.get("presence.kafka.view.events.replayed").counter().count()).isPositive();
    } finally {
      running.dispose();
      node.close().block(Duration.ofSeconds(30));
    }
  }

  private static io.presencestream.model.PresenceEvent.PresenceChanged presence(String extension, Instant at, boolean dnd) {
    io.presencestream.model.PresenceState state = new io.presencestream.model.PresenceState(
        dnd ? io.presencestream.model.Availability.DO_NOT_DISTURB : io.presencestream.model.Availability.AVAILABLE,
        io.presencestream.model.UserStatus.AVAILABLE,
        dnd ? io.presencestream.model.DndStatus.DO_NOT_ACCEPT_ANY_CALLS : io.presencestream.model.DndStatus.TAKE_ALL_CALLS,
        io.presencestream.model.UserStatus.AVAILABLE, io.presencestream.model.TelephonyStatus.NO_CALL,
        io.presencestream.model.MeetingStatus.DISCONNECTED, null);
    return new io.presencestream.model.PresenceEvent.PresenceChanged(extension, at, state, null);
  }

  private static ProducerRecord<String, byte[]> event(PresenceCodec codec, int partition, PresenceEvent event) {
    ProducerRecord<String, byte[]> record = EventRecords.toRecord("replay.events", codec, event);
    return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
  }

  /**
   * The {@code since} differences of agents whose state has not changed since the start-up, on both sides: the
   * truth dates it from the office's first instant, the view from the directory the ingest read after its initial
   * load (the queue membership decides the state), both before the start-up ended. On a loaded machine that read
   * comes later than the tolerance; {@code DaemonContactCentreTruthIT} allows the same for time available on queue.
   */
  private static List<String> sinceTheStartUp(List<ContactCentreJson.AgentEntry> view,
      List<ContactCentreJson.AgentEntry> truth, Instant startupEnd) {
    Map<String, Instant> truthSince = new HashMap<>();
    truth.forEach(a -> truthSince.put(a.agent().extensionId(), a.agent().since()));
    List<String> out = new ArrayList<>();
    for (ContactCentreJson.AgentEntry a : view) {
      Instant t = truthSince.get(a.agent().extensionId());
      if (t != null && !a.agent().since().isAfter(startupEnd) && !t.isAfter(startupEnd)) {
        out.add(a.agent().extensionId() + " since: view " + a.agent().since() + ", truth " + t + " (tolerance "
            + DaemonContactCentreTruthIT.TOLERANCE + ")");
      }
    }
    return out;
  }

  /** Every contact-centre record on the events topic so far, read_committed. */
  private static List<ConsumerRecord<String, byte[]>> contactCentreRecords() {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor("cc.events").stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          var kind = record.headers().lastHeader("presence.kind");
          if (kind != null && EventRecords.CONTACT_CENTRE_KINDS.contains(new String(kind.value(), StandardCharsets.UTF_8))) {
            out.add(record);
          }
        }
      }
    }
    return out;
  }
}
