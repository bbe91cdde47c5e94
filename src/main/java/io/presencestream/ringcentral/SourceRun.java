package io.presencestream.ringcentral;

import io.presencestream.internal.SerialDrain;

import io.presencestream.codec.CallQueuePresenceEvent;
import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import io.presencestream.codec.protocol.ExtensionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One subscription to {@link RingCentralSource#inputs}: the connections for the selected extensions,
 * the REST reads (initial snapshot, resyncs after failed recoveries, the engine's resync requests, one
 * at a time) and the gate that orders them into one stream. Cancelling the stream disposes it all.
 *
 * <p>Which filters go on which connection is the {@link SubscriptionPlanner}'s; where telephony sessions
 * are subscribed is {@link TelephonyAccess}'s. A subscription refused for its telephony filters comes back
 * here: the run moves telephony down one step (account-level, per extension, none), plans every connection's
 * filters anew within the same budget and updates them in place, so presence is subscribed and flowing
 * whatever RingCentral allows of telephony sessions.
 *
 * <p>With the selection {@code all} the run follows the account: the first subscription also carries the
 * account's extension list filter; its notifications (a user created, changed, deleted) are debounced and
 * batched like resync requests, the batch's extensions are read again over REST (each, or the whole
 * directory when that takes fewer requests), and the watched set changes without a restart: filters are
 * planned anew, added extensions are read over REST by their subscription's update, and removed ones are
 * dropped from the engine ({@link EngineInput.ExtensionRemoved}). A subscription carrying that filter that
 * could not be recovered reads the whole directory again, since its notifications were lost.
 *
 * <p>Telephony sessions have no REST read that could replace notifications lost for good (a failed or
 * overflowed recovery, a full buffer): such a loss is counted ({@code presence.connection.telephony.gaps})
 * and logged, and the engine is not told anything it cannot know. Presence is read again as always.
 */
final class SourceRun implements SubscriptionChannel.Listener {

  private static final Logger log = LoggerFactory.getLogger(SourceRun.class);
  private static final int MAX_HELD = 100_000;
  private static final int MAX_BUFFERED = 100_000;
  private static final int MAX_JOBS = 4096;
  /** RingCentral's limit of subscriptions per user and app (community answers: 20; some say 30): SUB-505 beyond. */
  private static final int SUBSCRIPTIONS_PER_USER = 20;

  /** Tells the REST lane that snapshots wait in {@link #snapshotQueue}. */
  private static final Object SNAPSHOTS = new Object();
  /**
   * How long the first read waits for the subscriptions of the first plan to be confirmed: long enough for a
   * large account's sockets to open together, short enough that one socket that cannot connect does not
   * hold the others' state back for long (it is read on its own once it connects).
   */
  static final Duration INITIAL_GATHER = Duration.ofSeconds(10);
  /** See {@link #settleRecoveries()}. */
  static final Duration RECOVERY_QUIET = Duration.ofMillis(200);
  static final Duration RECOVERY_GATHER = Duration.ofSeconds(2);

  /** Marks a directory batch that must read the whole directory (no extension id has this form). */
  private static final String WHOLE_DIRECTORY = "*";
  /** Records per page of the extension list, as {@link PresenceFetcher#directory} reads it. */
  private static final int DIRECTORY_PAGE = 1000;

  private record FetchJob(Set<String> ids, GatewayConversation.SnapshotReason reason, InputGate.Hold hold) {}

  /** Extensions the extension list said changed: read them again (or the whole directory) and follow. */
  private record DirectoryJob(Set<String> ids) {}

