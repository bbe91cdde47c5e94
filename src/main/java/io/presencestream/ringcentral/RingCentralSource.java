package io.presencestream.ringcentral;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.CallQueueCodec;
import io.presencestream.codec.NotificationDecoder;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.Directory;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ResyncRequest;
import io.presencestream.codec.protocol.ExtensionRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * RingCentral detailed presence as the engine's input stream: logs in with a JWT, subscribes over the
 * WebSocket gateway, reads the initial state over REST, and keeps the stream right across drops
 * (session recovery, else resubscription plus REST resync), expiring tokens and rate limits. With
 * {@link Feed#TELEPHONY} in {@link RingCentralOptions#feeds()} it subscribes to telephony sessions as well,
 * delivered as {@link EngineInput.TelephonySessionReceived}; if RingCentral refuses them, presence goes on
 * alone ({@link #feedStatus()}).
 *
 * <pre>{@code
 * RingCentralSource source = RingCentralSource.create(options, PresenceCodec.create(), registry);
 * PresenceEngine engine = PresenceEngine.create();
 * engine.process(source.inputs(engine.resyncRequests()))
 *     .subscribe(event -> System.out.println(event));
 * }</pre>
 *
 * <p>Promises: the first inputs are REST snapshots of the watched extensions (so the first events are
 * right); notifications carry their receive time from the injected {@link Clock}; a bad frame is
 * counted and skipped, never ends the stream; transient failures are retried forever with backoff,
 * while a permanent one (rejected credentials, missing permission) ends the stream with a
 * {@link PermanentRingCentralException} and the state {@link ConnectionState.Status#STOPPED}. No
 * credential or token is ever logged or put in an exception message.
 */
public final class RingCentralSource {

  private final SourceContext ctx;
  private final ConnectionProvider restConnections;
  private final ConnectionStateTracker states;
  private final List<SourceRun> runs = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Running {@link #directory} streams: the queue filters are dropped when the last one ends. */
  private final java.util.concurrent.atomic.AtomicInteger directoryStreams = new java.util.concurrent.atomic.AtomicInteger();
  /** Completes the directory streams on {@link #close()}. */
  private final Sinks.Empty<Void> closing = Sinks.empty();
  private volatile ExtensionSelection selection;
  /** The account's id, read on first use and kept once read (a failed read is tried again by the next use). */
  private final Mono<String> accountId;

  private RingCentralSource(SourceContext ctx, ConnectionProvider restConnections) {
    this.ctx = ctx;
    this.accountId = Mono.defer(() -> ctx.fetcher().accountId(ctx.fetcher().budget()))
        .cacheInvalidateIf(id -> false); // a value is kept for good; an error is not cached
    this.restConnections = restConnections;
    this.states = new ConnectionStateTracker(ctx.metrics());
    this.selection = ctx.options().extensions();
  }

  /**
   * A source on the system UTC clock. Nothing connects until {@link #inputs} is subscribed.
   *
   * @param options where to connect, as whom, which extensions, and the timings
   * @param codec decodes notifications and REST presence bodies
   * @param registry where the client's {@code presence.connection.*} meters are registered
   * @return a new source
   * @throws NullPointerException if an argument is null
   */
  public static RingCentralSource create(RingCentralOptions options, PresenceCodec codec, MeterRegistry registry) {
    return create(options, codec, registry, Clock.systemUTC());
  }

  /**
   * A source on the given clock.
   *
   * @param options where to connect, as whom, which extensions, and the timings
   * @param codec decodes notifications and REST presence bodies
   * @param registry where the client's {@code presence.connection.*} meters are registered
   * @param clock gives the receive times of inputs and judges token lifetimes
   * @return a new source
   * @throws NullPointerException if an argument is null
   */
  public static RingCentralSource create(
      RingCentralOptions options, PresenceCodec codec, MeterRegistry registry, Clock clock) {
    return create(options, codec, registry, clock, Schedulers.parallel(), new SplittableRandom().nextLong());
  }

  static RingCentralSource create(
      RingCentralOptions options,
      PresenceCodec codec,
      MeterRegistry registry,
      Clock clock,
      Scheduler timer,
      long jitterSeed) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clock, "clock");
    ProtocolCodec protocol = ProtocolCodec.create(options.maxFramePayloadLength());
    ClientMetrics metrics = new ClientMetrics(registry);
    Redactor redactor = new Redactor(List.of(options.clientSecret(), options.jwt()));
    SplittableRandom random = new SplittableRandom(jitterSeed);
    Backoff backoff = Backoff.of(options, () -> {
      synchronized (random) {
        return random.nextDouble();
      }
    });
    ConnectionProvider connections =
        ConnectionProvider.builder("ringcentral-rest").maxConnections(16).pendingAcquireMaxCount(1024).build();
    HttpClient rest =
        HttpClient.create(connections).baseUrl(options.serverUrl().toString()).responseTimeout(options.requestTimeout());
    RestClient restClient =
        new RestClient(rest, protocol, redactor, metrics, timer, clock, backoff, options.restRetryBudget());
    TokenManager tokens = new TokenManager(restClient, protocol, options, clock, redactor, metrics);
    WsTokenCache wsTokens = new WsTokenCache(tokens, restClient, protocol, clock, redactor);
    PresenceFetcher fetcher = new PresenceFetcher(tokens, restClient, codec, protocol, metrics, options);
    HttpClient ws = HttpClient.newConnection();
    NotificationDecoder decoder = options.feeds().contains(Feed.TELEPHONY)
        ? NotificationDecoder.presenceAndTelephony(codec, TelephonySessionCodec.create(codec.limits()))
        : NotificationDecoder.presence(codec);
    FeedState feeds = new FeedState(options, metrics, redactor);
    CallQueueFetcher callQueues =
        new CallQueueFetcher(tokens, restClient, CallQueueCodec.create(options.maxFramePayloadLength()), metrics);
    SourceContext ctx =
        new SourceContext(
            options, codec, decoder, protocol, metrics, clock, timer, redactor, tokens, wsTokens, fetcher, ws, backoff,
            feeds, callQueues, new DirectoryFeed(metrics));
    return new RingCentralSource(ctx, connections);
  }

  /**
   * The engine's inputs: REST snapshots first, then notifications, plus snapshots answering
   * {@code resyncRequests} (debounced, coalesced per extension, one REST read at a time). Cold: each
   * subscription connects; cancelling disconnects. Ends with a {@link PermanentRingCentralException}
   * when retrying cannot help.
   *
   * @param resyncRequests the engine's {@code resyncRequests()} (or {@code Flux.never()})
   * @return the inputs; subscribing to it after {@link #close()} fails with an
   *     {@link IllegalStateException}
   */
  public Flux<EngineInput> inputs(Flux<ResyncRequest> resyncRequests) {
    Objects.requireNonNull(resyncRequests, "resyncRequests");
    return Flux.defer(
        () -> {
          if (closed.get()) {
            return Flux.error(new IllegalStateException("the RingCentral source is closed"));
          }
          SourceRun run = new SourceRun(ctx, states, selection, resyncRequests);
          runs.add(run);
          return run.inputs().doFinally(s -> runs.remove(run));
        });
  }

  /**
   * Which feeds are subscribed now against those asked for: they differ when RingCentral refused the
   * telephony-session filters (then {@link FeedStatus#problem()} says why, and presence goes on alone).
   *
   * @return the current status; before the first subscription, presence only
   */
  public FeedStatus feedStatus() {
    return ctx.feeds().status();
  }

  /**
   * How far the state of the watched extensions is loaded: the readiness of a source is "subscribed, and
   * {@link LoadProgress#initialLoadComplete()}". A volatile read: it never waits and changes nothing.
   *
   * @return the progress of the newest running {@link #inputs} stream; {@link LoadProgress#NOTHING} when none runs
   */
  public LoadProgress loadProgress() {
    SourceRun newest = null;
    for (SourceRun run : runs) {
      newest = run;
    }
    return newest == null ? LoadProgress.NOTHING : newest.progress();
  }

  /**
   * The connection state, emitted on change; a new subscriber first gets the current one. Never
   * completes before {@link #close()}.
   *
   * @return the states of all runs of this source, as one
   */
  public Flux<ConnectionState> connectionStates() {
    return states.states();
  }

  /**
   * The extensions currently selected, with their numbers and names, for a directory display.
   *
   * @return a cold read of the account's directory over REST, filtered by the selection; fails with a
   *     {@link RingCentralException} when the directory cannot be read
   */
  public Mono<List<ExtensionInfo>> extensions() {
    return users();
  }

  /**
   * The id of the account the credentials log in to, read once over REST ({@code GET /restapi/v1.0/account/~},
   * which needs the app's ReadAccounts permission) and kept: a daemon serving several accounts stamps it on the
   * account's events. Retried like every REST read, within {@code restRetryBudget}.
   *
   * @return the account id; fails with a {@link RingCentralException} when it cannot be read (a
   *     {@link PermanentRingCentralException} for rejected credentials or a missing permission)
   */
  public Mono<String> accountId() {
    return accountId;
  }

  /**
   * The contact-centre directory, kept current: the users of {@link #extensions()} (with their departments) and
   * the account's call queues with their members and each member's queue flags. Emitted
   *
   * <ul>
   *   <li>at subscription, once read over REST;
   *   <li>every {@code refresh};
   *   <li>after the account's extension list notifications this source receives (the selection {@code all}
   *       subscribes to them), debounced like resyncs;
   *   <li>on each call-queue member presence notification (with {@link RingCentralOptions#queuePresence()}): the
   *       last directory with that member's {@code acceptsCurrentQueueCalls} changed, without a REST read, its
   *       {@code at} the notification's receive time.
   * </ul>
   *
   * <p>The reads go through the source's REST client: paced by RingCentral's rate-limit headers and retried
   * there, within {@code restRetryBudget}, and nowhere else. A read that still fails is logged and skipped (the
   * last directory stands, the next trigger reads again): the stream does not error. Call queues refused (403:
   * no permission) or absent (404) give directories without queues and one {@code WARN}. Member presence
   * notifications arrive only while an {@link #inputs} stream runs (they ride on its subscriptions, one filter
   * per queue of the last read). Cancelling stops the timer and the reads, and drops the queue filters.
   *
   * <pre>{@code
   * source.directory(Duration.ofMinutes(5))
   *     .subscribe(d -> System.out.println(d.queues().size() + " queues"));
   * }</pre>
   *
   * @param refresh how often the whole directory is read again, positive
   * @return the directories, newest last; completes when the source is closed; subscribing after
   *     {@link #close()} fails with an {@link IllegalStateException}
   * @throws IllegalArgumentException if {@code refresh} is not positive
   */
  public Flux<Directory> directory(Duration refresh) {
    Objects.requireNonNull(refresh, "refresh");
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("refresh must be positive");
    }
    return Flux.defer(
        () -> {
          if (closed.get()) {
            return Flux.error(new IllegalStateException("the RingCentral source is closed"));
          }
          directoryStreams.incrementAndGet();
          return new DirectoryStream(ctx, this::users, this::queuesRead, refresh)
              .directories()
              .takeUntilOther(closing.asMono())
              .doFinally(signal -> {
                // the last stream gone: nobody applies queue notifications any more, so stop asking for them
                if (directoryStreams.decrementAndGet() == 0) {
                  queuesRead(Set.of());
                }
              });
        });
  }

  /** The queues of the last directory read: with {@code queuePresence}, the runs subscribe to their presence. */
  private void queuesRead(Set<String> queueIds) {
    if (ctx.options().queuePresence() && ctx.directoryFeed().queueIds(queueIds)) {
      runs.forEach(SourceRun::queuesChanged);
    }
  }

  private Mono<List<ExtensionInfo>> users() {
    return Mono.defer(
        () -> {
          ExtensionSelection s = selection;
          RestClient.Budget budget = ctx.fetcher().budget();
          Flux<ExtensionRecord> directory = ctx.fetcher().directory(budget);
          if (s instanceof ExtensionSelection.AllEnabledUsers) {
            directory = directory.filter(ExtensionRecord::isEnabledUser);
          } else if (s instanceof ExtensionSelection.Listed listed) {
            Set<String> ids = listed.extensionIds();
            directory = directory.filter(r -> ids.contains(r.id()));
          } else {
            directory =
                ctx.tokens()
                    .accessToken()
                    .thenMany(Flux.defer(() -> ctx.fetcher().directory(budget)))
                    .filter(r -> r.id().equals(ctx.tokens().ownerId()));
          }
          return directory.map(PresenceFetcher::info).collectList();
        });
  }

  /** What every run of this source shares; tests in this package drive a {@link SourceRun} with it. */
  SourceContext context() {
    return ctx;
  }

  /** The current extension selection. */
  ExtensionSelection extensionSelection() {
    return selection;
  }

  /**
   * Watches another set of extensions from now on, without a restart: live subscriptions are updated
   * in place, added extensions are read over REST, removed ones are dropped from the engine
   * ({@link io.presencestream.model.EngineInput.ExtensionRemoved}), connections are added or closed as needed.
   * With {@link ExtensionSelection#allEnabledUsers()} the set then follows the account by itself.
   *
   * @param next the extensions to watch from now on; also used by runs started later
   * @return completes when every running connection was updated; lazy
   * @throws NullPointerException if {@code next} is null
   */
  public Mono<Void> updateExtensions(ExtensionSelection next) {
    Objects.requireNonNull(next, "next");
    return Mono.defer(
        () -> {
          selection = next;
          return Flux.fromIterable(runs).concatMap(run -> run.update(next)).then();
        });
  }

  /**
   * Disconnects everything and releases the HTTP resources. Lazy and idempotent; running input
   * streams complete.
   *
   * @return completes when the HTTP connection pool is disposed
   */
  public Mono<Void> close() {
    return Mono.defer(
        () -> {
          if (!closed.compareAndSet(false, true)) {
            return Mono.empty();
          }
          closing.tryEmitEmpty();
          runs.forEach(run -> run.stop(null));
          runs.clear();
          ctx.tokens().dispose();
          ctx.wsTokens().dispose();
          states.stopped(null);
          return restConnections.disposeLater();
        });
  }
}
