package io.presencestream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineMetrics;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.internal.SerialDrain;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.WebRtcSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.SynchronousSink;

/**
 * The embedding API: RingCentral presence notifications in, typed presence and call events out; and, when
 * the telephony-session feed is given too ({@link EngineInput.TelephonySessionReceived} in {@link #process}),
 * session events in the same stream and presence calls fused with their telephony-session party.
 *
 * <pre>{@code
 * PresenceEngine engine = PresenceEngine.create();
 * engine.resyncRequests().subscribe(request -> restClient.refetch(request.extensionId()));
 * engine.events(rawMessages)             // Flux<String> of notifications or WebSocket frames
 *     .ofType(PresenceEvent.CallStarted.class)
 *     .subscribe(e -> System.out.println(e.call().from()));
 * engine.state("101").ifPresent(s -> System.out.println(s.presence().status()));
 * }</pre>
 *
 * <p>What it promises:
 * <ul>
 *   <li><b>One serial stage.</b> Every subscription to {@link #process}/{@link #events} runs all its
 *       inputs, and the softphone sessions registered meanwhile, through one {@link PresenceTracker}
 *       in order (no {@code groupBy}). A new subscription — e.g. a {@code retry} after the source
 *       failed — continues from the states and sessions the engine already knows, so a reconnect does
 *       not announce every call again; only the sequence baseline starts afresh (the first
 *       notification of each extension sets it). One subscription at a time is the intended use.
 *   <li><b>Bad input never stops the stream.</b> A raw message that does not decode is counted
 *       ({@code presence.engine.decode.errors}, tag {@code reason}) and skipped; an error of the
 *       source itself is passed on.
 *   <li><b>States from any thread.</b> {@link #state} and {@link #states} read immutable
 *       {@link ExtensionState} snapshots published after every applied input; {@link #sessions(String)} and
 *       {@link #sessions()} the live telephony sessions the same way.
 *   <li><b>Two feeds, one stage.</b> Telephony-session notifications are applied in the same serial stage
 *       by the session tracker beside presence ({@link PresenceTracker} owns both, with the same determinism):
 *       their {@code session.started}, {@code party.updated} and {@code session.ended} events come in the
 *       same {@code Flux}, in input order, and a presence call of a known session carries its party
 *       ({@link io.presencestream.model.Call#party()}). An input either tracker fails on is counted
 *       ({@code presence.engine.errors}), logged and skipped. Sessions are not carried into a new
 *       subscription: its stage learns them from the feed again.
 *   <li><b>Time comes from the edge.</b> The raw-message methods stamp each message with this
 *       engine's clock when it is decoded; {@link #process} uses the times its inputs carry (replay).
 * </ul>
 */
public final class PresenceEngine {

  private static final Logger log = LoggerFactory.getLogger(PresenceEngine.class);

  /** Per-subscriber buffer of {@link #resyncRequests()}; beyond it the oldest requests are dropped. */
  static final int RESYNC_BUFFER = 1024;

  /** Buffer for softphone session changes waiting for the serial stage; beyond it the oldest are dropped. */
  static final int CONTROL_BUFFER = 1024;

  /** Marks the end of the caller's inputs inside the merged stream (the session channel never ends). */
  private static final Object END_OF_INPUTS = new Object();
  /** Asks the stage to let clock time pass (RingOut grace period on a quiet raw-message stream). */
  private static final Object TICK = new Object();
  private static final Duration MIN_TICK = Duration.ofMillis(50);

  private final EngineOptions options;
  private final PresenceCodec codec;
  private final Clock clock;
  private final EngineMetrics metrics;
  private final Map<DecodeException.Reason, Counter> decodeErrors = new EnumMap<>(DecodeException.Reason.class);
  private final Counter unexpectedDecodeErrors;
  private final Counter engineErrors;
  private final Counter resyncRequestsDropped;
  private final Counter sessionChangesDropped;
  private final Broadcast<ResyncRequest> resyncRequests;
  private final Broadcast<EngineInput> sessionChanges;
  private final ConcurrentMap<String, ExtensionState> states = new ConcurrentHashMap<>();
  /** Each extension's live telephony sessions, immutable lists; only extensions that have some. */
  private final ConcurrentMap<String, List<TelephonySession>> liveSessions = new ConcurrentHashMap<>();
  private final ConcurrentMap<SessionKey, WebRtcSession> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private record SessionKey(String extensionId, String sessionId) {}

