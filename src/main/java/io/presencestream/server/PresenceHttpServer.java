package io.presencestream.server;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.TelephonySession;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The daemon's HTTP server (Reactor Netty, no framework): the SSE stream, the state API, health,
 * Prometheus metrics and the wallboard's static files.
 *
 * <pre>{@code
 * PresenceHttpServer server = PresenceHttpServer.builder(ServerOptions.builder().port(8080).build())
 *     .hub(hub)
 *     .states(StateProvider.of(engine::state, engine::states))
 *     .sessions(SessionProvider.of(engine::sessions, engine::sessions))
 *     .codec(codec)
 *     .directory(() -> directory)
 *     .readiness("upstream", () -> connected ? Health.up() : Health.down("disconnected"))
 *     .sink(webhookSink)
 *     .metrics(prometheusRegistry)
 *     .start()
 *     .block();
 * ...
 * hub.close().then(server.close()).block();
 * }</pre>
 *
 * <p>Endpoints (all {@code GET}): {@code /events} (SSE), {@code /api/state}, {@code /api/state/{id}},
 * {@code /api/sessions}, {@code /api/sessions/{id}}, {@code /api/extensions}, the contact-centre view's
 * {@code /api/agents}, {@code /api/agents/{id}/timeline}, {@code /api/queues} and {@code /api/alerts}, {@code /health/live}, {@code /health/ready}, {@code /metrics}, and {@code /}
 * plus files from the classpath folder {@link ServerOptions#staticRoot()}.
 */
public final class PresenceHttpServer {

  private static final Logger log = LoggerFactory.getLogger(PresenceHttpServer.class);

  /**
   * Event loops of the server's own: serving (a health probe, an SSE write, a scrape) never queues behind
   * work that another component runs on Reactor Netty's shared loops, such as the RingCentral client
   * decoding a 1,000-extension snapshot and running the engine on the loop its answer arrived on.
   */
  private static final String LOOP_PREFIX = "presence-http";

  private static final Duration LOOPS_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final DisposableServer server;
  private final String configuredHost;
  private final ChannelGroup channels;
  private final Mono<Void> close;

  private PresenceHttpServer(
      DisposableServer server,
      LoopResources loops,
      String configuredHost,
      ChannelGroup channels,
      MeterRegistry registry,
      List<Meter> meters) {
    this.server = server;
    this.configuredHost = configuredHost;
    this.channels = channels;
    this.close =
        Mono.defer(
                () -> {
                  server.dispose();
                  return Mono.<Void>create(
                          sink -> channels.close().addListener(f -> sink.success()))
                      .then(server.onDispose())
                      // Its connections are closed: no quiet period to wait for (Netty's default is 2 s).
                      .then(loops.disposeLater(Duration.ZERO, LOOPS_SHUTDOWN_TIMEOUT))
                      .then(Mono.<Void>fromRunnable(() -> meters.forEach(registry::remove)));
                })
            .cache();
  }

  /**
   * Starts configuring a server.
   *
   * @param options where to listen, the limits, authentication, CORS and the static root
   * @return a new builder; {@link Builder#start()} checks what is required
   * @throws NullPointerException if {@code options} is null
   */
  public static Builder builder(ServerOptions options) {
    return new Builder(options);
  }

  /** {@return the address the server listens on} */
  public String host() {
    return server.host();
  }

  /** {@return the port the server listens on (the chosen one when configured with port 0)} */
  public int port() {
    return server.port();
  }

  /**
   * {@code http://host:port} (IPv6 hosts in brackets), a URL that works on this machine: bound to every
   * interface ({@code 0.0.0.0}, {@code ::}), the host is {@code 127.0.0.1}, not the wildcard address no
   * browser can open; {@link #networkUrls()} gives the others.
   *
   * @return the URL, without a trailing slash
   */
  public String baseUrl() {
    return "http://" + ListenAddresses.localHost(server.address(), server.host()) + ":" + server.port();
  }

  /**
   * Bound to every interface, {@code http://address:port} for each of this machine's addresses other
   * machines may reach (IPv4, and IPv6 when the configured host is {@code ::}; no loopback, no
   * link-local); empty when bound to one address.
   *
   * @return the URLs, possibly none
   */
  public List<String> networkUrls() {
    return ListenAddresses.networkHosts(server.address(), configuredHost).stream()
        .map(host -> "http://" + host + ":" + server.port())
        .toList();
  }

  /** {@return whether only this machine can connect: the server is bound to a loopback address} */
  public boolean loopbackOnly() {
    return ListenAddresses.loopbackOnly(server.address());
  }

  /**
   * Stops listening and closes every open connection (SSE clients included; close the {@link EventHub}
   * first to end their streams cleanly). Lazy and idempotent.
   *
   * @return completes when the server is unbound and its meters removed
   */
  public Mono<Void> close() {
    return close;
  }

  /** Names of the sink health checks; they are reported but do not decide readiness. */
  static final String SINK_CHECK_PREFIX = "sink:";

  /**
   * Collects what the server serves. Required: a hub, a state provider with its encoder and a Prometheus
   * registry; the directory defaults to empty and readiness to no checks. Not thread-safe: configure on
   * one thread.
   */
  public static final class Builder {
    private final ServerOptions options;
    private EventHub hub;
    private StateProvider states;
    private Function<? super ExtensionState, String> stateEncoder;
    private SessionProvider sessions = SessionProvider.none();
    private Function<? super List<TelephonySession>, String> sessionsEncoder;
    private Supplier<? extends Collection<ExtensionInfo>> directory = List::of;
    private final Map<String, Supplier<Health>> readiness = new LinkedHashMap<>();
    private final Map<String, HttpHandler.Route> routes = new LinkedHashMap<>();
    private PrometheusMeterRegistry metrics;
    private ContactCentreProvider contactCentre;
    private ClassLoader classLoader = PresenceHttpServer.class.getClassLoader();
    private AccountProvider accounts = AccountProvider.none();

    private Builder(ServerOptions options) {
      this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Sets the hub whose events {@code /events} streams.
     *
     * @param hub the hub; required
     * @return this builder
     */
    public Builder hub(EventHub hub) {
      this.hub = Objects.requireNonNull(hub, "hub");
      return this;
    }

    /**
     * Sets where {@code /api/state} reads from.
     *
     * @param states the provider; required, called on event loops
     * @return this builder
     */
    public Builder states(StateProvider states) {
      this.states = Objects.requireNonNull(states, "states");
      return this;
    }

    /**
     * Sets where {@code /api/sessions} reads the live telephony sessions (default: none, every answer
     * {@code []}).
     *
     * @param sessions the provider, e.g. {@code SessionProvider.of(engine::sessions, engine::sessions)};
     *     called on event loops
     * @return this builder
     */
    public Builder sessions(SessionProvider sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    /** How a state is written as JSON, normally {@code codec::encodeState}. */
    Builder stateEncoder(Function<? super ExtensionState, String> stateEncoder) {
      this.stateEncoder = Objects.requireNonNull(stateEncoder, "stateEncoder");
      return this;
    }

    /**
     * Sets how states and sessions are written: presence-stream's state schema, and its SESSION form for
     * {@code /api/sessions}.
     *
     * @param codec the codec whose {@link PresenceCodec#encodeState} and {@link PresenceCodec#encodeSessions}
     *     write them; required (a codec, or the package's state encoder)
     * @return this builder
     */
    public Builder codec(PresenceCodec codec) {
      Objects.requireNonNull(codec, "codec");
      sessionsEncoder = codec::encodeSessions;
      return stateEncoder(codec::encodeState);
    }

    /**
     * Sets the accounts the {@code ?account=} parameter names (default: none, every such parameter answers
     * {@code 400 unknown_account}): the daemon serving several accounts gives each account's share here.
     *
     * @param accounts the provider; read on event loops, return at once
     * @return this builder
     */
    public Builder accounts(AccountProvider accounts) {
      this.accounts = Objects.requireNonNull(accounts, "accounts");
      return this;
    }

    /**
     * Sets the extension directory for {@code /api/extensions}, also the one by which every endpoint that names
     * an extension reads an extension number as its id ({@link ExtensionAddresses}; empty: every value is an id).
     *
     * @param directory read on every request: return at once (default: empty)
     * @return this builder
     */
    public Builder directory(Supplier<? extends Collection<ExtensionInfo>> directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * A readiness check: {@code /health/ready} answers 503 while any check is down. Called for every
     * request (off the event loops, on {@code boundedElastic}): return at once (read a volatile field,
     * not the network), so that a probe's answer says how the daemon is, not how slow a check is.
     *
     * @param name the check's name in the readiness body, unique
     * @param check says whether the part is up
     * @return this builder
     * @throws IllegalArgumentException if a check of that name was added before
     */
    public Builder readiness(String name, Supplier<Health> check) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(check, "check");
      if (readiness.putIfAbsent(name, check) != null) {
        throw new IllegalArgumentException("duplicate readiness check '" + name + "'");
      }
      return this;
    }

    /**
     * A sink's health, reported by {@code /health/ready} under {@code sinks} as {@code sink:<name>}; it does
     * not make the server unready (readiness is about serving).
     *
     * @param sink the sink whose {@link EventSink#health()} is reported
     * @return this builder
     * @throws IllegalArgumentException if a sink of that name was added before
     */
    public Builder sink(EventSink sink) {
      Objects.requireNonNull(sink, "sink");
      return readiness(SINK_CHECK_PREFIX + sink.name(), sink::health);
    }

    /**
     * Serves the GET requests under {@code prefix} with {@code handler} (after the server's own rules:
     * limits, CORS, token, method), counted in {@code presence.http.requests} under the route {@code name}.
     *
     * @param name the route's name in metrics, e.g. {@code history}
     * @param prefix a path prefix under {@code /api/} ending in {@code /}, e.g. {@code /api/history/}
     * @param handler answers the requests, off the event loops
     * @return this builder
     * @throws IllegalArgumentException for a prefix not under {@code /api/} or not ending in {@code /}, or one
     *     given before
     */
    public Builder route(String name, String prefix, RouteHandler handler) {
      return route(name, prefix, Set.of(), handler);
    }

    /**
     * As {@link #route(String, String, RouteHandler)}, with the query parameters that name an extension: their
     * values are read as ids or extension numbers by the directory ({@link ExtensionAddresses}) before the
     * handler sees them, so that {@code ?extension=101} reaches it as the id of extension 101. A value that names
     * nothing in a non-empty directory is passed on as given (another component's records, a call history,
     * outlive the directory) and the answer carries a {@code Warning: 299} header naming it. An entry that starts
     * with {@code /} is a path prefix: the path segment after it is read the same way
     * ({@code /api/history/agents/} for {@code /api/history/agents/101/day}).
     *
     * @param name the route's name in metrics, e.g. {@code history}
     * @param prefix a path prefix under {@code /api/} ending in {@code /}
     * @param extensionParameters the query parameters whose values are extensions, e.g. {@code extension}, and
     *     the path prefixes followed by one
     * @param handler answers the requests, off the event loops
     * @return this builder
     * @throws IllegalArgumentException as {@link #route(String, String, RouteHandler)}
     */
    public Builder route(String name, String prefix, Set<String> extensionParameters, RouteHandler handler) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(handler, "handler");
      Set<String> parameters = Set.copyOf(extensionParameters);
      if (!prefix.startsWith("/api/") || !prefix.endsWith("/") || prefix.equals("/api/state/")) {
        throw new IllegalArgumentException("a route's prefix is a path under /api/ ending in /, was " + prefix);
      }
      if (routes.putIfAbsent(prefix, new HttpHandler.Route(name, handler, parameters)) != null) {
        throw new IllegalArgumentException("duplicate route " + prefix);
      }
      return this;
    }

    /**
     * Serves the contact-centre view at {@code /api/agents}, {@code /api/agents/{id or number}/timeline},
     * {@code /api/queues} and {@code /api/alerts}; without it (the default) they answer {@code 404} with the
     * error {@code contact_centre_disabled}.
     *
     * @param contactCentre the view's snapshots, e.g. {@code ContactCentreProvider.of(centre)}; called on event loops
     * @return this builder
     */
    public Builder contactCentre(ContactCentreProvider contactCentre) {
      this.contactCentre = Objects.requireNonNull(contactCentre, "contactCentre");
      return this;
    }

    /**
     * Sets the registry {@code /metrics} scrapes; the server's own meters register there too.
     *
     * @param metrics the registry; required
     * @return this builder
     */
    public Builder metrics(PrometheusMeterRegistry metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Where the static files are looked up (default: this library's class loader). */
    Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Binds the server.
     *
     * @return the running server; fails if the address cannot be bound
     * @throws NullPointerException if the hub, the states, the state encoder or the registry is missing
     */
    public Mono<PresenceHttpServer> start() {
      Objects.requireNonNull(hub, "hub is required");
      Objects.requireNonNull(states, "states is required");
      Objects.requireNonNull(stateEncoder, "stateEncoder is required");
      Objects.requireNonNull(metrics, "metrics is required");
      HttpHandler handler =
          new HttpHandler(
              options,
              hub,
              states,
              stateEncoder,
              sessions,
              sessionsEncoder != null ? sessionsEncoder : PresenceCodec.create()::encodeSessions,
              directory,
              Map.copyOf(readiness),
              Map.copyOf(routes),
              metrics,
              new StaticFiles(options.staticRoot(), classLoader),
              contactCentre,
              accounts);
      ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
      AtomicInteger open = new AtomicInteger();
      List<Meter> meters = new ArrayList<>(handler.meters());
      meters.add(
          io.micrometer.core.instrument.Gauge.builder("presence.http.connections", open, AtomicInteger::get)
              .description("Open HTTP connections")
              .register(metrics));
      io.micrometer.core.instrument.Counter rejected =
          io.micrometer.core.instrument.Counter.builder("presence.http.connections.rejected")
              .description("Connections over maxConnections or maxConnectionsPerAddress (answered 503 except for health)")
              .register(metrics);
      meters.add(rejected);
      ConnectionGuard guard =
          new ConnectionGuard(
              options,
              open,
              rejected,
              status -> metrics.counter("presence.http.requests", "route", "other", "status", Integer.toString(status)).increment());
      LoopResources loops =
          LoopResources.create(LOOP_PREFIX, Math.max(2, Runtime.getRuntime().availableProcessors()), true);
      return HttpServer.create()
          .runOn(loops)
          .host(options.host())
          .port(options.port())
          .httpRequestDecoder(
              spec -> spec.maxInitialLineLength(options.maxRequestBytes()).maxHeaderSize(options.maxRequestBytes()))
          .idleTimeout(java.time.Duration.ofSeconds(60))
          .doOnChannelInit(
              (observer, channel, remoteAddress) -> {
                channels.add(channel);
                guard.init(channel, remoteAddress);
              })
          .handle(handler::handle)
          .bind()
          .map(
              bound -> {
                PresenceHttpServer started = new PresenceHttpServer(bound, loops, options.host(), channels, metrics, meters);
                log.info("HTTP server listening on {}", describe(started.baseUrl(), options));
                return started;
              })
          .doOnError(e -> loops.dispose());
    }
  }

  /**
   * The start-up log's line: where to point a browser or a client, which endpoints, whether a token is
   * needed. Never the token itself.
   */
  static String describe(String baseUrl, ServerOptions options) {
    StringBuilder text = new StringBuilder(baseUrl)
        .append(" (SSE /events, state /api/state, metrics /metrics, health /health/ready, ")
        .append("wallboard".equals(options.staticRoot()) ? "wallboard /" : "static files /")
        .append(", auth: ").append(options.bearerToken() == null ? "none" : "bearer token");
    if (!options.corsOrigins().isEmpty()) {
      text.append(", CORS: ").append(String.join(" ", options.corsOrigins()));
    }
    return text.append(')').toString();
  }
}
