package io.presencestream.simulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.model.Notification;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.DeliveryMode;
import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.ProtocolBody;
import io.presencestream.codec.protocol.RawJson;
import io.presencestream.codec.protocol.RecoveryState;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.SubscriptionResponse;
import io.presencestream.codec.protocol.Wsc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated WebSocket gateway: gateway sessions (what a {@code wsc} token names), their
 * subscription and recovery buffer, and the live connections.
 *
 * <p>Every method runs under the simulator's lock and touches no channel: what is to be written or
 * closed goes into the connection's outbox, in order. Whoever took the lock calls {@link #flush()} once
 * it has released it; the outbox is then drained on the connection's event loop, so frames leave in the
 * order they were decided whatever thread decided them, and no Netty pipeline, listener or handler ever
 * runs under the lock. A write's completion, on the event loop, takes the lock again to record what was
 * delivered.
 *
 * <p><b>Slow clients.</b> A connection may have at most {@code outboundQueueLimit} frames written but
 * not yet flushed to the socket. One more and it is closed as too slow (WebSocket close 1008); its
 * session stays recoverable, and a recovery replays what the buffer still holds. So one slow client
 * costs at most that many frames of memory, plus {@code recoveryBufferSize} per session.
 */
final class Gateway {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private static final Pattern SUBSCRIPTION_PATH = Pattern.compile("^/restapi/v1\\.0/subscription/?([^/?]*)(/renew)?/?$");

  private static final class Subscription {
    final String id;
    final Instant created;
    EventFilters filters;
    List<DisabledFilter> disabled = List.of();

    Subscription(String id, Instant created) {
      this.id = id;
      this.created = created;
    }
  }

  private record Buffered(long sequence, byte[] frame) {}

  /** A gateway session: what a {@code wsc} token names; it outlives connections by {@code recoveryTimeout}. */
  private final class Session {
    final String id;
    final String wscToken;
    final String oauthSession;
    long wscSequence;
    Subscription subscription;
    final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
    long lastDelivered;
    Conn connection;
    Instant disconnectedAt;

    Session(String id, String oauthSession) {
      this.id = id;
      this.oauthSession = oauthSession;
      this.wscToken = Base64.getUrlEncoder().withoutPadding().encodeToString(("wsc:" + id).getBytes(StandardCharsets.UTF_8));
    }

    Wsc nextWsc() {
      return new Wsc(wscToken, ++wscSequence);
    }
  }

  /** A channel operation decided under the lock, carried out by {@link #drain(Conn)} after it. */
  private sealed interface Out permits Send, Ping, CloseWith, Abort {}

  /** A text frame; {@code sequence} > 0 marks a notification of {@code session} (delivery is recorded). */
  private record Send(byte[] frame, long sequence, Session session) implements Out {}

  private record Ping() implements Out {}

  /** A close frame, then the TCP close. */
  private record CloseWith(int code, String reason) implements Out {}

  /** The TCP close without a close frame. */
  private record Abort() implements Out {}

  /** One WebSocket connection. */
  final class Conn {
    final Channel channel;
    /** Written under the lock (in order), drained on the event loop after it. */
    final Queue<Out> outbox = new ConcurrentLinkedQueue<>();
    /** Whether a drain of the outbox is scheduled or running; elects one drainer. */
    final AtomicBoolean draining = new AtomicBoolean();
    final Instant openedAt;
    Instant lastClientFrame;
    Session session;
    boolean stalled;
    boolean closed;
    boolean replaying;
    int pending;
    Instant lastPingSent;
    boolean pongOutstanding;
    ScheduledFuture<?> timer;

    Conn(Channel channel, Instant openedAt) {
      this.channel = channel;
      this.openedAt = openedAt;
      this.lastClientFrame = openedAt;
      this.lastPingSent = openedAt;
    }
  }

  private static final byte[] PING_PAYLOAD = "presence-simulator".getBytes(StandardCharsets.US_ASCII);

  /** How long after a Successful ConnectionDetails the missed notifications are replayed. */
  static final Duration REPLAY_DELAY = Duration.ofMillis(100);