  private final SourceContext ctx;
  private final ConnectionStateTracker states;
  private final Flux<ResyncRequest> engineRequests;
  /**
   * Emitted into from every connection's event loop at once (one job per subscription): a
   * multi-producer sink, so a concurrent emitter is queued, not refused. Bounded; a job refused
   * beyond it becomes a debounced resync of its extensions.
   */
  private final Sinks.Many<Object> jobs = MultiProducerSinks.unicast(MAX_JOBS);
  /**
   * Snapshots asked for by subscriptions (their holds taken), waiting for the REST lane; the lane takes all
   * that wait at once and reads them together, so that subscriptions asking at the same time (a start, a
   * drop of every socket) share one pass over the account presence list. Bounded by {@link #MAX_JOBS}.
   */
  private final ConcurrentLinkedQueue<FetchJob> snapshotQueue =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedSnapshots = new AtomicInteger();
  /** A {@link #SNAPSHOTS} signal is on its way to the lane: one is enough for every job queued meanwhile. */
  private final AtomicBoolean snapshotsSignalled = new AtomicBoolean();
  /**
   * The subscriptions of the first plan not yet subscribed: the first read waits for all of them (or
   * {@link #INITIAL_GATHER}), so that a start reads the account once, not once per subscription.
   */
  private final AtomicInteger initialToSubscribe = new AtomicInteger();
  private final Sinks.Empty<Void> initialSubscribed = Sinks.empty();
  /**
   * Emitted into from connection threads, the REST client's and the overflow path at once; drained
   * at once into the ResyncDebouncer, whose pending set is the bound (drops counted there).
   */
  private final Sinks.Many<ResyncRequest> internalRequests = MultiProducerSinks.unicast();
  /** Extension ids of extension list notifications (or {@link #WHOLE_DIRECTORY}), from connection threads. */
  private final Sinks.Many<String> directoryRequests = MultiProducerSinks.unicast();
  /** Set when a directory request was dropped beyond the bound: the next batch reads the whole directory. */
  private final AtomicBoolean directoryOverflowed = new AtomicBoolean();
  /** How many extensions are watched, for the REST lane's choice of reads (written in the control drain). */
  private volatile int watchedCount;
  /**
   * Watched extensions whose snapshot was not read since they were watched; confined to the control drain.
   * The ones not loaded rather than the loaded ones: once everything is loaded this holds nothing, where a
   * set of the loaded ones held a node per watched extension for the daemon's whole life (42 B each).
   */
  private Set<String> unloaded = new HashSet<>();
  /** Extensions of the first selection not loaded yet (null before it is resolved); control drain. */
  private Set<String> initialPending;
  /** What {@link #progress()} reads: published by the control drain, read by any thread. */
  private volatile LoadProgress progress = LoadProgress.NOTHING;
  /** How many connections the run has, for the REST lane (written in the control drain). */
  private volatile int channelCount;
  private final Disposable.Composite resources = Disposables.composite();
  /**
   * Starting, changing and closing connections, in call order and without a lock: a channel calls
   * back into this run (status, stopped) from its own threads.
   */
  private final SerialDrain<Runnable> control = new SerialDrain<>(Runnable::run);
  // Confined to the control drain.
  private final List<SubscriptionChannel> channels = new ArrayList<>();
  private ExtensionSelection selection;
  private Set<String> watched = Set.of();
  private TelephonyAccess.Mode telephony;
  private int nextIndex;
  private volatile InputGate gate;
  private volatile FluxSink<EngineInput> sink;
  private volatile boolean stopped;
  private final AtomicBoolean stopping = new AtomicBoolean();

  SourceRun(SourceContext ctx, ConnectionStateTracker states, ExtensionSelection selection, Flux<ResyncRequest> engineRequests) {
    this.ctx = ctx;
    this.states = states;
    this.selection = selection;
    this.engineRequests = engineRequests;
    this.telephony = TelephonyAccess.initial(ctx.options(), selection);
  }

  Flux<EngineInput> inputs() {
    return Flux.<EngineInput>create(
            s -> {
              sink = s;
              gate = new InputGate(s, MAX_HELD, ctx.metrics(), this::resyncLater);
              s.onDispose(() -> stop(null));
              start();
            },
            FluxSink.OverflowStrategy.BUFFER)
        .onBackpressureBuffer(MAX_BUFFERED, this::overflowed, BufferOverflowStrategy.DROP_OLDEST);
  }

  private void overflowed(EngineInput dropped) {
    ctx.metrics().notificationsDropped.increment();
    if (dropped instanceof EngineInput.NotificationReceived n) {
      resyncLater(n.notification().extensionId());
    } else if (dropped instanceof EngineInput.SnapshotReceived s) {
      resyncLater(s.presence().extensionId());
    } else if (dropped instanceof EngineInput.TelephonySessionReceived) {
      ctx.metrics().telephonyGapsOverflow.increment();
    }
  }

  private void resyncLater(String extensionId) {
    internalRequests.tryEmitNext(
        new ResyncRequest(extensionId, ResyncReason.MISSED_NOTIFICATIONS, ctx.clock().instant()));
  }

