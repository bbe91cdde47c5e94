package io.presencestream.simulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.RestJson;
import io.presencestream.internal.ConnectionLoop;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.codec.protocol.Paging;
import io.presencestream.codec.protocol.ProtocolBody;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/** The simulator's HTTP surface: OAuth, REST presence, extensions and call sessions, and the WebSocket upgrade. */
final class HttpApi {

  static final String WS_PATH = "/ws";

  private static final Pattern EXTENSION_PRESENCE =
      Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/extension/([^/]+)/presence/?$");
  private static final Pattern ACCOUNT_PRESENCE = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/presence/?$");
  private static final Pattern EXTENSION_LIST = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/extension/?$");
  private static final Pattern EXTENSION_INFO = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/extension/([^/,]+)/?$");
  private static final Pattern ACCOUNT_INFO = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/?$");
  private static final Pattern CALL_SESSION =
      Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/telephony/sessions/([^/]+)/?$");

  private final RingCentralSimulator sim;
  private final SimulatorOptions options;
  private final ProtocolCodec protocol;
  private final PresenceCodec presenceCodec;
  private final ControlApi control;
  private final CallQueueApi queues;

  HttpApi(RingCentralSimulator sim, ProtocolCodec protocol, PresenceCodec presenceCodec) {
    this.sim = sim;
    this.options = sim.options();
    this.protocol = protocol;
    this.presenceCodec = presenceCodec;
    this.control = new ControlApi(sim, presenceCodec);
    this.queues = new CallQueueApi(sim);
  }

  Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    String path = uri.path();
    Map<String, String> query = new HashMap<>();
    uri.parameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
    if (path.equals(WS_PATH) && "websocket".equalsIgnoreCase(req.requestHeaders().get("Upgrade"))) {
      return websocket(req, res, query);
    }
    if (path.startsWith(ControlApi.PREFIX)) {
      return control.handle(req, res, path, query); // the simulator's own API: no RingCentral faults or limits
    }
    long retryAfter;
    synchronized (sim.lock()) {
      retryAfter = sim.faultState().takeRateLimit();
    }
    if (retryAfter >= 0) {
      res.header("Retry-After", String.valueOf(retryAfter));
      res.header("X-Rate-Limit-Group", "heavy");
      return send(res, 429, ErrorBody.of("CMN-301", "Request rate exceeded"));
    }
    HttpMethod method = req.method();
    RateLimits.Group group = group(method, path);
    if (group != null && options.enforceRateLimits()) {
      RateLimits.Verdict verdict;
      synchronized (sim.lock()) {
        verdict = sim.rateLimits().take(group);
      }
      res.header("X-Rate-Limit-Group", group.header);
      res.header("X-Rate-Limit-Limit", String.valueOf(group.limit));
      res.header("X-Rate-Limit-Remaining", String.valueOf(verdict.remaining()));
      res.header("X-Rate-Limit-Window", String.valueOf(sim.rateLimits().window().toSeconds()));
      if (!verdict.allowed()) {
        synchronized (sim.lock()) {
          sim.faultState().countRateLimited();
        }
        res.header("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
        return send(res, 429, ErrorBody.of("CMN-301", "Request rate exceeded"));
      }
    }
    if (method.equals(HttpMethod.POST) && path.equals("/restapi/oauth/token")) {
      return form(req).flatMap(form -> Mono.from(token(req, res, form)));
    }
    if (method.equals(HttpMethod.POST) && path.equals("/restapi/oauth/wstoken")) {
      return wsToken(req, res);
    }
    if (method.equals(HttpMethod.POST) && path.equals("/restapi/oauth/revoke")) {
      return form(req).flatMap(form -> {
        synchronized (sim.lock()) {
          String token = form.getOrDefault("token", bearer(req));
          if (token != null) {
            sim.auth().revoke(token);
          }
        }
        return res.status(200).send().then();
      });
    }
    Matcher m;
    if (method.equals(HttpMethod.PUT) && (m = CallQueueApi.PRESENCE.matcher(path)).matches() && accountOk(m.group(1))) {
      String denied = checkAccess(req);
      if (denied != null) {
        return send(res, 401, ErrorBody.of("TokenInvalid", denied));
      }
      String queueId = m.group(2);
      return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
          .flatMap(body -> Mono.from(answer(res, queues.update(queueId, body))));
    }
    if (!method.equals(HttpMethod.GET)) {
      return send(res, 404, ErrorBody.of("CMN-102", "Resource for parameter [path] is not found"));
    }
    String denied = checkAccess(req);
    if (denied != null) {
      return send(res, 401, ErrorBody.of("TokenInvalid", denied));
    }
    if ((m = CallQueueApi.LIST.matcher(path)).matches() && accountOk(m.group(1))) {
      return answer(res, queues.list(query));
    }
    if ((m = CallQueueApi.MEMBERS.matcher(path)).matches() && accountOk(m.group(1))) {
      return answer(res, queues.members(m.group(2), query));
    }
    if ((m = CallQueueApi.PRESENCE.matcher(path)).matches() && accountOk(m.group(1))) {
      return answer(res, queues.presence(m.group(2)));
    }
    if ((m = EXTENSION_PRESENCE.matcher(path)).matches() && accountOk(m.group(1))) {
      sim.restReads().presence.incrementAndGet();
      String ids = m.group(2);
      return slowed(res, () -> extensionPresence(res, ids, query));
    }
    if ((m = ACCOUNT_PRESENCE.matcher(path)).matches() && accountOk(m.group(1))) {
      sim.restReads().accountPresence.incrementAndGet();
      return slowed(res, () -> accountPresence(res, path, query));
    }
    if ((m = EXTENSION_LIST.matcher(path)).matches() && accountOk(m.group(1))) {
      sim.restReads().extensionList.incrementAndGet();
      return extensionList(res, path, query);
    }
    if ((m = EXTENSION_INFO.matcher(path)).matches() && accountOk(m.group(1))) {
      sim.restReads().extension.incrementAndGet();
      return extensionInfo(res, m.group(2));
    }
    if ((m = CALL_SESSION.matcher(path)).matches() && accountOk(m.group(1))) {
      return callSession(res, m.group(2));
    }
    if ((m = ACCOUNT_INFO.matcher(path)).matches() && accountOk(m.group(1))) {
      return sendJson(res, 200, RestJson.account(
          sim.baseUrl() + "/restapi/v1.0/account/" + options.accountId(), Long.parseLong(options.accountId()), "Confirmed"));
    }
    return send(res, 404, ErrorBody.of("CMN-102", "Resource for parameter [path] is not found"));
  }

