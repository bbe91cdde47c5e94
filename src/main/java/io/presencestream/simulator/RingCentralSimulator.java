package io.presencestream.simulator;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.model.Call;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A RingCentral-compatible server for development and tests: OAuth (JWT and refresh grants), the
 * WebSocket gateway with subscriptions, presence and telephony-session notifications and session
 * recovery, REST presence, call sessions and the extension list — fed by a seeded traffic generator over a simulated office, with fault injection
 * and the ground truth of every extension.
 *
 * <pre>{@code
 * try (RingCentralSimulator sim = RingCentralSimulator.start(
 *     SimulatorOptions.builder().extensions(8).eventsPerSecond(0).build())) {
 *   // point a client at sim.baseUrl() with sim.credentials()
 *   sim.traffic().step(50);
 *   sim.faults().dropConnections();
 *   Map<String, ExtensionState> truth = sim.groundTruth();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Everything that changes the office or the gateway runs under one lock, so traffic,
 * faults and requests are serialised and the ground truth is always a consistent snapshot. Nothing
 * else runs under that lock: frames and closes decided under it are written after it is released, on
 * each connection's event loop, in the order they were decided.
 *
 * <p>Besides RingCentral's API it serves a control API under {@code /_sim/} for other processes:
 * {@code GET /_sim/truth}, {@code POST /_sim/traffic?rate=N}, {@code POST /_sim/faults?apply=F},
 * {@code POST /_sim/extensions?add=N|disable=ID|enable=ID|delete=ID}.
 */
public final class RingCentralSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RingCentralSimulator.class);

  private final SimulatorOptions options;
  private final Office office;
  private final Auth auth;
  private final SimulatorFaults.State faultState = new SimulatorFaults.State();
  private final Gateway gateway;
  private final RateLimits rateLimits;
  private final Scheduler scheduler;
  private final SimulatorTraffic traffic;
  private final SimulatorFaults faults;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final RestReads restReads = new RestReads();
  private DisposableServer server;
  private Disposable sweeper;
  private String baseUrl;

  private RingCentralSimulator(SimulatorOptions options) {
    this.options = options;
    this.office = new Office(options);
    Ids ids = new Ids();
    this.auth = new Auth(options, ids);
    this.rateLimits = new RateLimits(options.clock(), options.rateLimitWindow());
    ProtocolCodec protocol = ProtocolCodec.create(Math.max(1024, options.maxFramePayload()));
    PresenceCodec presenceCodec = PresenceCodec.create();
    this.gateway = new Gateway(options, office, presenceCodec, protocol, faultState, ids);
    this.scheduler = Schedulers.newSingle("presence-simulator", true);
    this.traffic = new SimulatorTraffic(this, scheduler);
    this.faults = new SimulatorFaults(this, scheduler);
    HttpApi api = new HttpApi(this, protocol, presenceCodec);
    try {
      this.server = HttpServer.create().host(options.host()).port(options.port()).handle(api::handle).bindNow();
    } catch (RuntimeException bindFailed) {
      // Nothing else was started: only the scheduler's thread would outlive this failed start.
      scheduler.dispose();
      throw bindFailed;
    }
    String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.baseUrl = "http://" + host + ":" + server.port();
    this.sweeper = Flux.interval(Duration.ofSeconds(1), scheduler).onBackpressureDrop().subscribe(t -> {
      synchronized (office) {
        auth.sweep();
        gateway.sweep();
      }
    });
  }

  /**
   * Binds the server and, if {@code options.eventsPerSecond() > 0}, starts the traffic.
   *
   * @param options the office, the limits and where to listen
   * @return the running simulator; {@link #close()} it
   * @throws RuntimeException if the port cannot be bound
   */
  public static RingCentralSimulator start(SimulatorOptions options) {
    RingCentralSimulator sim = new RingCentralSimulator(options);
    if (options.eventsPerSecond() > 0) {
      sim.traffic.start(options.eventsPerSecond());
    }
    log.info("RingCentral simulator listening on {} ({} extensions, seed {})", sim.baseUrl, options.extensions(),
        options.seed());
    return sim;
  }

  /**
   * Where the REST and OAuth API live: the server URL to give a client.
   *
   * @return e.g. {@code http://127.0.0.1:43117}, without a trailing slash; a wildcard bind address
   *     reads as {@code 127.0.0.1}
   */
  public String baseUrl() {
    return baseUrl;
  }

  /** {@return the gateway URL that {@code /restapi/oauth/wstoken} hands out} */
  public String webSocketUrl() {
    return baseUrl.replaceFirst("^http", "ws") + HttpApi.WS_PATH;
  }

  /** {@return the port the server is bound to, also when the options asked for 0} */
  public int port() {
    return server.port();
  }

  /** {@return the client id, client secret and JWT this simulator accepts} */
  public SimulatorCredentials credentials() {
    return options.credentials();
  }

  /** {@return the options the simulator was started with} Their port may be 0: see {@link #port()}. */
  public SimulatorOptions options() {
    return options;
  }

  /** {@return the id of the extension the JWT belongs to (what {@code ~} means)} */
  public String ownerExtensionId() {
    synchronized (office) {
      return office.owner().id;
    }
  }

  /**
   * The user extensions with presence traffic: the ones {@link #groundTruth()} covers.
   *
   * @return their ids, numbers and names, in the office's order
   */
  public List<ExtensionInfo> directory() {
    synchronized (office) {
      return office.extensions().stream().map(e -> new ExtensionInfo(e.id, e.number, e.name)).toList();
    }
  }

  /**
   * The true state of every user extension now, by extension id: what a correct consumer of every
   * notification (and of the REST snapshots it was told to fetch) knows. {@code sequence} is the last
   * one sent for that extension (null before the first notification), {@code updatedAt} the time of
   * the last change, {@code clockOffset} zero, no WebRTC session. Compare with
   * {@link #comparable(ExtensionState)} applied on both sides.
   *
   * @return an immutable snapshot, consistent across extensions
   */
  public Map<String, ExtensionState> groundTruth() {
    synchronized (office) {
      return Map.copyOf(office.truth());
    }
  }

  /**
   * The true state of every live telephony session of the office: what a consumer of every account-level
   * telephony-session notification knows, with the same ids as the presence calls of its parties. Kept
   * whether or not anyone subscribes to telephony sessions (notifications are produced only while someone
   * does).
   *
   * @return an immutable snapshot, oldest session first, consistent with {@link #groundTruth()} when both
   *     are read between the same two steps
   */
  public List<SessionTruth> sessionTruth() {
    synchronized (office) {
      return List.copyOf(office.sessionTruth());
    }
  }

  /**
   * The contact-centre truth of every extension: its agent state ({@code AGENT}) and today's figures and timeline
   * ({@code DAY}), by the rules of docs/contact-centre.md applied to what a consumer of every presence and
   * telephony-session notification sees, at the instant of reading (the running span counted up to it), in the
   * options' {@code timeZone}. Computed from the simulator's own model, never by the analytics' code.
   *
   * @return by extension number; consistent with {@link #queueTruth()} and {@link #groundTruth()} read between the
   *     same two steps
   */
  public List<io.presencestream.codec.ContactCentreJson.AgentEntry> agentTruth() {
    synchronized (office) {
      return List.copyOf(ContactCentreTruth.agents(office, options));
    }
  }

  /**
   * The contact-centre truth of every call queue ({@code QUEUE} of docs/contact-centre.md): waiting calls, its
   * members by agent state, and today's, the last 15 minutes' and the last hour's figures, at the instant of
   * reading.
   *
   * @return by queue name, the pseudo-queue {@code unknown} last when a queue call could not be placed
   */
  public List<io.presencestream.model.QueueStats> queueTruth() {
    synchronized (office) {
      return List.copyOf(ContactCentreTruth.queues(office, options));
    }
  }

  /**
   * The call queues of the office with their members and each member's switches, as the REST API serves them.
   *
   * @return the Sales Queue (ring-all) and the Support Queue (sequential)
   */
  public List<io.presencestream.model.CallQueue> callQueues() {
    synchronized (office) {
      List<io.presencestream.model.CallQueue> out = new ArrayList<>();
      for (SimQueue q : office.queues()) {
        List<io.presencestream.model.QueueMember> members = new ArrayList<>();
        for (SimExtension e : q.members()) {
          members.add(new io.presencestream.model.QueueMember(e.id, SimQueue.acceptsQueueCalls(e), q.acceptsCurrentQueueCalls(e)));
        }
        out.add(new io.presencestream.model.CallQueue(q.id, q.extensionNumber, q.name, members));
      }
      return out;
    }
  }

  /**
   * Switches a member of a call queue on or off it ({@code acceptCurrentQueueCalls}), as
   * {@code PUT …/call-queues/{id}/presence} does, notifying the subscribers of that queue's presence.
   *
   * @param queueId the queue's extension id
   * @param extensionId the member's extension id
   * @param accept whether it takes the queue's calls
   * @throws IllegalArgumentException for an unknown queue or an extension that is no member of it
   */
  public void setQueueMember(String queueId, String extensionId, boolean accept) {
    synchronized (office) {
      QueuePresenceChange change = office.setQueuePresence(queueId,
          List.of(new io.presencestream.codec.CallQueueJson.MemberSwitch(extensionId, accept)));
      if (change != null) {
        gateway.route(change);
      }
    }
    gateway.flush();
  }

  /**
   * The parts of a state that the simulator's truth and a consumer's state must agree on: drops
   * {@code sequence} (a consumer may legitimately lag after a reset), {@code updatedAt},
   * {@code clockOffset} and {@code webRtcSessionId} (local facts), and orders calls by session id and
   * direction (start times may tie).
   *
   * @param state a state from the truth or from a consumer
   * @return the state reduced to what both must agree on
   */
  public static ExtensionState comparable(ExtensionState state) {
    List<Call> calls = new ArrayList<>();
    for (Call c : state.calls()) {
      calls.add(new Call(c.id(), c.sessionId(), c.telephonySessionId(), c.partyId(), c.direction(), c.from(),
          c.fromName(), c.to(), c.toName(), c.telephonyStatus(), c.startTime(), Duration.ZERO, c.queueCall(),
          c.sipData(), c.inboundLeg(), c.outboundLeg(), null));
    }
    calls.sort(Comparator.comparing(Call::sessionId).thenComparing(c -> c.direction().label()));
    return new ExtensionState(state.extensionId(), null, state.presence(), calls, Instant.EPOCH);
  }

  /**
   * Adds enabled users to the office, as an administrator would: each joins the directory, the traffic and
   * the truth, and every subscription to the account's extension list is sent a {@code Create}.
   *
   * @param count how many, 1 to 1,000
   * @return the new users, in order
   * @throws IllegalArgumentException for a count out of range
   */
  public List<ExtensionInfo> addUsers(int count) {
    if (count < 1 || count > 1000) {
      throw new IllegalArgumentException("count must be between 1 and 1000, was " + count);
    }
    List<SimExtension> added = new ArrayList<>(count);
    synchronized (office) {
      office.addUsers(count, added).forEach(gateway::route);
    }
    gateway.flush();
    return added.stream().map(e -> new ExtensionInfo(e.id, e.number, e.name)).toList();
  }

  /**
   * Disables an enabled user: it leaves the traffic and the truth (its presence is no longer notified), the
   * directory lists it {@code Disabled}, and subscriptions to the extension list are sent an {@code Update}.
   *
   * @param extensionId the user's extension id
   * @throws IllegalArgumentException if it is no enabled user, or is the JWT's own ({@code ~})
   */
  public void disableUser(String extensionId) {
    directoryChange(() -> office.disable(extensionId));
  }

  /**
   * Enables a disabled user again, with the state it had ({@code Update}).
   *
   * @param extensionId the user's extension id
   * @throws IllegalArgumentException if it is no disabled user
   */
  public void enableUser(String extensionId) {
    directoryChange(() -> office.enable(extensionId));
  }

  /**
   * Deletes a user, enabled or disabled: it leaves the directory, the traffic and the truth ({@code Delete}).
   *
   * @param extensionId the user's extension id
   * @throws IllegalArgumentException if it is no user of the office, or is the JWT's own ({@code ~})
   */
  public void deleteUser(String extensionId) {
    directoryChange(() -> office.delete(extensionId));
  }

  private void directoryChange(java.util.function.Supplier<DirectoryChange> change) {
    synchronized (office) {
      gateway.route(change.get());
    }
    gateway.flush();
  }

  /** {@return traffic control: start, stop, step} */
  public SimulatorTraffic traffic() {
    return traffic;
  }

  /** {@return fault injection} */
  public SimulatorFaults faults() {
    return faults;
  }

  /**
   * The event filters of every connected subscription, as the gateway keeps them ({@code ~} resolved to
   * real ids, unknown filters dropped), one list per subscribed connection: what each socket delivers.
   *
   * @return a snapshot, for tests
   */
  public List<List<String>> subscribedFilters() {
    synchronized (office) {
      return List.copyOf(gateway.subscribedFilters());
    }
  }

  /** {@return a consistent snapshot of the counters, for tests and the command line} */
  public SimulatorStats stats() {
    synchronized (office) {
      return new SimulatorStats(gateway.connectionCount(), gateway.subscribedConnections(), gateway.sessionCount(),
          office.steps(), gateway.notificationsSent(), gateway.recoveries(), gateway.failedRecoveries(),
          gateway.slowClientsClosed(), auth.logins(), auth.refreshes(), faultState.rateLimitedAnswers(),
          gateway.subscriptionsDeleted(), gateway.subscriptionsUpdated(), restReads.accountPresence.get(),
          restReads.presence.get(), restReads.extensionList.get(), restReads.extension.get());
    }
  }

  /**
   * Stops traffic, closes every connection and unbinds. Lazy and idempotent.
   *
   * @return completes when the server is unbound
   */
  public Mono<Void> stop() {
    return Mono.defer(() -> {
      if (!stopped.compareAndSet(false, true)) {
        return server.onDispose();
      }
      traffic.stop();
      sweeper.dispose();
      synchronized (office) {
        gateway.dropConnections();
      }
      gateway.flush();
      server.dispose();
      return server.onDispose().doFinally(s -> scheduler.dispose());
    });
  }

  /** Same as {@link #stop()}, waiting at most 10 seconds. */
  @Override
  public void close() {
    stop().block(Duration.ofSeconds(10));
  }

  // ---------------------------------------------------------------- internals for the package

  Object lock() {
    return office;
  }

  /** REST reads served, counted by kind (answers of any status, rate-limited ones not). */
  static final class RestReads {
    final java.util.concurrent.atomic.AtomicLong accountPresence = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong presence = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong extensionList = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong extension = new java.util.concurrent.atomic.AtomicLong();
  }

  RestReads restReads() {
    return restReads;
  }

  Office office() {
    return office;
  }

  Gateway gateway() {
    return gateway;
  }

  Auth auth() {
    return auth;
  }

  RateLimits rateLimits() {
    return rateLimits;
  }

  SimulatorFaults.State faultState() {
    return faultState;
  }

  static Logger log() {
    return log;
  }
}