  private void start() {
    states.starting();
    Flux<FetchJob> engineJobs =
        ResyncDebouncer.batches(
                Flux.merge(engineRequests.onErrorResume(e -> Flux.never()), internalRequests.asFlux()),
                ctx.options().resyncDelay(),
                ctx.options().resyncMaxDelay(),
                ctx.options().maxPendingResyncs(),
                ctx.timer(),
                ctx.metrics().resyncRequestsDropped::increment)
            .map(ids -> new FetchJob(ids, null, null));
    Flux<DirectoryJob> directoryJobs =
        ResyncDebouncer.idBatches(
                directoryRequests.asFlux(),
                ctx.options().resyncDelay(),
                ctx.options().resyncMaxDelay(),
                ctx.options().maxPendingResyncs(),
                ctx.timer(),
                () -> directoryOverflowed.set(true))
            .map(DirectoryJob::new);
    resources.add(
        Flux.<Object>merge(jobs.asFlux(), engineJobs, directoryJobs)
            .concatMap(this::execute, 1)
            .subscribe(v -> {}, e -> stop(asRingCentral(e))));
    // At start a transient failure (network not up yet, server errors) is retried for as long as it
    // lasts, as for every other selection; only a permanent one stops the source.
    resources.add(
        resolve(selection, RestClient.Budget.UNLIMITED)
            .subscribe(ids -> control.offer(() -> assign(ids)), e -> stop(asRingCentral(e))));
  }

  /** The extension ids of a selection: {@code ~}, the list, or the account's enabled users. */
  Mono<Set<String>> resolve(ExtensionSelection s, RestClient.Budget budget) {
    if (s instanceof ExtensionSelection.Listed listed) {
      return Mono.just(listed.extensionIds());
    }
    if (s instanceof ExtensionSelection.AllEnabledUsers) {
      return ctx.fetcher()
          .directory(budget)
          .filter(ExtensionRecord::isEnabledUser)
          .map(ExtensionRecord::id)
          .collect(LinkedHashSet::new, Set::add);
    }
    return Mono.just(Set.of(PresenceFetcher.SELF));
  }

  private void assign(Set<String> ids) {
    if (stopped) {
      return;
    }
    if (ids.isEmpty()) {
      log.warn("no extension to watch for selection {}", selection);
    }
    watched = OrderedSet.copyOf(ids);
    watchedCount = watched.size();
    initialPending = new HashSet<>(watched);
    unloaded = new HashSet<>(watched);
    publishProgress();
    ctx.feeds().telephony(telephony, null);
    replan(null);
    if (initialToSubscribe.addAndGet(channels.size()) == 0) {
      initialSubscribed.tryEmitEmpty();
    }
    log.info("watching {} extension(s) over {} connection(s){}", ids.size(), channels.size(), telephonyNote());
  }

  private String telephonyNote() {
    return switch (telephony) {
      case ACCOUNT -> ", with the account's telephony sessions";
      case EXTENSIONS -> ", with their telephony sessions";
      case NONE -> "";
    };
  }