  /**
   * A presence answer, after the {@code slow-presence} fault's delay if one is set (a timer, no thread waits).
   * The timer runs on the connection's own event loop ({@link ConnectionLoop} says why).
   */
  private Publisher<Void> slowed(HttpServerResponse res, java.util.function.Supplier<Publisher<Void>> answer) {
    java.time.Duration delay = sim.faultState().presenceDelay();
    if (delay.isZero()) {
      return answer.get();
    }
    return Mono.delay(delay, ConnectionLoop.of(res).orElse(reactor.core.scheduler.Schedulers.parallel()))
        .then(Mono.defer(() -> Mono.from(answer.get())));
  }

  /** The rate-limit group of a request, as RingCentral files these endpoints. */
  private static RateLimits.Group group(HttpMethod method, String path) {
    if (path.startsWith("/restapi/oauth/")) {
      return path.endsWith("/revoke") ? null : RateLimits.Group.AUTH;
    }
    if (!method.equals(HttpMethod.GET)) {
      return null;
    }
    Matcher m = EXTENSION_PRESENCE.matcher(path);
    if (m.matches()) {
      return m.group(2).contains(",") ? RateLimits.Group.HEAVY : RateLimits.Group.LIGHT;
    }
    if (ACCOUNT_PRESENCE.matcher(path).matches()) {
      return RateLimits.Group.HEAVY;
    }
    if (EXTENSION_INFO.matcher(path).matches()) {
      return RateLimits.Group.LIGHT; // "Get Extension" is in the Light group, the list in the Medium one
    }
    if (CALL_SESSION.matcher(path).matches()) {
      return RateLimits.Group.LIGHT; // "Get Call Session Status" is in the Light group (x-throttling-group)
    }
    return RateLimits.Group.MEDIUM;
  }

  private boolean accountOk(String account) {
    return account.equals("~") || account.equals(options.accountId());
  }

  // ---------------------------------------------------------------- OAuth

  private Publisher<Void> token(HttpServerRequest req, HttpServerResponse res, Map<String, String> form) {
    if (!clientAuthenticated(req)) {
      res.header("WWW-Authenticate", "Basic realm=\"RingCentral\"");
      return send(res, 401, ErrorBody.oauth("invalid_client", "OAU-123", "Client authentication is required"));
    }
    String grant = form.getOrDefault("grant_type", "");
    TokenResponse token;
    synchronized (sim.lock()) {
      String owner = sim.office().owner().id;
      switch (grant) {
        case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> {
          if (!options.credentials().jwt().equals(form.get("assertion"))) {
            return send(res, 400, ErrorBody.oauth("invalid_grant", "OAU-140", "Invalid JWT token"));
          }
          token = sim.auth().login(owner);
        }
        case "refresh_token" -> {
          token = sim.auth().refresh(form.get("refresh_token"), owner);
          if (token == null) {
            return send(res, 400, ErrorBody.oauth("invalid_grant", "OAU-211", "Token is revoked or expired"));
          }
        }
        default -> {
          return send(res, 400, ErrorBody.oauth("unsupported_grant_type", "OAU-250", "Unsupported grant type"));
        }
      }
    }
    res.header("Cache-Control", "no-store");
    return send(res, 200, token);
  }

