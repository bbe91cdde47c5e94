package io.presencestream.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.ringcentral.ConnectionState;
import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.PermanentRingCentralException;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.RingCentralSource;
import io.presencestream.server.AccountProvider;
import io.presencestream.server.SessionProvider;
import io.presencestream.server.StateProvider;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.sink.Health;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One account of the daemon: its simulator (for a simulated account), its RingCentral connection, and (without a
 * Kafka role) its own engine, so that one account's failure or reconnects touch no other. The account's events
 * leave it stamped with its {@code accountId} when the daemon serves several accounts ({@code sources:}); with the
 * classic {@code source:} nothing is stamped and it behaves as the daemon always did.
 *
 * <p>Where the id comes from: a simulated account's is its configuration's; a real account's is read over REST
 * ({@link RingCentralSource#accountId()}) before its events flow, so every event it emits carries it.
 */
final class AccountRun {

  private static final Logger log = LoggerFactory.getLogger(AccountRun.class);

  /** Refresh of the extension directory behind {@code /api/extensions} (names change rarely). */
  private static final Duration DIRECTORY_REFRESH = Duration.ofMinutes(10);

  /** Extension ids of simulated accounts after the first start this far apart (users are 1000 apart, at most 10^5). */
  private static final long SIMULATED_ID_SPACING = 1_000_000_000L;

  private final String name;
  private final boolean stamped;
  private final Optional<RingCentralSimulator> simulator;
  private final RingCentralSource source;
  private final String sourceLine;
  private final String origin;
  /** The account's id once known: a simulated account's at once, a real one's after its REST read. */
  private volatile String accountId;
  /** Why the account's id could not be read, for its health entry; null while none failed. */
  private volatile Throwable accountFailure;
  private volatile ConnectionState upstream = new ConnectionState(ConnectionState.Status.CONNECTING, null);
  private volatile List<ExtensionInfo> directory = List.of();
  private Disposable watch = Disposables.disposed();
  private Disposable directoryRefresh = Disposables.disposed();
  private PresenceEngine engine;

  private AccountRun(
      String name, boolean stamped, Optional<RingCentralSimulator> simulator, RingCentralSource source, String sourceLine,
      String origin, String accountId) {
    this.name = name;
    this.stamped = stamped;
    this.simulator = simulator;
    this.source = source;
    this.sourceLine = sourceLine;
    this.origin = origin;
    this.accountId = accountId;
  }

  /**
   * Starts the account's simulator (a simulated account) and creates its source; nothing connects yet.
   *
   * @param entry the account
   * @param index its place among the daemon's accounts: a simulated one's extension ids start apart from the others'
   * @param config the daemon's configuration (contact-centre rules for the simulator, {@code sources:} or not)
   * @param options what to change in the source's options (e.g. queue presence for the contact-centre view)
   * @param codec the codec
   * @param registry the daemon's registry; a stamped account's meters carry the tag {@code account=<name>}
   */
  static AccountRun create(
      AccountSource entry, int index, DaemonConfig config, UnaryOperator<RingCentralOptions> options, PresenceCodec codec,
      MeterRegistry registry) {
    boolean stamped = config.stampsAccounts();
    Optional<RingCentralSimulator> simulator = Optional.empty();
    RingCentralOptions sourceOptions;
    String sourceLine;
    String origin;
    String accountId = null;
    if (entry.source() instanceof SourceConfig.Simulator sim) {
      RingCentralSimulator started = RingCentralSimulator.start(Wiring.simulatorOptions(sim, config.contactCentre()).mutate()
          .accountId(sim.accountId())
          .extensionIdBase(io.presencestream.simulator.SimulatorOptions.DEFAULT_EXTENSION_ID_BASE + index * SIMULATED_ID_SPACING)
          .build());
      simulator = Optional.of(started);
      SimulatorCredentials credentials = started.credentials();
      sourceOptions =
          RingCentralOptions.builder(
                  URI.create(started.baseUrl()), credentials.clientId(), credentials.clientSecret(), credentials.jwt())
              .extensions(ExtensionSelection.allEnabledUsers())
              .feeds(sim.feeds())
              .build();
      origin = "the built-in simulator";
      sourceLine = "the built-in simulator at " + started.baseUrl() + ", every extension";
      accountId = stamped ? sim.accountId() : null;
    } else {
      SourceConfig.RingCentral real = (SourceConfig.RingCentral) entry.source();
      sourceOptions = Wiring.ringCentralOptions(real);
      accountId = stamped ? real.accountId() : null; // null: read over REST before the events flow
      origin = sourceOptions.serverUrl().toString();
      sourceLine = "RingCentral " + origin + ", extensions: " + describe(sourceOptions.extensions());
    }
    sourceOptions = options.apply(sourceOptions);
    if (sourceOptions.feeds().contains(io.presencestream.ringcentral.Feed.TELEPHONY)) {
      sourceLine += ", with telephony sessions (scope " + sourceOptions.telephonyScope().label() + ")";
    }
    RingCentralSource source;
    try {
      source = RingCentralSource.create(sourceOptions, codec, stamped ? tagged(registry, entry.name()) : registry);
    } catch (RuntimeException e) {
      simulator.ifPresent(started -> started.stop().block(Duration.ofSeconds(10)));
      throw e;
    }
    return new AccountRun(entry.name(), stamped, simulator, source, sourceLine, origin, accountId);
  }

  /** The account's meters: the daemon's registry, every meter tagged with the account's name. */
  static MeterRegistry tagged(MeterRegistry registry, String name) {
    CompositeMeterRegistry account = new CompositeMeterRegistry();
    account.config().commonTags("account", name);
    account.add(registry);
    return account;
  }

  /** {@return the account's name: {@code default} for the classic source, else its entry's} */
  String name() {
    return name;
  }

  /** {@return the account's id once known; null before, and always for the classic source (nothing stamped)} */
  String accountId() {
    return accountId;
  }

  Optional<RingCentralSimulator> simulator() {
    return simulator;
  }

  RingCentralSource source() {
    return source;
  }

  String sourceLine() {
    return sourceLine;
  }

  String origin() {
    return origin;
  }

  /**
   * Watches the connection (one log line per change of status) and, with {@code refreshDirectory}, keeps the
   * directory current by reading it every {@link #DIRECTORY_REFRESH}; without, {@link #directoryRead} does (the
   * contact-centre view's directory stream, which reads the same list).
   */
  void watch(boolean refreshDirectory) {
    String prefix = stamped ? "account " + name + ": " : "";
    watch = source.connectionStates().subscribe(state -> {
      ConnectionState previous = upstream;
      upstream = state;
      if (previous.status() != state.status()) {
        log.info("presence-stream: {}RingCentral connection {}{}", prefix, state.status(),
            state.cause() == null ? "" : ": " + state.cause().getMessage());
      }
    }, error -> { });
    if (!refreshDirectory) {
      return;
    }
    directoryRefresh =
        Mono.defer(source::extensions)
            .doOnError(e -> log.warn("presence-stream: {}reading the extension directory failed: {}", prefix, e.toString()))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1))
                .filter(e -> !(e instanceof PermanentRingCentralException))) // the feed reports those
            .repeatWhen(done -> done.delayElements(DIRECTORY_REFRESH))
            .subscribe(list -> directory = list, error -> { });
  }

  /** The account's directory as another reader read it. */
  void directoryRead(List<ExtensionInfo> read) {
    directory = read;
  }

  /** {@return the account's directory as last read} */
  List<ExtensionInfo> directory() {
    return directory;
  }

  /** Creates the account's engine (role none). */
  PresenceEngine engine(EngineOptions options, MeterRegistry registry) {
    engine = PresenceEngine.create(options, stamped ? tagged(registry, name) : registry);
    return engine;
  }

  /**
   * The account's events: its engine's, after {@code beside} (the contact-centre view, for the account that has it),
   * each stamped with the account's id when the daemon serves several accounts. A real account's id is read first
   * (retried while the failure is transient); {@code claim} refuses an id another account already serves.
   *
   * @param beside what to add beside the engine's events, before the stamp
   * @param claim takes the account id for this account; false when another account has it
   */
  Flux<PresenceEvent> events(
      Function<Flux<PresenceEvent>, Flux<PresenceEvent>> beside, java.util.function.BiPredicate<String, AccountRun> claim) {
    Flux<PresenceEvent> events = beside.apply(Flux.defer(() -> engine.process(source.inputs(engine.resyncRequests()))));
    if (!stamped) {
      return events;
    }
    Mono<String> id = accountId != null
        ? Mono.just(accountId)
        : source.accountId()
            .doOnError(e -> log.warn("presence-stream: account {}: reading its account id failed: {}", name, e.toString()))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1))
                .filter(e -> !(e instanceof PermanentRingCentralException)));
    return id
        .flatMap(read -> claim.test(read, this)
            ? Mono.just(read)
            : Mono.error(new IllegalStateException("account " + name + " logs in to account " + read
                + ", which another entry of sources: serves already: each account once")))
        .doOnNext(read -> {
          accountId = read;
          log.info("presence-stream: account {} is RingCentral account {}", name, read);
        })
        .doOnError(e -> accountFailure = e)
        .flatMapMany(read -> events.map(event -> event.withAccountId(read)));
  }

  /** The account's share of the server's data (its states stamped), once its id is known. */
  AccountProvider.View view() {
    return new AccountProvider.View(states(), sessions(), this::directory);
  }

  /** The engine's states, stamped with the account when the daemon serves several. */
  StateProvider states() {
    if (!stamped) {
      return StateProvider.of(engine::state, engine::states);
    }
    return StateProvider.of(id -> engine.state(id).map(state -> state.withAccountId(accountId)), () -> {
      String account = accountId;
      Map<String, ExtensionState> stamp = new LinkedHashMap<>();
      engine.states().forEach((id, state) -> stamp.put(id, state.withAccountId(account)));
      return stamp;
    });
  }

  SessionProvider sessions() {
    return SessionProvider.of(engine::sessions, engine::sessions);
  }

  /**
   * Ready once subscribed and the initial state of every watched extension is loaded, and while presence flows
   * after that. A real account of several whose id cannot be read is down with the reason.
   */
  Health health() {
    Throwable failed = accountFailure;
    if (failed != null) {
      return Health.down("stopped: " + failed.getMessage());
    }
    return Daemon.upstreamHealth(upstream, source.feedStatus(), source.loadProgress());
  }

  /** Stops watching the connection and the directory. */
  void stopWatching() {
    watch.dispose();
    directoryRefresh.dispose();
  }

  private static String describe(ExtensionSelection extensions) {
    if (extensions instanceof ExtensionSelection.Listed listed) {
      return listed.extensionIds().size() + " listed";
    }
    return extensions.equals(ExtensionSelection.allEnabledUsers()) ? "all enabled users" : "the JWT's own";
  }
}