  private final SimulatorOptions options;
  private final Clock clock;
  private final Office office;
  private final PresenceCodec presenceCodec;
  private final ProtocolCodec protocol;
  private final Map<String, Session> sessions = new HashMap<>();
  /** Connections whose outbox got work under the lock; {@link #flush()} hands them to their event loops. */
  private final Queue<Conn> toFlush = new ConcurrentLinkedQueue<>();
  private final List<Conn> connections = new ArrayList<>();
  private final SimulatorFaults.State faults;
  private final Ids ids;
  private long sessionCounter;
  private long notificationsSent;
  private long slowClientsClosed;
  private long recoveries;
  private long failedRecoveries;
  private long subscriptionsDeleted;
  private long subscriptionsUpdated;

  Gateway(SimulatorOptions options, Office office, PresenceCodec presenceCodec, ProtocolCodec protocol,
      SimulatorFaults.State faults, Ids ids) {
    this.ids = ids;
    this.options = options;
    this.clock = options.clock();
    this.office = office;
    this.presenceCodec = presenceCodec;
    this.protocol = protocol;
    this.faults = faults;
  }

  // ---------------------------------------------------------------- connection lifecycle

  /**
   * A client connected with a valid WebSocket token of {@code oauthSession}. Sends ConnectionDetails
   * (recovering the session named by {@code wsc} if there is one), or Error WSG-400 and closes for a
   * malformed {@code wsc}.
   */
  Conn open(Channel channel, String oauthSession, String wsc) {
    Instant now = clock.instant();
    Conn conn = new Conn(channel, now);
    connections.add(conn);
    scheduleTimeouts(conn);
    if (wsc != null) {
      String sessionId = parseWsc(wsc);
      if (sessionId == null) {
        sendErrorAndClose(conn, "WSG-400", "Malformed WebSocket session context token", 400);
        return conn;
      }
      Session old = sessions.get(sessionId);
      String failure = null;
      String refused = faults.takeRecoveryRefusal();
      if (refused != null) {
        failure = refused;
      } else if (old == null || expired(old, now)) {
        failure = "WSG-1005";
      } else if (!old.oauthSession.equals(oauthSession)) {
        failure = "WSG-1003";
      } else if (old.subscription == null) {
        failure = "WSG-1005";
      }
      if (failure == null) {
        recover(conn, old);
        return conn;
      }
      failedRecoveries++;
      if (old != null && (refused != null || old.oauthSession.equals(oauthSession))) {
        forget(old);
      }
      Session fresh = newSession(oauthSession);
      attach(conn, fresh);
      sendConnectionDetails(conn, RecoveryState.FAILED, failure);
      return conn;
    }
    Session fresh = newSession(oauthSession);
    attach(conn, fresh);
    sendConnectionDetails(conn, null, null);
    return conn;
  }