  private boolean clientAuthenticated(HttpServerRequest req) {
    String header = req.requestHeaders().get("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      return decoded.equals(options.credentials().clientId() + ":" + options.credentials().clientSecret());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Publisher<Void> wsToken(HttpServerRequest req, HttpServerResponse res) {
    String denied = checkAccess(req);
    if (denied != null) {
      return send(res, 401, ErrorBody.of("TokenInvalid", denied));
    }
    WsTokenResponse answer;
    synchronized (sim.lock()) {
      String session = sim.auth().sessionOfAccess(bearer(req));
      answer = new WsTokenResponse(sim.webSocketUrl(), sim.auth().wsToken(session), options.wsTokenTtl().toSeconds());
    }
    return send(res, 200, answer);
  }

  /** Null if the request carries a valid access token, else the reason it does not. */
  private String checkAccess(HttpServerRequest req) {
    String token = bearer(req);
    if (token == null) {
      return "Authorization header is not specified";
    }
    synchronized (sim.lock()) {
      return switch (sim.auth().checkAccess(token)) {
        case VALID -> null;
        case EXPIRED -> "Access token expired";
        case UNKNOWN -> "Token not found";
      };
    }
  }

  private static String bearer(HttpServerRequest req) {
    String header = req.requestHeaders().get("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  private static Mono<Map<String, String>> form(HttpServerRequest req) {
    return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").map(body -> {
      Map<String, String> form = new HashMap<>();
      for (String pair : body.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        form.putIfAbsent(k, v);
      }
      return form;
    });
  }

  // ---------------------------------------------------------------- WebSocket

  private Publisher<Void> websocket(HttpServerRequest req, HttpServerResponse res, Map<String, String> query) {
    String token = query.get("access_token");
    if (token == null) {
      token = bearer(req);
    }
    String session;
    synchronized (sim.lock()) {
      Auth.Verdict verdict = token == null ? Auth.Verdict.UNKNOWN : sim.auth().checkWs(token);
      if (verdict != Auth.Verdict.VALID) {
        return send(res, 401, ErrorBody.of("TokenInvalid",
            verdict == Auth.Verdict.EXPIRED ? "WebSocket token expired" : "WebSocket token not found"));
      }
      session = sim.auth().sessionOfWs(token);
    }
    String wsc = query.get("wsc");
    WebsocketServerSpec spec = WebsocketServerSpec.builder().maxFramePayloadLength(options.maxFramePayload()).build();
    return res.sendWebsocket((in, out) -> {
      Gateway.Conn[] conn = new Gateway.Conn[1];
      in.withConnection(c -> {
        synchronized (sim.lock()) {
          conn[0] = sim.gateway().open(c.channel(), session, wsc);
        }
        sim.gateway().flush();
      });
      return in.aggregateFrames(options.maxFramePayload())
          .receiveFrames()
          .doOnNext(f -> {
            if (f instanceof PongWebSocketFrame) {
              synchronized (sim.lock()) {
                if (conn[0] != null) {
                  sim.gateway().pong(conn[0]);
                }
              }
            } else if (f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame) {
              byte[] bytes = ByteBufUtil.getBytes(f.content());
              synchronized (sim.lock()) {
                if (conn[0] != null) {
                  sim.gateway().receive(conn[0], bytes);
                }
              }
              sim.gateway().flush();
            }
          })
          .then()
          .onErrorResume(e -> Mono.empty())
          .doFinally(signal -> {
            synchronized (sim.lock()) {
              if (conn[0] != null) {
                sim.gateway().closed(conn[0]);
              }
            }
          });
    }, spec);
  }

  // ---------------------------------------------------------------- REST presence and extensions

