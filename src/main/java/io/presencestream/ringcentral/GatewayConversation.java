package io.presencestream.ringcentral;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.NotificationDecoder;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.CallQueueCodec;
import io.presencestream.codec.CallQueuePresenceEvent;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.ProtocolBody;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.SubscriptionResponse;
import io.presencestream.codec.protocol.Wsc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one subscription says to the WebSocket gateway, over as many connections as it takes: frames
 * and events in, {@link Action}s out. No socket, no timer, no clock: the time comes in with each
 * event and timers are asked for with {@link StartTimer}, so a conversation can be scripted frame by
 * frame (as r2dbc-postgresql's {@code StartupMessageFlow} is) and {@link SubscriptionChannel}, the
 * I/O shell, only carries out the actions.
 *
 * <ol>
 *   <li>{@link #onConnecting}: recover with the session's {@code wsc} while its recovery window lasts;
 *   <li>send nothing before {@code ConnectionDetails}; then, unless the session was recovered,
 *       subscribe to its {@link GatewayFilter}s, and ask for the extensions whose presence they cover to
 *       be read over REST ({@link Snapshot});
 *   <li>a subscription refused for its telephony-session filters is told to the owner ({@link FeedRefused}),
 *       who plans the filters anew; filters the server disabled are told too ({@link FiltersDisabled});
 *   <li>keep the newest {@code wsc}; after a recovery check that the replay misses nothing;
 *   <li>a heartbeat after a quiet period ({@link #onIdle}), the connection given up when unanswered;
 *   <li>on cancel, remove a live subscription ({@code DELETE}) before the socket is closed.
 * </ol>
 *
 * <p>Not thread-safe: its owner feeds it one event at a time.
 */
final class GatewayConversation {

  private static final Logger log = LoggerFactory.getLogger(GatewayConversation.class);
  /** Stateless and thread-safe; a frame's size is bounded before its body gets here. */
  private static final CallQueueCodec QUEUES = CallQueueCodec.create();
  static final String SUBSCRIPTION_PATH = "/restapi/v1.0/subscription";
  static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(180);
  static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

  /** Why a set of extensions must be read over REST. */
  enum SnapshotReason {
    INITIAL,
    RECOVERY,
    EXTENSIONS_CHANGED
  }

  /** What the shell must do, in the order given. */
  sealed interface Action
      permits Send, Snapshot, Notify, Connected, Fail, InvalidateWsToken, StartTimer, Stop, FeedRefused,
          FiltersDisabled, DirectoryChanged, QueuePresenceChanged {}

  /** Send this text frame on the connection. */
  record Send(String text) implements Action {}

  /** A subscription now covers the presence of {@code extensionIds}: read their state over REST. */
  record Snapshot(Set<String> extensionIds, SnapshotReason reason) implements Action {}

  /** Deliver a notification of this subscription: presence or a telephony session, with its arrival time. */
  record Notify(EngineInput input) implements Action {}

  /**
   * The server refused the subscription request for its telephony-session filters; the conversation waits
   * for new filters ({@link #onFiltersChanged}) unless it already has some without the refused kind.
   *
   * @param accountLevel whether the refused request had the account-level filter
   * @param error the refusal, as classified
   */
  record FeedRefused(boolean accountLevel, RingCentralException error) implements Action {}

  /** The server accepted the subscription but does not deliver these filters. */
  record FiltersDisabled(List<DisabledFilter> filters) implements Action {}

  /** An extension of the account was created, changed or deleted (the Extension List filter). */
  record DirectoryChanged(ExtensionListEvent event) implements Action {}

  /** Members of a call queue switched it on or off (the Call Queue Member Presence filter). */
  record QueuePresenceChanged(CallQueuePresenceEvent event) implements Action {}

  /** The connection is up and subscribed: tell the owner, and restart the reconnect backoff. */
  record Connected() implements Action {}

  /** Give this connection up; the shell decides whether to connect again. */
  record Fail(RingCentralException error) implements Action {}

  /** The gateway refused the ws token: the next connection needs a fresh one. */
  record InvalidateWsToken() implements Action {}

  /** Call {@link #onTimer} with {@code timer} after {@code delay}, unless this connection closes first. */
  record StartTimer(RequestTimeout timer, Duration delay) implements Action {}

  /** Cancelled, and the subscription is removed (or could not be): close for good. */
  record Stop() implements Action {}

  /** The request {@code messageId} has waited long enough for its reply. */
  record RequestTimeout(String messageId) {}

  /** A request waiting for its reply. */
  private sealed interface Pending permits Subscribe, Update, Unsubscribe {}

  private record Subscribe(Set<GatewayFilter> filters, SnapshotReason reason) implements Pending {}

  private record Update(Set<GatewayFilter> filters, Set<GatewayFilter> before) implements Pending {}

  private record Unsubscribe() implements Pending {}

  private final int index;
  private final ProtocolCodec protocol;
  private final NotificationDecoder decoder;
  private final ClientMetrics metrics;
  private final Redactor redactor;
  private final Duration requestTimeout;
  private final Duration heartbeatDeadline;
  private final Supplier<String> messageIds;

  private Set<GatewayFilter> filters;
  /** A request was refused for its telephony filters: the next filters, whatever they are, are subscribed. */
  private SnapshotReason awaitingFilters;

  // The session: lives across connections.
  private Wsc wsc;
  private Instant droppedAt;
  private Duration recoveryTimeout = DEFAULT_RECOVERY_TIMEOUT;
  private String subscriptionId;
  private Set<GatewayFilter> subscribedFilters = Set.of();
  private boolean everConnected;
  /** The highest {@code wsc} sequence seen when the last connection ended; -1 if none. */
  private long sequenceAtDrop = -1;

  // The current connection.
  private boolean recoveryAttempt;
  private boolean detailsReceived;
  private boolean subscribed;
  private boolean counted;
  /** After a recovery: the replay must continue right after {@link #sequenceAtDrop}, else it overflowed. */
  private boolean checkReplay;
  private final Map<String, Pending> pending = new HashMap<>();

  /**
   * @param filters what to subscribe, in order: an unmodifiable set its giver no longer changes (the channel's
   *     own copy, kept as is — a second copy per connection cost ≈ 50 B per extension at 100,000)
   * @param heartbeatDeadline how long a connection may stay silent, heartbeat included, before it is
   *     taken for dead (only said in the error)
   * @param messageIds a fresh message id per request and heartbeat
   */
  GatewayConversation(
      int index,
      Set<GatewayFilter> filters,
      ProtocolCodec protocol,
      NotificationDecoder decoder,
      ClientMetrics metrics,
      Redactor redactor,
      Duration requestTimeout,
      Duration heartbeatDeadline,
      Supplier<String> messageIds) {
    this.index = index;
    this.filters = Objects.requireNonNull(filters, "filters");
    this.protocol = protocol;
    this.decoder = decoder;
    this.metrics = metrics;
    this.redactor = redactor;
    this.requestTimeout = requestTimeout;
    this.heartbeatDeadline = heartbeatDeadline;
    this.messageIds = messageIds;
  }

  /**
   * A new connection is about to be made at {@code now}.
   *
   * @return the session context to recover with ({@code wsc} on the upgrade), or null for a new session
   */
  Wsc onConnecting(Instant now) {
    pending.clear();
    awaitingFilters = null;
    detailsReceived = false;
    subscribed = false;
    counted = false;
    checkReplay = false;
    Wsc context = wsc;
    boolean recover = context != null && droppedAt != null && now.isBefore(droppedAt.plus(recoveryTimeout));
    if (context != null && !recover) {
      metrics.recoveriesExpired.increment();
      log.info(
          "connection {}: recovery window passed (dropped at {}, window {}); subscribing again",
          index, droppedAt, recoveryTimeout);
      wsc = null;
    }
    recoveryAttempt = recover;
    return recover ? context : null;
  }

  /** A text frame arrived at {@code now}. */
  List<Action> onFrame(String text, Instant now) {
    List<Action> actions = new ArrayList<>(2);
    Frame frame;
    try {
      frame = protocol.decodeFrame(text);
    } catch (DecodeException e) {
      metrics.garbageFrames.increment();
      metrics.decodeError(e.reason());
      log.debug("connection {}: skipping a frame that is not a gateway frame: {}", index, e.getMessage());
      return actions;
    }
    metrics.frame(frame.type());
    switch (frame.type()) {
      case CONNECTION_DETAILS -> onConnectionDetails(frame, actions);
      case SERVER_NOTIFICATION -> {
        if (checkReplay) {
          checkReplay(frame.header().wsc(), actions);
        }
        keepNewest(frame.header().wsc());
        onNotification(frame, now, actions);
      }
      case CLIENT_REQUEST -> {
        keepNewest(frame.header().wsc());
        onReply(frame, actions);
      }
      case ERROR -> {
        keepNewest(frame.header().wsc());
        onError(frame, actions);
      }
      default -> keepNewest(frame.header().wsc());
    }
    return actions;
  }

  /** No data frame for a quiet period: a heartbeat, once the gateway may be spoken to. */
  List<Action> onIdle() {
    if (!detailsReceived) {
      return List.of();
    }
    metrics.heartbeatsSent.increment();
    return List.of(new Send(protocol.encodeFrameText(FrameHeader.heartbeat(messageIds.get()), null)));
  }

  /** Nothing arrived after the heartbeat either. */
  List<Action> onHeartbeatUnanswered() {
    metrics.heartbeatTimeouts.increment();
    return List.of(new Fail(new TransientRingCentralException(
        "no frame within " + heartbeatDeadline.toMillis() + " ms, heartbeat unanswered: connection taken for dead")));
  }

  /** A timer asked for with {@link StartTimer} ran out. */
  List<Action> onTimer(RequestTimeout timer) {
    Pending request = pending.remove(timer.messageId());
    if (request == null) {
      return List.of();
    }
    if (request instanceof Subscribe) {
      return List.of(new Fail(noAnswer("subscribe")));
    }
    if (request instanceof Update) {
      return List.of(new Fail(noAnswer("subscription update")));
    }
    log.info("connection {}: unsubscribe: {}", index, noAnswer("unsubscribe").getMessage());
    return List.of(new Stop());
  }

  /**
   * The filters to subscribe changed; a live subscription is updated in place ({@code PUT}), one refused
   * for its telephony filters is requested again with these (an unmodifiable set, kept as is).
   */
  List<Action> onFiltersChanged(Set<GatewayFilter> next) {
    filters = Objects.requireNonNull(next, "next");
    List<Action> actions = new ArrayList<>(2);
    SnapshotReason waiting = awaitingFilters;
    awaitingFilters = null;
    if (waiting != null && detailsReceived && !subscribed && !pending.containsValue(new Unsubscribe())) {
      subscribe(waiting, actions);
    } else {
      updateSubscription(actions);
    }
    return actions;
  }

  /**
   * Stop for good: a live subscription is first removed ({@code DELETE}) so that it does not count
   * against the user's subscription limit until the session expires; {@link Stop} follows its reply,
   * its timeout or the end of the connection.
   */
  List<Action> onCancel() {
    if (!subscribed || subscriptionId == null) {
      return List.of(new Stop());
    }
    List<Action> actions = new ArrayList<>(2);
    request("DELETE", SUBSCRIPTION_PATH + "/" + subscriptionId, null, new Unsubscribe(), actions, min(UNSUBSCRIBE_TIMEOUT, requestTimeout));
    return actions;
  }

  /** The connection ended at {@code now}. */
  List<Action> onClosed(Instant now) {
    boolean unsubscribing = pending.containsValue(new Unsubscribe());
    pending.clear();
    subscribed = false;
    if (counted) {
      counted = false;
      metrics.connected.decrementAndGet();
    }
    if (detailsReceived) {
      droppedAt = now;
      sequenceAtDrop = wsc == null ? -1 : wsc.sequence();
    }
    if (unsubscribing) {
      log.info("connection {}: unsubscribe: connection closed", index);
      return List.of(new Stop());
    }
    return List.of();
  }

  Set<GatewayFilter> filters() {
    return filters;
  }

  /**
   * The first notification replayed after a recovery should follow the last frame seen before the
   * drop; a jump means the server's recovery buffer overflowed and notifications were lost, so the
   * subscription's extensions are read again over REST.
   */
  private void checkReplay(Wsc first, List<Action> actions) {
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
      actions.add(new Snapshot(GatewayFilter.presenceIds(subscribedFilters), SnapshotReason.RECOVERY));
    }
  }

  private void keepNewest(Wsc candidate) {
    if (candidate == null) {
      return;
    }
    if (wsc == null || candidate.sequence() >= wsc.sequence()) {
      wsc = candidate;
    }
  }

  private void onConnectionDetails(Frame frame, List<Action> actions) {
    if (detailsReceived) {
      keepNewest(frame.header().wsc());
      return;
    }
    ConnectionDetails details = null;
    if (frame.body() != null) {
      try {
        details = protocol.decodeConnectionDetails(frame.body());
      } catch (DecodeException e) {
        metrics.decodeError(e.reason());
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
        metrics.recoveriesSuccessful.increment();
        log.info("connection {}: session recovered", index);
        checkReplay = true;
        subscribed = true;
        connected(actions);
        if (!subscribedFilters.equals(filters)) {
          updateSubscription(actions);
        }
        return;
      }
      metrics.recoveriesFailed.increment();
      log.info(
          "connection {}: session recovery failed ({}); subscribing again and resynchronising",
          index,
          details == null
              ? "no details"
              : details.recoveryErrorCode() != null ? details.recoveryErrorCode() : "no subscription to resume");
    }
    wsc = frame.header().wsc();
    subscriptionId = null;
    subscribe(everConnected || !subscribedFilters.isEmpty() ? SnapshotReason.RECOVERY : SnapshotReason.INITIAL, actions);
  }

  private void subscribe(SnapshotReason reason, List<Action> actions) {
    awaitingFilters = null;
    Set<GatewayFilter> next = filters;
    request("POST", SUBSCRIPTION_PATH, SubscriptionRequest.webSocket(paths(next)), new Subscribe(next, reason), actions,
        requestTimeout);
  }

  private void updateSubscription(List<Action> actions) {
    if (!subscribed || subscriptionId == null) {
      return;
    }
    Set<GatewayFilter> next = filters;
    request(
        "PUT",
        SUBSCRIPTION_PATH + "/" + subscriptionId,
        SubscriptionRequest.webSocket(paths(next)),
        new Update(next, subscribedFilters),
        actions,
        requestTimeout);
  }

  private void request(String method, String path, ProtocolBody body, Pending request, List<Action> actions, Duration timeout) {
    String messageId = messageIds.get();
    pending.put(messageId, request);
    actions.add(new Send(protocol.encodeFrameText(FrameHeader.clientRequest(messageId, method, path), body)));
    actions.add(new StartTimer(new RequestTimeout(messageId), timeout));
  }

  private void onReply(Frame frame, List<Action> actions) {
    Pending request = frame.header().messageId() == null ? null : pending.remove(frame.header().messageId());
    if (request != null) {
      onReply(request, frame, actions);
    }
  }

  private void onReply(Pending request, Frame reply, List<Action> actions) {
    if (request instanceof Subscribe s) {
      onSubscribed(s, reply, actions);
    } else if (request instanceof Update u) {
      onUpdated(u, reply, actions);
    } else {
      onUnsubscribed(reply, actions);
    }
  }

  private void onSubscribed(Subscribe request, Frame reply, List<Action> actions) {
    RingCentralException error = replyError(reply, "subscribe", actions);
    if (error != null) {
      if (refusedForTelephony(request.filters(), error, request.reason(), actions)) {
        return;
      }
      actions.add(new Fail(error));
      return;
    }
    SubscriptionResponse response = response(reply);
    String id = subscriptionIdOf(reply, response);
    if (id == null) {
      // Without its id every notification would be ignored: connected, and deaf.
      actions.add(new Fail(new TransientRingCentralException(
          "subscribe answered " + reply.header().status() + " without a subscription id")));
      return;
    }
    subscriptionId = id;
    subscribedFilters = request.filters();
    subscribed = true;
    disabled(response, actions);
    // The read is registered first, so the state goes straight to RESYNCING.
    actions.add(new Snapshot(GatewayFilter.presenceIds(request.filters()), request.reason()));
    connected(actions);
    if (!request.filters().equals(filters)) {
      updateSubscription(actions);
    }
  }

  private void onUpdated(Update request, Frame reply, List<Action> actions) {
    Integer status = reply.header().status();
    if (status != null && status == 404) {
      // The server forgot it: a fresh subscription (and read) replaces it.
      subscribe(SnapshotReason.RECOVERY, actions);
      return;
    }
    RingCentralException error = replyError(reply, "subscription update", actions);
    if (error != null) {
      // A refused update leaves the subscription as it was: it goes on delivering the filters it had.
      if (refusedForTelephony(request.filters(), error, null, actions)) {
        return;
      }
      actions.add(new Fail(error));
      return;
    }
    SubscriptionResponse response = response(reply);
    String id = subscriptionIdOf(reply, response);
    if (id != null) {
      subscriptionId = id;
    }
    subscribedFilters = request.filters();
    disabled(response, actions);
    Set<String> added = GatewayFilter.presenceIds(request.filters());
    added.removeAll(GatewayFilter.presenceIds(request.before()));
    if (!added.isEmpty()) {
      actions.add(new Snapshot(added, SnapshotReason.EXTENSIONS_CHANGED));
    }
  }

  /**
   * Whether {@code error} refuses the request for its telephony-session filters: a 403 to a request that
   * has some, unless it is one of presence's own refusals (watching presence not allowed, the subscription
   * limit). Then the owner is told and decides what is subscribed instead; this conversation asks again at
   * once only if its filters have already changed to none of the refused kind.
   *
   * @param reason the snapshot reason of a refused subscribe, null for a refused update
   */
  private boolean refusedForTelephony(
      Set<GatewayFilter> requested, RingCentralException error, SnapshotReason reason, List<Action> actions) {
    if (error.httpStatus() != 403 || !GatewayFilter.anyTelephony(requested)
        || ErrorClassifier.isPresenceRefusal(error)) {
      return false;
    }
    boolean accountLevel = requested.contains(GatewayFilter.ACCOUNT_TELEPHONY);
    actions.add(new FeedRefused(accountLevel, error));
    boolean stillAsking = accountLevel ? filters.contains(GatewayFilter.ACCOUNT_TELEPHONY) : GatewayFilter.anyTelephony(filters);
    if (stillAsking) {
      if (reason != null) {
        awaitingFilters = reason;
      }
    } else if (reason != null) {
      subscribe(reason, actions);
    } else {
      updateSubscription(actions);
    }
    return true;
  }

  /** Filters the server disabled, told to the owner (who reports each once). */
  private static void disabled(SubscriptionResponse response, List<Action> actions) {
    if (response != null && !response.disabledFilters().isEmpty()) {
      actions.add(new FiltersDisabled(response.disabledFilters()));
    }
  }

  private void onUnsubscribed(Frame reply, List<Action> actions) {
    RingCentralException error = replyError(reply, "unsubscribe", actions);
    if (error != null && error.httpStatus() != 404) {
      log.info("connection {}: {}", index, error.getMessage());
    }
    actions.add(new Stop());
  }

  private void connected(List<Action> actions) {
    everConnected = true;
    if (!counted) {
      counted = true;
      metrics.connected.incrementAndGet();
    }
    actions.add(new Connected());
  }

  private void onNotification(Frame frame, Instant now, List<Action> actions) {
    String current = subscriptionId;
    if (frame.body() == null || !detailsReceived || current == null) {
      metrics.notificationsIgnored.increment();
      return;
    }
    EngineInput input;
    try {
      input = decoder.decode(frame.body(), now);
    } catch (DecodeException e) {
      if (e.reason() == DecodeException.Reason.NOT_PRESENCE && GatewayFilter.anyQueuePresence(filters)
          && onQueuePresenceNotification(frame, current, actions)) {
        return;
      }
      if (e.reason() == DecodeException.Reason.NOT_PRESENCE && filters.contains(GatewayFilter.EXTENSION_LIST)) {
        // Rare next to presence: tried only once the feeds' decoder has said it is none of theirs.
        onDirectoryNotification(frame, current, actions);
        return;
      }
      metrics.decodeError(e.reason());
      log.debug("connection {}: skipping an undecodable notification: {}", index, e.getMessage());
      return;
    }
    String of = input instanceof EngineInput.NotificationReceived n
        ? n.notification().subscriptionId()
        : ((EngineInput.TelephonySessionReceived) input).notification().subscriptionId();
    if (of != null && !current.equals(of)) {
      metrics.notificationsIgnored.increment();
      return;
    }
    actions.add(new Notify(input));
  }

  /**
   * A call-queue member presence notification, tried once the feeds' decoder said the frame is none of theirs.
   *
   * @return false when it is not one either (another filter's event), so the next decoder may try
   */
  private boolean onQueuePresenceNotification(Frame frame, String current, List<Action> actions) {
    CallQueuePresenceEvent event;
    try {
      event = QUEUES.decodePresenceNotification(frame.body());
    } catch (DecodeException e) {
      if (e.reason() == DecodeException.Reason.NOT_PRESENCE) {
        return false;
      }
      metrics.decodeError(e.reason());
      log.debug("connection {}: skipping an undecodable call-queue presence notification: {}", index, e.getMessage());
      return true;
    }
    if (event.subscriptionId() != null && !current.equals(event.subscriptionId())) {
      metrics.notificationsIgnored.increment();
      return true;
    }
    actions.add(new QueuePresenceChanged(event));
    return true;
  }

  private void onDirectoryNotification(Frame frame, String current, List<Action> actions) {
    ExtensionListEvent event;
    try {
      event = protocol.decodeExtensionListEvent(frame.body());
    } catch (DecodeException e) {
      metrics.decodeError(e.reason());
      log.debug("connection {}: skipping an undecodable notification: {}", index, e.getMessage());
      return;
    }
    if (event.subscriptionId() != null && !current.equals(event.subscriptionId())) {
      metrics.notificationsIgnored.increment();
      return;
    }
    actions.add(new DirectoryChanged(event));
  }

  private void onError(Frame frame, List<Action> actions) {
    String code = null;
    String message = null;
    if (frame.body() != null) {
      try {
        ErrorBody body = protocol.decodeError(frame.body());
        code = body.errorCode();
        message = redactor.redact(body.message());
      } catch (DecodeException e) {
        metrics.decodeError(e.reason());
      }
    }
    Pending request = frame.header().messageId() == null ? null : pending.remove(frame.header().messageId());
    if (request != null) {
      onReply(request, frame, actions);
      return;
    }
    int status = frame.header().status() == null ? 0 : frame.header().status();
    if ("WSG-400".equals(code)) {
      // Malformed session context: forget it, the next connection starts a new session.
      wsc = null;
      droppedAt = null;
    }
    String text = "gateway error " + (code == null ? "" : code) + (message == null ? "" : ": " + message);
    actions.add(new Fail(new TransientRingCentralException(text.trim(), status, code, null)));
  }

  private static String subscriptionIdOf(Frame reply, SubscriptionResponse response) {
    String id = reply.header().header(FrameHeader.SUBSCRIPTION_ID_HEADER);
    return id == null && response != null ? response.id() : id;
  }

  /** The subscription the reply describes, or null without a readable body. */
  private SubscriptionResponse response(Frame reply) {
    if (reply.body() == null) {
      return null;
    }
    try {
      return protocol.decodeSubscriptionResponse(reply.body());
    } catch (DecodeException e) {
      metrics.decodeError(e.reason());
      return null;
    }
  }

  /** The typed error of a non-2xx reply, or null. */
  private RingCentralException replyError(Frame reply, String what, List<Action> actions) {
    Integer status = reply.header().status();
    if (reply.type() == FrameType.CLIENT_REQUEST && status != null && status >= 200 && status < 300) {
      return null;
    }
    String code = null;
    String message = null;
    if (reply.body() != null) {
      try {
        ErrorBody body = protocol.decodeError(reply.body());
        code = body.errorCode();
        message = redactor.redact(body.message());
      } catch (DecodeException e) {
        metrics.decodeError(e.reason());
      }
    }
    int s = status == null ? 0 : status;
    if (s == 401) {
      actions.add(new InvalidateWsToken());
    }
    return ErrorClassifier.classify(
        ErrorClassifier.Origin.SUBSCRIPTION,
        what,
        s,
        code,
        message,
        ErrorClassifier.retryAfter(reply.header().header("Retry-After")));
  }

  private RingCentralException noAnswer(String what) {
    return new TransientRingCentralException(what + " got no answer within " + requestTimeout.toMillis() + " ms");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static List<String> paths(Set<GatewayFilter> filters) {
    List<String> paths = new ArrayList<>(filters.size());
    for (GatewayFilter f : filters) {
      paths.add(f.path());
    }
    return paths;
  }
}
