package io.presencestream.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.codec.HttpJson;
import io.presencestream.internal.ConnectionLoop;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.QueueStats;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.TelephonySession;
import io.presencestream.sink.Health;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Routing and the cross-cutting rules, in this order: CORS preflight (answered without a token, as
 * browsers send none), CORS headers, bearer token, method, route. Every error is JSON:
 * {@code {"error":"<code>","message":"…"}}.
 */
final class HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(HttpHandler.class);
  /** At most this many events per SSE write (one buffer; one flush per turn); about 80 KiB of typical events. */
  static final int MAX_BATCH_EVENTS = 64;
  private static final String JSON_TYPE = "application/json";
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Pattern EXTENSION_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
  /** The routes whose data {@code ?account=} narrows to one account. */
  private static final Set<String> ACCOUNT_ROUTES = Set.of("events", "state", "state_one", "sessions", "sessions_one", "extensions");
  private static final Set<String> ALLOWED_REQUEST_HEADERS =
      Set.of("authorization", "last-event-id", "cache-control", "accept", "content-type", "x-requested-with");

  private final ServerOptions options;
  private final EventHub hub;
  private final StateProvider states;
  private final Function<? super ExtensionState, String> stateEncoder;
  private final SessionProvider sessions;
  private final Function<? super List<TelephonySession>, String> sessionsEncoder;
  private final Supplier<? extends Collection<ExtensionInfo>> directory;
  private final Map<String, Supplier<Health>> readiness;
  private final Map<String, Route> routes;
  private final PrometheusMeterRegistry metrics;
  private final StaticFiles files;
  /** The contact-centre view, or null when it is off (its routes then answer 404). */
  private final ContactCentreProvider contactCentre;
  private final ContactCentreJson contactCentreJson = ContactCentreJson.create();
  private final byte[] token;
  private final io.micrometer.core.instrument.Counter stateEncodeFailures;
  private final AccountProvider accounts;
  /** Every account's data together: what a request without {@code account} reads. */
  private final AccountProvider.View everything;

  HttpHandler(
      ServerOptions options,
      EventHub hub,
      StateProvider states,
      Function<? super ExtensionState, String> stateEncoder,
      SessionProvider sessions,
      Function<? super List<TelephonySession>, String> sessionsEncoder,
      Supplier<? extends Collection<ExtensionInfo>> directory,
      Map<String, Supplier<Health>> readiness,
      Map<String, Route> routes,
      PrometheusMeterRegistry metrics,
      StaticFiles files,
      ContactCentreProvider contactCentre,
      AccountProvider accounts) {
    this.options = options;
    this.hub = hub;
    this.states = states;
    this.stateEncoder = stateEncoder;
    this.sessions = sessions;
    this.sessionsEncoder = sessionsEncoder;
    this.directory = directory;
    this.readiness = readiness;
    this.routes = routes;
    this.metrics = metrics;
    this.files = files;
    this.contactCentre = contactCentre;
    this.accounts = accounts;
    this.everything = new AccountProvider.View(states, sessions, directory);
    this.token = options.bearerToken() == null ? null : options.bearerToken().getBytes(StandardCharsets.UTF_8);
    this.stateEncodeFailures =
        io.micrometer.core.instrument.Counter.builder("presence.http.state.encode.failures")
            .description("Extension states left out of /api/state because they could not be encoded")
            .register(metrics);
  }

  Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
    QueryStringDecoder uri;
    try {
      uri = new QueryStringDecoder(request.uri());
      uri.path();
      uri.parameters();
    } catch (IllegalArgumentException e) {
      return error(response, "other", HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed URI");
    }
    String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
    if (request.method().equals(HttpMethod.OPTIONS)) {
      return preflight(request, response, origin);
    }
    if (origin != null && originAllowed(origin)) {
      response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      response.header(HttpHeaderNames.VARY, "Origin");
    }
    String path = uri.path();
    Map.Entry<String, Route> routed = routed(path);
    String route = routed != null ? routed.getValue().name() : route(path);
    if (!route.equals("live") && !route.equals("ready") && overLimit(request)) {
      response.header(HttpHeaderNames.RETRY_AFTER, "1");
      response.header(HttpHeaderNames.CONNECTION, "close");
      return error(response, route, HttpResponseStatus.SERVICE_UNAVAILABLE, "too_many_connections", "the server has too many open connections; retry later");
    }
    if (!authorized(request, uri)) {
      response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"presence-stream\"");
      if (LoginHint.wanted(request, path)) {
        count(route, HttpResponseStatus.UNAUTHORIZED.code());
        return response.status(HttpResponseStatus.UNAUTHORIZED)
            .header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
            .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
            .sendString(Mono.just(LoginHint.PAGE), StandardCharsets.UTF_8);
      }
      return error(response, route, HttpResponseStatus.UNAUTHORIZED, "unauthorized", "a valid bearer token is required");
    }
    boolean head = request.method().equals(HttpMethod.HEAD);
    if (!request.method().equals(HttpMethod.GET) && !(head && !route.equals("events"))) {
      response.header(HttpHeaderNames.ALLOW, "GET, HEAD, OPTIONS");
      return error(response, route, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "only GET (and HEAD) is supported");
    }
    if (hasBody(request)) {
      return error(response, route, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request_too_large", "GET requests carry no body");
    }
    if (routed != null) {
      return routed(request, response, routed.getValue(), path, uri, head);
    }
    AccountProvider.View scope = everything;
    String account = null;
    if (ACCOUNT_ROUTES.contains(route)) {
      List<String> named = all(uri, "account").stream().filter(value -> !value.isEmpty()).distinct().toList();
      if (named.size() > 1) {
        return error(response, route, HttpResponseStatus.BAD_REQUEST, "bad_account", "account is given more than once with different values");
      }
      if (!named.isEmpty()) {
        account = named.get(0);
        Optional<AccountProvider.View> view = EXTENSION_ID.matcher(account).matches() ? accounts.account(account) : Optional.empty();
        if (view.isEmpty()) {
          return error(response, route, HttpResponseStatus.BAD_REQUEST, "unknown_account", unknownAccount(account));
        }
        scope = view.get();
      }
    }
    switch (route) {
      case "events":
        return events(request, response, uri, scope, account);
      case "state":
        return allStates(response, scope);
      case "state_one":
        return oneState(response, scope, path.substring("/api/state/".length()));
      case "sessions":
        return allSessions(response, scope);
      case "sessions_one":
        return oneExtensionSessions(response, scope, path.substring("/api/sessions/".length()));
      case "extensions":
        return extensions(response, scope);
      case "agents", "agent_timeline", "queues", "alerts":
        return contactCentre(response, route, path);
      case "live":
        return json(response, route, HttpResponseStatus.OK, HttpJson.status(true));
      case "ready":
        // Checks and gauges are other components' code: they run off the event loop.
        return Mono.fromCallable(this::readiness)
            .subscribeOn(Schedulers.boundedElastic())
            .publishOn(loopOf(response))
            .flatMap(body -> Mono.from(json(response, route, body.up() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body.json())));
      case "metrics":
        count(route, 200);
        return response.status(HttpResponseStatus.OK)
            .header(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_TYPE)
            .sendString(Mono.fromCallable(metrics::scrape).subscribeOn(Schedulers.boundedElastic()).publishOn(loopOf(response)));
      default:
        return staticFile(response, path);
    }
  }

  /**
   * A route served by another component (the history API): its name in metrics, its handler, and the query
   * parameters that name an extension (read as ids or numbers before the handler sees them); an entry that
   * starts with {@code /} is a path prefix whose next path segment names one.
   */
  record Route(String name, RouteHandler handler, Set<String> extensionParameters) {
    Route(String name, RouteHandler handler) {
      this(name, handler, Set.of());
    }
  }

  private Map.Entry<String, Route> routed(String path) {
    for (Map.Entry<String, Route> entry : routes.entrySet()) {
      if (path.startsWith(entry.getKey())) {
        return entry;
      }
    }
    return null;
  }

  private Publisher<Void> routed(
      HttpServerRequest request, HttpServerResponse response, Route route, String path, QueryStringDecoder uri, boolean head) {
    Map<String, List<String>> query = uri.parameters();
    List<String> unknown = new ArrayList<>();
    if (!route.extensionParameters().isEmpty()) {
      query = new LinkedHashMap<>(query);
      for (String parameter : route.extensionParameters()) {
        List<String> values = query.get(parameter);
        if (values == null || values.isEmpty()) {
          continue;
        }
        List<String> rewritten = new ArrayList<>(values.size());
        for (String value : values) {
          if (!EXTENSION_ID.matcher(value).matches()) {
            rewritten.add(value); // malformed: the handler says what is wrong with it
            continue;
          }
          ExtensionAddresses.Resolution resolved = resolve(everything, List.of(value));
          // Other components' records outlive the directory (a call of a user deleted since): a value that
          // names nothing there is passed on as an id, with a warning, rather than refused.
          unknown.addAll(resolved.unknown());
          rewritten.add(resolved.unknown().isEmpty() ? resolved.ids().get(0) : value);
        }
        query.put(parameter, rewritten);
      }
    }
    String asPath = path;
    for (String prefix : route.extensionParameters()) {
      // a path prefix: the segment after it names an extension (/api/history/agents/{id or number}/day)
      if (!prefix.startsWith("/") || !path.startsWith(prefix) || path.length() == prefix.length()) {
        continue;
      }
      int end = path.indexOf('/', prefix.length());
      String value = path.substring(prefix.length(), end < 0 ? path.length() : end);
      if (EXTENSION_ID.matcher(value).matches()) {
        ExtensionAddresses.Resolution resolved = resolve(everything, List.of(value));
        String id = resolved.unknown().isEmpty() ? resolved.ids().get(0) : queueId(value);
        if (id == null) {
          unknown.addAll(resolved.unknown());
        } else {
          asPath = prefix + id + (end < 0 ? "" : path.substring(end));
        }
      }
    }
    RouteHandler.Request asked = new RouteHandler.Request(asPath, query, request.requestHeaders().get(HttpHeaderNames.ACCEPT));
    String warning = unknown.isEmpty() ? null
        : "299 presence-stream \"" + ExtensionAddresses.message(unknown, "").replace('"', '\'') + "; taken as an id\"";
    // Another component's code: off the event loop, like readiness checks.
    return Mono.defer(() -> route.handler().handle(asked))
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorResume(e -> {
          log.warn("route {}: answering {} failed: {}", route.name(), path, e.toString());
          return Mono.just(new RouteHandler.Response(500, JSON_TYPE, HttpJson.error("internal", "the request failed"), Map.of()));
        })
        .publishOn(loopOf(response))
        .flatMap(answer -> {
          count(route.name(), answer.status());
          response.status(answer.status())
              .header(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
              .header(HttpHeaderNames.CACHE_CONTROL, "no-cache");
          answer.headers().forEach(response::header);
          if (warning != null) {
            response.header("Warning", warning);
          }
          if (head) {
            return Mono.from(response.header(HttpHeaderNames.CONTENT_LENGTH,
                Integer.toString(answer.body().getBytes(StandardCharsets.UTF_8).length)).send());
          }
          return Mono.from(response.sendString(Mono.just(answer.body()), StandardCharsets.UTF_8));
        });
  }

  /** Where an answer computed off the event loop is written: its connection's loop ({@link ConnectionLoop} says why). */
  private static Scheduler loopOf(HttpServerResponse response) {
    return ConnectionLoop.of(response).orElse(Schedulers.immediate());
  }

  private static boolean overLimit(HttpServerRequest request) {
    boolean[] over = new boolean[1];
    request.withConnection(connection -> over[0] = ConnectionGuard.overLimit(connection.channel()));
    return over[0];
  }

  private static String route(String path) {
    return switch (path) {
      case "/events" -> "events";
      case "/api/state", "/api/state/" -> "state";
      case "/api/sessions", "/api/sessions/" -> "sessions";
      case "/api/extensions" -> "extensions";
      case "/api/agents", "/api/agents/" -> "agents";
      case "/api/queues", "/api/queues/" -> "queues";
      case "/api/alerts", "/api/alerts/" -> "alerts";
      case "/health/live" -> "live";
      case "/health/ready" -> "ready";
      case "/metrics" -> "metrics";
      default -> path.startsWith("/api/state/") ? "state_one"
          : path.startsWith("/api/sessions/") ? "sessions_one"
          : path.startsWith("/api/agents/") && path.endsWith("/timeline") ? "agent_timeline"
          : path.startsWith("/api/") ? "api_unknown" : "static";
    };
  }

  // --- cross-cutting rules ---

  private boolean originAllowed(String origin) {
    return options.corsOrigins().contains("*") || options.corsOrigins().contains(origin);
  }

  private Publisher<Void> preflight(HttpServerRequest request, HttpServerResponse response, String origin) {
    String method = request.requestHeaders().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    if (origin == null || method == null) {
      response.header(HttpHeaderNames.ALLOW, "GET, HEAD, OPTIONS"); // the same list as a 405's: HEAD is served
      count("preflight", 204);
      return response.status(HttpResponseStatus.NO_CONTENT).send();
    }
    if (!originAllowed(origin)) {
      return error(response, "preflight", HttpResponseStatus.FORBIDDEN, "cors_forbidden", "origin not allowed");
    }
    if (!method.trim().equals("GET")) {
      return error(response, "preflight", HttpResponseStatus.FORBIDDEN, "cors_forbidden", "only GET is allowed");
    }
    String requested = request.requestHeaders().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "");
    List<String> headers = new ArrayList<>();
    for (String header : requested.split(",")) {
      String name = header.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!ALLOWED_REQUEST_HEADERS.contains(name)) {
        return error(response, "preflight", HttpResponseStatus.FORBIDDEN, "cors_forbidden", "header not allowed: " + abbreviate(name));
      }
      headers.add(name);
    }
    count("preflight", 204);
    response
        .status(HttpResponseStatus.NO_CONTENT)
        .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .header(HttpHeaderNames.VARY, "Origin")
        .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS")
        .header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
    if (!headers.isEmpty()) {
      response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", headers));
    }
    return response.send();
  }

  private boolean authorized(HttpServerRequest request, QueryStringDecoder uri) {
    if (token == null) {
      return true;
    }
    String presented = null;
    String header = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = header.substring(7).trim();
    } else {
      List<String> query = uri.parameters().get("access_token");
      if (query != null && !query.isEmpty()) {
        presented = query.get(0);
      }
    }
    // Constant-time comparison: the time taken says nothing about how much of the token matched.
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    return (length != null && !length.trim().equals("0"))
        || request.requestHeaders().contains(HttpHeaderNames.TRANSFER_ENCODING);
  }

  // --- SSE ---

  /** The message of a {@code 400 unknown_account}: the value (bounded) and the accounts served. */
  private String unknownAccount(String account) {
    String shown = account.length() <= 40 && EXTENSION_ID.matcher(account).matches() ? account : abbreviate(account);
    List<String> served = accounts.accountIds();
    return "unknown account '" + shown + "' (" + (served.isEmpty()
        ? "this server does not tell accounts apart: it serves one, configured as source:)"
        : "served: " + String.join(", ", served) + ")");
  }

  private Publisher<Void> events(
      HttpServerRequest request, HttpServerResponse response, QueryStringDecoder uri, AccountProvider.View scope,
      String account) {
    EventFilter filter;
    Long lastEventId;
    try {
      filter = EventFilter.parse(all(uri, "extensions"), all(uri, "kinds"));
    } catch (IllegalArgumentException e) {
      return error(response, "events", HttpResponseStatus.BAD_REQUEST, "bad_filter", e.getMessage());
    }
    if (!filter.extensionIds().isEmpty()) {
      // ids or numbers: the hub matches ids, so numbers are read as the ids they name now
      // sorted: the filter's set has no order, and an error message should not change from one request to the next
      ExtensionAddresses.Resolution named = resolve(scope, new java.util.TreeSet<>(filter.extensionIds()));
      if (!named.unknown().isEmpty()) {
        return error(response, "events", HttpResponseStatus.BAD_REQUEST, "unknown_extension",
            ExtensionAddresses.message(named.unknown(), "in extensions"));
      }
      filter = new EventFilter(new java.util.LinkedHashSet<>(named.ids()), filter.kinds());
    }
    if (account != null) {
      filter = filter.withAccount(account);
    }
    String resume = request.requestHeaders().get("Last-Event-ID");
    if (resume == null || resume.isBlank()) {
      List<String> given = all(uri, "lastEventId");
      if (given.stream().distinct().count() > 1) {
        // Resuming after which? Taking one silently could skip or repeat events.
        return error(response, "events", HttpResponseStatus.BAD_REQUEST, "bad_last_event_id", "lastEventId is given more than once with different values");
      }
      resume = given.isEmpty() ? null : given.get(0);
    }
    try {
      lastEventId = resume == null || resume.isBlank() ? null : Long.parseLong(resume.trim());
      if (lastEventId != null && lastEventId < 0) {
        // Ids are never negative: "after -5" names no event, and would be answered with a gap from id -4.
        throw new NumberFormatException("negative event id");
      }
    } catch (NumberFormatException e) {
      return error(response, "events", HttpResponseStatus.BAD_REQUEST, "bad_last_event_id", "Last-Event-ID must be an event id (a number)");
    }
    count("events", 200);
    // Frames are read from the hub on this connection's event loop and written straight to the channel
    // (SseWriter), in batches flushed once per turn, and only while the connection is writable: a client
    // that stops reading leaves its events in the hub, under the overflow policy, not in the
    // connection's queues.
    SseWriter[] connectionWriter = new SseWriter[1];
    response.withConnection(connection -> {
      connectionWriter[0] = new SseWriter(connection.channel());
      connection.addHandlerLast("presence-sse-writability", connectionWriter[0].writabilityHandler());
    });
    SseWriter writer = connectionWriter[0];
    EventFilter wanted = filter;
    byte[] firstFrame = SseFrames.open(options.retryInterval().toMillis()).getBytes(StandardCharsets.UTF_8);
    // Not chunked: the stream ends only when the connection closes, so it is delimited by the close
    // (HTTP/1.1 allows that for a response without a length; EventSource reads it as any stream, and
    // nginx's nchan sends its event streams the same way). Chunked framing cost each batch a header
    // buffer, a trailing CRLF and a promise combiner: about a tenth of the event loop's time with
    // 1,000 clients, for framing nobody needs. The head is sent first; the body is written by the
    // writer, and the response ends when its stream does.
    return response
        .status(HttpResponseStatus.OK)
        .chunkedTransfer(false)
        .keepAlive(false)
        .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .header("X-Accel-Buffering", "no")
        .sendHeaders()
        .then(Mono.defer(() -> {
          writer.open(firstFrame, options.heartbeatInterval());
          Disposable subscription = hub.stream(wanted, lastEventId, writer, MAX_BATCH_EVENTS, writer::wakeUpWith);
          return writer.ended().doFinally(signal -> {
            subscription.dispose();
            writer.complete(); // a cancelled response ends the writer too (heartbeats stop); idempotent
          });
        }));
  }

  // --- state, directory, health ---

  private Publisher<Void> allStates(HttpServerResponse response, AccountProvider.View scope) {
    List<ExtensionState> all = new ArrayList<>(scope.states().states().values());
    all.sort(Comparator.comparing(ExtensionState::extensionId));
    StringBuilder body = new StringBuilder("[");
    boolean first = true;
    for (ExtensionState state : all) {
      String encoded;
      try {
        encoded = stateEncoder.apply(state);
      } catch (RuntimeException e) {
        // One extension that cannot be written must not take the others' states down with it.
        stateEncodeFailures.increment();
        log.warn("cannot encode the state of one extension, left out of /api/state: {}", e.toString());
        continue;
      }
      if (!first) {
        body.append(',');
      }
      first = false;
      body.append(encoded);
    }
    return json(response, "state", HttpResponseStatus.OK, body.append(']').toString());
  }

  private Publisher<Void> oneState(HttpServerResponse response, AccountProvider.View scope, String named) {
    if (!EXTENSION_ID.matcher(named).matches()) {
      return error(response, "state_one", HttpResponseStatus.BAD_REQUEST, "bad_extension_id", "invalid extension id");
    }
    ExtensionAddresses.Resolution resolved = resolve(scope, List.of(named));
    if (!resolved.unknown().isEmpty()) {
      return error(response, "state_one", HttpResponseStatus.BAD_REQUEST, "unknown_extension",
          ExtensionAddresses.message(resolved.unknown(), ""));
    }
    String id = resolved.ids().get(0);
    Optional<ExtensionState> state = scope.states().state(id);
    if (state.isEmpty()) {
      return error(response, "state_one", HttpResponseStatus.NOT_FOUND, "not_found", "unknown extension " + id);
    }
    String body;
    try {
      body = stateEncoder.apply(state.get());
    } catch (RuntimeException e) {
      log.warn("cannot encode state of {}: {}", id, e.toString());
      return error(response, "state_one", HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "state could not be encoded");
    }
    return json(response, "state_one", HttpResponseStatus.OK, body);
  }

  /** Every extension's live telephony sessions: one array, by extension id, each extension's oldest first. */
  private Publisher<Void> allSessions(HttpServerResponse response, AccountProvider.View scope) {
    List<Map.Entry<String, List<TelephonySession>>> byExtension = new ArrayList<>(scope.sessions().sessions().entrySet());
    byExtension.sort(Map.Entry.comparingByKey());
    List<TelephonySession> all = new ArrayList<>();
    for (Map.Entry<String, List<TelephonySession>> extension : byExtension) {
      all.addAll(extension.getValue());
    }
    return sessionsBody(response, "sessions", all);
  }

  /** One extension's live sessions; an extension without any (or unknown) has none: {@code []}. */
  private Publisher<Void> oneExtensionSessions(HttpServerResponse response, AccountProvider.View scope, String named) {
    if (!EXTENSION_ID.matcher(named).matches()) {
      return error(response, "sessions_one", HttpResponseStatus.BAD_REQUEST, "bad_extension_id", "invalid extension id");
    }
    ExtensionAddresses.Resolution resolved = resolve(scope, List.of(named));
    if (!resolved.unknown().isEmpty()) {
      return error(response, "sessions_one", HttpResponseStatus.BAD_REQUEST, "unknown_extension",
          ExtensionAddresses.message(resolved.unknown(), ""));
    }
    return sessionsBody(response, "sessions_one", scope.sessions().sessions(resolved.ids().get(0)));
  }

  /**
   * Ids or numbers to ids by the current directory ({@link ExtensionAddresses}); an extension the engine
   * tracks is known by its id even before the directory lists it.
   */
  private ExtensionAddresses.Resolution resolve(AccountProvider.View scope, Collection<String> values) {
    return ExtensionAddresses.resolve(
        scope.directory().get(), id -> scope.states().state(id).isPresent() || !scope.sessions().sessions(id).isEmpty(),
        values);
  }

  private Publisher<Void> sessionsBody(HttpServerResponse response, String route, List<TelephonySession> list) {
    String body;
    try {
      body = sessionsEncoder.apply(list);
    } catch (RuntimeException e) {
      log.warn("cannot encode telephony sessions for /api/{}: {}", route.replace('_', '/'), e.toString());
      return error(response, route, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "sessions could not be encoded");
    }
    return json(response, route, HttpResponseStatus.OK, body);
  }

  /**
   * A call queue's id for its id or extension number, from the contact-centre view's published queues (a queue
   * is an extension in RingCentral, but the directory of users does not list it); null when none matches.
   */
  private String queueId(String idOrNumber) {
    if (contactCentre == null) {
      return null;
    }
    String byNumber = null;
    for (QueueStats q : contactCentre.queues()) {
      if (q.queueId().equals(idOrNumber)) {
        return q.queueId(); // an id wins over a number, as for extensions
      }
      if (byNumber == null && idOrNumber.equals(q.extensionNumber())) {
        byNumber = q.queueId();
      }
    }
    return byNumber;
  }

  // --- the contact-centre view: published snapshots, encoded here; reading them changes nothing ---

  private Publisher<Void> contactCentre(HttpServerResponse response, String route, String path) {
    if (contactCentre == null) {
      return error(response, route, HttpResponseStatus.NOT_FOUND, "contact_centre_disabled",
          "the contact-centre view is off (contactCentre.enabled in the daemon's configuration)");
    }
    String body;
    try {
      switch (route) {
        case "agents" -> {
          List<ContactCentreJson.AgentEntry> entries = new ArrayList<>();
          for (AgentStatus agent : contactCentre.agents()) {
            entries.add(new ContactCentreJson.AgentEntry(agent, contactCentre.agentDay(agent.extensionId()).orElse(null)));
          }
          body = contactCentreJson.encodeAgents(entries, false);
        }
        case "queues" -> body = contactCentreJson.encodeQueues(contactCentre.queues());
        case "alerts" -> body = contactCentreJson.encodeAlerts(contactCentre.alerts());
        default -> {
          String id = path.substring("/api/agents/".length(), path.length() - "/timeline".length());
          if (!EXTENSION_ID.matcher(id).matches()) {
            return error(response, route, HttpResponseStatus.BAD_REQUEST, "bad_extension_id", "invalid extension id or number");
          }
          Optional<AgentDay> day = agentDay(id);
          if (day.isEmpty()) {
            return error(response, route, HttpResponseStatus.NOT_FOUND, "not_found", "no agent state for extension " + id);
          }
          body = contactCentreJson.encodeDay(day.get(), true);
        }
      }
    } catch (RuntimeException e) {
      log.warn("cannot encode the contact-centre view for {}: {}", path, e.toString());
      return error(response, route, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "the view could not be encoded");
    }
    return json(response, route, HttpResponseStatus.OK, body);
  }

  /** An agent's day by extension id, else by extension number (a number and an id never look alike in RingCentral). */
  private Optional<AgentDay> agentDay(String idOrNumber) {
    Optional<AgentDay> byId = contactCentre.agentDay(idOrNumber);
    if (byId.isPresent()) {
      return byId;
    }
    for (AgentStatus agent : contactCentre.agents()) {
      if (idOrNumber.equals(agent.extensionNumber())) {
        return contactCentre.agentDay(agent.extensionId());
      }
    }
    return Optional.empty();
  }

  private Publisher<Void> extensions(HttpServerResponse response, AccountProvider.View scope) {
    return json(response, "extensions", HttpResponseStatus.OK, HttpJson.directory(scope.directory().get()));
  }

  /** The meters this handler registered, removed when the server closes. */
  List<io.micrometer.core.instrument.Meter> meters() {
    return List.of(stateEncodeFailures);
  }

  private record Readiness(boolean up, String json) {}

  private Readiness readiness() {
    Map<String, HttpJson.Check> checks = new LinkedHashMap<>();
    Map<String, HttpJson.Check> sinks = new LinkedHashMap<>();
    boolean up = true;
    for (Map.Entry<String, Supplier<Health>> check : readiness.entrySet()) {
      // Readiness is about serving: a failing sink (a webhook down) is reported, but must not make a load
      // balancer take the wallboard and the API out.
      boolean sink = check.getKey().startsWith(PresenceHttpServer.SINK_CHECK_PREFIX);
      Health health;
      try {
        health = check.getValue().get();
      } catch (RuntimeException e) {
        health = Health.down("check failed: " + e.getClass().getSimpleName());
      }
      if (health == null) {
        health = Health.down("check returned nothing");
      }
      if (!sink) {
        up &= health.healthy();
      }
      (sink ? sinks : checks).put(check.getKey(), new HttpJson.Check(health.healthy(), health.detail()));
    }
    return new Readiness(up, HttpJson.readiness(up, checks, sinks));
  }

  // --- static files ---

  private Publisher<Void> staticFile(HttpServerResponse response, String path) {
    Optional<String> relative = path.startsWith("/api/") ? Optional.empty() : StaticFiles.resolve(path);
    if (relative.isEmpty()) {
      return error(response, "static", HttpResponseStatus.NOT_FOUND, "not_found", "no such resource");
    }
    return Mono.fromCallable(() -> files.read(relative.get()))
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(loopOf(response))
        .flatMap(
            file -> {
              if (file.isEmpty()) {
                return Mono.from(error(response, "static", HttpResponseStatus.NOT_FOUND, "not_found", "no such resource"));
              }
              count("static", 200);
              return Mono.from(
                  response
                      .status(HttpResponseStatus.OK)
                      .header(HttpHeaderNames.CONTENT_TYPE, file.get().contentType())
                      .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                      .header("X-Content-Type-Options", "nosniff")
                      .sendByteArray(Mono.just(file.get().bytes())));
            })
        .onErrorResume(
            e -> {
              log.warn("cannot read static file {}: {}", relative.get(), e.toString());
              return Mono.from(error(response, "static", HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", "cannot read file"));
            });
  }

  // --- helpers ---

  /** Every value of a query parameter, in order ({@code ?kinds=a&kinds=b}); empty when it is left out. */
  private static List<String> all(QueryStringDecoder uri, String name) {
    List<String> values = uri.parameters().get(name);
    return values == null ? List.of() : values;
  }

  private Publisher<Void> json(HttpServerResponse response, String route, HttpResponseStatus status, String body) {
    count(route, status.code());
    return response
        .status(status)
        .header(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE)
        .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .sendString(Mono.just(body), StandardCharsets.UTF_8);
  }

  private Publisher<Void> error(
      HttpServerResponse response, String route, HttpResponseStatus status, String code, String message) {
    return json(response, route, status, HttpJson.error(code, message));
  }

  private void count(String route, int status) {
    MeterRegistry registry = metrics;
    registry.counter("presence.http.requests", "route", route, "status", Integer.toString(status)).increment();
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