  private Publisher<Void> extensionPresence(HttpServerResponse res, String ids, Map<String, String> query) {
    boolean detailed = "true".equalsIgnoreCase(query.get("detailedTelephonyState"));
    boolean sip = "true".equalsIgnoreCase(query.get("sipData"));
    String[] parts = ids.split(",");
    if (parts.length > 30) {
      return send(res, 400, ErrorBody.of("CMN-101", "Parameter [extensionId] value is invalid: at most 30 ids"));
    }
    List<byte[]> bodies = new ArrayList<>();
    List<Integer> statuses = new ArrayList<>();
    synchronized (sim.lock()) {
      for (String raw : parts) {
        String id = raw.trim().equals("~") ? sim.office().owner().id : raw.trim();
        PresenceUpdate presence = presence(id);
        if (presence == null) {
          statuses.add(404);
          bodies.add(protocol.encode(ErrorBody.of("CMN-102", "Resource for parameter [extensionId] is not found")));
        } else {
          statuses.add(200);
          bodies.add(presenceCodec.encodeExtensionPresence(shape(presence, detailed, sip), sim.baseUrl(), options.accountId()));
        }
      }
    }
    if (parts.length == 1) {
      return sendJson(res, statuses.get(0), bodies.get(0));
    }
    return multipart(res, ids.split(","), statuses, bodies);
  }

  /**
   * RingCentral answers a batch request with 207 Multi-Status, {@code multipart/mixed}: a first part
   * listing each status, then one JSON part per id, in request order.
   */
  private Publisher<Void> multipart(HttpServerResponse res, String[] ids, List<Integer> statuses, List<byte[]> bodies) {
    String boundary = "Boundary_" + Ids.uuid().replace("-", "");
    List<RestJson.BatchPart> parts = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      parts.add(new RestJson.BatchPart(ids[i].trim(), statuses.get(i)));
    }
    byte[] summary = RestJson.batchSummary(sim.baseUrl() + "/restapi/v1.0/account/" + options.accountId(), parts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    part(out, boundary, summary);
    bodies.forEach(b -> part(out, boundary, b));
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return res.status(207)
        .header("Content-Type", "multipart/mixed; boundary=" + boundary)
        .sendByteArray(Mono.just(out.toByteArray()))
        .then();
  }

