package io.presencestream.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.Health;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fans events out to any number of subscribers (the SSE clients) without letting one slow subscriber
 * affect the others.
 *
 * <ul>
 *   <li>A single writer ({@link #accept}) gives every event the next id. Ids are monotonic and start at
 *       the hub's creation time in microseconds since the epoch, so a browser resuming after a daemon
 *       restart holds an id older than every new one and is told about the gap instead of being silently
 *       skipped forward.
 *   <li>The last {@code historySize} events are kept for resume: {@link #subscribe} with a last seen id
 *       replays every later event still in history, atomically with joining the live stream, so nothing
 *       is lost or repeated at the seam.
 *   <li>Each event is encoded (JSON and SSE frame) once and published to a shared ring; the producer
 *       then only wakes subscribers. Each subscriber reads the ring with its own cursor on its own thread
 *       (the connection's event loop for SSE), at most {@code clientBufferSize} matching events
 *       waiting for it; beyond that the {@link OverflowPolicy} applies. Memory per subscriber is bounded
 *       by its buffer; the ring by {@code max(historySize, 2 × clientBufferSize)} rounded up.
 * </ul>
 *
 * <p>It is also an {@link EventSink}, so the daemon feeds it like any other sink.
 */
public final class EventHub implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(EventHub.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** Histogram buckets for the delivery latency: sub-millisecond in process to seconds behind a slow reader. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private final int historySize;
  private final int clientBufferSize;
  private final OverflowPolicy policy;
  /** {@link ServerOptions#coalesceInterval} in nanoseconds, for the event loops' wake groups. */
  private final long coalesceNanos;
  private final Function<? super PresenceEvent, String> encoder;
  private final Object writeLock = new Object();
  private final Object membersLock = new Object();
  private final EventRing ring;
  private final CopyOnWriteArrayList<ClientStream> clients = new CopyOnWriteArrayList<>();
  private volatile ClientStream[] clientArray = new ClientStream[0];
  /** Subscribers grouped by the executor they read on (an event loop): one wake-up per group and event. */
  private final Map<Executor, WakeGroup> groups = new HashMap<>();
  private volatile WakeGroup[] groupArray = new WakeGroup[0];
  /** In-process subscribers ({@link #subscribe}) take their turns on Reactor's parallel scheduler. */
  private final Executor inProcess = task -> Schedulers.parallel().schedule(task);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong droppedTotal = new AtomicLong();
  private final Counter published;
  private final Counter sent;
  private final Counter dropped;
  private final Counter disconnects;
  private final Counter encodeFailures;
  private final Timer deliveryLatency;
  private final ClientStream.Listener listener;
  private final Mono<Void> close;
  private final MeterRegistry registry;
  /** This hub's meters, removed from the registry when it is closed. */
  private final List<Meter> meters = new ArrayList<>();
  private final long firstId;
  /** Written under {@code writeLock} by the single writer; volatile for readers (gauges, resume). */
  private volatile long lastId;

  private EventHub(
      int historySize,
      int clientBufferSize,
      OverflowPolicy policy,
      long coalesceNanos,
      long firstId,
      Function<? super PresenceEvent, String> encoder,
      MeterRegistry registry) {
    this.coalesceNanos = coalesceNanos;
    this.historySize = historySize;
    this.clientBufferSize = clientBufferSize;
    this.policy = policy;
    this.encoder = encoder;
    this.ring = EventRing.forSizes(historySize, clientBufferSize);
    this.firstId = firstId;
    this.lastId = firstId - 1;
    this.registry = registry;
    // Gauges read counters only: reading a metric changes nothing (no turn, no overflow policy).
    meters.add(
        Gauge.builder("presence.sse.clients", clients, List::size)
            .description("Connected SSE clients (subscribers of the event hub)")
            .register(registry));
    meters.add(
        Gauge.builder("presence.sse.history.size", this, hub -> hub.historyCount())
            .description("Events kept for Last-Event-ID resume")
            .register(registry));
    meters.add(
        Gauge.builder("presence.sink.queue.depth", this, EventHub::queueDepth)
            .tag("sink", "sse")
            .description("Events accepted by a sink and not yet delivered")
            .register(registry));
    published = add(Counter.builder("presence.sse.events.published").description("Events given ids by the hub").register(registry));
    sent = add(Counter.builder("presence.sse.events.sent").description("Events handed to SSE clients' connections").register(registry));
    dropped =
        add(Counter.builder("presence.sse.dropped")
            .description("Events not delivered to a slow SSE client (buffer overflow)")
            .register(registry));
    disconnects =
        add(Counter.builder("presence.sse.disconnects")
            .tag("reason", "overflow")
            .description("SSE clients disconnected because their buffer overflowed (policy DISCONNECT)")
            .register(registry));
    encodeFailures =
        add(Counter.builder("presence.sink.dropped")
            .tag("sink", "sse")
            .tag("reason", "failed")
            .description("Events a sink dropped: queue overflow, after close, or failed delivery")
            .register(registry));
    deliveryLatency =
        Timer.builder("presence.sse.delivery.latency")
            .description("From the receipt of the input behind an event to its frame being handed to an SSE client's"
                + " connection, per client; live events only, not Last-Event-ID replays")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    meters.add(deliveryLatency);
    listener =
        new ClientStream.Listener() {
          @Override
          public void sent(int events) {
            sent.increment(events);
          }

          @Override
          public void delivered(long latencyNanos) {
            // Negative only across hosts whose clocks disagree (Kafka): not a latency, so not recorded.
            if (latencyNanos >= 0) {
              deliveryLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
            }
          }

          @Override
          public void dropped(long events) {
            dropped.increment(events);
            droppedTotal.addAndGet(events);
          }

          @Override
          public void disconnected() {
            disconnects.increment();
          }
        };
    this.close = Mono.defer(this::closeNow).cache();
  }

  /**
   * A hub with the history size, client buffer size and overflow policy of {@code options}. Its first
   * event's id is the time of creation in microseconds, so that ids stay increasing across restarts.
   *
   * @param options the history size, client buffer size and overflow policy
   * @param encoder encodes an event in presence-stream's schema, normally {@code codec::encodeEvent}
   * @param registry where the hub's {@code presence.sse.*} and sink meters are registered
   * @return a new hub; {@link #close()} it
   * @throws NullPointerException if an argument is null
   */
  public static EventHub create(
      ServerOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    return create(options, encoder, registry, Math.multiplyExact(System.currentTimeMillis(), 1000L));
  }

  /** As {@link #create(ServerOptions, Function, MeterRegistry)}, with the id given to the first event. */
  static EventHub create(
      ServerOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry, long firstId) {
    Objects.requireNonNull(options, "options");
    if (firstId < 1) {
      throw new IllegalArgumentException("firstId must be positive, was " + firstId);
    }
    return new EventHub(
        options.historySize(),
        options.clientBufferSize(),
        options.overflowPolicy(),
        options.coalesceInterval().toNanos(),
        firstId,
        Objects.requireNonNull(encoder, "encoder"),
        Objects.requireNonNull(registry, "registry"));
  }

  private Counter add(Counter counter) {
    meters.add(counter);
    return counter;
  }

  @Override
  public String name() {
    return "sse";
  }

  /**
   * Gives the event the next id, encodes its SSE frame once and publishes it to the ring; subscribers
   * read it from there on their own threads. Constant work per event plus a wake-up per subscriber (an
   * atomic increment; a task only for a subscriber that was idle). Never blocks on a subscriber. An event
   * that cannot be encoded is counted ({@code presence.sink.dropped{sink=sse,reason=failed}}) and skipped.
   */
  @Override
  public void accept(PresenceEvent event) {
    if (closed.get()) {
      return;
    }
    String json;
    try {
      json = encoder.apply(event);
    } catch (RuntimeException e) {
      encodeFailures.increment();
      log.warn("sse: cannot encode a {} event: {}", event.kind().label(), e.toString());
      return;
    }
    WakeGroup[] wake;
    ClientStream[] sweep = null;
    synchronized (writeLock) {
      StreamItem.Event item = new StreamItem.Event(lastId + 1, event.kind(), event.extensionId(), json, event.accountId());
      ring.append(new EventRing.Entry(
          lastId + 1 - firstId, item, SseFrames.frame(item).getBytes(StandardCharsets.UTF_8), EventRing.epochNanos(event.at())));
      lastId++;
      published.increment();
      wake = groupArray;
      if ((lastId - firstId) % ring.sweepInterval() == 0) {
        sweep = clientArray;
      }
    }
    if (sweep != null) {
      // A subscriber that fell far behind (it reads slower than the hub publishes, or not at all) has
      // its overflow policy applied here, before the ring could overwrite what it has not read. Once
      // per sweep interval: amortised constant work per event and stalled subscriber. Outside the lock:
      // the turn may run an in-process subscriber's onNext on this thread.
      for (ClientStream client : sweep) {
        if (client.farBehind()) {
          client.catchUp();
        }
      }
    }
    for (WakeGroup group : wake) {
      group.signal();
    }
  }

  /**
   * Tells every subscriber connected now that the extensions behind this hub changed (e.g. a Kafka
   * processor gained or lost partitions), so that it reads the state again: a {@link StreamItem.Gap}
   * with {@code reason}, {@code missed} 0 and {@code fromId} = {@code toId} = the last id published,
   * delivered after every event published before this call. Not kept in history (a client resuming
   * later re-reads the state anyway). Never blocks; callable from any thread.
   *
   * @param reason why the stream's extensions changed, e.g. {@link StreamItem.GapReason#PARTITIONS_ASSIGNED}
   */
  public void gap(StreamItem.GapReason reason) {
    Objects.requireNonNull(reason, "reason");
    if (closed.get()) {
      return;
    }
    long after;
    long id;
    ClientStream[] now;
    synchronized (writeLock) {
      after = ring.head();
      id = lastId;
      now = clientArray;
    }
    StreamItem.Gap gap = new StreamItem.Gap(id, id, 0, reason);
    for (ClientStream client : now) {
      client.notice(gap, after);
    }
  }

  /**
   * The live stream of events matching {@code filter}, preceded, when {@code lastEventId} is given, by
   * every matching event after it still in history (and a {@link StreamItem.Gap} with reason
   * {@code history} if some are no longer kept, or {@code restart} if the id is from before this hub). Cold: each subscription is a new client, removed on
   * cancel. Under {@link OverflowPolicy#DISCONNECT} the stream ends with an error when the client's
   * buffer overflows; under {@link OverflowPolicy#DROP_OLDEST} it carries {@link StreamItem.Gap}s.
   *
   * @param filter which events the client wants
   * @param lastEventId the id of the last event the client saw, or null for live events only
   * @return the client's stream
   */
  public Flux<StreamItem> subscribe(EventFilter filter, Long lastEventId) {
    Objects.requireNonNull(filter, "filter");
    return Flux.create(
        sink -> joinReactive(sink, filter, lastEventId, inProcess, 0, () -> true, null), FluxSink.OverflowStrategy.ERROR);
  }

  /**
   * The SSE frames for one subscriber as a Flux: runs of available frames concatenated, at most
   * {@code maxBatch} events per element, read and emitted on {@code eventLoop} only while {@code writable}
   * says more is taken (so a client that stops reading leaves its events here, under the overflow
   * policy). {@code wakeUp} receives the task to run when it takes more again. The server writes its
   * connections with {@link #stream}; this reactive form of the same client drives its demand, executor
   * and writability from outside, which the hub's rules tests need (a loop that never runs, a writer
   * serving the client alone).
   */
  Flux<ByteBuf> subscribeFrames(
      EventFilter filter,
      Long lastEventId,
      Executor eventLoop,
      int maxBatch,
      BooleanSupplier writable,
      Consumer<Runnable> wakeUp) {
    Objects.requireNonNull(filter, "filter");
    return Flux.create(
        sink -> joinReactive(sink, filter, lastEventId, eventLoop, maxBatch, writable, wakeUp), FluxSink.OverflowStrategy.ERROR);
  }

  /**
   * Streams the matching events to one SSE connection, written by {@code writer} on the connection's
   * event loop in batches of at most {@code maxBatch} events, only while the connection is writable (a
   * client that stops reading leaves its events here, under the overflow policy, not in the
   * connection's queues). The stream ends through the writer: on the hub's close, on an overflow under
   * {@link OverflowPolicy#DISCONNECT}, or when the connection closes.
   *
   * @param wakeUp receives the task to run when the connection becomes writable again
   * @return leaves the hub when disposed (idempotent)
   */
  Disposable stream(EventFilter filter, Long lastEventId, SseWriter writer, int maxBatch, Consumer<Runnable> wakeUp) {
    Objects.requireNonNull(filter, "filter");
    ClientStream client =
        join(writer, filter, lastEventId, writer.channel().eventLoop(), maxBatch, writer::writable, wakeUp);
    if (client == null) {
      return Disposables.disposed();
    }
    client.signal(); // the first turn: the replay, and whatever was published since joining
    return () -> leave(client); // leaving twice is harmless
  }

  private void leave(ClientStream client) {
    client.cancel();
    removeClient(client);
  }

  private void joinReactive(
      FluxSink<?> sink,
      EventFilter filter,
      Long lastEventId,
      Executor executor,
      int maxBatch,
      BooleanSupplier writable,
      Consumer<Runnable> wakeUp) {
    ClientStream client = join(ClientOutput.of(sink), filter, lastEventId, executor, maxBatch, writable, wakeUp);
    if (client != null) {
      sink.onDispose(() -> leave(client));
      sink.onRequest(n -> client.requested());
    }
  }

  /** A new subscriber reading from now on (after its replay), or null when the hub is closed (then completed). */
  private ClientStream join(
      ClientOutput output,
      EventFilter filter,
      Long lastEventId,
      Executor executor,
      int maxBatch,
      BooleanSupplier writable,
      Consumer<Runnable> wakeUp) {
    if (closed.get()) {
      output.complete();
      return null;
    }
    ClientStream client;
    synchronized (writeLock) {
      // Replay and cursor are taken together, with no event published in between: nothing is lost or
      // repeated at the seam.
      client =
          new ClientStream(
              output, filter, clientBufferSize, policy, listener, replay(filter, lastEventId), ring, firstId, executor, maxBatch, writable);
    }
    client.onOverflowDisconnect(() -> removeClient(client));
    // The wake-up is in place before the client can read anything, so a writability change after its
    // first look at the connection reaches it; set after joining, a change in between would be lost.
    if (wakeUp != null) {
      wakeUp.accept(client::signal);
    }
    // Joined outside the writer's lock: an event published meanwhile is in the ring past the cursor
    // and read on the first turn.
    addClient(client);
    if (closed.get()) {
      client.complete(); // the hub closed while this client joined and its close missed it
    }
    return client;
  }

  // Membership has its own lock, taken last: removal happens under a client's lock (overflow under
  // DISCONNECT) while the writer holds the hub's lock and sweeps clients, so it must not need the hub's.
  private void addClient(ClientStream client) {
    synchronized (membersLock) {
      clients.add(client);
      clientArray = clients.toArray(new ClientStream[0]);
      WakeGroup group = groups.get(client.executor());
      if (group == null) {
        // In-process subscribers read on Reactor's scheduler, which cannot delay a pass (WakeGroup then does
        // not coalesce); an event loop can.
        group = new WakeGroup(client.executor(), coalesceNanos);
        groups.put(client.executor(), group);
        groupArray = groups.values().toArray(new WakeGroup[0]);
      }
      group.add(client);
    }
  }

  private void removeClient(ClientStream client) {
    synchronized (membersLock) {
      if (clients.remove(client)) {
        clientArray = clients.toArray(new ClientStream[0]);
        WakeGroup group = groups.get(client.executor());
        if (group != null && group.remove(client)) {
          groups.remove(client.executor());
          groupArray = groups.values().toArray(new WakeGroup[0]);
        }
      }
    }
  }

  private List<StreamItem> replay(EventFilter filter, Long lastEventId) {
    List<StreamItem> replay = new ArrayList<>();
    if (lastEventId == null || lastEventId >= lastId) {
      return replay;
    }
    long kept = Math.min(historySize, lastId - firstId + 1);
    long oldestKept = lastId - kept + 1;
    if (lastEventId < firstId - 1) {
      // An id from before this hub existed (a previous run of the daemon): what that run sent after it
      // is unknown, so the client is told, with how many of this run's events are gone from history.
      replay.add(
          new StreamItem.Gap(lastEventId + 1, oldestKept - 1, oldestKept - firstId, StreamItem.GapReason.RESTART));
    } else if (lastEventId + 1 < oldestKept) {
      long from = lastEventId + 1;
      long to = oldestKept - 1;
      replay.add(new StreamItem.Gap(from, to, to - from + 1, StreamItem.GapReason.HISTORY));
    }
    for (long id = Math.max(oldestKept, lastEventId + 1); id <= lastId; id++) {
      StreamItem.Event event = ring.get(id - firstId).event();
      if (filter.matches(event.extensionId(), event.accountId(), event.kind())) {
        replay.add(event);
      }
    }
    return replay;
  }

  /** {@return the id given to the latest event (the first event's id minus one before any)} */
  public long lastEventId() {
    return lastId;
  }

  /** {@return the subscribers now connected} */
  public int clientCount() {
    return clients.size();
  }

  /**
   * The most events any one subscriber has waiting in its buffer, after each has taken a turn (for tests
   * and diagnostics: a turn applies the overflow policy, so this is not a metric).
   *
   * @return the largest buffer, 0 without subscribers
   */
  public int maxClientBuffered() {
    int max = 0;
    for (ClientStream client : clientArray) {
      client.catchUp();
      max = Math.max(max, client.buffered());
    }
    return max;
  }

  private int historyCount() {
    return (int) Math.min(historySize, lastId - firstId + 1);
  }

  /**
   * Stops accepting events and ends every subscriber's stream once it has received what was buffered for
   * it; subscribers still not done after a short grace period (stalled clients) are ended at once.
   *
   * @return completes when every subscriber's stream has ended
   */
  @Override
  public Mono<Void> close() {
    return close;
  }

  private Mono<Void> closeNow() {
    synchronized (writeLock) {
      closed.set(true);
    }
    List<ClientStream> open = List.copyOf(clients);
    open.forEach(ClientStream::complete);
    return Flux.interval(Duration.ofMillis(20))
        .takeUntil(tick -> clients.isEmpty())
        .then()
        .timeout(CLOSE_GRACE, Mono.empty())
        .then(
            Mono.fromRunnable(
                () -> {
                  List.copyOf(clients).forEach(ClientStream::terminate);
                  meters.forEach(registry::remove);
                }));
  }

  /** {@return always healthy: a slow client is that client's problem, handled by the overflow policy} */
  @Override
  public Health health() {
    return Health.up(clients.size() + " client(s)");
  }

  /** {@return the events buffered for all subscribers as of their last turns} A read of counters only. */
  @Override
  public long queueDepth() {
    long total = 0;
    for (ClientStream client : clientArray) {
      total += client.buffered();
    }
    return total;
  }

  /** {@return the events not delivered to slow subscribers so far} A read of a counter only. */
  @Override
  public long dropped() {
    return droppedTotal.get();
  }
}