  private void recover(Conn conn, Session session) {
    recoveries++;
    if (session.connection != null && session.connection != conn) {
      Conn previous = session.connection;
      previous.session = null;
      closeChannel(previous, 1000, "replaced by a recovered connection");
    }
    attach(conn, session);
    sendConnectionDetails(conn, RecoveryState.SUCCESSFUL, null);
    // The missed notifications follow in separate writes a moment later, as from the real gateway:
    // the official JavaScript SDK attaches its notification listener to a new socket only after it
    // has handled ConnectionDetails, so frames in the same TCP segment would be lost to it. Until
    // then live notifications are only buffered, which keeps them in order behind the replay.
    conn.replaying = true;
    conn.channel.eventLoop().schedule(() -> {
      synchronized (office) {
        conn.replaying = false;
        if (!conn.closed && conn.session == session) {
          for (Buffered b : session.buffer) {
            if (b.sequence > session.lastDelivered) {
              write(conn, b.frame, b.sequence);
            }
          }
        }
      }
      flush();
    }, REPLAY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void attach(Conn conn, Session session) {
    conn.session = session;
    session.connection = conn;
    session.disconnectedAt = null;
  }

  private Session newSession(String oauthSession) {
    Session s = new Session("gw" + (++sessionCounter) + "-" + ids.secureUuid(), oauthSession);
    sessions.put(s.id, s);
    return s;
  }

  private void forget(Session s) {
    sessions.remove(s.id);
    if (s.connection != null) {
      s.connection.session = null;
    }
  }

  private boolean expired(Session s, Instant now) {
    return s.connection == null && s.disconnectedAt != null
        && !now.isBefore(s.disconnectedAt.plus(options.recoveryTimeout()));
  }

  private static String parseWsc(String wsc) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(wsc), StandardCharsets.UTF_8);
      return decoded.startsWith("wsc:gw") ? decoded.substring(4) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The channel closed, for whatever reason. */
  void closed(Conn conn) {
    if (conn.closed) {
      return;
    }
    conn.closed = true;
    connections.remove(conn);
    if (conn.timer != null) {
      conn.timer.cancel(false);
    }
    Session s = conn.session;
    if (s != null && s.connection == conn) {
      s.connection = null;
      s.disconnectedAt = clock.instant();
    }
  }

  private void sendConnectionDetails(Conn conn, RecoveryState state, String errorCode) {
    ConnectionDetails details = new ConnectionDetails(clock.instant(), 50, options.recoveryBufferSize(),
        seconds(options.recoveryTimeout()), seconds(options.idleTimeout()), seconds(options.absoluteTimeout()), 10,
        state, errorCode);
    String messageId = Ids.uuid();
    FrameHeader header = FrameHeader.server(FrameType.CONNECTION_DETAILS, messageId, 200,
        Map.of("RCRequestId", messageId), conn.session.nextWsc());
    write(conn, protocol.encodeFrame(header, details), 0);
  }

  private static int seconds(Duration d) {
    return (int) Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private void scheduleTimeouts(Conn conn) {
    long shortest = Math.min(Math.min(options.idleTimeout().toMillis(), options.absoluteTimeout().toMillis()),
        Math.min(options.pingInterval().toMillis(), options.pongTimeout().toMillis()));
    long tick = Math.max(50, Math.min(1000, shortest / 4));
    conn.timer = conn.channel.eventLoop().scheduleAtFixedRate(() -> checkTimeouts(conn), tick, tick, TimeUnit.MILLISECONDS);
  }

  private void checkTimeouts(Conn conn) {
    synchronized (office) {
      if (!conn.closed) {
        Instant now = clock.instant();
        if (!now.isBefore(conn.openedAt.plus(options.absoluteTimeout()))) {
          sendErrorAndClose(conn, "WSG-903", "Absolute timeout expired", 400);
        } else if (!now.isBefore(conn.lastClientFrame.plus(options.idleTimeout()))) {
          sendErrorAndClose(conn, "WSG-902", "Idle timeout expired", 400);
        } else if (!conn.stalled) {
          ping(conn, now);
        }
      }
    }
    flush();
  }

  /** Pings every {@code pingInterval}; a ping unanswered for {@code pongTimeout} means a dead peer. */
  private void ping(Conn conn, Instant now) {
    if (conn.pongOutstanding && !now.isBefore(conn.lastPingSent.plus(options.pongTimeout()))) {
      log.info("closing a WebSocket connection that did not answer a ping (session stays recoverable)");
      abort(conn);
    } else if (!conn.pongOutstanding && !now.isBefore(conn.lastPingSent.plus(options.pingInterval()))) {
      conn.lastPingSent = now;
      conn.pongOutstanding = true;
      post(conn, new Ping());
    }
  }

  /** A pong arrived: the peer is alive (it is not traffic for the idle timeout). */
  void pong(Conn conn) {
    if (!conn.stalled) {
      conn.pongOutstanding = false;
    }
  }

  /** Forgets gateway sessions whose recovery window has passed. */
  void sweep() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
  }

  // ---------------------------------------------------------------- client frames

  void receive(Conn conn, byte[] text) {
    if (conn.closed || conn.stalled || conn.session == null) {
      return;
    }
    conn.lastClientFrame = clock.instant();
    Frame frame;
    try {
      frame = protocol.decodeFrame(text);
    } catch (DecodeException e) {
      String id = Ids.uuid();
      write(conn, protocol.encodeFrame(FrameHeader.server(FrameType.ERROR, id, 400, Map.of(), null),
          ErrorBody.of("CMN-101", "Frame is not a valid gateway message: " + e.reason())), 0);
      return;
    }
    if (frame.type() == FrameType.HEARTBEAT) {
      write(conn, protocol.encodeFrame(FrameHeader.heartbeat(frame.header().messageId())), 0);
    } else if (frame.type() == FrameType.CLIENT_REQUEST) {
      clientRequest(conn, frame);
    }
  }

  private void clientRequest(Conn conn, Frame frame) {
    FrameHeader h = frame.header();
    String path = h.path() == null ? "" : h.path().split("\\?", 2)[0];
    String method = h.method() == null ? "" : h.method().toUpperCase(java.util.Locale.ROOT);
    Matcher m = SUBSCRIPTION_PATH.matcher(path);
    Session s = conn.session;
    if (!m.matches()) {
      reply(conn, h, 404, ErrorBody.of("CMN-102", "Resource for parameter [path] is not found"), null);
      return;
    }
    String id = m.group(1);
    boolean renew = m.group(2) != null;
    if (id.isEmpty()) {
      if (!method.equals("POST")) {
        reply(conn, h, 405, ErrorBody.of("CMN-405", "Method not allowed"), null);
        return;
      }
      String failure = faults.takeSubscriptionFailure();
      if (failure != null) {
        reply(conn, h, subscriptionErrorStatus(failure), ErrorBody.of(failure, subscriptionErrorMessage(failure)), null);
        return;
      }
      SubscriptionRequest request = requestBody(conn, h, frame);
      if (request == null || refusedTelephony(conn, h, request)) {
        return;
      }
      Subscription sub = new Subscription(ids.secureUuid().toString(), clock.instant());
      if (!applyFilters(sub, request)) {
        reply(conn, h, 400, ErrorBody.of("SUB-508", "Event filters are invalid"), null);
        return;
      }
      s.subscription = sub; // one subscription per socket: a second POST replaces the first
      if (faults.takeSubscriptionWithoutId()) {
        SubscriptionResponse full = describe(sub);
        reply(conn, h, 200, new SubscriptionResponse(null, null, full.status(), full.creationTime(),
            full.expirationTime(), full.expiresIn(), full.eventFilters(), full.deliveryMode()), null);
        return;
      }
      reply(conn, h, 200, describe(sub), sub.id);
      return;
    }
    if (s.subscription == null || !s.subscription.id.equals(id)) {
      reply(conn, h, 404, ErrorBody.of("SUB-507", "Subscription [" + id + "] is not found"), null);
      return;
    }
    Subscription sub = s.subscription;
    switch (method) {
      case "GET" -> reply(conn, h, 200, describe(sub), sub.id);
      case "POST" -> {
        if (renew) {
          reply(conn, h, 200, describe(sub), sub.id);
        } else {
          reply(conn, h, 405, ErrorBody.of("CMN-405", "Method not allowed"), null);
        }
      }
      case "PUT" -> {
        SubscriptionRequest request = requestBody(conn, h, frame);
        if (request == null || refusedTelephony(conn, h, request)) {
          return;
        }
        Subscription updated = new Subscription(sub.id, sub.created);
        if (!applyFilters(updated, request)) {
          reply(conn, h, 400, ErrorBody.of("SUB-508", "Event filters are invalid"), null);
          return;
        }
        s.subscription = updated;
        subscriptionsUpdated++;
        reply(conn, h, 200, describe(updated), updated.id);
      }
      case "DELETE" -> {
        s.subscription = null;
        subscriptionsDeleted++;
        reply(conn, h, 204, null, sub.id);
      }
      default -> reply(conn, h, 405, ErrorBody.of("CMN-405", "Method not allowed"), null);
    }
  }

  private SubscriptionRequest requestBody(Conn conn, FrameHeader h, Frame frame) {
    if (!frame.hasBody()) {
      reply(conn, h, 400, ErrorBody.of("SUB-508", "Event filters are required"), null);
      return null;
    }
    try {
      return protocol.decodeSubscriptionRequest(frame.body());
    } catch (DecodeException e) {
      reply(conn, h, 400, ErrorBody.of("CMN-101", "Request body is invalid"), null);
      return null;
    }
  }

  private static int subscriptionErrorStatus(String code) {
    return switch (code) {
      case "SUB-507" -> 404;
      case "SUB-508" -> 400;
      case "CMN-301" -> 429;
      default -> code.startsWith("SUB-5") && !code.equals("SUB-505") ? 503 : 403;
    };
  }

  private static String subscriptionErrorMessage(String code) {
    return switch (code) {
      case "SUB-402", "SUB-403", "SUB-406" -> "In order to call this API endpoint, user needs to have [ReadPresenceStatus] permission";
      case "SUB-505" -> "The limit of subscriptions per application and user is exceeded";
      case "CMN-301" -> "Request rate exceeded";
      default -> "Subscription service is unavailable";
    };
  }

  /**
   * Refuses a subscription request with a telephony-session filter the application or user may not have,
   * as a whole (RingCentral's documents do not say how it answers a request of which only some filters are
   * not permitted; refusing all keeps a client from believing it got what it asked for).
   *
   * @return whether the request was refused (the 403 is sent)
   */
  private boolean refusedTelephony(Conn conn, FrameHeader h, SubscriptionRequest request) {
    ProtocolBody refusal = telephonyRefusal(request.eventFilters());
    if (refusal == null) {
      return false;
    }
    reply(conn, h, 403, refusal, null);
    return true;
  }

  /** The 403 body for filters the options do not permit, or null when they are all permitted. */
  ProtocolBody telephonyRefusal(List<String> filters) {
    boolean telephony = false;
    boolean accountLevel = false;
    for (String f : filters) {
      telephony |= EventFilters.isTelephonySessions(f, options.accountId());
      accountLevel |= EventFilters.isAccountTelephonySessions(f, options.accountId());
    }
    if (telephony && !options.callControl()) {
      return noCallControl();
    }
    if (accountLevel && !options.accountTelephonySessions()) {
      return ErrorBody.of("CMN-402", "Administrator permission required");
    }
    return null;
  }

  /** RingCentral's answer to an application without the {@code CallControl} permission. */
  static RawJson noCallControl() {
    return new RawJson(TelephonySessionJson.insufficientPermissions("CMN-401",
        "In order to call this API endpoint, application needs to have [CallControl] permission", "CallControl"));
  }

  /** @return false if no filter is left */
  private boolean applyFilters(Subscription sub, SubscriptionRequest request) {
    sub.disabled = faults.disabled(request.eventFilters());
    List<String> served = new ArrayList<>(request.eventFilters());
    sub.disabled.forEach(d -> served.remove(d.filter()));
    sub.filters = EventFilters.resolve(served, options.accountId(), office.owner().id,
        ext -> office.extension(ext) != null || office.directory().stream().anyMatch(r -> r.id().equals(ext)),
        queue -> office.queue(queue) != null);
    return sub.filters != null;
  }

  private SubscriptionResponse describe(Subscription sub) {
    return new SubscriptionResponse(sub.id, "/restapi/v1.0/subscription/" + sub.id, "Active", sub.created,
        clock.instant().plusSeconds(86399), 86399L, sub.filters.events(), new DeliveryMode(DeliveryMode.WEB_SOCKET, false),
        sub.disabled);
  }

  private void reply(Conn conn, FrameHeader request, int status, ProtocolBody body, String subscriptionId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("RCRequestId", Ids.uuid());
    if (subscriptionId != null) {
      headers.put(FrameHeader.SUBSCRIPTION_ID_HEADER, subscriptionId);
    }
    FrameHeader header = FrameHeader.reply(request.messageId(), status, headers, conn.session.nextWsc());
    write(conn, protocol.encodeFrame(header, body), 0);
  }

  // ---------------------------------------------------------------- notifications

  /**
   * Routes one office notification to every session subscribed to its extension: into its recovery
   * buffer and its connection's outbox (sent at the next {@link #flush()}).
   */
  void route(SimNotification n) {
    for (Session s : sessions.values()) {
      Subscription sub = s.subscription;
      if (sub == null || expired(s, clock.instant())) {
        continue;
      }
      EventFilters.Match match = sub.filters.match(n.extensionId());
      if (match == null) {
        continue;
      }
      deliver(s, n.uuid(), new Notification(n.uuid(), match.event(), n.timestamp(), sub.id, office.owner().id,
          HttpApi.shape(n.body(), match.detailed(), match.sip())));
    }
  }

  /**
   * Whether some subscription, connected or within its recovery window, has a telephony-session filter:
   * only then does the office record telephony-session changes.
   */
  boolean wantsSessions() {
    Instant now = clock.instant();
    for (Session s : sessions.values()) {
      if (s.subscription != null && s.subscription.filters.wantsSessions() && !expired(s, now)) {
        return true;
      }
    }
    return false;
  }

  /** Routes one telephony-session change to every session whose filters cover its party. */
  void route(SessionChange change) {
    String partyExtension = change.party().extensionId();
    for (Session s : sessions.values()) {
      Subscription sub = s.subscription;
      if (sub == null || expired(s, clock.instant())) {
        continue;
      }
      EventFilters.SessionsMatch match = sub.filters.sessionsMatch(partyExtension);
      if (match == null) {
        continue;
      }
      deliver(s, change.uuid(), TelephonySessionJson.notification(match.event(), sub.id, office.owner().id,
          change.eventTime(), change, match.sip()));
    }
  }

  /** Routes one change of the directory to every session subscribed to the account's extension list. */
  void route(DirectoryChange change) {
    for (Session s : sessions.values()) {
      Subscription sub = s.subscription;
      if (sub == null || expired(s, clock.instant())) {
        continue;
      }
      String event = sub.filters.extensionListEvent();
      if (event == null) {
        continue;
      }
      deliver(s, change.uuid(), protocol.encode(new ExtensionListEvent(change.uuid(), event, change.timestamp(), sub.id,
          office.owner().id, change.extensionId(), change.type(), change.hints())));
    }
  }

  /** Routes one change of call-queue member presence to every session subscribed to that queue's presence. */
  void route(QueuePresenceChange change) {
    for (Session s : sessions.values()) {
      Subscription sub = s.subscription;
      if (sub == null || expired(s, clock.instant())) {
        continue;
      }
      String event = sub.filters.queuePresenceEvent(change.queueId());
      if (event == null) {
        continue;
      }
      deliver(s, change.uuid(), io.presencestream.codec.CallQueueJson.presenceNotification(change.uuid(), event,
          change.timestamp(), sub.id, office.owner().id, change.records()));
    }
  }

  /** Sends a notification envelope as the session's next frame, buffered for recovery. */
  private void deliver(Session s, String uuid, Notification envelope) {
    deliver(s, uuid, presenceCodec.encodeNotification(envelope));
  }

  private void deliver(Session s, String uuid, byte[] envelope) {
    Wsc wsc = s.nextWsc();
    FrameHeader header = FrameHeader.server(FrameType.SERVER_NOTIFICATION, uuid, 200, Map.of("RCRequestId", uuid), wsc);
    byte[] frame = protocol.encodeFrame(header, new RawJson(envelope));
    s.buffer.addLast(new Buffered(wsc.sequence(), frame));
    while (s.buffer.size() > options.recoveryBufferSize()) {
      s.buffer.removeFirst();
    }
    notificationsSent++;
    if (s.connection != null && !s.connection.replaying) {
      write(s.connection, frame, wsc.sequence());
    }
  }

  // ---------------------------------------------------------------- faults

  int dropConnections() {
    List<Conn> all = List.copyOf(connections);
    all.forEach(this::abort);
    return all.size();
  }

  int stallConnections() {
    connections.forEach(c -> c.stalled = true);
    return connections.size();
  }

  int disconnectWith(String errorCode, String message) {
    List<Conn> all = List.copyOf(connections);
    all.forEach(c -> sendErrorAndClose(c, errorCode, message, 400));
    return all.size();
  }

  int sendRaw(byte[] frame) {
    int n = 0;
    for (Conn c : connections) {
      if (!c.stalled && c.session != null) {
        write(c, frame, 0);
        n++;
      }
    }
    return n;
  }

  /** A well-formed notification carrying a subscription id that is not the receiver's. */
  int sendForeign(SimNotification n) {
    int count = 0;
    for (Conn c : List.copyOf(connections)) {
      if (c.session == null || c.session.subscription == null || c.stalled) {
        continue;
      }
      Notification envelope = new Notification(n.uuid(), "/restapi/v1.0/account/" + options.accountId() + "/extension/"
          + n.extensionId() + "/presence?detailedTelephonyState=true&sipData=true", n.timestamp(),
          Ids.uuid(), office.owner().id, n.body());
      FrameHeader header = FrameHeader.server(FrameType.SERVER_NOTIFICATION, n.uuid(), 200, Map.of(), c.session.nextWsc());
      write(c, protocol.encodeFrame(header, new RawJson(presenceCodec.encodeNotification(envelope))), 0);
      count++;
    }
    return count;
  }

  private void sendErrorAndClose(Conn conn, String errorCode, String message, int status) {
    String id = Ids.uuid();
    write(conn, protocol.encodeFrame(FrameHeader.server(FrameType.ERROR, id, status, Map.of(), null),
        ErrorBody.of(errorCode, message)), 0);
    closeChannel(conn, 1000, errorCode);
  }

  private void closeChannel(Conn conn, int code, String reason) {
    if (conn.closed) {
      return;
    }
    post(conn, new CloseWith(code, reason));
    closed(conn);
  }

  /** Closes the TCP connection without a close frame, after what its outbox already holds. */
  private void abort(Conn conn) {
    if (conn.closed) {
      return;
    }
    post(conn, new Abort());
    closed(conn);
  }

  // ---------------------------------------------------------------- writing

  private void write(Conn conn, byte[] frame, long sequence) {
    if (conn.closed || conn.stalled) {
      return;
    }
    if (conn.pending >= options.outboundQueueLimit()) {
      slowClientsClosed++;
      log.info("closing a WebSocket connection that fell {} frames behind (session stays recoverable)", conn.pending);
      abort(conn);
      return;
    }
    conn.pending++;
    post(conn, new Send(frame, sequence, conn.session));
  }

  private void post(Conn conn, Out out) {
    conn.outbox.offer(out);
    toFlush.offer(conn);
  }

  /**
   * Hands every connection that got work under the lock to its event loop. Call it after releasing
   * the simulator's lock (calling it under the lock is harmless but runs Netty's code there); until it
   * is called the work waits in the outboxes.
   */
  void flush() {
    Conn conn;
    while ((conn = toFlush.poll()) != null) {
      if (!conn.draining.compareAndSet(false, true)) {
        continue; // a drain is pending: it will see this work, it reads the outbox after its flag
      }
      Conn c = conn;
      if (c.channel.eventLoop().inEventLoop()) {
        drain(c);
      } else {
        c.channel.eventLoop().execute(() -> drain(c));
      }
    }
  }

  /** Carries out a connection's outbox, on its event loop only, so the order of the outbox is the wire's. */
  private void drain(Conn conn) {
    do {
      conn.draining.set(false);
      Out out;
      while ((out = conn.outbox.poll()) != null) {
        carryOut(conn, out);
      }
    } while (!conn.outbox.isEmpty() && conn.draining.compareAndSet(false, true));
  }

  private void carryOut(Conn conn, Out out) {
    Channel channel = conn.channel;
    if (out instanceof Send send) {
      WebSocketFrame frame = new TextWebSocketFrame(Unpooled.wrappedBuffer(send.frame()));
      channel.writeAndFlush(frame).addListener(f -> {
        synchronized (office) {
          conn.pending--;
          Session session = send.session();
          if (f.isSuccess() && session != null && send.sequence() > session.lastDelivered) {
            session.lastDelivered = send.sequence();
          }
        }
      });
    } else if (out instanceof Ping) {
      channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(PING_PAYLOAD)));
    } else if (out instanceof CloseWith close) {
      channel.writeAndFlush(new CloseWebSocketFrame(close.code(), close.reason())).addListener(f -> channel.close());
    } else {
      channel.close();
    }
  }

  // ---------------------------------------------------------------- stats

  int connectionCount() {
    return connections.size();
  }

  int sessionCount() {
    return sessions.size();
  }

  long notificationsSent() {
    return notificationsSent;
  }

  long recoveries() {
    return recoveries;
  }

  long failedRecoveries() {
    return failedRecoveries;
  }

  long subscriptionsUpdated() {
    return subscriptionsUpdated;
  }

  long subscriptionsDeleted() {
    return subscriptionsDeleted;
  }

  long slowClientsClosed() {
    return slowClientsClosed;
  }

  int subscribedConnections() {
    return (int) connections.stream().filter(c -> c.session != null && c.session.subscription != null).count();
  }

  /** The event filters of every connected session's subscription, as kept (real ids). */
  List<List<String>> subscribedFilters() {
    List<List<String>> all = new ArrayList<>();
    for (Conn c : connections) {
      if (c.session != null && c.session.subscription != null) {
        all.add(c.session.subscription.filters.events());
      }
    }
    return all;
  }
}