  private static void part(ByteArrayOutputStream out, String boundary, byte[] json) {
    out.writeBytes(("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(json);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private PresenceUpdate presence(String id) {
    SimExtension e = sim.office().extension(id);
    if (e != null) {
      return sim.office().snapshot(e);
    }
    return sim.office().directory().stream().anyMatch(r -> r.id().equals(id)) ? Office.quietSnapshot(id) : null;
  }

  static PresenceUpdate shape(PresenceUpdate body, boolean detailed, boolean sip) {
    if (detailed && sip) {
      return body;
    }
    List<ActiveCall> calls = null;
    if (detailed && body.activeCalls() != null) {
      calls = body.activeCalls().stream()
          .map(c -> new ActiveCall(c.id(), c.direction(), c.from(), c.fromName(), c.to(), c.toName(), c.startTime(),
              c.telephonyStatus(), c.terminationType(), c.sessionId(), c.telephonySessionId(), c.partyId(),
              c.queueCall(), null))
          .toList();
    }
    return new PresenceUpdate(body.extensionId(), body.sequence(), body.userStatus(), body.dndStatus(),
        body.presenceStatus(), body.telephonyStatus(), body.meetingStatus(), body.message(),
        detailed ? body.totalActiveCalls() : null, calls);
  }

  private Publisher<Void> accountPresence(HttpServerResponse res, String path, Map<String, String> query) {
    boolean detailed = "true".equalsIgnoreCase(query.get("detailedTelephonyState"));
    boolean sip = "true".equalsIgnoreCase(query.get("sipData"));
    int perPage = Math.min(1000, Math.max(1, intParam(query, "perPage", 100)));
    int page = Math.max(1, intParam(query, "page", 1));
    List<byte[]> records = new ArrayList<>();
    int total;
    synchronized (sim.lock()) {
      List<SimExtension> all = sim.office().extensions();
      total = all.size();
      for (int i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) {
        records.add(presenceCodec.encodeExtensionPresence(shape(sim.office().snapshot(all.get(i)), detailed, sip), sim.baseUrl(), options.accountId()));
      }
    }
    int totalPages = Math.max(1, (total + perPage - 1) / perPage);
    String flags = (detailed ? "detailedTelephonyState=true&" : "") + (sip ? "sipData=true&" : "");
    String base = sim.baseUrl() + path.replace("/account/~/", "/account/" + options.accountId() + "/") + "?" + flags;
    byte[] body = RestJson.accountPresencePage(base, page, perPage, totalPages, total, records);
    return sendJson(res, 200, body);
  }

  private Publisher<Void> extensionList(HttpServerResponse res, String path, Map<String, String> query) {
    int perPage = Math.min(1000, Math.max(1, intParam(query, "perPage", 100)));
    int page = Math.max(1, intParam(query, "page", 1));
    String status = query.get("status");
    String type = query.get("type");
    List<ExtensionRecord> matching;
    synchronized (sim.lock()) {
      matching = sim.office().directory().stream()
          .filter(r -> status == null || status.equalsIgnoreCase(r.status()))
          .filter(r -> type == null || type.equalsIgnoreCase(r.type()))
          .toList();
    }
    int total = matching.size();
    int totalPages = Math.max(1, (total + perPage - 1) / perPage);
    int from = Math.min(total, (page - 1) * perPage);
    List<ExtensionRecord> records = matching.subList(from, Math.min(total, page * perPage));
    String filters = (status == null ? "" : "status=" + status + "&") + (type == null ? "" : "type=" + type + "&");
    String base = sim.baseUrl() + path.replace("/account/~/", "/account/" + options.accountId() + "/") + "?" + filters;
    ExtensionListPage body = new ExtensionListPage(base + "page=" + page + "&perPage=" + perPage, records,
        new Paging(page, perPage, records.isEmpty() ? null : from, records.isEmpty() ? null : from + records.size() - 1,
            totalPages, total),
        page < totalPages ? base + "page=" + (page + 1) + "&perPage=" + perPage : null);
    java.util.Map<String, RestJson.Contact> contacts = new HashMap<>();
    synchronized (sim.lock()) {
      for (ExtensionRecord r : records) {
        RestJson.Contact c = contact(r);
        if (c != null) {
          contacts.put(r.id(), c);
        }
      }
    }
    return sendJson(res, 200, RestJson.extensionList(body, contacts::get));
  }

  /**
   * A user's {@code contact}: its name split at the first space, an e-mail address made of it, its department;
   * null for other extensions (queues, disabled users keep theirs). Under the lock.
   */
  private RestJson.Contact contact(ExtensionRecord r) {
    if (!"User".equals(r.type()) || r.name() == null) {
      return null;
    }
    int space = r.name().indexOf(' ');
    String first = space < 0 ? r.name() : r.name().substring(0, space);
    String last = space < 0 ? null : r.name().substring(space + 1);
    String email = r.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".") + "@example.com";
    return new RestJson.Contact(first, last, email, sim.office().department(r.id()));
  }

  private Publisher<Void> extensionInfo(HttpServerResponse res, String rawId) {
    ExtensionRecord record;
    RestJson.Contact contact;
    synchronized (sim.lock()) {
      String id = rawId.equals("~") ? sim.office().owner().id : rawId;
      record = sim.office().directory().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
      contact = record == null ? null : contact(record);
    }
    if (record == null) {
      return send(res, 404, ErrorBody.of("CMN-102", "Resource for parameter [extensionId] is not found"));
    }
    return sendJson(res, 200, RestJson.extensionInfo(
        sim.baseUrl() + "/restapi/v1.0/account/" + options.accountId() + "/extension/" + record.id(), record, contact,
        options.accountId()));
  }

  /**
   * "Get Call Session Status": the live session with every party that joined, in the shape of RingCentral's
   * API reference example and the ringcentral-mock fixture ({@code id, origin, creationTime, parties});
   * 404 {@code CMN-102} for a session that is unknown or over; 403 without the {@code CallControl} permission.
   */
  private Publisher<Void> callSession(HttpServerResponse res, String telephonySessionId) {
    if (!options.callControl()) {
      return send(res, 403, Gateway.noCallControl());
    }
    SessionTruth session;
    synchronized (sim.lock()) {
      session = sim.office().session(telephonySessionId);
    }
    if (session == null) {
      return send(res, 404, ErrorBody.of("CMN-102", "Resource for parameter [telephonySessionId] is not found"));
    }
    return sendJson(res, 200, TelephonySessionJson.restSession(session));
  }

  private static int intParam(Map<String, String> query, String name, int fallback) {
    try {
      String v = query.get(name);
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  // ---------------------------------------------------------------- responses

  private Mono<Void> answer(HttpServerResponse res, CallQueueApi.Answer answer) {
    return answer.error() != null ? send(res, answer.status(), answer.error()) : sendJson(res, answer.status(), answer.json());
  }

  private Mono<Void> send(HttpServerResponse res, int status, ProtocolBody body) {
    return sendJson(res, status, protocol.encode(body));
  }

  private static Mono<Void> sendJson(HttpServerResponse res, int status, byte[] body) {
    return res.status(HttpResponseStatus.valueOf(status))
        .header("Content-Type", "application/json;charset=UTF-8")
        .header("RCRequestId", Ids.uuid())
        .sendByteArray(Mono.just(body))
        .then();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