  private PresenceEngine(EngineOptions options, MeterRegistry registry, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(registry, "meterRegistry");
    this.codec = PresenceCodec.create();
    this.metrics = EngineMetrics.micrometer(registry);
    for (DecodeException.Reason reason : DecodeException.Reason.values()) {
      decodeErrors.put(reason, decodeCounter(registry, reason.name().toLowerCase(Locale.ROOT)));
    }
    unexpectedDecodeErrors = decodeCounter(registry, "unexpected");
    engineErrors = Counter.builder("presence.engine.errors")
        .description("Inputs skipped because the engine failed on them (a bug: see the log)")
        .register(registry);
    resyncRequestsDropped = Counter.builder("presence.engine.resync.dropped")
        .description("Resync requests no subscriber received (none subscribed, or its buffer was full)")
        .register(registry);
    sessionChangesDropped = Counter.builder("presence.engine.webrtc.dropped")
        .description("Softphone session changes that could not reach a running stream (applied on its next subscription)")
        .register(registry);
    // No subscriber is a loss for a resync request, not for a session change (the next stage is seeded with it).
    resyncRequests = new Broadcast<>(RESYNC_BUFFER, resyncRequestsDropped, result -> true);
    sessionChanges = new Broadcast<>(CONTROL_BUFFER, sessionChangesDropped,
        result -> result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Counter decodeCounter(MeterRegistry registry, String reason) {
    return Counter.builder("presence.engine.decode.errors")
        .description("Raw messages skipped because they did not decode")
        .tag("reason", reason)
        .register(registry);
  }

  /**
   * An engine with default options, metrics kept to itself and the system clock.
   *
   * @return a new engine; it holds no threads or connections until a stream is subscribed
   */
  public static PresenceEngine create() {
    return create(EngineOptions.defaults(), new SimpleMeterRegistry());
  }

  /**
   * An engine with the given options and metrics, on the system clock.
   *
   * @param options the engine's limits and policies
   * @param meterRegistry where {@code presence.engine.*} meters are registered (no per-extension tags)
   * @return a new engine
   * @throws NullPointerException if an argument is null
   */
  public static PresenceEngine create(EngineOptions options, MeterRegistry meterRegistry) {
    return create(options, meterRegistry, Clock.systemUTC());
  }

  /**
   * As {@link #create(EngineOptions, MeterRegistry)}, with the clock that stamps raw messages and
   * session changes with their receive time (a fixed clock makes the raw-message path deterministic).
   *
   * @param options the engine's limits and policies
   * @param meterRegistry where {@code presence.engine.*} meters are registered
   * @param clock stamps raw messages and softphone session changes; also paces the RingOut grace period
   * @return a new engine
   * @throws NullPointerException if an argument is null
   */
  public static PresenceEngine create(EngineOptions options, MeterRegistry meterRegistry, Clock clock) {
    return new PresenceEngine(options, meterRegistry, clock);
  }

  /**
   * Events derived from raw text messages: notification envelopes or WebSocket frame arrays
   * {@code [header, envelope]}. Each message is stamped with the engine's clock when decoded; bad
   * messages are counted and skipped. Cold: nothing happens until subscribed.
   *
   * @param rawMessages the messages as received, e.g. WebSocket text frames
   * @return the events, in order; completes when {@code rawMessages} completes, fails when it fails
   * @throws NullPointerException if {@code rawMessages} is null
   */
  public Flux<PresenceEvent> events(Publisher<String> rawMessages) {
    Objects.requireNonNull(rawMessages, "rawMessages");
    return process(Flux.from(rawMessages).handle(this::decodeText), true);
  }

  /**
   * As {@link #events(Publisher)} for messages as bytes, e.g. straight from a WebSocket frame, which
   * saves decoding them to a {@code String} first.
   *
   * @param rawMessages the messages as UTF-8 JSON; the arrays are not kept or changed
   * @return the events, in order; completes when {@code rawMessages} completes, fails when it fails
   * @throws NullPointerException if {@code rawMessages} is null
   */
  public Flux<PresenceEvent> eventsFromBytes(Publisher<byte[]> rawMessages) {
    Objects.requireNonNull(rawMessages, "rawMessages");
    return process(Flux.from(rawMessages).handle(this::decodeBytes), true);
  }

  /**
   * Events derived from decoded inputs — notifications, REST snapshots (answers to
   * {@link #resyncRequests()}), softphone sessions and telephony-session notifications — applied in order
   * with the receive times they carry. Softphone sessions registered through {@link #registerWebRtcSession}
   * join the same serial stage. Completes when {@code inputs} completes, fails when it fails; cancelling
   * cancels {@code inputs}. Cold: each subscription has its own stage.
   *
   * <pre>{@code
   * engine.process(Flux.merge(presenceInputs, telephonySessionInputs))
   *     .ofType(SessionEvent.SessionEnded.class)
   *     .subscribe(ended -> log(ended.extensionId() + " " + ended.result().label()));
   * }</pre>
   *
   * @param inputs the decoded inputs, each carrying its receive time
   * @return the events, in order
   * @throws NullPointerException if {@code inputs} is null
   */
  public Flux<PresenceEvent> process(Publisher<? extends EngineInput> inputs) {
    return process(inputs, false);
  }

  /**
   * With {@code clockTicks} (raw messages, stamped by the engine's clock), a RingOut grace period also
   * ends while the stream is quiet: the clock advances the tracker's input time. Decoded inputs carry
   * their own times (a replay may be years old), so there only inputs advance it.
   */
  private Flux<PresenceEvent> process(Publisher<? extends EngineInput> inputs, boolean clockTicks) {
    Objects.requireNonNull(inputs, "inputs");
    return Flux.defer(() -> {
      SubscriptionTracker tracker = new SubscriptionTracker(new PresenceTracker(options, metrics));
      Flux<Object> changes = sessionChanges.asFlux()
          .<Object>map(change -> change)
          .onBackpressureBuffer(CONTROL_BUFFER, dropped -> sessionChangesDropped.increment(),
              BufferOverflowStrategy.DROP_OLDEST);
      Flux<Object> ownInputs = Flux.<Object>concat(Flux.from(inputs), Mono.just(END_OF_INPUTS));
      Duration grace = options.ringOutGrace();
      Flux<Object> ticks = clockTicks && !grace.isZero()
          ? Flux.interval(max(grace.dividedBy(4), MIN_TICK)).onBackpressureDrop().map(tick -> TICK)
          : Flux.empty();
      // merge subscribes in order: session changes are heard before the first input is processed
      return Flux.merge(changes, ownInputs, ticks)
          .takeWhile(item -> item != END_OF_INPUTS)
          .concatMapIterable(item -> item == TICK ? tracker.advance(clock.instant()) : tracker.apply((EngineInput) item))
          .doFinally(signal -> tracker.release());
    });
  }

  /**
   * Requests to read an extension again over REST; answer each with an
   * {@link EngineInput.SnapshotReceived} in the input stream. Hot: subscribe before processing to
   * hear every request. Each subscriber has a buffer of 1024 requests; when it is full the oldest are
   * dropped and counted ({@code presence.engine.resync.dropped}), as they are when nobody listens.
   *
   * @return the requests of every stream of this engine; completes on {@link #close()}
   */
  public Flux<ResyncRequest> resyncRequests() {
    return resyncRequests.asFlux()
        .onBackpressureBuffer(RESYNC_BUFFER, dropped -> resyncRequestsDropped.increment(),
            BufferOverflowStrategy.DROP_OLDEST);
  }

  /**
   * The current state of one extension, from any thread.
   *
   * @param extensionId the extension
   * @return its latest snapshot, or empty if no input about it was applied yet
   */
  public Optional<ExtensionState> state(String extensionId) {
    return Optional.ofNullable(states.get(extensionId));
  }

  /**
   * Every tracked extension's state, from any thread.
   *
   * @return a live read-only view by extension id, whose values are immutable snapshots; iterating it
   *     while streams run sees each extension's latest state, not one instant across extensions
   */
  public Map<String, ExtensionState> states() {
    return Collections.unmodifiableMap(states);
  }

  /**
   * The live telephony sessions of one extension, from any thread: those in which it has a party, announced
   * by {@code session.started} and not yet ended, as the session tracker folded them.
   *
   * @param extensionId the extension
   * @return its sessions, oldest first, immutable; empty when it has none or the telephony-session feed is off
   * @throws NullPointerException if {@code extensionId} is null
   */
  public List<TelephonySession> sessions(String extensionId) {
    Objects.requireNonNull(extensionId, "extensionId");
    return liveSessions.getOrDefault(extensionId, List.of());
  }

  /**
   * Every extension's live telephony sessions, from any thread.
   *
   * @return a live read-only view by extension id of the extensions that have sessions (each list immutable,
   *     oldest first); iterating it while streams run sees each extension's latest sessions
   */
  public Map<String, List<TelephonySession>> sessions() {
    return Collections.unmodifiableMap(liveSessions);
  }

  /**
   * Registers (or updates, by id) a local softphone session to match against the extension's presence
   * calls; the matched call carries its id as {@code webRtcSessionId}. Any thread. A registration made
   * while no stream runs is applied when the next one starts.
   *
   * @param session the session; its receive time is this engine's clock
   * @throws NullPointerException if {@code session} is null
   */
  public void registerWebRtcSession(WebRtcSession session) {
    Objects.requireNonNull(session, "session");
    sessions.put(new SessionKey(session.extensionId(), session.id()), session);
    emitSessionChange(new EngineInput.WebRtcSessionRegistered(session, clock.instant()));
  }

  /**
   * Stops matching a local softphone session. Any thread; removing an unknown session does nothing.
   *
   * @param extensionId the extension it was registered for
   * @param sessionId its {@link WebRtcSession#id()}
   * @throws NullPointerException if an argument is null
   */
  public void removeWebRtcSession(String extensionId, String sessionId) {
    Objects.requireNonNull(extensionId, "extensionId");
    Objects.requireNonNull(sessionId, "sessionId");
    sessions.remove(new SessionKey(extensionId, sessionId));
    emitSessionChange(new EngineInput.WebRtcSessionRemoved(extensionId, sessionId, clock.instant()));
  }

  /**
   * Completes {@link #resyncRequests()} for every subscriber and stops taking session changes into
   * running streams. Lazy (nothing happens until subscribed) and idempotent. Running streams go on
   * until their inputs end.
   *
   * @return completes once closed
   */
  public Mono<Void> close() {
    return Mono.fromRunnable(() -> {
      if (closed.compareAndSet(false, true)) {
        resyncRequests.complete();
        sessionChanges.complete();
      }
    });
  }

  private void decodeText(String json, SynchronousSink<EngineInput> sink) {
    try {
      accept(codec.decodeMessage(json), sink);
    } catch (DecodeException e) {
      rejected(e);
    } catch (RuntimeException e) {
      unexpected(e);
    }
  }

  private void decodeBytes(byte[] json, SynchronousSink<EngineInput> sink) {
    try {
      accept(codec.decodeMessage(json), sink);
    } catch (DecodeException e) {
      rejected(e);
    } catch (RuntimeException e) {
      unexpected(e);
    }
  }

  private void accept(Notification notification, SynchronousSink<EngineInput> sink) {
    sink.next(new EngineInput.NotificationReceived(notification, clock.instant()));
  }

  private void rejected(DecodeException e) {
    decodeErrors.get(e.reason()).increment();
    log.debug("skipped a message that did not decode: {}", e.getMessage());
  }

  private void unexpected(RuntimeException e) {
    unexpectedDecodeErrors.increment();
    log.warn("skipped a message the codec failed on", e);
  }

  private void emitSessionChange(EngineInput change) {
    sessionChanges.emit(change);
  }

  private void publishResync(ResyncRequest request) {
    resyncRequests.emit(request);
  }

  /**
   * A hot multicast that any thread may emit into without ever waiting, spinning or taking a lock.
   * A {@code Sinks.many()} sink refuses a second concurrent emitter ({@code FAIL_NON_SERIALIZED});
   * here every value goes into a lock-free multi-producer queue, and the thread that finds no drain
   * running delivers what is queued, its own value and those other threads offered meanwhile
   * (reactor-core's work-in-progress loop, as in {@code FluxCreate.SerializedFluxSink}).
   *
   * <p>Overflow policy: at most {@code capacity} values wait for a drain (they wait only while
   * another thread is delivering); beyond that a new value is dropped and counted. A value the
   * subscribers refuse (each has its own bounded buffer downstream) is counted when {@code lost} says so.
   */
  private static final class Broadcast<T> {
    private static final Object COMPLETE = new Object();

    private final Sinks.Many<T> subscribers = Sinks.unsafe().many().multicast().directBestEffort();
    private final SerialDrain<Object> drain = new SerialDrain<>(this::deliver);
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;
    private final Counter dropped;
    private final Predicate<Sinks.EmitResult> lost;

    Broadcast(int capacity, Counter dropped, Predicate<Sinks.EmitResult> lost) {
      this.capacity = capacity;
      this.dropped = dropped;
      this.lost = lost;
    }

    Flux<T> asFlux() {
      return subscribers.asFlux();
    }

    void emit(T value) {
      if (waiting.incrementAndGet() > capacity) {
        waiting.decrementAndGet();
        dropped.increment();
        return;
      }
      drain.offer(value);
    }

    void complete() {
      drain.offer(COMPLETE);
    }

    /** In the drain: one emission at a time into the unsafe sink, in the order of the offers. */
    @SuppressWarnings("unchecked")
    private void deliver(Object next) {
      if (next == COMPLETE) {
        subscribers.tryEmitComplete();
        return;
      }
      waiting.decrementAndGet();
      Sinks.EmitResult result = subscribers.tryEmitNext((T) next);
      if (result.isFailure() && result != Sinks.EmitResult.FAIL_TERMINATED && lost.test(result)) {
        dropped.increment();
      }
    }
  }

  /**
   * The serial stage of one subscription: its own tracker, seeded on first use with what the engine already
   * knows. {@link #apply} runs serially (one {@code concatMapIterable}); {@link #release()} may come
   * from a cancelling thread at any time. No lock: whichever of the two sees the other's flag last
   * clears the tracker, exactly once, and never while an input is being applied.
   */
  private final class SubscriptionTracker {
    private static final int APPLYING = 1;
    private static final int RELEASED = 2;

    private final PresenceTracker tracker;
    private final AtomicInteger flags = new AtomicInteger();
    private boolean seeded;

    SubscriptionTracker(PresenceTracker tracker) {
      this.tracker = tracker;
    }

    List<PresenceEvent> apply(EngineInput input) {
      return whileNotReleased(() -> applyNow(input));
    }

    /**
     * The grace periods' clock: releases held calls and ends moved calls' sessions whose time has come (see
     * {@link PresenceTracker#advanceTo}).
     */
    List<PresenceEvent> advance(Instant now) {
      return whileNotReleased(() -> {
        List<PresenceEvent> events = tracker.advanceTo(now).events();
        publishSessions(events);
        return events;
      });
    }

    private List<PresenceEvent> whileNotReleased(Supplier<List<PresenceEvent>> step) {
      int current;
      do {
        current = flags.get();
        if ((current & RELEASED) != 0) {
          return List.of();
        }
      } while (!flags.compareAndSet(current, current | APPLYING));
      try {
        return step.get();
      } finally {
        if ((flags.getAndUpdate(f -> f & ~APPLYING) & RELEASED) != 0) {
          tracker.clear();
        }
      }
    }

    void release() {
      int before = flags.getAndUpdate(f -> f | RELEASED);
      if ((before & (RELEASED | APPLYING)) == 0) {
        tracker.clear();
      }
    }

    private List<PresenceEvent> applyNow(EngineInput input) {
      if (!seeded) {
        seeded = true;
        // Continue from what is known, but not from the old sequence: a new subscription may be a new
        // server-side subscription whose counter starts afresh. Its first notification sets the baseline,
        // and the snapshot a source sends on (re)connect corrects anything stale.
        for (ExtensionState known : states.values()) {
          tracker.restore(new ExtensionState(
              known.extensionId(), null, known.presence(), known.calls(), known.updatedAt()));
        }
        for (WebRtcSession session : sessions.values()) {
          tracker.apply(new EngineInput.WebRtcSessionRegistered(session, session.creationTime()));
        }
        // A new stage's session tracker starts empty: what an earlier stage published would never end.
        liveSessions.clear();
      }
      Outcome outcome;
      try {
        outcome = tracker.apply(input);
      } catch (RuntimeException e) {
        engineErrors.increment();
        log.warn("skipped an input the engine failed on: {}", input.getClass().getSimpleName(), e);
        return List.of();
      }
      if (input instanceof EngineInput.ExtensionRemoved removed) {
        states.remove(removed.extensionId());
        liveSessions.remove(removed.extensionId());
        publishSessions(outcome.events());
        return outcome.events();
      }
      String extensionId = remember(input);
      if (outcome.applied() && extensionId != null) {
        tracker.state(extensionId).ifPresent(state -> states.put(extensionId, state));
      }
      publishSessions(outcome.events());
      outcome.resyncRequests().forEach(PresenceEngine.this::publishResync);
      return outcome.events();
    }

    /**
     * After session events (of the input, or of sessions whose switch grace ended meanwhile): publishes each
     * such extension's live sessions and its state, whose calls may have taken a new party.
     */
    private void publishSessions(List<PresenceEvent> events) {
      String last = null;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i) instanceof SessionEvent event && !event.extensionId().equals(last)) {
          String extensionId = event.extensionId();
          last = extensionId;
          List<TelephonySession> live = tracker.sessions(extensionId);
          if (live.isEmpty()) {
            liveSessions.remove(extensionId);
          } else {
            liveSessions.put(extensionId, live);
          }
          tracker.state(extensionId).ifPresent(state -> states.put(extensionId, state));
        }
      }
    }

    /**
     * Keeps the engine's softphone registry in step with softphone inputs; returns the input's extension, or
     * null for a telephony-session notification (it may concern several: see {@link #publishSessions}).
     */
    private String remember(EngineInput input) {
      if (input instanceof EngineInput.NotificationReceived n) {
        return n.notification().extensionId();
      }
      if (input instanceof EngineInput.SnapshotReceived s) {
        return s.presence().extensionId();
      }
      if (input instanceof EngineInput.TelephonySessionReceived) {
        return null;
      }
      if (input instanceof EngineInput.WebRtcSessionRegistered registered) {
        WebRtcSession session = registered.session();
        sessions.put(new SessionKey(session.extensionId(), session.id()), session);
        return session.extensionId();
      }
      EngineInput.WebRtcSessionRemoved removed = (EngineInput.WebRtcSessionRemoved) input;
      sessions.remove(new SessionKey(removed.extensionId(), removed.sessionId()));
      return removed.extensionId();
    }
  }
}
