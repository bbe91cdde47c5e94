package io.presencestream.daemon;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.cluster.KafkaContactCentre;
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
import io.presencestream.ringcentral.FeedStatus;
import io.presencestream.ringcentral.LoadProgress;
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
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
 * ends {@link #awaitTermination()} with its error. With several accounts ({@code sources:}) each account has its
 * own source and engine, their events merged into that one subscription, each stamped with its {@code accountId};
 * an account that fails for good stops alone, and the daemon ends once every account has.
 *
 * <p>With a Kafka role ({@code kafka.role}) the same process runs a part of a cluster instead: {@code
 * ingest} publishes the source's inputs to the raw topic (no engine here), {@code process} runs the
 * cluster's engine on its partitions of the raw topic and feeds its events to the hub and sinks (no
 * source here), {@code both} does both, {@code contact-centre} runs the contact-centre view over every
 * partition of the events topic and the directory the ingest publishes (no source, no engine here).
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** How long the engine (or the Kafka ingest) may take to finish what is in flight once the source stopped. */
  private static final Duration DRAIN_FEED = Duration.ofSeconds(5);

  /**
   * Of a {@link #shutdown(Duration)}'s time, what is kept for the steps after the sinks (SSE streams,
   * HTTP server, simulator): a quarter, at most this much. The sinks get the rest of the deadline.
   */
  private static final Duration AFTER_SINKS_RESERVE = Duration.ofSeconds(2);

  private final URI url;
  private final List<URI> networkUrls;
  private final Map<String, RingCentralSimulator> simulators;
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
      Map<String, RingCentralSimulator> simulators,
      StateProvider states,
      EventHub hub,
      PrometheusMeterRegistry registry,
      Mono<Void> stop,
      AtomicReference<Long> sinksDeadline) {
    this.url = url;
    this.networkUrls = networkUrls;
    this.simulators = simulators;
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

  /** {@return the built-in simulator, when the source is the simulator (tests read its ground truth); the first account's of several} */
  public Optional<RingCentralSimulator> simulator() {
    return simulators.values().stream().findFirst();
  }

  /**
   * The built-in simulators by account name ({@code sources:} entry name, {@code default} for {@code source:}): one
   * per simulated account, for tests and demos that drive or stop one account's traffic.
   *
   * @return the simulators in configuration order, possibly none
   */
  public Map<String, RingCentralSimulator> simulators() {
    return simulators;
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

      // The sources: every role but `process` and `contact-centre` holds the RingCentral (or simulator)
      // connections, one per account.
      List<AccountRun> runs = new ArrayList<>();
      String origin = "Kafka topic " + (role.viewsContactCentre()
          ? config.kafka().options().topics().events() + " and " + config.kafka().options().topics().directory()
          : config.kafka().options().topics().raw());
      String sourceLine = origin + " (Kafka role " + role.label() + ")";
      if (role != KafkaRole.PROCESS && !role.viewsContactCentre()) {
        List<AccountSource> entries = config.sources();
        for (int i = 0; i < entries.size(); i++) {
          AccountRun run = AccountRun.create(entries.get(i), i, config, this::sourceOptions, codec, registry);
          runs.add(run);
          run.simulator().ifPresent(started -> {
            // stopping traffic comes first; stopping the simulator itself comes last (Stage order)
            onStop(Stage.TRAFFIC, "simulator traffic", Mono.fromRunnable(started.traffic()::stop));
            onStop(Stage.SIMULATOR, "simulator", started.stop());
          });
          onStop(Stage.SOURCE, "source " + run.name(), run.source().close());
        }
        origin = runs.size() == 1 ? runs.get(0).origin() : runs.size() + " accounts";
        sourceLine = runs.size() == 1 ? runs.get(0).sourceLine() : runs.size() + " accounts";
        if (role.ingests()) {
          sourceLine += ", inputs published to Kafka topic " + config.kafka().options().topics().raw();
        }
        if (runs.size() > 1 || config.stampsAccounts()) {
          for (AccountRun run : runs) {
            log.info("presence-stream: account {}: {}", run.name(), run.sourceLine());
          }
        }
      }
      Map<String, RingCentralSimulator> simulators = new java.util.LinkedHashMap<>();
      runs.forEach(run -> run.simulator().ifPresent(started -> simulators.put(run.name(), started)));
      RingCentralSource source = runs.isEmpty() ? null : runs.get(0).source();

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

      // With the contact-centre view on, the first account's /api/extensions is served from the view's directory:
      // one read of the extension list, not two (below); every other account reads its own.
      boolean viewed = config.contactCentre().enabled() && source != null && role == KafkaRole.NONE;
      for (int i = 0; i < runs.size(); i++) {
        runs.get(i).watch(!(viewed && i == 0));
      }
      onStop(Stage.DIRECTORY, "directory refresh", Mono.fromRunnable(() -> runs.forEach(AccountRun::stopWatching)));
      RuntimeMetrics runtimeMetrics = RuntimeMetrics.bind(registry);
      onStop(Stage.METRICS, "metrics", Mono.fromRunnable(() -> {
        runtimeMetrics.close();
        registry.close();
      }));

      // The contact-centre view: beside the engine (role none), or over the whole events topic (contact-centre);
      // an ingest with the view enabled publishes the directory for it, and the configuration refuses a processor.
      ContactCentre centre = null;
      KafkaContactCentre viewNode = null;
      Flux<Directory> directories = Flux.empty();
      if (role.viewsContactCentre()) {
        viewNode = KafkaContactCentre.create(config.kafka().options(), config.contactCentre().options(), codec, registry);
        centre = viewNode.centre();
      } else if (viewed) {
        centre = ContactCentre.create(config.contactCentre().options(), registry, Clock.systemUTC());
        AccountRun first = runs.get(0);
        directories = source.directory(config.contactCentre().directoryRefresh())
            .doOnNext(read -> first.directoryRead(read.extensions()));
      }
      if (centre != null) {
        log.info("presence-stream: contact-centre view: agents, queues and alerts at /api/agents, /api/queues, /api/alerts"
            + " ({} alert rule(s), wrap-up {}, days in {})", config.contactCentre().options().alerts().size(),
            config.contactCentre().options().wrapUp(), config.contactCentre().options().timeZone());
      }

      // Today's figures rebuilt from the history before the view goes live (README "History").
      HistoryRestore restore = null;
      // (a Kafka contact-centre node replays today's events from the events topic instead)
      if (centre != null && viewNode == null && history.isPresent() && config.contactCentre().restoreFromHistory()) {
        AccountRun followed = runs.get(0); // the view follows the first account
        restore = new HistoryRestore(centre, history.get(), codec, Clock.systemUTC(), config.contactCentre().restoreBudget(),
            followed::accountId);
      }

      // The engines: one per account in this process (role none), or the Kafka processor's (process, both).
      KafkaProcessor processor = null;
      StateProvider states;
      SessionProvider liveSessions = SessionProvider.none(); // only an engine in this process tracks sessions
      Accounts accounts = new Accounts(runs);
      if (role == KafkaRole.NONE) {
        EngineOptions engineOptions = config.engine().toEngineOptions();
        if (centre != null) {
          // the view's InMeeting reads the meeting status from presence events, which the rule alone does not send
          engineOptions = engineOptions.mutate().announceMeetingStatus(true).build();
        }
        for (AccountRun run : runs) {
          onStop(Stage.ENGINE, "engine " + run.name(), run.engine(engineOptions, registry).close());
        }
        states = accounts.states();
        liveSessions = accounts.sessions();
      } else if (role.processes()) {
        // A contact-centre node reads InMeeting from the presence events, which the rule alone does not send for a
        // meeting: the processors announce it, whether or not the deployment runs that node.
        processor = KafkaProcessor.create(config.kafka().options(), codec,
            config.engine().toEngineOptions().mutate().announceMeetingStatus(true).build(), registry);
        states = StateProvider.of(processor::state, processor::states);
      } else {
        states = StateProvider.of(id -> Optional.empty(), Map::of); // ingest only: no state here
      }

      // a contact-centre node has no source: its extensions (for numbers in paths and filters) are the view's directory
      ContactCentre viewCentre = centre;
      Supplier<List<ExtensionInfo>> extensions =
          viewNode != null ? () -> viewCentre.directory().extensions() : accounts::directory;
      PresenceHttpServer.Builder http =
          PresenceHttpServer.builder(serverOptions).hub(hub).states(states).sessions(liveSessions).codec(codec)
              .directory(extensions).metrics(registry);
      if (config.stampsAccounts() && role == KafkaRole.NONE) {
        http.accounts(accounts.provider());
      }
      if (centre != null) {
        http.contactCentre(ContactCentreProvider.of(centre));
      }
      for (AccountRun run : runs) {
        http.readiness(config.stampsAccounts() ? "upstream:" + run.name() : "upstream", run::health);
      }
      if (restore != null) {
        http.readiness("contact-centre-restore", restore::health);
      }
      if (viewNode != null) {
        http.readiness("kafka-contact-centre", viewNode::health);
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
      if (role == KafkaRole.NONE && !runs.isEmpty()) {
        List<Flux<PresenceEvent>> perAccount = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
          AccountRun run = runs.get(i);
          // the contact-centre view follows the first account (its queues are that account's)
          Function<Flux<PresenceEvent>, Flux<PresenceEvent>> beside = i == 0 && centre != null
              ? withView(centre, directories, restore)
              : Function.identity();
          Flux<PresenceEvent> events = run.events(beside, accounts::claim);
          if (config.stampsAccounts()) {
            // one account that stops for good (rejected credentials, a missing permission) leaves the others
            // running; its health entry says why. The daemon ends when every account has.
            events = events.onErrorResume(error -> accounts.ended(run, error));
          }
          perAccount.add(events);
        }
        sourceFeed =
            Flux.merge(perAccount)
                .doFinally(signal -> sourceFeedDone.complete(null))
                .subscribe(deliver, error -> ended(daemon, earlyEnd, error),
                    () -> ended(daemon, earlyEnd, accounts.whyAllEnded()));
      }
      if (role.ingests()) {
        KafkaIngest kafkaIngest = KafkaIngest.create(config.kafka().options(), codec, registry);
        onStop(Stage.KAFKA_INGEST, "kafka ingest", kafkaIngest.close());
        if (config.contactCentre().enabled()) {
          // the deployment's contact-centre node holds no RingCentral connection: its directory comes from here
          Disposable published = kafkaIngest.publishDirectories(source.directory(config.contactCentre().directoryRefresh()))
              .subscribe(done -> { }, error -> log.warn("presence-stream: publishing the directory stopped: {}", error.toString()));
          onStop(Stage.DIRECTORY, "directory publishing", Mono.fromRunnable(published::dispose));
          log.info("presence-stream: the contact-centre directory (users, call queues, members) is published to Kafka topic {}",
              config.kafka().options().topics().directory());
        }
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
            role == KafkaRole.NONE ? "engine drain" : "kafka ingest drain",
            Mono.fromFuture(sourceFeedDone)
                .timeout(DRAIN_FEED)
                .onErrorResume(timeout -> Mono.fromRunnable(feed::dispose)));
      }
      if (viewNode != null) {
        KafkaContactCentre node = viewNode;
        Disposable viewFeed = node.run().subscribe(deliver, error -> ended(daemon, earlyEnd, error),
            () -> ended(daemon, earlyEnd, new IllegalStateException("the contact-centre view ended")));
        onStop(Stage.KAFKA_PROCESSOR, "kafka contact-centre view",
            Mono.fromRunnable(viewFeed::dispose).then(node.close()));
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
      Daemon started = new Daemon(url, networkUrls, java.util.Collections.unmodifiableMap(simulators), states, hub, registry, sequence(stopSteps), sinksDeadline);
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

    /** A source's options as the configured parts need them. */
    private RingCentralOptions sourceOptions(RingCentralOptions options) {
      if (config.contactCentre().enabled()) {
        // the view's directory follows each queue member's queue flag as it changes, not only on a refresh
        return options.mutate().queuePresence(true).build();
      }
      return options;
    }

    /** The contact-centre view's events beside an account's. */
    private Function<Flux<PresenceEvent>, Flux<PresenceEvent>> withView(
        ContactCentre centre, Flux<Directory> directories, HistoryRestore restore) {
      return events -> ContactCentreFeed.beside(events, centre, directories, registry, restore == null ? null : restore::run);
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
