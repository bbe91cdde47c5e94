package io.presencestream.ringcentral;

import io.presencestream.internal.SerialDrain;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.codec.CallQueuePresenceEvent;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.model.EngineInput;
import io.presencestream.codec.protocol.Wsc;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
 * The I/O shell of one {@link GatewayConversation}: one WebSocket connection at a time to the gateway
 * carrying one subscription (RingCentral allows one per socket), kept alive for as long as the source
 * runs. It gets a ws token (cached), connects (with the {@code wsc} the conversation offers), feeds the
 * conversation frames, quiet periods ({@link KeepAlive}) and timer expiries, and carries out the actions
 * it answers with. On any drop it reconnects with exponential backoff and jitter ({@link Reconnect},
 * attempts reset once subscribed); it stops only on a permanent error.
 *
 * <p>Every input reaches the conversation through one {@link SerialDrain}, from whichever thread it
 * comes (event loop, timer, an owner changing the extensions), in order and without a lock; the
 * actions run in the same drain, so a listener that calls back into this channel is simply queued.
 */
final class SubscriptionChannel implements Disposable {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionChannel.class);

  /** What the channel tells its owner. */
  interface Listener {
    /** A subscription now covers {@code extensionIds}: read their state over REST. */
    void subscribed(SubscriptionChannel channel, Set<String> extensionIds, GatewayConversation.SnapshotReason reason);

    /** A notification of this channel's subscription, presence or telephony session. */
    void input(EngineInput input);

    /** The subscription was refused for its telephony-session filters: plan the filters anew. */
    void feedRefused(SubscriptionChannel channel, boolean accountLevel, RingCentralException error);

    /** The subscription is up, but the server does not deliver these filters. */
    void filtersDisabled(SubscriptionChannel channel, List<DisabledFilter> filters);

    /** An extension of the account was created, changed or deleted (the extension list filter). */
    void directoryChanged(SubscriptionChannel channel, ExtensionListEvent event);

    /** Members of a call queue switched it on or off (the call-queue member presence filter). */
    default void queuePresenceChanged(SubscriptionChannel channel, CallQueuePresenceEvent event) {}

    void status(SubscriptionChannel channel, ConnectionStateTracker.ChannelStatus status, RingCentralException cause);

    /** The channel gave up for good. */
    void stopped(SubscriptionChannel channel, RingCentralException error);
  }

  private final SourceContext ctx;
  private final int index;
  private final Listener listener;
  private final Reconnect reconnect;
  private final GatewayConversation conversation;
  private final SerialDrain<Runnable> inputs = new SerialDrain<>(Runnable::run);
  private volatile Set<GatewayFilter> filters;
  // Drain-confined: the connection the conversation is speaking on, or null between connections.
  private Session live;
  private volatile boolean everConnected;
  private volatile boolean disposed;
  private volatile Disposable loop;

  SubscriptionChannel(SourceContext ctx, int index, Set<GatewayFilter> filters, Listener listener) {
    this.ctx = ctx;
    this.index = index;
    this.filters = OrderedSet.copyOf(filters);
    this.listener = listener;
    this.reconnect = new Reconnect(ctx.backoff(), ctx.timer());
    RingCentralOptions options = ctx.options();
    this.conversation =
        new GatewayConversation(
            index,
            this.filters,
            ctx.protocol(),
            ctx.decoder(),
            ctx.metrics(),
            ctx.redactor(),
            options.requestTimeout(),
            options.heartbeatInterval().plus(options.heartbeatTimeout()),
            SubscriptionChannel::messageId);
  }

  /** The filters this channel subscribes (or will, once connected), in order. */
  Set<GatewayFilter> filters() {
    return filters;
  }

  int index() {
    return index;
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
                      if (n == 0) {
                        log.info("connection {} lost ({}); reconnecting in {} ms", index, failure.getMessage(), delay.toMillis());
                      } else {
                        log.info(
                            "connection {} lost ({}); reconnecting in {} ms (attempt {})",
                            index, failure.getMessage(), delay.toMillis(), n);
                      }
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

  /**
   * Changes the filters of this subscription; a live one is updated in place (PUT), one refused for its
   * telephony filters is requested again with these.
   */
  void updateFilters(Set<GatewayFilter> next) {
    Set<GatewayFilter> copy = OrderedSet.copyOf(next);
    filters = copy;
    inputs.offer(() -> run(live, conversation.onFiltersChanged(copy)));
  }

  private Mono<Void> connectOnce() {
    return ctx.wsTokens()
        .get()
        .flatMap(
            ws -> {
              Session session = new Session();
              Instant now = ctx.clock().instant();
              return Mono.<Optional<Wsc>>create(
                      sink -> inputs.offer(() -> sink.success(Optional.ofNullable(conversation.onConnecting(now)))))
                  .flatMap(recovery -> connect(ws, recovery.orElse(null), session));
            });
  }

  private Mono<Void> connect(WsTokenResponse ws, Wsc recovery, Session session) {
    // The secrets go on the request line only as it leaves (SecretQuery), never into the URI
    // that Reactor Netty is given: it logs that one at DEBUG.
    String secretQuery =
        "access_token=" + encode(ws.wsAccessToken()) + (recovery != null ? "&wsc=" + encode(recovery.token()) : "");
    ctx.metrics().connectionAttempts.increment();
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

  /**
   * Stops for good. A live subscription is first removed on the server ({@code DELETE} over the
   * socket, waited for at most {@link GatewayConversation#UNSUBSCRIBE_TIMEOUT}) so it does not count
   * against the user's subscription limit until the session expires; then the socket is closed. Does
   * not block.
   */
  @Override
  public void dispose() {
    disposed = true;
    if (loop == null) {
      return;
    }
    inputs.offer(() -> run(live, live == null ? List.of(new GatewayConversation.Stop()) : conversation.onCancel()));
  }

  @Override
  public boolean isDisposed() {
    return disposed;
  }

  /** Carries out the conversation's actions; in the drain. {@code session} null: between connections. */
  private void run(Session session, List<GatewayConversation.Action> actions) {
    for (GatewayConversation.Action action : actions) {
      if (action instanceof GatewayConversation.Send send) {
        if (session != null) {
          session.send(send.text());
        }
      } else if (action instanceof GatewayConversation.Snapshot snapshot) {
        listener.subscribed(this, snapshot.extensionIds(), snapshot.reason());
      } else if (action instanceof GatewayConversation.Notify notify) {
        listener.input(notify.input());
      } else if (action instanceof GatewayConversation.FeedRefused refused) {
        listener.feedRefused(this, refused.accountLevel(), refused.error());
      } else if (action instanceof GatewayConversation.FiltersDisabled disabled) {
        listener.filtersDisabled(this, disabled.filters());
      } else if (action instanceof GatewayConversation.DirectoryChanged changed) {
        listener.directoryChanged(this, changed.event());
      } else if (action instanceof GatewayConversation.QueuePresenceChanged changed) {
        listener.queuePresenceChanged(this, changed.event());
      } else if (action instanceof GatewayConversation.Connected) {
        reconnect.reset();
        everConnected = true;
        listener.status(this, ConnectionStateTracker.ChannelStatus.CONNECTED, null);
      } else if (action instanceof GatewayConversation.Fail fail) {
        if (session != null) {
          session.fail(fail.error());
        }
      } else if (action instanceof GatewayConversation.InvalidateWsToken) {
        ctx.wsTokens().invalidate();
      } else if (action instanceof GatewayConversation.StartTimer start) {
        if (session != null) {
          session.startTimer(start);
        }
      } else if (action instanceof GatewayConversation.Stop) {
        Disposable l = loop;
        if (l != null) {
          l.dispose();
        }
      }
    }
  }

  /** One WebSocket connection. */
  private final class Session {
    /** Sent into from the drain, whichever thread runs it: multi-producer, no lock. */
    private final Sinks.Many<String> outbound = MultiProducerSinks.unicast(1024);
    private final Sinks.One<Void> fatal = Sinks.one();
    private final Disposable.Composite timers = Disposables.composite();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Drain-confined: the conversation has been told this connection closed. */
    private boolean closed;

    Publisher<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
      inputs.offer(() -> live = this);
      in.withConnection(
          c -> c.addHandlerLast(
              KeepAlive.NAME,
              new KeepAlive(
                  ctx.options().heartbeatInterval(),
                  ctx.options().heartbeatTimeout(),
                  () -> input(conversation::onIdle),
                  () -> input(conversation::onHeartbeatUnanswered))));
      Mono<Void> receive =
          in.aggregateFrames(ctx.options().maxFramePayloadLength())
              .receive()
              .asString(StandardCharsets.UTF_8)
              .doOnNext(text -> {
                Instant now = ctx.clock().instant();
                input(() -> conversation.onFrame(text, now));
              })
              .then();
      Mono<Void> send =
          out.sendString(outbound.asFlux()).then().then(Mono.never());
      return Mono.firstWithSignal(fatal.asMono(), receive, send);
    }

    /** Feeds the conversation an event of this connection, unless it has closed meanwhile. */
    private void input(Supplier<List<GatewayConversation.Action>> event) {
      inputs.offer(() -> {
        if (!closed) {
          run(this, event.get());
        }
      });
    }

    RingCentralException closedReason() {
      return new TransientRingCentralException("the server closed the connection");
    }

    void end() {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      timers.dispose();
      Instant now = ctx.clock().instant();
      inputs.offer(() -> {
        closed = true;
        if (live == this) {
          live = null;
        }
        run(null, conversation.onClosed(now));
      });
    }

    void fail(RingCentralException e) {
      fatal.tryEmitError(e);
    }

    void send(String text) {
      Sinks.EmitResult result = outbound.tryEmitNext(text);
      if (result.isFailure()) {
        fail(new TransientRingCentralException("cannot send on the connection (" + result + ")"));
      }
    }

    void startTimer(GatewayConversation.StartTimer start) {
      timers.add(
          ctx.timer()
              .schedule(
                  () -> input(() -> conversation.onTimer(start.timer())),
                  start.delay().toMillis(),
                  TimeUnit.MILLISECONDS));
    }
  }
}
