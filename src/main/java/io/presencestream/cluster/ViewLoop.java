package io.presencestream.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact-centre node's poll thread: one group-less consumer assigned every partition of the events topic
 * and of the directory topic ({@code read_committed}), which hands the view its inputs.
 *
 * <ol>
 *   <li><b>Start.</b> The directory topic from its beginning; the events topic from the first record of today
 *       ({@link ViewStart#TODAY}, by record timestamp, midnight in the view's time zone) or from its end
 *       ({@link ViewStart#LATEST}). The end offsets at that moment are the catch-up's goal.
 *   <li><b>Catch-up.</b> The partitions' events are merged in time order (an event is handed over only when
 *       every partition still being read has one waiting, so none can come earlier), the latest directory first,
 *       as of the first replayed event; the {@link CatchUpClock} follows the replay. A partition with many
 *       events waiting is paused, which bounds the memory.
 *   <li><b>Live.</b> Once every partition reached its goal, records are handed over in poll order and the
 *       clock is the wall clock.
 * </ol>
 *
 * <p>Never read: the contact-centre kinds ({@code agent.state}, {@code queue.stats}, {@code alert.*}), by
 * their {@code presence.kind} header before any decoding (and by their decoded type when a record has no
 * header), so the view never takes its own output, or another view's, as input. A record the codec rejects
 * is counted ({@code presence.kafka.records.invalid{reason}}) and skipped.
 */
final class ViewLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ViewLoop.class);

  /** Events waiting in one partition's catch-up queue before it is paused, and below which it resumes. */
  private static final int PAUSE_ABOVE = 4096;
  private static final int RESUME_BELOW = 1024;

  private final KafkaOptions options;
  private final PresenceCodec codec;
  private final DirectoryRecords directories;
  private final ContactCentre centre;
  private final CatchUpClock clock;
  private final String clientId;
  private final Consumer<PresenceEvent> events;
  private final Consumer<Directory> directory;
  private final Consumer<Throwable> failed;
  private final Runnable completed;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final KafkaConsumer<String, byte[]> consumer;

  private final Counter eventsConsumed;
  private final Counter directoriesConsumed;
  private final Counter ownKinds;
  private final Map<DecodeException.Reason, Counter> invalid = new EnumMap<>(DecodeException.Reason.class);

  private final Map<TopicPartition, ArrayDeque<PresenceEvent>> waiting = new HashMap<>();
  private final Map<TopicPartition, Long> goal = new HashMap<>();
  private List<TopicPartition> eventPartitions = List.of();
  private List<TopicPartition> directoryPartitions = List.of();
  /** The latest directory not handed over yet; only the poll thread touches it. */
  private Directory heldDirectory;
  private boolean firstDirectoryDated;
  private volatile String phase = "starting";
  private volatile boolean live;

  ViewLoop(KafkaOptions options, PresenceCodec codec, ContactCentre centre, CatchUpClock clock, String clientId,
      MeterRegistry registry, Consumer<PresenceEvent> events, Consumer<Directory> directory,
      Consumer<Throwable> failed, Runnable completed) {
    this.options = options;
    this.codec = codec;
    this.directories = new DirectoryRecords(options.topics().directory());
    this.centre = centre;
    this.clock = clock;
    this.clientId = clientId;
    this.events = events;
    this.directory = directory;
    this.failed = failed;
    this.completed = completed;
    this.eventsConsumed = Counter.builder("presence.kafka.view.records.consumed").tag("topic", "events")
        .description("records the contact-centre node read").register(registry);
    this.directoriesConsumed = Counter.builder("presence.kafka.view.records.consumed").tag("topic", "directory")
        .description("records the contact-centre node read").register(registry);
    this.ownKinds = Counter.builder("presence.kafka.view.records.skipped").tag("reason", "contact_centre")
        .description("contact-centre events on the events topic, never input to the view").register(registry);
    for (DecodeException.Reason reason : DecodeException.Reason.values()) {
      invalid.put(reason, Counter.builder("presence.kafka.records.invalid")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
    }
    this.consumer = new KafkaConsumer<>(ClientConfigs.restoreConsumer(options, clientId),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Where the node is: starting, catching up (and how far), or live. A plain read. */
  String phase() {
    return phase;
  }

  /** Whether the catch-up is over. A plain read. */
  boolean live() {
    return live;
  }

  /** Stops the loop from any thread; the consumer is closed on the loop's own thread. */
  void stop() {
    if (running.compareAndSet(true, false)) {
      consumer.wakeup();
    }
  }

  @Override
  public void run() {
    try {
      start();
      long deadline = System.nanoTime() + options.restoreTimeout().toNanos();
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(options.pollTimeout())) {
          take(record);
        }
        if (live) {
          release(clock.instant());
        } else {
          catchUp(System.nanoTime() > deadline);
        }
        resumeDrained();
      }
      completed.run();
    } catch (WakeupException e) {
      completed.run();
    } catch (RuntimeException e) {
      if (running.get()) {
        log.error("contact-centre node: reading {} failed: {}", options.topics().events(), e.toString());
        failed.accept(e);
      } else {
        completed.run();
      }
    } finally {
      phase = "stopped";
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void start() {
    eventPartitions = TopicSetup.partitionsOf(consumer, options.topics().events());
    directoryPartitions = TopicSetup.partitionsOf(consumer, options.topics().directory());
    List<TopicPartition> all = new ArrayList<>(eventPartitions);
    all.addAll(directoryPartitions);
    consumer.assign(all);
    consumer.seekToBeginning(directoryPartitions);
    Instant midnight = CatchUpClock.startOfToday(centre.options().timeZone(), java.time.Clock.systemUTC());
    if (options.viewStart() == ViewStart.TODAY) {
      Map<TopicPartition, Long> at = new HashMap<>();
      eventPartitions.forEach(p -> at.put(p, midnight.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
      for (TopicPartition p : eventPartitions) {
        OffsetAndTimestamp first = found.get(p);
        if (first == null) {
          consumer.seekToEnd(List.of(p));
        } else {
          consumer.seek(p, first.offset());
        }
      }
    } else {
      consumer.seekToEnd(eventPartitions);
    }
    goal.putAll(consumer.endOffsets(all));
    eventPartitions.forEach(p -> waiting.put(p, new ArrayDeque<>()));
    phase = "catching up on " + options.topics().events() + " from " + options.viewStart().label()
        + " and on " + options.topics().directory();
    log.info("contact-centre node: reading {} partition(s) of {} from {} (since {}) and {} from its beginning",
        eventPartitions.size(), options.topics().events(), options.viewStart().label(), midnight,
        options.topics().directory());
  }

  /** Queues a record's input for the time-ordered release (the latest directory replaces a waiting one). */
  private void take(ConsumerRecord<String, byte[]> record) {
    if (record.topic().equals(options.topics().directory())) {
      directoriesConsumed.increment();
      try {
        heldDirectory = directories.fromRecord(record);
      } catch (DecodeException e) {
        invalid.get(e.reason()).increment();
        log.warn("contact-centre node: skipped directory record {}-{}@{}: {}", record.topic(), record.partition(),
            record.offset(), e.getMessage());
      }
      return;
    }
    eventsConsumed.increment();
    PresenceEvent event = decode(record);
    if (event == null) {
      return;
    }
    TopicPartition p = new TopicPartition(record.topic(), record.partition());
    ArrayDeque<PresenceEvent> queue = waiting.get(p);
    queue.add(event);
    if (queue.size() > PAUSE_ABOVE) {
      consumer.pause(List.of(p));
    }
  }

  /** The event of a record; null for a contact-centre kind or a record the codec rejects (counted). */
  private PresenceEvent decode(ConsumerRecord<String, byte[]> record) {
    String kind = RawRecords.header(record.headers(), EventRecords.KIND_HEADER);
    if (kind != null && EventRecords.CONTACT_CENTRE_KINDS.contains(kind)) {
      ownKinds.increment();
      return null;
    }
    try {
      PresenceEvent event = codec.decodeEvent(record.value());
      if (event instanceof ContactCentreEvent) {
        ownKinds.increment();
        return null;
      }
      return event;
    } catch (DecodeException e) {
      invalid.get(e.reason()).increment();
      log.debug("contact-centre node: skipped event record {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.getMessage());
      return null;
    }
  }

  /** Replays what the merge allows; goes live when every partition reached its goal and nothing waits. */
  private void catchUp(boolean overdue) {
    if (!reached(directoryPartitions) && !overdue) {
      return;
    }
    release(overdue ? Instant.MAX : null);
    boolean drained = waiting.values().stream().allMatch(ArrayDeque::isEmpty);
    if ((reached(eventPartitions) && drained) || overdue) {
      // live first: what the rest derives is new, not a re-derivation of what an earlier run delivered
      clock.goLive();
      live = true;
      phase = "live";
      if (overdue) {
        log.warn("contact-centre node: the catch-up took longer than kafka.restoreTimeout ({}); live from now,"
            + " some of today's events may be applied out of time order", options.restoreTimeout());
      } else {
        log.info("contact-centre node: caught up; live, {} behind the wall clock", options.viewDelay());
      }
    }
  }

  /**
   * Hands over, in time order, every waiting input that no partition can precede any more: one with an event
   * waiting in every partition still to be heard from, or, with a bound, one at or before the bound (what comes
   * later with an earlier instant is late, and the view applies it at its last instant). While catching up a
   * partition that reached its goal is never waited for; live, every partition is. The waiting directory goes
   * before the first event that is not older than it.
   *
   * @param bound live: the view's clock (the wall clock less the delay); catching up: null, or
   *     {@link Instant#MAX} once overdue
   */
  private void release(Instant bound) {
    while (true) {
      ArrayDeque<PresenceEvent> earliest = null;
      boolean blocked = false;
      for (TopicPartition p : eventPartitions) {
        ArrayDeque<PresenceEvent> queue = waiting.get(p);
        if (queue.isEmpty()) {
          blocked |= live || consumer.position(p) < goal.get(p);
        } else if (earliest == null || queue.peek().at().isBefore(earliest.peek().at())) {
          earliest = queue;
        }
      }
      Instant next = earliest == null ? null : earliest.peek().at();
      Directory d = heldDirectory;
      if (!live && !firstDirectoryDated && d != null && next != null) {
        // the latest directory goes before the first replayed event, as of that event when it is older than the
        // directory: the membership known now stands for the day's (the directory's history is not kept)
        firstDirectoryDated = true;
        if (next.isBefore(d.at())) {
          d = new Directory(next, d.extensions(), d.queues());
          heldDirectory = d;
        }
      }
      boolean directoryFirst = d != null && (next == null || !d.at().isAfter(next));
      Instant at = directoryFirst ? d.at() : next;
      if (at == null) {
        return;
      }
      // the replay's first directory goes before the first replayed event, whatever the partitions still hold
      boolean free = !blocked || bound != null && !at.isAfter(bound) || directoryFirst && !live && next != null;
      if (!free) {
        return;
      }
      if (directoryFirst) {
        heldDirectory = null;
        directory.accept(d);
        continue;
      }
      PresenceEvent event = earliest.poll();
      if (!live) {
        clock.replayed(event.at());
      }
      handOver(event);
    }
  }

  private void resumeDrained() {
    List<TopicPartition> drained = new ArrayList<>();
    for (TopicPartition p : consumer.paused()) {
      if (waiting.get(p).size() < RESUME_BELOW) {
        drained.add(p);
      }
    }
    if (!drained.isEmpty()) {
      consumer.resume(drained);
    }
  }

  private boolean reached(List<TopicPartition> partitions) {
    for (TopicPartition p : partitions) {
      if (consumer.position(p) < goal.get(p)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hands one event to the view, waiting first while the view's input queue is half full: a replay is faster
   * than the rules, and the view drops inputs beyond its bound. This thread is ours, so it may wait.
   */
  private void handOver(PresenceEvent event) {
    int high = Math.max(1, centre.options().maxPending() / 2);
    while (centre.pendingInputs() > high && running.get()) {
      LockSupport.parkNanos(1_000_000);
    }
    events.accept(event);
  }
}
