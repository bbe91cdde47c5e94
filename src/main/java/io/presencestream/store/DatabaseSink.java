package io.presencestream.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.HistoryJson.StoredEvent;
import io.presencestream.model.CallRecord;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.StateSpan;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.Health;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.ValidationDepth;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The history sink: every event, a call record for every call that ends, an agent state span for every
 * {@code agent.state} that closes one and a queue call for every {@code queue.call.ended}, written to the
 * database in batches, never waiting on the engine's thread.
 *
 * <p>{@link #accept} derives the call record and the span (pure, in memory) and queues; it never touches the database
 * or the disk. Two lanes empty the queue, each one task at a time on a thread of its own:
 * <ul>
 *   <li>the <b>writer</b> writes batches of up to {@code batchSize} events in one transaction, alternating
 *       between the queue and the spill backlog, so that both make progress;
 *   <li>the <b>spiller</b> moves queued events to the spill directory while the database is down, or while
 *       the queue is more than half full (the database slower than the events).
 * </ul>
 * A batch the database refuses (down, timed out) goes to the spill directory too, and the writer tries
 * again after a backoff (doubling, with jitter, up to {@code maxBackoff}); the first batch that gets through
 * ends the outage, and the backlog is replayed. Keys make every write idempotent, so a batch that failed
 * after its commit, or a segment replayed again after a crash, stores nothing twice. Only a full queue with
 * a spiller that cannot keep up (the disk slower than the events) or a spill directory at its limit drops
 * events, and counts them.
 */
final class DatabaseSink implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(DatabaseSink.class);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
  private static final int SPILL_BATCH = 1000;

  /**
   * An accepted event, the call record it completed and the agent state span it closed (if any), and its
   * place in the arrival order.
   */
  private record Pending(PresenceEvent event, CallRecord call, StateSpan span, long seq) {}

  private enum Source { QUEUE, BACKLOG }

  private final HistoryOptions options;
  private final Database database;
  private final SpillFiles spill;
  private final Function<? super PresenceEvent, String> encoder;
  private final HistoryMeters meters;
  private final ArrivalOrder order;
  private final CallTimeline timeline = new CallTimeline();
  private final AgentSpans spans = new AgentSpans();
  private final PendingQueue<Pending> queue;
  private final Scheduler writerThread;
  private final Scheduler spillThread;
  private final AtomicInteger writerWip = new AtomicInteger();
  private final AtomicInteger spillerWip = new AtomicInteger();
  private final Sinks.Empty<Void> drained = Sinks.empty();
  private final AtomicReference<Mono<Void>> close = new AtomicReference<>();
  private final Disposable.Swap probeTimer = Disposables.swap();
  private final Disposable.Swap deadlineTimer = Disposables.swap();

  private volatile boolean writing;
  private volatile boolean spilling;
  private volatile int inFlight;
  private volatile boolean databaseUp = true;
  private volatile boolean probeDue;
  private volatile Duration backoff;
  private volatile String lastFailure = "";
  private volatile Instant downSince;
  private volatile boolean closed;
  private volatile boolean forceSpill;
  private volatile long lastReport;
  private volatile long spilledAtLastReport;

  // the writer thread's own
  private boolean lastFromBacklog;
  private final SpillBacklog backlog;

  DatabaseSink(HistoryOptions options, Database database, SpillFiles spill,
      Function<? super PresenceEvent, String> encoder, MeterRegistry registry, ArrivalOrder order) {
    this.options = options;
    this.order = order;
    this.database = database;
    this.spill = spill;
    this.encoder = encoder;
    this.queue = new PendingQueue<>(options.queueCapacity());
    this.backoff = options.initialBackoff();
    // One thread each, where blocking is allowed (Reactor's single and parallel threads are non-blocking):
    // the writer uses the embedded H2 and reads spill files, the spiller writes them.
    this.writerThread = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "presence-history-writer", 60, true);
    this.spillThread = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "presence-history-spill", 60, true);
    this.meters = new HistoryMeters(registry, options.name(), this::queueDepth, spill::events, () -> databaseUp ? 1 : 0);
    this.backlog = new SpillBacklog(options.name(), spill, meters, options.batchSize());
    if (spill.events() > 0) {
      log.info("sink {}: {} event(s) left in {} by an earlier run: replaying them into the database",
          options.name(), spill.events(), spill.directory());
      signalWriter();
    }
  }

  HistoryMeters meters() {
    return meters;
  }

  @Override
  public String name() {
    return options.name();
  }

  @Override
  public void accept(PresenceEvent event) {
    if (closed) {
      meters.closed();
      return;
    }
    CallRecord call;
    try {
      call = timeline.apply(event);
    } catch (RuntimeException e) {
      // the event itself is still stored; only its call's record is lost
      log.warn("sink {}: cannot derive the call record of a {} event: {}", name(), event.kind().label(), e.toString());
      call = null;
    }
    // derived here, in the stream's order, and carried with the event (also through the spill files)
    StateSpan span = spans.apply(event);
    if (!queue.offer(new Pending(event, call, span, order.next()))) {
      meters.overflow();
    }
    signalWriter();
    if (needsSpill()) {
      signalSpiller();
    }
  }

  private boolean needsSpill() {
    return !databaseUp || forceSpill || queue.size() > queue.capacity() / 2;
  }

  // --- the writer ---

  private boolean writerHasWork() {
    return !queue.isEmpty() || (!forceSpill && spill.events() > 0) || (probeDue && !closed);
  }

  /** Elects one drainer (see {@code internal.SerialDrain}); the others leave a note that there is more to do. */
  private void signalWriter() {
    if (writerWip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!writing && (databaseUp || probeDue) && writerHasWork()) {
        writing = true;
        Mono.defer(this::writeStep)
            .subscribeOn(writerThread)
            .doFinally(signal -> {
              writing = false;
              signalWriter();
              signalSpiller();
              checkDrained();
            })
            .subscribe(null, e -> log.error("sink {}: the writer failed: {}", name(), e.toString(), e));
      }
      missed = writerWip.addAndGet(-missed);
    } while (missed != 0);
  }

  /** One batch, on the writer thread. */
  private Mono<Void> writeStep() {
    boolean probing = !databaseUp;
    probeDue = false;
    Source source = Source.QUEUE;
    List<StoredEvent> batch = null;
    // closing, the backlog is written too until the drain's deadline; after it, it waits for the next start
    boolean backlogWaiting = !forceSpill && backlog.waiting();
    if (backlogWaiting && (queue.isEmpty() || !lastFromBacklog)) {
      batch = backlog.next();
      source = Source.BACKLOG;
    }
    if (batch == null || batch.isEmpty()) {
      List<Pending> polled = queue.poll(options.batchSize());
      inFlight = polled.size();
      batch = stored(polled);
      source = Source.QUEUE;
    }
    lastFromBacklog = source == Source.BACKLOG;
    if (batch.isEmpty()) {
      inFlight = 0;
      return probing ? probe() : Mono.empty();
    }
    List<StoredEvent> written = batch;
    Source from = source;
    long started = System.nanoTime();
    return database.withConnection(c -> HistorySql.write(c, written))
        .onErrorResume(DatabaseSink::refusesData, e -> oneByOne(written, e))
        .timeout(options.writeTimeout())
        .publishOn(writerThread)
        .doOnNext(result -> succeeded(from, written, result, started))
        .onErrorResume(e -> {
          failed(from, written, e);
          return Mono.empty();
        })
        // before the lane's own doFinally looks at it (a doFinally here would run after that one)
        .doOnTerminate(() -> inFlight = 0)
        .doOnCancel(() -> inFlight = 0)
        .then();
  }

  /**
   * A value the database refuses (too long for its column, say) would fail its whole batch for ever, and
   * hold up the backlog behind it: write the batch one event at a time, and drop only what is refused.
   */
  private Mono<HistorySql.Written> oneByOne(List<StoredEvent> batch, Throwable cause) {
    log.warn("sink {}: the database refused a batch of {} ({}): writing its events one by one", name(), batch.size(),
        cause.getMessage());
    return Flux.fromIterable(batch)
        .concatMap(event -> database.withConnection(c -> HistorySql.write(c, List.of(event)))
            .onErrorResume(DatabaseSink::refusesData, e -> {
              log.warn("sink {}: the database refused event {} ({} of {}), dropped: {}", name(), event.eventId(),
                  event.kind(), event.extensionId(), e.getMessage());
              meters.failed(1);
              return Mono.just(new HistorySql.Written(0, 0, 0, 0));
            }))
        .reduce(new HistorySql.Written(0, 0, 0, 0), (a, b) -> new HistorySql.Written(a.events() + b.events(),
            a.duplicateEvents() + b.duplicateEvents(), a.calls() + b.calls(), a.duplicateCalls() + b.duplicateCalls()));
  }

  /** An error about the data (SQL state class 22 or 23), not about reaching the database. */
  private static boolean refusesData(Throwable e) {
    if (e instanceof R2dbcDataIntegrityViolationException) {
      return true;
    }
    return e instanceof R2dbcException r && r.getSqlState() != null
        && (r.getSqlState().startsWith("22") || r.getSqlState().startsWith("23"));
  }

  private Mono<Void> probe() {
    return database.withConnection(c -> Mono.from(c.validate(ValidationDepth.REMOTE)))
        .timeout(options.writeTimeout())
        .publishOn(writerThread)
        .flatMap(valid -> valid ? Mono.fromRunnable(this::databaseBack) : Mono.error(new IllegalStateException("connection not valid")))
        .onErrorResume(e -> {
          databaseDown(e);
          return Mono.empty();
        })
        .then();
  }

  private void succeeded(Source source, List<StoredEvent> batch, HistorySql.Written written, long started) {
    meters.batch(System.nanoTime() - started);
    meters.delivered(batch.size());
    meters.duplicates(written.duplicateEvents());
    if (source == Source.BACKLOG) {
      meters.replayed(batch.size());
      backlog.committed(batch);
      if (spill.events() == 0) {
        log.info("sink {}: the spilled events are all in the database now", name());
      }
    }
    if (!databaseUp) {
      databaseBack();
    }
  }

  private void databaseBack() {
    if (databaseUp) {
      return;
    }
    Instant since = downSince;
    databaseUp = true;
    backoff = options.initialBackoff();
    log.info("sink {}: the database takes writes again after {} s; {} spilled event(s) to replay", name(),
        since == null ? "?" : Duration.between(since, Instant.now()).toMillis() / 1000.0, spill.events());
  }

  private void failed(Source source, List<StoredEvent> batch, Throwable e) {
    meters.writeFailure();
    if (source == Source.QUEUE) {
      spillNow(batch);
    } else {
      // the same batch first when the database is back (stored once if it had it after all)
      backlog.refused(batch);
    }
    databaseDown(e);
  }

  private void databaseDown(Throwable e) {
    String reason = describe(e);
    lastFailure = reason;
    long now = System.nanoTime();
    if (databaseUp) {
      databaseUp = false;
      downSince = Instant.now();
      lastReport = now;
      spilledAtLastReport = meters.spilledTotal();
      log.warn("sink {}: writing to the database failed ({}): events go to {} until it takes writes again",
          name(), reason, spill.directory().toAbsolutePath());
    } else if (now - lastReport >= REPORT_EVERY.toNanos()) {
      long spilled = meters.spilledTotal();
      log.warn("sink {}: the database is still down ({}), since {}; {} event(s) spilled since the previous report,"
          + " {} waiting in {}", name(), reason, downSince, spilled - spilledAtLastReport, spill.events(),
          spill.directory().toAbsolutePath());
      lastReport = now;
      spilledAtLastReport = spilled;
    }
    Duration wait = backoff;
    backoff = wait.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : wait.multipliedBy(2);
    long jittered = (long) (wait.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    probeTimer.update(Mono.delay(Duration.ofMillis(Math.max(1, jittered))).subscribe(tick -> {
      probeDue = true;
      signalWriter();
    }));
    signalSpiller();
  }

  private static String describe(Throwable e) {
    if (e instanceof java.util.concurrent.TimeoutException) {
      return "no answer within the write timeout";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  // --- the spiller ---

  private void signalSpiller() {
    if (spillerWip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!spilling && needsSpill() && !queue.isEmpty()) {
        spilling = true;
        Mono.fromRunnable(this::spillStep)
            .subscribeOn(spillThread)
            .doFinally(signal -> {
              spilling = false;
              signalSpiller();
              checkDrained();
            })
            .subscribe(null, e -> log.error("sink {}: the spiller failed: {}", name(), e.toString(), e));
      }
      missed = spillerWip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void spillStep() {
    spillNow(stored(queue.poll(SPILL_BATCH)));
    signalWriter(); // the backlog grew
  }

  /** Appends to the spill directory; blocking, on the writer's or the spiller's thread. */
  private void spillNow(List<StoredEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    int written = 0;
    try {
      written = spill.append(batch);
      if (written < batch.size()) {
        log.error("sink {}: the spill directory {} is at its limit ({} bytes): {} event(s) dropped", name(),
            spill.directory(), options.maxSpillBytes(), batch.size() - written);
      }
    } catch (IOException e) {
      log.error("sink {}: cannot write to the spill directory {}: {} ({} event(s) lost)", name(), spill.directory(),
          e.toString(), batch.size() - written);
    }
    meters.spilled(written);
    if (written < batch.size()) {
      meters.failed(batch.size() - written);
    }
  }

  /** Encodes queued events as the rows the database and the spill files take; one that does not encode is counted and skipped. */
  private List<StoredEvent> stored(List<Pending> pending) {
    List<StoredEvent> rows = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      String json;
      try {
        json = encoder.apply(p.event());
      } catch (RuntimeException e) {
        log.warn("sink {}: cannot encode a {} event: {}", name(), p.event().kind().label(), e.toString());
        meters.failed(1);
        continue;
      }
      String callId = p.event() instanceof PresenceEvent.CallEvent call ? call.call().id() : null;
      QueueCallOutcome queueCall = p.event() instanceof ContactCentreEvent.QueueCallEnded ended ? ended.call() : null;
      rows.add(new StoredEvent(EventIds.of(json), p.event().kind().label(), p.event().extensionId(), p.event().at(),
          callId, json, p.call(), p.seq(), p.span(), queueCall));
    }
    return rows;
  }

  // --- close ---

  private void checkDrained() {
    if (closed && queue.isEmpty() && !writing && !spilling && inFlight == 0
        && (forceSpill || !databaseUp || spill.events() == 0)) {
      drained.tryEmitEmpty();
    }
  }

  @Override
  public Mono<Void> close() {
    return close(Duration.ofSeconds(10));
  }

  /**
   * Stops accepting, writes what is queued and what waits in the spill directory to the database for up to
   * {@code drainTimeout}, then spills the rest of the queue (a batch in flight finishes, within the write
   * timeout, or is spilled); what is still on disk then waits for the next start. A database that is down
   * at close gets nothing more: the queue goes to disk at once. Idempotent: a close under way keeps its limit.
   */
  @Override
  public Mono<Void> close(Duration drainTimeout) {
    close.compareAndSet(null, Mono.<Void>defer(() -> {
          closed = true;
          probeTimer.dispose();
          if (!databaseUp) {
            forceSpill = true;
          }
          deadlineTimer.update(Mono.delay(drainTimeout).subscribe(tick -> {
            forceSpill = true;
            signalSpiller();
            checkDrained();
          }));
          signalWriter();
          signalSpiller();
          checkDrained();
          return drained.asMono();
        })
        .then(Mono.<Void>fromRunnable(this::release).subscribeOn(spillThread))
        .doFinally(signal -> {
          deadlineTimer.dispose();
          writerThread.dispose();
          spillThread.dispose();
        })
        .cache());
    return close.get();
  }

  private void release() {
    try {
      spill.close();
    } catch (IOException e) {
      log.warn("sink {}: closing the spill file failed: {}", name(), e.toString());
    }
    long waiting = spill.events();
    if (waiting > 0) {
      log.info("sink {}: {} event(s) wait in {} for the database; the next start replays them", name(), waiting,
          spill.directory().toAbsolutePath());
    }
    meters.remove();
  }

  // --- state ---

  @Override
  public Health health() {
    long waiting = spill.events();
    if (!databaseUp) {
      Instant since = downSince;
      return Health.degraded("database unreachable since "
          + (since == null ? "?" : since.truncatedTo(ChronoUnit.SECONDS)) + " (" + lastFailure + "); " + waiting
          + " event(s) kept in the spill directory, written when it is back");
    }
    if (waiting > 0) {
      return Health.degraded(waiting + " spilled event(s) being written to the database");
    }
    return Health.up();
  }

  @Override
  public long queueDepth() {
    return queue.size() + inFlight;
  }

  @Override
  public long dropped() {
    return meters.droppedTotal();
  }

  /** {@return the lowest seq this run gives: what earlier runs stored is below it} */
  long firstSeqOfThisRun() {
    return order.firstOfThisRun();
  }

  /** {@return whether the last write got through (false from a failure to the next success)} */
  boolean databaseUp() {
    return databaseUp;
  }

  /** {@return events waiting in the spill directory} */
  long spilledWaiting() {
    return spill.events();
  }

  /** One line for the start-up log. */
  @Override
  public String toString() {
    return "history in " + database.database().describe() + ", spill directory " + spill.directory().toAbsolutePath();
  }
}