  /**
   * Plans every connection's filters for the watched extensions and applies the plan: updated in place,
   * added, or closed. {@code refused}, a channel whose subscription was refused, is given its filters even
   * if they did not change, so that it asks again.
   */
  private void replan(SubscriptionChannel refused) {
    List<Set<GatewayFilter>> current = new ArrayList<>(channels.size());
    for (SubscriptionChannel channel : channels) {
      current.add(channel.filters());
    }
    List<Set<GatewayFilter>> plan =
        SubscriptionPlanner.plan(current,
            SubscriptionPlanner.filters(watched, telephony, selection instanceof ExtensionSelection.AllEnabledUsers,
                ctx.options().queuePresence() ? ctx.directoryFeed().queueIds() : Set.of()),
            ctx.options().maxFiltersPerSubscription());
    List<SubscriptionChannel> empty = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      SubscriptionChannel channel = channels.get(i);
      Set<GatewayFilter> next = plan.get(i);
      if (next.isEmpty()) {
        empty.add(channel);
      } else if (!next.equals(channel.filters()) || channel == refused) {
        channel.updateFilters(next);
      }
    }
    for (SubscriptionChannel channel : empty) {
      channels.remove(channel);
      channel.dispose();
      states.removeChannel(channel);
    }
    for (int i = current.size(); i < plan.size(); i++) {
      startChannel(plan.get(i));
    }
    channelCount = channels.size();
    if (channels.size() > SUBSCRIPTIONS_PER_USER) {
      log.warn("{} connections, each a subscription: RingCentral allows about {} subscriptions per user and app"
          + " (SUB-505 beyond); raise maxFiltersPerSubscription", channels.size(), SUBSCRIPTIONS_PER_USER);
    }
  }

  private void startChannel(Set<GatewayFilter> filters) {
    SubscriptionChannel channel = new SubscriptionChannel(ctx, nextIndex++, filters, this);
    channels.add(channel);
    states.channel(channel, ConnectionStateTracker.ChannelStatus.CONNECTING, null);
    channel.start();
  }

  /** Applies a new selection without restart: subscriptions are updated, added, or closed. */
  Mono<Void> update(ExtensionSelection next) {
    return Mono.defer(() -> resolve(next, ctx.fetcher().budget()))
        .doOnNext(ids -> control.offer(() -> reassign(next, ids)))
        .then();
  }

  private void reassign(ExtensionSelection next, Set<String> ids) {
    if (stopped) {
      return;
    }
    selection = next;
    changeWatched(ids);
    replan(null);
    log.info("now watching {} extension(s) over {} connection(s)", ids.size(), channels.size());
  }

  /**
   * In the control drain: the watched set becomes {@code next}. Removed extensions are dropped from the
   * engine (and whatever still arrives for them is dropped at the gate); added ones pass the gate again.
   * The caller plans the filters anew.
   *
   * @return whether anything changed
   */
  private boolean changeWatched(Set<String> next) {
    Set<String> added = new LinkedHashSet<>(next);
    added.removeAll(watched);
    Set<String> removed = new LinkedHashSet<>(watched);
    removed.removeAll(next);
    watched = OrderedSet.copyOf(next);
    watchedCount = watched.size();
    unloaded.removeAll(removed);
    unloaded.addAll(added);
    if (initialPending != null) {
      initialPending.removeAll(removed);
    }
    publishProgress();
    InputGate g = gate;
    if (g != null) {
      if (!removed.isEmpty()) {
        g.remove(removed, ctx.clock().instant());
      }
      if (!added.isEmpty()) {
        g.watch(added);
      }
    }
    ctx.metrics().extensionsAdded.increment(added.size());
    ctx.metrics().extensionsRemoved.increment(removed.size());
    return !added.isEmpty() || !removed.isEmpty();
  }

  /** In the control drain: a read of these extensions' presence completed and was handed to the gate. */
  private void markLoaded(Set<String> ids) {
    for (String id : ids) {
      if (watched.contains(id)) {
        unloaded.remove(id);
        if (initialPending != null) {
          initialPending.remove(id);
        }
      }
    }
    // A HashSet keeps its table when emptied: at 100,000 extensions 1 MiB each, for good.
    if (unloaded.isEmpty()) {
      unloaded = new HashSet<>();
    }
    if (initialPending != null && initialPending.isEmpty()) {
      initialPending = new HashSet<>();
    }
    publishProgress();
  }

  private void publishProgress() {
    boolean complete = progress.initialLoadComplete() || initialPending != null && initialPending.isEmpty();
    if (complete && !progress.initialLoadComplete()) {
      log.info("the initial state of {} extension(s) is loaded", watched.size());
    }
    progress = new LoadProgress(watched.size() - unloaded.size(), watched.size(), complete);
  }

  /** How far the watched extensions' state is loaded; any thread. */
  LoadProgress progress() {
    return progress;
  }

  /**
   * In the control drain: what the directory says now, after extension list notifications. {@code enabled}
   * is the whole directory's enabled users (a full read), else {@code verdicts} says for each extension read
   * whether it is an enabled user now. Ignored once the selection is no longer {@code all}.
   */
  private void followDirectory(Set<String> enabled, Map<String, Boolean> verdicts) {
    if (stopped || !(selection instanceof ExtensionSelection.AllEnabledUsers)) {
      return;
    }
    Set<String> next;
    if (enabled != null) {
      next = enabled;
    } else {
      next = new LinkedHashSet<>(watched);
      verdicts.forEach((id, enabledUser) -> {
        if (enabledUser) {
          next.add(id);
        } else {
          next.remove(id);
        }
      });
    }
    int before = watched.size();
    if (changeWatched(next)) {
      replan(null);
      log.info("the account's extensions changed: watching {} extension(s) (was {}) over {} connection(s)",
          watched.size(), before, channels.size());
    }
  }

  /** In the control drain: RingCentral refused a channel's subscription for its telephony filters. */
  private void refused(SubscriptionChannel channel, boolean accountLevel, RingCentralException error) {
    if (stopped || !channels.contains(channel)) {
      return;
    }
    (accountLevel ? ctx.metrics().refusalsAccount : ctx.metrics().refusalsExtensions).increment();
    TelephonyAccess.Mode before = telephony;
    telephony = TelephonyAccess.afterRefusal(before, accountLevel, error, ctx.options().telephonyScope());
    if (telephony != before) {
      String cause = error.getMessage();
      if (telephony == TelephonyAccess.Mode.EXTENSIONS) {
        log.info("RingCentral refused the account-level telephony-session filter ({}); subscribing to telephony"
            + " sessions per extension instead (telephonyScope auto)", cause);
        ctx.feeds().telephony(telephony, null);
      } else {
        String problem = refusal(accountLevel, error);
        log.warn("telephony sessions are not subscribed: {}. Presence goes on for {} extension(s) without them.",
            problem, watched.size());
        ctx.feeds().telephony(telephony, problem);
      }
    }
    replan(channel);
  }

  /** What is missing, in words an operator can act on. */
  private String refusal(boolean accountLevel, RingCentralException error) {
    if (TelephonyAccess.lacksCallControl(error)) {
      return "RingCentral refused the telephony-session filters (" + error.getMessage() + "): the app lacks the"
          + " CallControl permission; add it to the app and restart";
    }
    if (accountLevel) {
      return "RingCentral refused the account-level telephony-session filter (" + error.getMessage() + "): the"
          + " user may not watch the whole account's calls; set telephonyScope to extensions (or auto) to"
          + " subscribe per extension, or use an administrator's JWT";
    }
    return "RingCentral refused the telephony-session filters (" + error.getMessage() + ")";
  }

  // ------------------------------------------------------------------ channel events

  @Override
  public void subscribed(SubscriptionChannel channel, Set<String> ids, GatewayConversation.SnapshotReason reason) {
    InputGate g = gate;
    if (g == null || stopped) {
      return;
    }
    if (reason == GatewayConversation.SnapshotReason.RECOVERY && channel.filters().contains(GatewayFilter.EXTENSION_LIST)) {
      // Extension list notifications were lost with the session: the directory may have changed meanwhile.
      log.info("connection {}: extension list notifications may have been lost; reading the directory again",
          channel.index());
      directoryRequests.tryEmitNext(WHOLE_DIRECTORY);
    }
    if (reason == GatewayConversation.SnapshotReason.RECOVERY && GatewayFilter.anyTelephony(channel.filters())) {
      ctx.metrics().telephonyGapsRecovery.increment();
      log.info("connection {}: telephony-session notifications were lost with the session; sessions are not"
          + " read again (no REST read exists), presence is", channel.index());
    }
    if (ids.isEmpty()) {
      initialSubscribed(reason);
      return;
    }
    switch (reason) {
      case INITIAL -> ctx.metrics().resyncsInitial.increment();
      case RECOVERY -> ctx.metrics().resyncsRecovery.increment();
      case EXTENSIONS_CHANGED -> ctx.metrics().resyncsExtensions.increment();
    }
    // Hold now, before the next frame of this connection, so no newer notification precedes the read.
    InputGate.Hold hold = g.hold(holdKeys(ids));
    states.resyncStarted();
    if (queuedSnapshots.incrementAndGet() > MAX_JOBS) {
      queuedSnapshots.decrementAndGet();
      states.resyncEnded();
      g.release(hold, List.of(), ctx.clock().instant());
      ids.forEach(this::resyncLater);
      initialSubscribed(reason);
      return;
    }
    snapshotQueue.add(new FetchJob(Set.copyOf(ids), reason, hold));
    // Counted once queued: the last of the first plan's subscriptions must find its job in the first read.
    initialSubscribed(reason);
    if (snapshotsSignalled.compareAndSet(false, true)) {
      jobs.tryEmitNext(SNAPSHOTS); // bounded far above the one signal ever outstanding
    }
  }

  /** One subscription of the first plan is confirmed (and its snapshot queued): the first read waits for all. */
  private void initialSubscribed(GatewayConversation.SnapshotReason reason) {
    if (reason == GatewayConversation.SnapshotReason.INITIAL && initialToSubscribe.decrementAndGet() == 0) {
      initialSubscribed.tryEmitEmpty();
    }
  }

  @Override
  public void input(EngineInput input) {
    InputGate g = gate;
    if (g != null && !stopped) {
      g.input(input);
    }
  }

  @Override
  public void feedRefused(SubscriptionChannel channel, boolean accountLevel, RingCentralException error) {
    control.offer(() -> refused(channel, accountLevel, error));
  }

  @Override
  public void filtersDisabled(SubscriptionChannel channel, List<DisabledFilter> filters) {
    ctx.feeds().disabled(channel.index(), filters);
  }

  @Override
  public void directoryChanged(SubscriptionChannel channel, ExtensionListEvent event) {
    if (stopped) {
      return;
    }
    ctx.metrics().directoryEvents.increment();
    log.debug("connection {}: extension {} {}", channel.index(), event.extensionId(), event.eventType().word());
    directoryRequests.tryEmitNext(event.extensionId());
    ctx.directoryFeed().extensionListChanged(event);
  }

  @Override
  public void queuePresenceChanged(SubscriptionChannel channel, CallQueuePresenceEvent event) {
    if (!stopped) {
      ctx.directoryFeed().queuePresenceChanged(event, ctx.clock().instant());
    }
  }

  /** The directory read other queues: with {@code queuePresence}, plan the filters anew. */
  void queuesChanged() {
    control.offer(() -> {
      if (!stopped && gate != null && initialPending != null) {
        replan(null);
      }
    });
  }

  @Override
  public void status(SubscriptionChannel channel, ConnectionStateTracker.ChannelStatus status, RingCentralException cause) {
    if (!stopped) {
      states.channel(channel, status, cause);
    }
  }

  @Override
  public void stopped(SubscriptionChannel channel, RingCentralException error) {
    stop(error);
  }

  // ------------------------------------------------------------------ REST reads

  /** The read of one job; lazy: the hold is taken and the read started only when subscribed. */
  private Mono<Void> execute(Object job) {
    if (job instanceof DirectoryJob directory) {
      return Mono.defer(() -> readDirectory(directory.ids()));
    }
    if (job == SNAPSHOTS) {
      return gatherInitial().then(Mono.defer(this::settleRecoveries)).then(Mono.defer(this::readQueuedSnapshots));
    }
    return Mono.defer(() -> read((FetchJob) job));
  }

  /** Until the first plan's subscriptions are all confirmed, or {@link #INITIAL_GATHER} has passed. */
  private Mono<Void> gatherInitial() {
    return initialSubscribed.asMono()
        .timeout(INITIAL_GATHER, ctx.timer())
        .onErrorResume(TimeoutException.class, e -> {
          initialSubscribed.tryEmitEmpty(); // the rest is read as it comes: no second wait
          return Mono.empty();
        });
  }

  /**
   * Subscriptions that lost their sessions together (every socket dropped) ask for their snapshots within
   * moments of each other: while a recovery's snapshot waits and more keep coming, wait until
   * {@link #RECOVERY_QUIET} passes without a new one (at most {@link #RECOVERY_GATHER}), so that they share
   * one read. Notifications meanwhile are held by the gate, as during any read.
   */
  private Mono<Void> settleRecoveries() {
    boolean recovery = false;
    for (FetchJob job : snapshotQueue) {
      recovery |= job.reason() == GatewayConversation.SnapshotReason.RECOVERY;
    }
    if (!recovery || channelCount <= 1) {
      return Mono.empty();
    }
    return settle(queuedSnapshots.get(), System.nanoTime() + RECOVERY_GATHER.toNanos());
  }

  private Mono<Void> settle(int seen, long deadline) {
    return Mono.delay(RECOVERY_QUIET, ctx.timer()).then(Mono.defer(() -> {
      int queued = queuedSnapshots.get();
      return queued > seen && System.nanoTime() - deadline < 0 ? settle(queued, deadline) : Mono.<Void>empty();
    }));
  }

  /**
   * Reads every snapshot waiting now in one go: the union of their extensions as one pass over the account
   * presence list when that takes fewer requests than bulk reads of them (both are in the Heavy rate-limit
   * group), else in bulk reads of the union; then each job's hold is released with its own part. Every job
   * here had its hold taken when its subscription was confirmed, before this read starts, so what the read
   * returns is at least as new as anything the gate let through for those extensions.
   */
  private Mono<Void> readQueuedSnapshots() {
    snapshotsSignalled.set(false);
    List<FetchJob> batch = new ArrayList<>();
    for (FetchJob job; (job = snapshotQueue.poll()) != null; ) {
      queuedSnapshots.decrementAndGet();
      batch.add(job);
    }
    if (batch.isEmpty()) {
      return Mono.empty();
    }
    InputGate g = gate;
    if (g == null || stopped || batch.stream().anyMatch(job -> job.ids().contains(PresenceFetcher.SELF))) {
      // ~ is read as such (its answer names the real id): each job on its own, as always
      return Flux.fromIterable(batch).concatMap(this::read, 1).then();
    }
    Set<String> union = new LinkedHashSet<>();
    batch.forEach(job -> union.addAll(job.ids()));
    RestClient.Budget budget = ctx.fetcher().budget();
    boolean account = accountPassIsCheaper(union.size());
    Flux<PresenceUpdate> read = account
        ? ctx.fetcher().account(budget).filter(p -> union.contains(p.extensionId()))
        : ctx.fetcher().extensions(union, budget);
    return read.collectMap(PresenceUpdate::extensionId)
        .doOnNext(snapshots -> {
          log.debug("read the presence of {} extension(s) for {} subscription(s) ({})", snapshots.size(),
              batch.size(), account ? "the account presence list" : "bulk reads");
          Instant now = ctx.clock().instant();
          for (FetchJob job : batch) {
            List<PresenceUpdate> part = new ArrayList<>(job.ids().size());
            for (String id : job.ids()) {
              PresenceUpdate snapshot = snapshots.get(id);
              if (snapshot != null) {
                part.add(snapshot);
              }
            }
            g.release(job.hold(), part, now, () -> control.offer(() -> markLoaded(job.ids())));
          }
        })
        .onErrorResume(e -> {
          Instant now = ctx.clock().instant();
          batch.forEach(job -> g.release(job.hold(), List.of(), now));
          readFailed(union, e);
          return Mono.empty();
        })
        .doFinally(signal -> batch.forEach(job -> states.resyncEnded()))
        .then();
  }

  /**
   * Whether one pass over the account presence list takes fewer requests than bulk reads of {@code n}
   * extensions. The pass's length is the one last read, or for {@code all} the watched extensions over the
   * page size; for a list of ids read before any pass, more than two bulk reads' worth goes to the list.
   */
  private boolean accountPassIsCheaper(int n) {
    int bulkSize = ctx.options().presenceBulkSize();
    int bulkRequests = (n + bulkSize - 1) / bulkSize;
    int pages = ctx.fetcher().accountPages();
    if (pages <= 0 && selection instanceof ExtensionSelection.AllEnabledUsers) {
      int pageSize = ctx.options().accountPresencePageSize();
      pages = Math.max(1, (watchedCount + pageSize - 1) / pageSize);
    }
    return pages > 0 ? pages < bulkRequests : n > 2 * bulkSize;
  }

  /**
   * Reads again what extension list notifications named: each extension ({@code GET …/extension/{id}}) when
   * that takes fewer requests than the whole directory (pages of 1,000), else the whole directory. A failed
   * read asks for the whole directory again through the debouncer.
   */
  private Mono<Void> readDirectory(Set<String> ids) {
    if (stopped) {
      return Mono.empty();
    }
    int pages = Math.max(1, (watchedCount + DIRECTORY_PAGE - 1) / DIRECTORY_PAGE);
    boolean whole = ids.contains(WHOLE_DIRECTORY) || directoryOverflowed.getAndSet(false) || ids.size() > pages;
    ctx.metrics().directoryReads.increment();
    RestClient.Budget budget = ctx.fetcher().budget();
    Mono<Runnable> change;
    if (whole) {
      change = resolve(ExtensionSelection.allEnabledUsers(), budget).map(all -> () -> followDirectory(all, null));
    } else {
      change = Flux.fromIterable(ids)
          .concatMap(id -> ctx.fetcher().extension(id, budget)
              .map(record -> Map.entry(id, record.map(ExtensionRecord::isEnabledUser).orElse(false))), 1)
          .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
          .map(verdicts -> () -> followDirectory(null, verdicts));
    }
    return change
        .doOnNext(control::offer)
        .onErrorResume(e -> {
          RingCentralException error = asRingCentral(e);
          log.warn("reading the account's extensions after a change failed: {}", error.getMessage());
          if (error.isTransient()) {
            directoryRequests.tryEmitNext(WHOLE_DIRECTORY);
          }
          return Mono.empty();
        })
        .then();
  }

  private Mono<Void> read(FetchJob job) {
    InputGate g = gate;
    if (g == null || stopped) {
      if (job.hold() != null) {
        states.resyncEnded();
        if (g != null) {
          g.release(job.hold(), List.of(), ctx.clock().instant());
        }
      }
      return Mono.empty();
    }
    boolean engineRequested = job.hold() == null;
    InputGate.Hold hold;
    if (engineRequested) {
      ctx.metrics().resyncsEngine.increment();
      hold = g.hold(holdKeys(job.ids()));
      states.resyncStarted();
    } else {
      hold = job.hold();
    }
    Set<String> ids = job.ids();
    // The REST client owns the retries, within one budget for the whole read: past it the read fails,
    // the lane moves on and the extensions are asked for again through the debouncer.
    RestClient.Budget budget = ctx.fetcher().budget();
    Flux<PresenceUpdate> read;
    if (!ids.contains(PresenceFetcher.SELF) && accountPassIsCheaper(ids.size())) {
      read = ctx.fetcher().account(budget).filter(p -> ids.contains(p.extensionId()));
    } else {
      read = ctx.fetcher().extensions(ids, budget);
    }
    return read.collectList()
        .doOnNext(
            snapshots -> {
              log.debug("read the presence of {} extension(s) ({})", snapshots.size(),
                  job.reason() == null ? "engine request" : job.reason());
              g.release(hold, snapshots, ctx.clock().instant(), () -> control.offer(() -> markLoaded(ids)));
            })
        .onErrorResume(
            e -> {
              g.release(hold, List.of(), ctx.clock().instant());
              readFailed(ids, e);
              return Mono.empty();
            })
        .doFinally(s -> states.resyncEnded())
        .then();
  }

  /** A presence read failed for good: a permanent refusal stops the run, a transient failure reads again later. */
  private void readFailed(Set<String> ids, Throwable e) {
    ctx.metrics().resyncFailures.increment();
    RingCentralException error = asRingCentral(e);
    if (!error.isTransient() && (error.httpStatus() == 401 || error.httpStatus() == 403
        || error.httpStatus() == 400 && error.errorCode() != null)) {
      stop(error);
    } else {
      log.warn("presence read of {} extension(s) failed: {}", ids.size(), error.getMessage());
      if (error.isTransient()) {
        ids.stream().filter(id -> !id.equals(PresenceFetcher.SELF)).forEach(this::resyncLater);
      }
    }
  }

  /**
   * Notifications name real extension ids, so {@code ~} is held as the token's owner; if the owner is
   * not known, everything is held for the short time of the read.
   */
  private Set<String> holdKeys(Set<String> ids) {
    if (!ids.contains(PresenceFetcher.SELF)) {
      return ids;
    }
    String owner = ctx.tokens().ownerId();
    if (owner == null) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>(ids);
    keys.remove(PresenceFetcher.SELF);
    keys.add(owner);
    return keys;
  }

  private RingCentralException asRingCentral(Throwable e) {
    return e instanceof RingCentralException r
        ? r
        : new TransientRingCentralException(ctx.redactor().redact(String.valueOf(e)));
  }

  // ------------------------------------------------------------------ lifecycle

  /** Stops everything; with an error, the input stream fails with it. Idempotent. */
  void stop(RingCentralException error) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    stopped = true;
    control.offer(
        () -> {
          channels.forEach(SubscriptionChannel::dispose);
          channels.clear();
        });
    resources.dispose();
    states.stopped(error);
    FluxSink<EngineInput> s = sink;
    if (s != null) {
      if (error != null) {
        log.error("RingCentral source stopped: {}", error.getMessage());
        s.error(error);
      } else {
        s.complete();
      }
    }
  }
}
