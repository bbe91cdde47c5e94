package io.presencestream.daemon;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.PresenceEngine;
import io.presencestream.cluster.KafkaIngest;
import io.presencestream.cluster.KafkaProcessor;
import io.presencestream.cluster.KafkaRole;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.internal.OptionalDependency;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.ringcentral.ConnectionState;
import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.Feed;
import io.presencestream.ringcentral.FeedStatus;
import io.presencestream.ringcentral.LoadProgress;
import io.presencestream.ringcentral.PermanentRingCentralException;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.RingCentralSource;
import io.presencestream.server.ContactCentreProvider;
import io.presencestream.server.EventHub;
import io.presencestream.server.StreamItem;
import io.presencestream.server.PresenceHttpServer;
import io.presencestream.server.RouteHandler;
import io.presencestream.server.ServerOptions;
import io.presencestream.server.SessionProvider;
import io.presencestream.server.StateProvider;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.Health;
import io.presencestream.store.HistoryApi;
import io.presencestream.store.HistoryOptions;
import io.presencestream.store.HistoryStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The running daemon: source → engine → SSE hub, HTTP server and sinks, started from a {@link DaemonConfig}.
 *
 * <pre>{@code
 * Daemon daemon = Daemon.start(DaemonConfig.loadDefault(System.getenv()));
 * System.out.println("open " + daemon.url());
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.shutdown(Duration.ofSeconds(20))));
 * daemon.awaitTermination();
 * }</pre>
 *
 * <p>What it promises: one subscription feeds the engine's events, in order, to the hub and every sink
 * (each of which queues without blocking); {@link #close()} stops the source before it drains the sinks,
 * so nothing accepted is lost to the shutdown; a source that fails for good (e.g. revoked credentials)
 * ends {@link #awaitTermination()} with its error.
 *
 * <p>With a Kafka role ({@code kafka.role}) the same process runs a part of a cluster instead: {@code
 * ingest} publishes the source's inputs to the raw topic (no engine here), {@code process} runs the
 * cluster's engine on its partitions of the raw topic and feeds its events to the hub and sinks (no
 * source here), {@code both} does both.
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** How long the engine (or the Kafka ingest) may take to finish what is in flight once the source stopped. */
  private static final Duration DRAIN_FEED = Duration.ofSeconds(5);

  /** Refresh of the extension directory behind {@code /api/extensions} (names change rarely). */
  private static final Duration DIRECTORY_REFRESH = Duration.ofMinutes(10);

  /**
   * Of a {@link #shutdown(Duration)}'s time, what is kept for the steps after the sinks (SSE streams,
   * HTTP server, simulator): a quarter, at most this much. The sinks get the rest of the deadline.
   */
  private static final Duration AFTER_SINKS_RESERVE = Duration.ofSeconds(2);

  private final URI url;
  private final List<URI> networkUrls;
  private final Optional<RingCentralSimulator> simulator;
  private final StateProvider states;
  private final EventHub hub;
  private final PrometheusMeterRegistry registry;
  private final Mono<Void> stop;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CompletableFuture<Throwable> terminated = new CompletableFuture<>();
  /** When the sinks must be done, set by {@link #shutdown(Duration)}; null without a deadline. */
  private final AtomicReference<Long> sinksDeadline;

  private Daemon(
      URI url,
      List<URI> networkUrls,
      Optional<RingCentralSimulator> simulator,
      StateProvider states,
      EventHub hub,
      PrometheusMeterRegistry registry,
      Mono<Void> stop,
      AtomicReference<Long> sinksDeadline) {
    this.url = url;
    this.networkUrls = networkUrls;
    this.simulator = simulator;
    this.states = states;
    this.hub = hub;
    this.registry = registry;
    this.stop = stop;
    this.sinksDeadline = sinksDeadline;
  }

  /**
   * Starts every component; returns once the HTTP server listens and the source is subscribed. If a
   * part fails to start, what was already started is stopped again and the error is thrown.
   *
   * @param config the checked configuration
   * @return the running daemon; {@link #close()} or {@link #shutdown(Duration)} it
   * @throws IllegalStateException if an optional dependency the configuration needs is missing
   * @throws RuntimeException whatever stopped a part from starting (a port in use, a Kafka topic missing)
   */
  public static Daemon start(DaemonConfig config) {
    Objects.requireNonNull(config, "config");
    OptionalDependency.requirePrometheus();
    if (config.kafka().role() != KafkaRole.NONE) {
      OptionalDependency.requireKafka();
    }
    config.sinks().database().ifPresent(database -> HistoryStore.requireDependencies(database.options().database()));
    return new Starter(config).start();
  }

  /**
   * The wallboard's URL on this machine, e.g. {@code http://127.0.0.1:8080/}; listening on every interface
   * ({@code server.host: 0.0.0.0} or {@code ::}) it names the loopback address, which a browser can open.
   *
   * @return the URL, ending in {@code /}
   */
  public URI url() {
    return url;
  }

  /**
   * Listening on every interface, the wallboard's URL at each of this machine's addresses that other
   * machines may reach (see {@link PresenceHttpServer#networkUrls()}); empty when listening on one address.
   *
   * @return the URLs, possibly none
   */
  public List<URI> networkUrls() {
    return networkUrls;
  }

  /** {@return the built-in simulator, when the source is the simulator (tests read its ground truth)} */
  public Optional<RingCentralSimulator> simulator() {
    return simulator;
  }

  /**
   * The current state of every extension this daemon tracks (what {@code /api/state} serves): the
   * engine's, or with Kafka the processor's for the partitions it owns; empty for an ingest.
   *
   * @return the states by extension id
   */
  public Map<String, ExtensionState> states() {
    return states.states();
  }

  /** {@return the SSE hub, for its last event id and connected clients} */
  public EventHub hub() {
    return hub;
  }

  /** {@return the registry {@code /metrics} serves} */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Stops gracefully: the simulator's traffic and the source first, then the engine finishes what is in
   * flight, the sinks drain and flush, the SSE streams end and the connections close. Lazy and
   * idempotent: every subscription waits for the one shutdown.
   *
   * @return completes when everything has stopped
   */
  public Mono<Void> close() {
    return Mono.defer(
        () -> {
          if (closing.compareAndSet(false, true)) {
            log.info("presence-stream: shutting down");
            return stop.doFinally(signal -> terminated.complete(null));
          }
          return Mono.fromFuture(terminated.thenApply(ignored -> Boolean.TRUE)).then();
        });
  }

  /**
   * {@link #close()} waiting at most {@code timeout}; what is not done by then is abandoned and logged.
   * The sinks get what is left of {@code timeout} when their turn comes, less a reserve for the steps
   * after them, so that a webhook that cannot deliver in time dead-letters what it holds (and says how
   * many) before the daemon gives up waiting.
   *
   * @param timeout the longest to wait
   * @return whether the shutdown finished in time
   */
  public boolean shutdown(Duration timeout) {
    Duration reserve = timeout.dividedBy(4).compareTo(AFTER_SINKS_RESERVE) < 0 ? timeout.dividedBy(4) : AFTER_SINKS_RESERVE;
    sinksDeadline.compareAndSet(null, System.nanoTime() + timeout.minus(reserve).toNanos());
    try {
      close().block(timeout);
      log.info("presence-stream: stopped");
      return true;
    } catch (RuntimeException e) {
      log.warn("presence-stream: shutdown did not finish within {}: {}", timeout, e.toString());
      terminated.complete(null);
      return false;
    }
  }

  /**
   * Blocks until the daemon has stopped: null after {@link #close()}, or the error that stopped the
   * source by itself (a permanent RingCentral error such as rejected credentials).
   *
   * @return null after a requested stop, else what stopped the daemon
   */
  public Throwable awaitTermination() {
    return terminated.join();
  }

  private void failed(Throwable error) {
    if (!closing.get()) {
      terminated.complete(error);
    }
  }

  /**
   * Starts the parts in order and registers how to stop each as soon as it exists, so a failed start
   * undoes itself. Stop steps run in {@link Stage} order, whatever order they were registered in.
   */
  private static final class Starter {

    /** The shutdown order: inputs first, then what drains them, the outputs, and last the simulator. */
    private enum Stage { TRAFFIC, DIRECTORY, SOURCE, FEED, ENGINE, KAFKA_INGEST, KAFKA_PROCESSOR, SINKS, HUB, SERVER, HISTORY, SIMULATOR, METRICS }

    private final DaemonConfig config;
    private final List<Map.Entry<Stage, Mono<Void>>> stopSteps = new ArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PresenceCodec codec = PresenceCodec.create();
    private final AtomicReference<Long> sinksDeadline = new AtomicReference<>();

    Starter(DaemonConfig config) {
      this.config = config;
    }

    Daemon start() {
      try {
        return startAll();
      } catch (RuntimeException e) {
        if (e instanceof ConfigException) {
          // Its problems travel in the exception, which the caller prints (the command line on stderr);
          // repeated here, an operator would read each of them twice.
          log.error("presence-stream: start failed on the configuration, stopping what was started");
        } else {
          log.error("presence-stream: start failed, stopping what was started: {}", e.toString());
        }
        sequence(stopSteps).block(Duration.ofSeconds(20));
        throw e;
      }
    }

    private Daemon startAll() {
      KafkaRole role = config.kafka().role();
      AtomicReference<Daemon> daemon = new AtomicReference<>();
      AtomicReference<Throwable> earlyEnd = new AtomicReference<>();

      // The source: every role but `process` holds the RingCentral (or simulator) connection.
      Optional<RingCentralSimulator> simulator = Optional.empty();
      RingCentralSource source = null;
      String origin = "Kafka topic " + config.kafka().options().topics().raw();
      String sourceLine = origin + " (Kafka role " + role.label() + ")";
      if (role != KafkaRole.PROCESS) {
        RingCentralOptions sourceOptions;
        if (config.source() instanceof SourceConfig.Simulator sim) {
          RingCentralSimulator started = RingCentralSimulator.start(Wiring.simulatorOptions(sim, config.contactCentre()));
          simulator = Optional.of(started);
          // stopping traffic comes first; stopping the simulator itself comes last (Stage order)
          onStop(Stage.TRAFFIC, "simulator traffic", Mono.fromRunnable(started.traffic()::stop));
          onStop(Stage.SIMULATOR, "simulator", started.stop());
          SimulatorCredentials credentials = started.credentials();
          sourceOptions =
              RingCentralOptions.builder(
                      URI.create(started.baseUrl()), credentials.clientId(), credentials.clientSecret(), credentials.jwt())
                  .extensions(ExtensionSelection.allEnabledUsers())
                  .feeds(sim.feeds())
                  .build();
          origin = "the built-in simulator";
          sourceLine = "the built-in simulator at " + started.baseUrl() + ", every extension";
        } else {
          sourceOptions = Wiring.ringCentralOptions((SourceConfig.RingCentral) config.source());
          origin = sourceOptions.serverUrl().toString();
          sourceLine = "RingCentral " + origin + ", extensions: " + describe(sourceOptions.extensions());
        }
        if (config.contactCentre().enabled()) {
          // the view's directory follows each queue member's queue flag as it changes, not only on a refresh
          sourceOptions = sourceOptions.mutate().queuePresence(true).build();
        }
        if (sourceOptions.feeds().contains(Feed.TELEPHONY)) {
          sourceLine += ", with telephony sessions (scope " + sourceOptions.telephonyScope().label() + ")";
        }
        source = RingCentralSource.create(sourceOptions, codec, registry);
        onStop(Stage.SOURCE, "source", source.close());
        if (role.ingests()) {
          sourceLine += ", inputs published to Kafka topic " + config.kafka().options().topics().raw();
        }
      }

      log.info("presence-stream: source: {}", sourceLine);

      ServerOptions serverOptions = Wiring.serverOptions(config.server());
      EventHub hub = EventHub.create(serverOptions, codec::encodeEvent, registry);
      onStop(Stage.HUB, "sse hub", hub.close());
      List<EventSink> sinks = Wiring.sinks(config.sinks(), codec::encodeEvent, registry);
      Optional<HistoryStore> history = Optional.empty();
      if (config.sinks().database().isPresent()) {
        HistoryStore store = openHistory(config.sinks().database().get().options());
        // the connections stay open until the HTTP server, which queries them, has closed
        onStop(Stage.HISTORY, "history store", store.close());
        sinks.add(store.sink());
        history = Optional.of(store);
      }
      onStop(Stage.SINKS, "sinks", Mono.defer(() -> Mono.when(sinks.stream().map(this::closeSink).toList())));
      for (EventSink sink : sinks) {
        log.info("presence-stream: sink {}: {}", sink.name(), sink);
      }
      List<EventSink> targets = new ArrayList<>();
      targets.add(hub);
      targets.addAll(sinks);
      Consumer<PresenceEvent> deliver = event -> {
        for (EventSink target : targets) {
          target.accept(event);
        }
      };

      AtomicReference<ConnectionState> upstream =
          new AtomicReference<>(new ConnectionState(ConnectionState.Status.CONNECTING, null));
      AtomicReference<List<ExtensionInfo>> directory = new AtomicReference<>(List.of());
      Disposable upstreamWatch = Disposables.disposed();
      Disposable directoryRefresh = Disposables.disposed();
      if (source != null) {
        RingCentralSource from = source;
        // One log line per change of the connection's status, with its cause (causes carry no secrets).
        upstreamWatch = from.connectionStates().subscribe(state -> {
          ConnectionState previous = upstream.getAndSet(state);
          if (previous.status() != state.status()) {
            log.info("presence-stream: RingCentral connection {}{}", state.status(),
                state.cause() == null ? "" : ": " + state.cause().getMessage());
          }
        }, error -> { });
        directoryRefresh =
            Mono.defer(from::extensions)
                .doOnError(e -> log.warn("presence-stream: reading the extension directory failed: {}", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1))
                    .filter(e -> !(e instanceof PermanentRingCentralException))) // the feed reports those
                .repeatWhen(done -> done.delayElements(DIRECTORY_REFRESH))
                .subscribe(directory::set, error -> { });
      }
      onStop(Stage.DIRECTORY, "directory refresh", Mono.fromRunnable(directoryRefresh::dispose));
      Disposable watch = upstreamWatch;
      RuntimeMetrics runtimeMetrics = RuntimeMetrics.bind(registry);
      onStop(Stage.METRICS, "metrics", Mono.fromRunnable(() -> {
        watch.dispose();
        runtimeMetrics.close();
        registry.close();
      }));

      // The contact-centre view (role none only: the configuration refuses it under a Kafka role).
      ContactCentre centre = null;
      Flux<Directory> directories = Flux.empty();
      if (config.contactCentre().enabled() && source != null && role == KafkaRole.NONE) {
        centre = ContactCentre.create(config.contactCentre().options(), registry, Clock.systemUTC());
        directories = source.directory(config.contactCentre().directoryRefresh());
        log.info("presence-stream: contact-centre view: agents, queues and alerts at /api/agents, /api/queues, /api/alerts"
            + " ({} alert rule(s), wrap-up {}, days in {})", config.contactCentre().options().alerts().size(),
            config.contactCentre().options().wrapUp(), config.contactCentre().options().timeZone());
      }

      // The engine: in this process (role none), or in the Kafka processor (process, both).
      PresenceEngine engine = null;
      KafkaProcessor processor = null;
      StateProvider states;
      SessionProvider liveSessions = SessionProvider.none(); // only an engine in this process tracks sessions
      if (role == KafkaRole.NONE) {
        EngineOptions engineOptions = config.engine().toEngineOptions();
        if (centre != null) {
          // the view's InMeeting reads the meeting status from presence events, which the rule alone does not send
          engineOptions = engineOptions.mutate().announceMeetingStatus(true).build();
        }
        engine = PresenceEngine.create(engineOptions, registry);
        onStop(Stage.ENGINE, "engine", engine.close());
        states = StateProvider.of(engine::state, engine::states);
        liveSessions = SessionProvider.of(engine::sessions, engine::sessions);
      } else if (role.processes()) {
        processor = KafkaProcessor.create(config.kafka().options(), codec, config.engine().toEngineOptions(), registry);
        states = StateProvider.of(processor::state, processor::states);
      } else {
        states = StateProvider.of(id -> Optional.empty(), Map::of); // ingest only: no state here
      }

      PresenceHttpServer.Builder http =
          PresenceHttpServer.builder(serverOptions).hub(hub).states(states).sessions(liveSessions).codec(codec)
              .directory(directory::get).metrics(registry);
      if (centre != null) {
        http.contactCentre(ContactCentreProvider.of(centre));
      }
      if (source != null) {
        RingCentralSource feeds = source;
        http.readiness("upstream", () -> upstreamHealth(upstream.get(), feeds.feedStatus(), feeds.loadProgress()));
      }
      if (processor != null) {
        http.readiness("kafka-group", processor::groupHealth);
        http.readiness("kafka-partitions", processor::partitionsHealth);
      }
      sinks.forEach(http::sink);
      history.ifPresent(store -> http.route("history", "/api/history/", HistoryApi.EXTENSION_PARAMETERS, request ->
          store.api().get(request.path(), request.query(), request.accept())
              .map(answer -> new RouteHandler.Response(answer.status(), answer.contentType(), answer.body(), answer.headers()))));
      PresenceHttpServer server = http.start().block(Duration.ofSeconds(30));
      onStop(Stage.SERVER, "http server", server.close());

      // The feeds: one subscription per direction of data, each owned and stopped here.
      CompletableFuture<Void> sourceFeedDone = new CompletableFuture<>();
      Disposable sourceFeed = Disposables.disposed();
      if (engine != null) {
        Flux<PresenceEvent> events = engine.process(source.inputs(engine.resyncRequests()));
        if (centre != null) {
          events = ContactCentreFeed.beside(events, centre, directories, registry);
        }
        sourceFeed =
            events
                .doFinally(signal -> sourceFeedDone.complete(null))
                .subscribe(deliver, error -> ended(daemon, earlyEnd, error),
                    () -> ended(daemon, earlyEnd, new IllegalStateException("the source ended")));
      }
      if (role.ingests()) {
        KafkaIngest kafkaIngest = KafkaIngest.create(config.kafka().options(), codec, registry);
        onStop(Stage.KAFKA_INGEST, "kafka ingest", kafkaIngest.close());
        sourceFeed =
            kafkaIngest.publish(source.inputs(kafkaIngest.resyncRequests()))
                .doFinally(signal -> sourceFeedDone.complete(null))
                .subscribe(published -> { }, error -> ended(daemon, earlyEnd, error),
                    () -> ended(daemon, earlyEnd, new IllegalStateException("the source ended")));
      }
      if (source != null) {
        Disposable feed = sourceFeed;
        onStop(
            Stage.FEED,
            engine != null ? "engine drain" : "kafka ingest drain",
            Mono.fromFuture(sourceFeedDone)
                .timeout(DRAIN_FEED)
                .onErrorResume(timeout -> Mono.fromRunnable(feed::dispose)));
      }
      if (processor != null) {
        KafkaProcessor kafkaProcessor = processor;
        Disposable processorFeed = kafkaProcessor.events().subscribe(deliver, error -> { });
        // SSE clients see other extensions once partitions move: tell them to re-read the state.
        Disposable ownership = kafkaProcessor.partitionChanges().subscribe(change -> hub.gap(switch (change.reason()) {
          case ASSIGNED -> StreamItem.GapReason.PARTITIONS_ASSIGNED;
          case REVOKED -> StreamItem.GapReason.PARTITIONS_REVOKED;
          case LOST -> StreamItem.GapReason.PARTITIONS_LOST;
        }), error -> { });
        onStop(Stage.KAFKA_PROCESSOR, "kafka processor",
            kafkaProcessor.close().then(Mono.fromRunnable(() -> {
              processorFeed.dispose();
              ownership.dispose();
            })));
        kafkaProcessor.terminated().subscribe(null, error -> ended(daemon, earlyEnd, error));
        kafkaProcessor.start().block(Duration.ofSeconds(60));
      }

      URI url = URI.create(server.baseUrl() + "/");
      List<URI> networkUrls = server.networkUrls().stream().map(base -> URI.create(base + "/")).toList();
      if (!server.loopbackOnly() && config.server().authToken().isEmpty()) {
        log.warn("presence-stream: listening on {} beyond loopback without a bearer token: anyone who can reach port {}"
            + " reads every extension's presence and calls; set the token's environment variable (server.auth.tokenEnv,"
            + " PRESENCE_STREAM_TOKEN by default) or listen on 127.0.0.1", serverOptions.host(), server.port());
      }
      Daemon started = new Daemon(url, networkUrls, simulator, states, hub, registry, sequence(stopSteps), sinksDeadline);
      synchronized (daemon) {
        daemon.set(started);
        if (earlyEnd.get() != null) {
          started.failed(earlyEnd.get());
        }
      }
      log.info("presence-stream: serving {} from {}{}", url, origin,
          role == KafkaRole.NONE ? "" : " (Kafka role " + role.label() + ")");
      return started;
    }

    /**
     * Opens the history store (migrating its schema); a database that cannot be reached or migrated stops the
     * start with the key to look at and the reason, never with a password (the drivers' messages name the
     * user, host and database only).
     */
    private HistoryStore openHistory(HistoryOptions options) {
      try {
        return HistoryStore.open(options, codec::encodeEvent, registry);
      } catch (RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        String reason = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
        throw new ConfigException("(checked at start)", List.of("sinks.database: cannot open the history in "
            + options.database().describe() + ": " + reason.lines().findFirst().orElse(reason)));
      }
    }

    /** The feed ended without a shutdown: the daemon has stopped by itself. */
    private static void ended(AtomicReference<Daemon> daemon, AtomicReference<Throwable> earlyEnd, Throwable why) {
      synchronized (daemon) {
        Daemon started = daemon.get();
        if (started == null) {
          earlyEnd.set(why);
        } else {
          started.failed(why);
        }
      }
    }

    /** Closes a sink within what is left of the shutdown's time, if there is a deadline; then sums it up. */
    private Mono<Void> closeSink(EventSink sink) {
      Long deadline = sinksDeadline.get();
      Mono<Void> close =
          deadline == null
              ? sink.close()
              : sink.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      return close.doOnSuccess(done -> log.info("presence-stream: sink {} closed: {}", sink.name(), summary(sink)));
    }

    /** What a sink did not deliver: kept in its dead-letter file, and dropped (lost). */
    static String summary(EventSink sink) {
      long deadLettered = sink.deadLettered();
      long dropped = sink.dropped() - deadLettered;
      return (deadLettered == 0 ? "" : deadLettered + " event(s) dead-lettered, ")
          + (dropped == 0 ? "nothing dropped" : dropped + " event(s) dropped");
    }

    private static String describe(ExtensionSelection extensions) {
      if (extensions instanceof ExtensionSelection.Listed listed) {
        return listed.extensionIds().size() + " listed";
      }
      return extensions.equals(ExtensionSelection.allEnabledUsers()) ? "all enabled users" : "the JWT's own";
    }

    /**
     * Ready once subscribed and the initial state of every watched extension is loaded, and while presence
     * flows after that; a refused telephony feed is said in the detail, not as down. Reads volatile fields only.
     */
    static Health upstreamHealth(ConnectionState state, FeedStatus feeds, LoadProgress progress) {
      String note = feeds.problem() == null ? "" : " (telephony sessions unavailable: " + feeds.problem() + ")";
      boolean flowing = state.status() == ConnectionState.Status.CONNECTED
          || state.status() == ConnectionState.Status.RESYNCING;
      if (flowing && !progress.initialLoadComplete()) {
        return Health.down(progress.watched() == 0
            ? "subscribing: listing the extensions to watch"
            : "loading the initial state: " + progress.describe());
      }
      return switch (state.status()) {
        case CONNECTED -> Health.up("connected, " + progress.describe() + note);
        case RESYNCING -> Health.up("resynchronising, " + progress.describe() + note);
        case CONNECTING -> Health.down("connecting");
        case RECOVERING -> Health.down("reconnecting");
        case STOPPED -> Health.down(state.cause() == null ? "stopped" : "stopped: " + state.cause().getMessage());
      };
    }

    private void onStop(Stage stage, String name, Mono<Void> action) {
      stopSteps.add(Map.entry(stage, step(name, action)));
    }

    /** A shutdown step that logs its failure instead of skipping the steps after it. */
    private static Mono<Void> step(String name, Mono<Void> action) {
      return Mono.defer(() -> action)
          .doOnSubscribe(s -> log.debug("presence-stream: stopping {}", name))
          .onErrorResume(
              e -> {
                log.warn("presence-stream: stopping {} failed: {}", name, e.toString());
                return Mono.empty();
              });
    }

    private static Mono<Void> sequence(List<Map.Entry<Stage, Mono<Void>>> steps) {
      // A stable sort: steps of one stage keep their registration order.
      List<Mono<Void>> ordered = steps.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
      return Flux.fromIterable(ordered).concatMap(s -> s).then().cache();
    }
  }
}
