package io.presencestream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.analytics.ContactCentreView;
import io.presencestream.analytics.ViewSnapshot;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.presencestream.model.EventKind;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * The contact-centre view: agent states, per-agent day figures, queue statistics and alerts, derived from
 * the engine's events, the directory and time as docs/contact-centre.md specifies.
 *
 * <pre>{@code
 * ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults(), meterRegistry, Clock.systemUTC());
 * Flux<PresenceEvent> engineEvents = engine.events(rawMessages).share();
 * centre.view(engineEvents, source.directory(Duration.ofMinutes(5)))
 *     .subscribe(hub::accept);          // agent.state, queue.stats, alert.raised, alert.cleared, queue.call.ended
 * centre.queues().forEach(q -> System.out.println(q.name() + " waiting " + q.waiting()));
 * }</pre>
 *
 * <p>What it promises:
 * <ul>
 *   <li><b>One serial stage.</b> Engine events, directories and clock ticks are applied one at a time, in
 *       arrival order, to pure rules that carry every input's instant (no clock read inside the rules), so
 *       a replay gives the same figures. One view is active per instance at a time: a second
 *       subscription while one is active fails with {@link IllegalStateException}.
 *   <li><b>Clock-driven changes at their exact instant.</b> A wrap-up that ends, a call leaving a rolling
 *       window or a duration alert is emitted at the next tick, carrying the instant it happened.
 *   <li><b>Bad input never stops the stream.</b> An event the rules cannot apply, or a directory they
 *       refuse, is counted and skipped; inputs beyond the bound wait for no one: they are dropped and counted.
 *   <li><b>Bounded.</b> At most {@link ContactCentreOptions#maxPending()} inputs wait for the serial stage; an
 *       engine event or directory beyond that is dropped and counted ({@code presence.contactcentre.inputs.dropped},
 *       tag {@code input}); a tick is never queued twice (one pending tick covers them all). Events the
 *       subscriber has not requested wait in a buffer of the same bound whose oldest are dropped when full
 *       ({@code presence.contactcentre.events.dropped}).
 *   <li><b>Ticks.</b> Every {@link ContactCentreOptions#tick()} a tick from {@code Flux.interval} on
 *       {@link Schedulers#parallel()} (a virtual-time scheduler in tests) reads the given {@link Clock}; the
 *       subscription to it is released when the view is cancelled or ends.
 *   <li><b>Restorable.</b> {@link #restore} applies stored events through the same serial stage before the
 *       view goes live, emitting nothing, so a restart keeps the day's figures (README "History").
 *   <li><b>Snapshots from any thread.</b> {@link #agents()}, {@link #agentDay}, {@link #queues()},
 *       {@link #alerts()} and {@link #directory()} read immutable values published by the serial stage:
 *       they never block and change nothing.
 * </ul>
 */
public final class ContactCentre {

  private static final Logger log = LoggerFactory.getLogger(ContactCentre.class);

  /** Publish a snapshot at least this often inside one long burst of inputs. */
  private static final int PUBLISH_EVERY = 256;

  /** One input for the serial stage. */
  private sealed interface Input {
    record Event(PresenceEvent event) implements Input {}

    /** A stored event of a restore; one still arriving after the restore ended is dropped. */
    record Past(PresenceEvent event) implements Input {}

    record Dir(Directory directory) implements Input {}

    record Tick() implements Input {}

    record End(Throwable error) implements Input {}

    /** The end of a restore: time moves to {@code now}, and the summary goes to {@code done}. */
    record RestoreEnd(Instant started, long startNanos, boolean complete, MonoSink<Restored> done) implements Input {}
  }

  /**
   * What a {@link #restore} applied.
   *
   * @param events the stored events applied
   * @param agents the extensions with an agent state after it
   * @param queueCalls the queue calls offered today after it, all queues
   * @param took how long it took
   * @param complete false when it was cancelled (its time budget ran out) before the last stored event: the
   *     figures then lack the rest
   */
  public record Restored(long events, int agents, long queueCalls, Duration took, boolean complete) {}

  private static final Input.Tick TICK = new Input.Tick();

  private final ContactCentreOptions options;
  private final MeterRegistry registry;
  private final Clock clock;
  private final ContactCentreView view;
  private final AtomicBoolean active = new AtomicBoolean();
  private final Queue<Input> queue = Queues.<Input>unboundedMultiproducer().get();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean tickPending = new AtomicBoolean();
  private volatile ViewSnapshot snapshot = ViewSnapshot.EMPTY;
  /** The sink of the active view; written before its inputs are subscribed, read only by the drain. */
  private volatile FluxSink<ContactCentreEvent> sink;

  private final Counter eventsReceived;
  private final Counter eventsRestored;
  /** True from a restore's start until its end is applied: what the rules return then goes nowhere. */
  private volatile boolean restoring;
  /** The events the running (or last) restore applied: its progress, read from any thread. */
  private final AtomicLong restoredCount = new AtomicLong();
  private final Counter directoriesReceived;
  private final Counter ticksReceived;
  private final Counter eventsDropped;
  private final Counter directoriesDropped;
  private final Counter errors;
  private final Counter directoryErrors;
  private final Counter outputDropped;
  private final Map<EventKind, Counter> emitted = new EnumMap<>(EventKind.class);
  private final Map<String, Counter> invalid = new ConcurrentHashMap<>();

  private ContactCentre(ContactCentreOptions options, MeterRegistry registry, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.view = new ContactCentreView(options, this::invalid);
    this.eventsReceived = input("presence.contactcentre.inputs.received", "event");
    this.eventsRestored = Counter.builder("presence.contactcentre.inputs.restored")
        .description("stored events applied again by a restore, emitting nothing").register(registry);
    this.directoriesReceived = input("presence.contactcentre.inputs.received", "directory");
    this.ticksReceived = input("presence.contactcentre.inputs.received", "tick");
    this.eventsDropped = input("presence.contactcentre.inputs.dropped", "event");
    this.directoriesDropped = input("presence.contactcentre.inputs.dropped", "directory");
    this.errors = Counter.builder("presence.contactcentre.errors")
        .description("inputs the rules failed on (a bug: see the log), skipped").register(registry);
    this.directoryErrors = Counter.builder("presence.contactcentre.directory.errors")
        .description("errors of the directory publisher; the last directory stays in use").register(registry);
    this.outputDropped = Counter.builder("presence.contactcentre.events.dropped")
        .description("events dropped, oldest first, because the subscriber did not keep up").register(registry);
    for (EventKind kind : List.of(EventKind.AGENT_STATE, EventKind.QUEUE_STATS, EventKind.ALERT_RAISED,
        EventKind.ALERT_CLEARED, EventKind.QUEUE_CALL_ENDED)) {
      emitted.put(kind, Counter.builder("presence.contactcentre.events.emitted").tag("kind", kind.label())
          .description("contact-centre events emitted").register(registry));
    }
    Gauge.builder("presence.contactcentre.agents", this, c -> c.snapshot.agents().size())
        .description("extensions with an agent state").register(registry);
    Gauge.builder("presence.contactcentre.queue.calls.waiting", this,
            c -> c.snapshot.queues().stream().mapToInt(QueueStats::waiting).sum())
        .description("queue calls waiting, all queues").register(registry);
    Gauge.builder("presence.contactcentre.alerts.open", this, c -> c.snapshot.alerts().size())
        .description("open alerts").register(registry);
    Gauge.builder("presence.contactcentre.inputs.pending", pending, AtomicInteger::get)
        .description("inputs waiting for the serial stage").register(registry);
  }

  private Counter input(String name, String input) {
    return Counter.builder(name).tag("input", input).register(registry);
  }

  /**
   * A contact-centre view with the given settings.
   *
   * @param options the settings
   * @param registry where its meters ({@code presence.contactcentre.*}) go
   * @param clock what the ticks read the time from (a fixed or mutable clock in tests)
   * @return the view, with no subscription yet
   */
  public static ContactCentre create(ContactCentreOptions options, MeterRegistry registry, Clock clock) {
    return new ContactCentre(options, registry, clock);
  }

  /**
   * The settings it was created with.
   *
   * @return the options
   */
  public ContactCentreOptions options() {
    return options;
  }

  /**
   * Runs the view: subscribes to both publishers and to a tick every {@link ContactCentreOptions#tick()},
   * and emits the contact-centre events. It completes when {@code engineEvents} completes and fails when it
   * fails (a directory publisher's error is logged and counted, and the last directory stays in use).
   * Cancelling it cancels both publishers and the tick. The state (agents, days, queue calls, alerts) lives in
   * this instance and carries over to a later view.
   *
   * @param engineEvents the engine's events (presence, calls, telephony sessions); contact-centre events in
   *     it are ignored
   * @param directory directories, each replacing the last
   * @return the events, in the order their inputs were applied; an {@link IllegalStateException} error
   *     when another view of this instance is active
   */
  public Flux<ContactCentreEvent> view(Publisher<? extends PresenceEvent> engineEvents, Publisher<Directory> directory) {
    Objects.requireNonNull(engineEvents, "engineEvents");
    Objects.requireNonNull(directory, "directory");
    return Flux.defer(() -> {
      if (!active.compareAndSet(false, true)) {
        return Flux.error(new IllegalStateException("this ContactCentre already has an active view"));
      }
      return Flux.<ContactCentreEvent>create(s -> run(s, engineEvents, directory), FluxSink.OverflowStrategy.BUFFER)
          .onBackpressureBuffer(options.maxPending(), dropped -> outputDropped.increment(),
              BufferOverflowStrategy.DROP_OLDEST);
    });
  }

  private void run(FluxSink<ContactCentreEvent> s, Publisher<? extends PresenceEvent> engineEvents,
      Publisher<Directory> directory) {
    Disposable.Composite inputs = Disposables.composite();
    s.onDispose(() -> {
      inputs.dispose();
      sink = null;
      active.set(false);
    });
    sink = s;
    inputs.add(Flux.interval(options.tick(), Schedulers.parallel())
        .onBackpressureDrop()
        .subscribe(i -> offerTick()));
    inputs.add(Flux.<Directory>from(directory).subscribe(
        d -> offer(new Input.Dir(d)),
        e -> {
          directoryErrors.increment();
          log.warn("the directory publisher failed; the last directory stays in use: {}", e.toString());
        }));
    inputs.add(Flux.<PresenceEvent>from(engineEvents).subscribe(
        e -> offer(new Input.Event(e)),
        e -> end(new Input.End(e)),
        () -> end(new Input.End(null))));
  }

  /**
   * Rebuilds the state from stored events before the view goes live, emitting nothing: the past is not told
   * again to SSE clients or sinks (they had it when it happened); the snapshots ({@link #agents()},
   * {@link #queues()}, …) show the result, and the live view emits only what changes after it.
   *
   * <p>The directory is applied first, at the first stored event's instant (a directory read now would
   * otherwise move the view's time to now, and every stored event would be applied at now); the events follow
   * one at a time in the publisher's order, through the same serial stage as live inputs, each at its own
   * instant; last, time moves on to the instant the restore started (so wrap-ups, missed-call graces and
   * rolling windows that ended meanwhile end, and live events received during the restore still apply at
   * their own instants). Cancelling it (a time budget running out) ends it the same way, with the events
   * applied so far, and says so in {@link Restored#complete()}.
   *
   * <p>Call it before {@link #view}: while it runs a view cannot start (and a restore cannot start while a
   * view is active: {@link IllegalStateException}). Memberships that changed during the stored period are not
   * replayed (the directory's changes are not stored events): the current directory stands for the whole period.
   *
   * <pre>{@code
   * centre.restore(directory, store.earlierEvents(midnight, kinds, codec::decodeEvent), Duration.ofMinutes(2))
   *     .doOnNext(r -> log.info("restored {} events", r.events()))
   *     .thenMany(centre.view(engineEvents, directories))
   *     .subscribe(hub::accept);
   * }</pre>
   *
   * @param directory the directory to learn queues and memberships from
   * @param past the stored engine events, in the order they arrived (contact-centre events among them are ignored)
   * @param budget the longest it may take: then it stops reading {@code past} and ends with what it applied
   *     ({@link Restored#complete()} false)
   * @return the summary, when the last event is applied (or the restore was cancelled: then nothing is emitted);
   *     a failing {@code past} ends the restore as a cancellation does and completes with the summary
   */
  public Mono<Restored> restore(Directory directory, Publisher<? extends PresenceEvent> past, Duration budget) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(past, "past");
    Objects.requireNonNull(budget, "budget");
    return Mono.defer(() -> {
      if (!active.compareAndSet(false, true)) {
        return Mono.error(new IllegalStateException("this ContactCentre already has an active view or restore"));
      }
      Instant started = clock.instant();
      long startNanos = System.nanoTime();
      restoring = true;
      restoredCount.set(0);
      return Mono.<Restored>create(done -> {
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicBoolean ended = new AtomicBoolean();
        // the deadline first: a publisher that emits on the subscribing thread is bounded too
        Disposable.Swap reading = Disposables.swap();
        Disposable deadline = Mono.delay(budget).subscribe(t -> {
          reading.dispose();
          endRestore(started, startNanos, false, done, ended);
        });
        done.onDispose(deadline);
        done.onCancel(() -> {
          reading.dispose();
          endRestore(started, startNanos, false, done, ended);
        });
        reading.update(Flux.<PresenceEvent>from(past).subscribe(
            event -> {
              if (first.compareAndSet(true, false)) {
                enqueue(new Input.Dir(new Directory(event.at(), directory.extensions(), directory.queues())));
              }
              enqueue(new Input.Past(event));
            },
            error -> {
              log.warn("contact centre: reading the stored events failed, restored what came before: {}", error.toString());
              endRestore(started, startNanos, false, done, ended);
            },
            () -> {
              if (first.get()) {
                enqueue(new Input.Dir(directory));
              }
              endRestore(started, startNanos, true, done, ended);
            }));
      });
    });
  }

  private void endRestore(Instant started, long startNanos, boolean complete, MonoSink<Restored> done,
      AtomicBoolean ended) {
    if (ended.compareAndSet(false, true)) {
      enqueue(new Input.RestoreEnd(started, startNanos, complete, done)); // what releases the instance for the view
    }
  }

  /**
   * The events the running restore has applied so far (or the last one applied in all): its progress, for a
   * readiness check. A cheap read from any thread.
   *
   * @return the count
   */
  public long restoredEvents() {
    return restoredCount.get();
  }

  // ---------------------------------------------------------------- the serial stage

  private void offer(Input input) {
    if (pending.incrementAndGet() > options.maxPending()) {
      pending.decrementAndGet();
      (input instanceof Input.Dir ? directoriesDropped : eventsDropped).increment();
      return;
    }
    queue.offer(input);
    drain();
  }

  /** One pending tick stands for any number: the clock is read when it is applied. */
  private void offerTick() {
    if (tickPending.compareAndSet(false, true)) {
      enqueue(TICK);
    }
  }

  /** The end is never dropped: it is what releases the view. */
  private void end(Input.End end) {
    enqueue(end);
  }

  /**
   * Queues without the bound: for what is never dropped (an end, the one pending tick) and for a restore's
   * events, whose publisher is read one at a time (each is applied before the next arrives, unless a live
   * input's drain is running: then it waits behind it).
   */
  private void enqueue(Input input) {
    pending.incrementAndGet();
    queue.offer(input);
    drain();
  }

  /**
   * reactor-core's work-in-progress loop, as {@link io.presencestream.internal.SerialDrain}, plus a snapshot
   * published at the end of every burst (and every {@link #PUBLISH_EVERY} inputs within one): the thread that
   * moves the counter from zero applies everything queued, the others return at once. No lock is held while
   * the sink is called.
   */
  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      int applied = 0;
      Input next;
      while ((next = queue.poll()) != null) {
        pending.decrementAndGet();
        apply(next);
        // a restore publishes once, at its end: until then the last snapshot stands
        if (++applied % PUBLISH_EVERY == 0 && !restoring) {
          snapshot = view.snapshot();
        }
      }
      if (applied > 0 && !restoring) {
        snapshot = view.snapshot();
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void apply(Input input) {
    FluxSink<ContactCentreEvent> out = sink;
    if (input instanceof Input.RestoreEnd end) {
      finishRestore(end);
      return;
    }
    if (input instanceof Input.End end) {
      if (out != null) {
        if (end.error() == null) {
          out.complete();
        } else {
          out.error(end.error());
        }
      }
      return;
    }
    List<ContactCentreEvent> events;
    try {
      if (input instanceof Input.Past e) {
        if (!restoring) {
          return; // read after its restore's time budget ran out
        }
        eventsRestored.increment();
        restoredCount.incrementAndGet();
        events = view.event(e.event());
      } else if (input instanceof Input.Event e) {
        eventsReceived.increment();
        events = view.event(e.event());
      } else if (input instanceof Input.Dir d) {
        directoriesReceived.increment();
        events = view.directory(d.directory());
      } else {
        tickPending.set(false);
        ticksReceived.increment();
        events = view.tick(clock.instant());
      }
    } catch (RuntimeException e) {
      // a bug in the rules must not stop the view: the input is skipped, counted and logged
      errors.increment();
      log.error("contact centre: skipped an input the rules failed on ({})", input.getClass().getSimpleName(), e);
      return;
    }
    if (restoring) {
      return; // the past is not told again
    }
    for (ContactCentreEvent event : events) {
      emitted.get(event.kind()).increment();
      if (out != null) {
        out.next(event);
      }
    }
  }

  /** On the serial stage: time moves to the restore's start, and the instance is free for the view. */
  private void finishRestore(Input.RestoreEnd end) {
    try {
      if (view.now() != null) {
        view.tick(end.started());
      }
    } catch (RuntimeException e) {
      errors.increment();
      log.error("contact centre: the rules failed on the restore's last tick", e);
    }
    ViewSnapshot restored = view.snapshot();
    snapshot = restored;
    restoring = false;
    long queueCalls = restored.queues().stream().mapToLong(q -> q.today().offered()).sum();
    Restored summary = new Restored(restoredCount.get(), restored.agents().size(), queueCalls,
        Duration.ofNanos(System.nanoTime() - end.startNanos()), end.complete());
    active.set(false);
    end.done().success(summary);
  }

  private void invalid(String reason) {
    invalid.computeIfAbsent(reason, r -> Counter.builder("presence.contactcentre.inputs.invalid").tag("reason", r)
        .description("bad input repaired or skipped").register(registry)).increment();
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * How many inputs wait for the serial stage now (the {@code presence.contactcentre.inputs.pending} gauge): a
   * feeder that replays faster than the rules apply (a Kafka catch-up) waits while it is high, instead of
   * having its inputs dropped beyond {@link ContactCentreOptions#maxPending()}. A plain read.
   *
   * @return the inputs queued and not yet applied
   */
  public int pendingInputs() {
    return pending.get();
  }

  /**
   * Every tracked extension's agent state, by extension number (then id).
   *
   * @return the agents as of the last applied input or tick
   */
  public List<AgentStatus> agents() {
    return snapshot.agents();
  }

  /**
   * Today's figures of one extension, with its timeline, as of the last applied input or tick.
   *
   * @param extensionId the extension id
   * @return the day, or empty for an extension with no agent state
   */
  public Optional<AgentDay> agentDay(String extensionId) {
    return snapshot.agentDay(extensionId, true);
  }

  /**
   * Every queue's statistics, by name (the pseudo-queue {@code unknown} last, when it has had calls).
   *
   * @return the queues as of the last applied input or tick
   */
  public List<QueueStats> queues() {
    return snapshot.queues();
  }

  /**
   * The open alerts, oldest first.
   *
   * @return the alerts as of the last applied input or tick
   */
  public List<Alert> alerts() {
    return snapshot.alerts();
  }

  /**
   * The directory last applied (repaired when it had duplicate ids).
   *
   * @return the directory, {@link Directory#EMPTY} before the first
   */
  public Directory directory() {
    return snapshot.directory();
  }
}
