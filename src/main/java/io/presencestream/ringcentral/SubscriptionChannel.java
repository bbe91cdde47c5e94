package io.presencestream.ringcentral;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.presencestream.codec.DecodeException;
import io.presencestream.model.Notification;
import io.presencestream.ringcentral.protocol.ConnectionDetails;
import io.presencestream.ringcentral.protocol.ErrorBody;
import io.presencestream.ringcentral.protocol.Frame;
import io.presencestream.ringcentral.protocol.FrameHeader;
import io.presencestream.ringcentral.protocol.ProtocolBody;
import io.presencestream.ringcentral.protocol.SubscriptionRequest;
import io.presencestream.ringcentral.protocol.SubscriptionResponse;
import io.presencestream.ringcentral.protocol.Wsc;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One WebSocket connection to the gateway carrying one subscription (RingCentral allows one per
 * socket) for a set of extensions, kept alive for as long as the source runs:
 *
 * <ol>
 *   <li>get a ws token (cached), connect with {@code access_token}, plus {@code wsc} while a session
 *       recovery is possible;
 *   <li>send nothing before {@code ConnectionDetails}; then, unless the session was recovered,
 *       subscribe and have the extensions read over REST ({@link Listener#subscribed});
 *   <li>send a {@code Heartbeat} after a quiet period and give the connection up when nothing answers;
 *   <li>on any drop reconnect with exponential backoff and jitter (attempts reset once subscribed);
 *       stop only on a permanent error.
 * </ol>
 *
 * <p>Session state ({@code wsc}, subscription id) changes only on the current connection's event loop
 * or between connections; the extension set may change from any thread.
 */
final class SubscriptionChannel implements Disposable {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionChannel.class);
  private static final String SUBSCRIPTION_PATH = "/restapi/v1.0/subscription";
  private static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

  /** Why a set of extensions must be read over REST. */
  enum SnapshotReason {
    INITIAL,
    RECOVERY,
    EXTENSIONS_CHANGED
  }

  /** What the channel tells its owner. */
  interface Listener {
    /** A subscription now covers {@code extensionIds}: read their state over REST. */
    void subscribed(SubscriptionChannel channel, Set<String> extensionIds, SnapshotReason reason);

    void notification(Notification notification, Instant receivedAt);

    void status(SubscriptionChannel channel, ConnectionStateTracker.ChannelStatus status, RingCentralException cause);

    /** The channel gave up for good. */
    void stopped(SubscriptionChannel channel, RingCentralException error);
  }

  private final SourceContext ctx;
  private final int index;
  private final Listener listener;
  private final Reconnect reconnect;
  private volatile Set<String> extensionIds;

  // Session state: between connections, or on the live connection's event loop.
  private volatile Wsc wsc;
  private volatile Instant droppedAt;
  private volatile Duration recoveryTimeout = DEFAULT_RECOVERY_TIMEOUT;
  private volatile String subscriptionId;
  private volatile Set<String> subscribedIds = Set.of();
  private volatile boolean everConnected;
  private volatile Session live;
  /** The highest {@code wsc} sequence seen when the last connection ended; -1 if none. */
  private volatile long sequenceAtDrop = -1;
  private volatile boolean disposed;
  private volatile Disposable loop;

  SubscriptionChannel(SourceContext ctx, int index, Set<String> extensionIds, Listener listener) {
    this.ctx = ctx;
    this.index = index;
    this.extensionIds = Set.copyOf(new LinkedHashSet<>(extensionIds));
    this.listener = listener;
    this.reconnect = new Reconnect(ctx.backoff(), ctx.timer());
  }

  Set<String> extensionIds() {
    return extensionIds;
  }

  void start() {
    loop =
        Mono.defer(this::connectOnce)
            .retryWhen(
                reconnect.retry(
                    () -> disposed,
                    (failure, n, delay) -> {
                      ctx.metrics().error(failure);
                      ctx.metrics().reconnects.increment();
                      log.info(
                          "connection {} lost ({}); reconnecting in {} ms (attempt {})",
                          index, failure.getMessage(), delay.toMillis(), n);
                      listener.status(
                          this,
                          everConnected ? ConnectionStateTracker.ChannelStatus.RECOVERING : ConnectionStateTracker.ChannelStatus.CONNECTING,
                          failure);
                    }))
            .subscribe(
                v -> {},
                e -> {
                  if (!disposed) {
                    RingCentralException error =
                        e instanceof RingCentralException r
                            ? r
                            : new TransientRingCentralException(ctx.redactor().redact(String.valueOf(e)));
                    ctx.metrics().error(error);
                    log.error("connection {} stopped: {}", index, error.getMessage());
                    listener.stopped(this, error);
                  }
                });
  }

  /** Changes the extensions of this subscription; a live one is updated in place (PUT). */
  void updateExtensions(Set<String> ids) {
    extensionIds = Set.copyOf(ids);
    Session s = live;
    if (s != null) {
      s.updateSubscription();
    }
  }

  private Mono<Void> connectOnce() {
    return ctx.wsTokens()
        .get()
        .flatMap(
            ws -> {
              Instant now = ctx.clock().instant();
              Wsc context = wsc;
              boolean recover =
                  context != null && droppedAt != null && now.isBefore(droppedAt.plus(recoveryTimeout));
              if (context != null && !recover) {
                ctx.metrics().recoveriesExpired.increment();
                log.info(
                    "connection {}: recovery window passed (dropped at {}, window {}); subscribing again",
                    index, droppedAt, recoveryTimeout);
                wsc = null;
              }
              // The secrets go on the request line only as it leaves (SecretQuery), never into the URI
              // that Reactor Netty is given: it logs that one at DEBUG.
              String secretQuery =
                  "access_token=" + encode(ws.wsAccessToken()) + (recover ? "&wsc=" + encode(context.token()) : "");
              ctx.metrics().connectionAttempts.increment();
              Session session = new Session(recover);
              return ctx.wsClient()
                  .doOnChannelInit((observer, channel, address) ->
                      channel.pipeline().addLast(SecretQuery.NAME, new SecretQuery(secretQuery)))
                  .websocket(
                      WebsocketClientSpec.builder()
                          .maxFramePayloadLength(ctx.options().maxFramePayloadLength())
                          .handlePing(false)
                          .build())
                  .uri(ws.uri())
                  .handle(session::handle)
                  .then(Mono.<Void>error(session::closedReason))
                  .onErrorMap(e -> !(e instanceof RingCentralException), this::transportError)
                  // Before the error reaches the retry: the next attempt must see when this one dropped.
                  .doOnTerminate(session::end)
                  .doFinally(signal -> session.end());
            });
  }

  private RingCentralException transportError(Throwable e) {
    if (e instanceof WebSocketClientHandshakeException h && h.response() != null) {
      int status = h.response().status().code();
      if (status == 401 || status == 403) {
        ctx.wsTokens().invalidate();
      }
      return new TransientRingCentralException(
          "WebSocket upgrade refused with status " + status, status, null, null);
    }
    return new TransientRingCentralException(
        "WebSocket connection failed: " + ctx.redactor().redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * A message id in UUID form. Not {@code UUID.randomUUID()}: that reads {@code SecureRandom}, which
   * may block, on an event loop; correlation ids need no secrecy.
   */
  static String messageId() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  static List<String> filters(Set<String> ids) {
    List<String> filters = new ArrayList<>(ids.size());
    for (String id : ids) {
      filters.add("/restapi/v1.0/account/~/extension/" + id + "/presence?" + PresenceFetcher.PRESENCE_QUERY);
    }
    return filters;
  }

  /**
   * Stops for good. A live subscription is first removed on the server ({@code DELETE} over the
   * socket, waited for at most {@link #UNSUBSCRIBE_TIMEOUT}) so it does not count against the user's
   * subscription limit until the session expires; then the socket is closed. Does not block.
   */
  @Override
  public void dispose() {
    disposed = true;
    Disposable l = loop;
    if (l == null) {
      return;
    }
    Session s = live;
    String id = subscriptionId;
    if (s == null || id == null || !s.subscribed) {
      l.dispose();
      return;
    }
    s.unsubscribe(id).doFinally(signal -> l.dispose()).subscribe();
  }

  @Override
  public boolean isDisposed() {
    return disposed;
  }

  /** One WebSocket connection. */
  private final class Session {
    private final boolean recoveryAttempt;
    /** Sent into from the event loop, the heartbeat timer and request callers at once: multi-producer, no lock. */
    private final Sinks.Many<String> outbound = MultiProducerSinks.unicast(1024);
    private final Sinks.One<Void> fatal = Sinks.one();
    private final Map<String, Sinks.One<Frame>> pending = new ConcurrentHashMap<>();
    private final Disposable.Composite tasks = Disposables.composite();
    private volatile boolean detailsReceived;
    private volatile boolean subscribed;
    private volatile boolean counted;
    /** After a recovery: the replay must continue right after {@link #sequenceAtDrop}, else it overflowed. */
    private volatile boolean checkReplay;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

    Session(boolean recoveryAttempt) {
      this.recoveryAttempt = recoveryAttempt;
    }

    Publisher<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
      live = this;
      in.withConnection(
          c -> c.addHandlerLast(
              KeepAlive.NAME,
              new KeepAlive(
                  ctx.options().heartbeatInterval(),
                  ctx.options().heartbeatTimeout(),
                  this::sendHeartbeat,
                  () -> fail(dead()))));
      Mono<Void> receive =
          in.aggregateFrames(ctx.options().maxFramePayloadLength())
              .receive()
              .asString(StandardCharsets.UTF_8)
              .doOnNext(this::onFrame)
              .then();
      Mono<Void> send =
          out.sendString(outbound.asFlux()).then().then(Mono.never());
      return Mono.firstWithSignal(fatal.asMono(), receive, send);
    }

    RingCentralException closedReason() {
      return new TransientRingCentralException("the server closed the connection");
    }

    private RingCentralException dead() {
      ctx.metrics().heartbeatTimeouts.increment();
      return new TransientRingCentralException(
          "no frame within "
              + (ctx.options().heartbeatInterval().plus(ctx.options().heartbeatTimeout()).toMillis())
              + " ms, heartbeat unanswered: connection taken for dead");
    }

    void end() {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      tasks.dispose();
      pending.values().forEach(p -> p.tryEmitError(new TransientRingCentralException("connection closed")));
      pending.clear();
      if (live == this) {
        live = null;
      }
      if (counted) {
        counted = false;
        ctx.metrics().connected.decrementAndGet();
      }
      if (detailsReceived) {
        droppedAt = ctx.clock().instant();
        Wsc last = wsc;
        sequenceAtDrop = last == null ? -1 : last.sequence();
      }
    }

    private void fail(RingCentralException e) {
      fatal.tryEmitError(e);
    }

    private void send(String text) {
      Sinks.EmitResult result = outbound.tryEmitNext(text);
      if (result.isFailure()) {
        fail(new TransientRingCentralException("cannot send on the connection (" + result + ")"));
      }
    }

    private void sendHeartbeat() {
      if (!detailsReceived) {
        return;
      }
      ctx.metrics().heartbeatsSent.increment();
      send(ctx.protocol().encodeFrameText(FrameHeader.heartbeat(messageId()), null));
    }

    private Mono<Frame> request(String method, String path, ProtocolBody body) {
      return Mono.defer(
          () -> {
            String messageId = messageId();
            Sinks.One<Frame> reply = Sinks.one();
            pending.put(messageId, reply);
            send(ctx.protocol().encodeFrameText(FrameHeader.clientRequest(messageId, method, path), body));
            return reply
                .asMono()
                .timeout(ctx.options().requestTimeout(), ctx.timer())
                .doFinally(s -> pending.remove(messageId));
          });
    }

    private void onFrame(String text) {
      Frame frame;
      try {
        frame = ctx.protocol().decodeFrame(text);
      } catch (DecodeException e) {
        ctx.metrics().garbageFrames.increment();
        ctx.metrics().decodeError(e.reason());
        log.debug("connection {}: skipping a frame that is not a gateway frame: {}", index, e.getMessage());
        return;
      }
      ctx.metrics().frame(frame.type());
      switch (frame.type()) {
        case CONNECTION_DETAILS -> onConnectionDetails(frame);
        case SERVER_NOTIFICATION -> {
          if (checkReplay) {
            checkReplay(frame.header().wsc());
          }
          keepNewest(frame.header().wsc());
          onNotification(frame);
        }
        case CLIENT_REQUEST -> {
          keepNewest(frame.header().wsc());
          onReply(frame);
        }
        case ERROR -> {
          keepNewest(frame.header().wsc());
          onError(frame);
        }
        default -> keepNewest(frame.header().wsc());
      }
    }

    /**
     * The first notification replayed after a recovery should follow the last frame seen before the
     * drop; a jump means the server's recovery buffer overflowed and notifications were lost, so the
     * subscription's extensions are read again over REST.
     */
    private void checkReplay(Wsc first) {
      if (first == null) {
        return;
      }
      checkReplay = false;
      long expected = sequenceAtDrop + 1;
      if (sequenceAtDrop >= 0 && first.sequence() > expected) {
        log.info(
            "connection {}: the recovery replay starts at {} instead of {}: notifications were lost;"
                + " resynchronising",
            index, first.sequence(), expected);
        listener.subscribed(SubscriptionChannel.this, subscribedIds, SnapshotReason.RECOVERY);
      }
    }

    private void keepNewest(Wsc candidate) {
      if (candidate == null) {
        return;
      }
      Wsc current = wsc;
      if (current == null || candidate.sequence() >= current.sequence()) {
        wsc = candidate;
      }
    }

    private void onConnectionDetails(Frame frame) {
      if (detailsReceived) {
        keepNewest(frame.header().wsc());
        return;
      }
      ConnectionDetails details = null;
      if (frame.body() != null) {
        try {
          details = ctx.protocol().decodeConnectionDetails(frame.body());
        } catch (DecodeException e) {
          ctx.metrics().decodeError(e.reason());
        }
      }
      detailsReceived = true;
      if (details != null && details.recoveryTimeout() != null && details.recoveryTimeout() > 0) {
        recoveryTimeout = Duration.ofSeconds(details.recoveryTimeout());
      }
      if (recoveryAttempt) {
        // A session recovered before its subscription was confirmed has nothing to resume: subscribe.
        if (details != null && details.recovered() && subscriptionId != null) {
          keepNewest(frame.header().wsc());
          ctx.metrics().recoveriesSuccessful.increment();
          log.info("connection {}: session recovered", index);
          checkReplay = true;
          subscribed = true;
          connected();
          if (!subscribedIds.equals(extensionIds)) {
            updateSubscription();
          }
          return;
        }
        ctx.metrics().recoveriesFailed.increment();
        log.info(
            "connection {}: session recovery failed ({}); subscribing again and resynchronising",
            index,
            details == null
                ? "no details"
                : details.recoveryErrorCode() != null ? details.recoveryErrorCode() : "no subscription to resume");
      }
      wsc = frame.header().wsc();
      subscriptionId = null;
      subscribe(everConnected || !subscribedIds.isEmpty() ? SnapshotReason.RECOVERY : SnapshotReason.INITIAL);
    }

    private void subscribe(SnapshotReason reason) {
      Set<String> ids = extensionIds;
      tasks.add(
          request("POST", SUBSCRIPTION_PATH, SubscriptionRequest.webSocket(filters(ids)))
              .subscribe(
                  reply -> {
                    RingCentralException error = replyError(reply, "subscribe");
                    if (error != null) {
                      fail(error);
                      return;
                    }
                    String id = subscriptionIdOf(reply);
                    if (id == null) {
                      // Without its id every notification would be ignored: connected, and deaf.
                      fail(new TransientRingCentralException(
                          "subscribe answered " + reply.header().status() + " without a subscription id"));
                      return;
                    }
                    subscriptionId = id;
                    subscribedIds = ids;
                    subscribed = true;
                    // The read is registered first, so the state goes straight to RESYNCING.
                    listener.subscribed(SubscriptionChannel.this, ids, reason);
                    connected();
                    if (!ids.equals(extensionIds)) {
                      updateSubscription();
                    }
                  },
                  e -> fail(asRingCentral(e, "subscribe"))));
    }

    void updateSubscription() {
      if (!subscribed || subscriptionId == null) {
        return;
      }
      Set<String> ids = extensionIds;
      Set<String> before = subscribedIds;
      tasks.add(
          request("PUT", SUBSCRIPTION_PATH + "/" + subscriptionId, SubscriptionRequest.webSocket(filters(ids)))
              .subscribe(
                  reply -> {
                    Integer status = reply.header().status();
                    if (status != null && status == 404) {
                      // The server forgot it: a fresh subscription (and read) replaces it.
                      subscribe(SnapshotReason.RECOVERY);
                      return;
                    }
                    RingCentralException error = replyError(reply, "subscription update");
                    if (error != null) {
                      fail(error);
                      return;
                    }
                    String id = subscriptionIdOf(reply);
                    if (id != null) {
                      subscriptionId = id;
                    }
                    subscribedIds = ids;
                    Set<String> added = new LinkedHashSet<>(ids);
                    added.removeAll(before);
                    if (!added.isEmpty()) {
                      listener.subscribed(SubscriptionChannel.this, added, SnapshotReason.EXTENSIONS_CHANGED);
                    }
                  },
                  e -> fail(asRingCentral(e, "subscription update"))));
    }

    /** Removes the subscription on the server; completes when answered, failed or timed out. */
    Mono<Void> unsubscribe(String id) {
      return request("DELETE", SUBSCRIPTION_PATH + "/" + id, null)
          .timeout(UNSUBSCRIBE_TIMEOUT, ctx.timer())
          .doOnNext(
              reply -> {
                RingCentralException error = replyError(reply, "unsubscribe");
                if (error != null && error.httpStatus() != 404) {
                  log.info("connection {}: {}", index, error.getMessage());
                }
              })
          .doOnError(e -> log.info("connection {}: unsubscribe: {}", index, asRingCentral(e, "unsubscribe").getMessage()))
          .onErrorResume(e -> Mono.empty())
          .then();
    }

    private RingCentralException asRingCentral(Throwable e, String what) {
      if (e instanceof RingCentralException r) {
        return r;
      }
      if (e instanceof java.util.concurrent.TimeoutException) {
        return new TransientRingCentralException(
            what + " got no answer within " + ctx.options().requestTimeout().toMillis() + " ms");
      }
      return new TransientRingCentralException(what + " failed: " + ctx.redactor().redact(String.valueOf(e)));
    }

    private String subscriptionIdOf(Frame reply) {
      String id = reply.header().header(FrameHeader.SUBSCRIPTION_ID_HEADER);
      if (id == null && reply.body() != null) {
        try {
          SubscriptionResponse response = ctx.protocol().decodeSubscriptionResponse(reply.body());
          id = response.id();
        } catch (DecodeException e) {
          ctx.metrics().decodeError(e.reason());
        }
      }
      return id;
    }

    /** The typed error of a non-2xx reply, or null. */
    private RingCentralException replyError(Frame reply, String what) {
      Integer status = reply.header().status();
      if (reply.type() == io.presencestream.ringcentral.protocol.FrameType.CLIENT_REQUEST
          && status != null
          && status >= 200
          && status < 300) {
        return null;
      }
      String code = null;
      String message = null;
      if (reply.body() != null) {
        try {
          ErrorBody body = ctx.protocol().decodeError(reply.body());
          code = body.errorCode();
          message = ctx.redactor().redact(body.message());
        } catch (DecodeException e) {
          ctx.metrics().decodeError(e.reason());
        }
      }
      int s = status == null ? 0 : status;
      if (s == 401) {
        ctx.wsTokens().invalidate();
      }
      return ErrorClassifier.classify(
          ErrorClassifier.Origin.SUBSCRIPTION,
          what,
          s,
          code,
          message,
          ErrorClassifier.retryAfter(reply.header().header("Retry-After")));
    }

    private void connected() {
      reconnect.reset();
      everConnected = true;
      if (!counted) {
        counted = true;
        ctx.metrics().connected.incrementAndGet();
      }
      listener.status(SubscriptionChannel.this, ConnectionStateTracker.ChannelStatus.CONNECTED, null);
    }

    private void onNotification(Frame frame) {
      String current = subscriptionId;
      if (frame.body() == null || !detailsReceived || current == null) {
        ctx.metrics().notificationsIgnored.increment();
        return;
      }
      Notification notification;
      try {
        notification = ctx.codec().decodeMessage(frame.body());
      } catch (DecodeException e) {
        ctx.metrics().decodeError(e.reason());
        log.debug("connection {}: skipping an undecodable notification: {}", index, e.getMessage());
        return;
      }
      if (notification.subscriptionId() != null && !current.equals(notification.subscriptionId())) {
        ctx.metrics().notificationsIgnored.increment();
        return;
      }
      listener.notification(notification, ctx.clock().instant());
    }

    private void onReply(Frame frame) {
      Sinks.One<Frame> reply = frame.header().messageId() == null ? null : pending.remove(frame.header().messageId());
      if (reply != null) {
        reply.tryEmitValue(frame);
      }
    }

    private void onError(Frame frame) {
      String code = null;
      String message = null;
      if (frame.body() != null) {
        try {
          ErrorBody body = ctx.protocol().decodeError(frame.body());
          code = body.errorCode();
          message = ctx.redactor().redact(body.message());
        } catch (DecodeException e) {
          ctx.metrics().decodeError(e.reason());
        }
      }
      Sinks.One<Frame> reply = frame.header().messageId() == null ? null : pending.remove(frame.header().messageId());
      if (reply != null) {
        reply.tryEmitValue(frame);
        return;
      }
      int status = frame.header().status() == null ? 0 : frame.header().status();
      if ("WSG-400".equals(code)) {
        // Malformed session context: forget it, the next connection starts a new session.
        wsc = null;
        droppedAt = null;
      }
      String text = "gateway error " + (code == null ? "" : code) + (message == null ? "" : ": " + message);
      fail(new TransientRingCentralException(text.trim(), status, code, null));
    }
  }
}
