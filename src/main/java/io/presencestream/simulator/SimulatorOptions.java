package io.presencestream.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RingCentralSimulator} is set up. {@link #defaults()} is a realistic small office: 24
 * users, two events a second, RingCentral's documented gateway limits. Tests shorten the timeouts,
 * set {@code eventsPerSecond} to 0 and drive traffic with {@code traffic().step()}.
 *
 * @param host address to bind, loopback by default
 * @param port port to bind; 0 picks a free one
 * @param accountId the account id that replaces {@code ~} in paths and event filters
 * @param extensions number of user extensions with presence traffic (1–100,000)
 * @param seed seed of the traffic generator: same seed, same clock, same steps → same traffic
 * @param eventsPerSecond generator steps per second once started; 0 means manual stepping only
 * @param credentials the client id, secret and JWT the token endpoint accepts
 * @param accessTokenTtl life of an access token
 * @param refreshTokenTtl life of a refresh token (each is single-use)
 * @param wsTokenTtl life of a WebSocket token from {@code /restapi/oauth/wstoken}
 * @param maxSessions OAuth sessions kept per user; a new JWT login beyond this revokes the oldest
 * @param recoveryTimeout how long a dropped gateway session can be recovered with its {@code wsc}
 * @param recoveryBufferSize how many missed notifications a recovery replays (the newest ones)
 * @param idleTimeout a connection with no client frame for this long gets {@code WSG-902} and is closed
 * @param absoluteTimeout a connection older than this gets {@code WSG-903} and is closed
 * @param pingInterval how often the server sends a WebSocket ping (pings are not traffic: they do
 *     not reset the idle timeout)
 * @param pongTimeout a connection that has not answered a ping within this is closed as dead (its
 *     session stays recoverable)
 * @param maxFramePayload largest WebSocket frame accepted from a client, in bytes
 * @param outboundQueueLimit frames a connection may have unwritten before it counts as too slow and is
 *     closed (its session stays recoverable); this bounds the memory one slow client can hold
 * @param maxCallsPerMessage active calls put into one notification; more make it truncated
 *     ({@code totalActiveCalls} larger), as RingCentral does past 7
 * @param enforceRateLimits whether RingCentral-like rate-limit groups apply (Auth 5, Heavy 10, Medium 40,
 *     Light 50 requests a minute), answering 429 {@code CMN-301} with {@code Retry-After} beyond them;
 *     off by default, so tests only see 429 when they inject it. While enforced, every answer carries
 *     RingCentral's {@code X-Rate-Limit-Group}, {@code -Limit}, {@code -Remaining} and {@code -Window}
 *     headers, so a client can pace itself before it earns a 429
 * @param rateLimitWindow the window of those limits (RingCentral: 60 s); shorter in tests
 * @param directoryExtras whether the extension list also holds a department and a disabled user (no
 *     presence traffic, not in the ground truth) so that clients must filter enabled users
 * @param callControl whether the application has RingCentral's {@code CallControl} permission; without
 *     it a subscription with any telephony-session filter is refused whole with HTTP 403
 *     {@code InsufficientPermissions} / {@code CMN-401}, and so is {@code GET …/telephony/sessions/{id}}
 * @param accountTelephonySessions whether the user may subscribe to the account-level telephony-session
 *     filter ({@code /restapi/v1.0/account/~/telephony/sessions}); without it such a subscription is
 *     refused whole with HTTP 403 {@code CMN-402} (administrator permission required), while per-extension
 *     telephony-session filters are accepted
 * @param clock time source for timestamps, token expiry and timeouts
 * @param wrapUp how long an agent stays in wrap-up after a call it handled ended: it is offered no queue call
 *     meanwhile, and the truth counts it as {@code WrapUp} (docs/contact-centre.md, {@code contactCentre.wrapUp});
 *     zero turns wrap-up off
 * @param serviceLevelThreshold the service-level threshold of a queue not named in
 *     {@code queueThresholds}: an answered queue call that waited at most this counts within it
 * @param queueThresholds service-level thresholds by queue name, id or extension number
 * @param answeredElsewhereGrace how long after a call stopped ringing an agent another agent's answer still
 *     makes it "answered elsewhere", not missed, in the truth
 * @param queueGapGrace how long an unanswered queue call may have no agent call before the truth ends it
 * @param timeZone the zone whose calendar days the truth's day figures and {@code today} count
 * @param extensionIdBase where the users' extension ids start: user {@code i} (from 0) has id
 *     {@code extensionIdBase + 1000·(i+1) + 4}; several simulated accounts in one process take different bases,
 *     so that their extension ids differ, as RingCentral's do across accounts
 */
public record SimulatorOptions(
    String host,
    int port,
    String accountId,
    int extensions,
    long seed,
    double eventsPerSecond,
    SimulatorCredentials credentials,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration wsTokenTtl,
    int maxSessions,
    Duration recoveryTimeout,
    int recoveryBufferSize,
    Duration idleTimeout,
    Duration absoluteTimeout,
    Duration pingInterval,
    Duration pongTimeout,
    int maxFramePayload,
    int outboundQueueLimit,
    int maxCallsPerMessage,
    boolean enforceRateLimits,
    Duration rateLimitWindow,
    boolean directoryExtras,
    boolean callControl,
    boolean accountTelephonySessions,
    Clock clock,
    Duration wrapUp,
    Duration serviceLevelThreshold,
    java.util.Map<String, Duration> queueThresholds,
    Duration answeredElsewhereGrace,
    Duration queueGapGrace,
    java.time.ZoneId timeZone,
    long extensionIdBase) {

  /**
   * The largest office: {@code extensions} is 1 to this. Large enough for the daemon's scale benchmarks
   * (100,000 extensions over 100 subscriptions); the office is built in well under a second and holds
   * about 1 KiB of heap per extension.
   */
  public static final int MAX_EXTENSIONS = 100_000;

  /** The default {@link #extensionIdBase()}: the first user is 62000001004. */
  public static final long DEFAULT_EXTENSION_ID_BASE = 62_000_000_000L;

  /** The fastest traffic: {@code eventsPerSecond} is 0 to this. */
  public static final double MAX_EVENTS_PER_SECOND = 10_000;

  /**
   * Validates the options; see the record's description for each.
   *
   * @param host address to bind
   * @param port port to bind, 0 to 65535
   * @param accountId the account id
   * @param extensions user extensions, 1 to {@value #MAX_EXTENSIONS}
   * @param seed seed of the traffic generator
   * @param eventsPerSecond steps per second, 0 to {@value #MAX_EVENTS_PER_SECOND}
   * @param credentials accepted credentials
   * @param accessTokenTtl life of an access token, positive
   * @param refreshTokenTtl life of a refresh token, positive
   * @param wsTokenTtl life of a WebSocket token, positive
   * @param maxSessions OAuth sessions per user, at least 1
   * @param recoveryTimeout recovery window, positive
   * @param recoveryBufferSize notifications a recovery replays, at least 0
   * @param idleTimeout idle timeout, positive
   * @param absoluteTimeout absolute timeout, positive
   * @param pingInterval ping interval, positive
   * @param pongTimeout pong timeout, positive
   * @param maxFramePayload largest client frame, at least 1024 bytes
   * @param outboundQueueLimit unwritten frames per connection, at least 1
   * @param maxCallsPerMessage calls per notification, at least 1
   * @param enforceRateLimits whether rate limits apply
   * @param rateLimitWindow rate-limit window, positive whole seconds
   * @param directoryExtras whether the directory holds extras
   * @param callControl whether the application has the {@code CallControl} permission
   * @param accountTelephonySessions whether the account-level telephony-session filter is allowed
   * @param clock time source
   * @param wrapUp wrap-up after a handled call, zero or positive
   * @param serviceLevelThreshold the default service-level threshold, positive
   * @param queueThresholds thresholds by queue name, id or number, each positive; null for none
   * @param answeredElsewhereGrace zero or positive
   * @param queueGapGrace zero or positive
   * @param timeZone the zone of the truth's days
   * @param extensionIdBase where the users' ids start, 1 000 000 000 to 10^15
   * @throws IllegalArgumentException naming the option out of range
   * @throws NullPointerException if {@code host}, {@code accountId}, {@code credentials}, {@code clock} or
   *     {@code timeZone} is null
   */
  public SimulatorOptions {
    Objects.requireNonNull(timeZone, "timeZone");
    if (extensionIdBase < 1_000_000_000L || extensionIdBase > 1_000_000_000_000_000L) {
      throw new IllegalArgumentException("extensionIdBase must be between 10^9 and 10^15, was " + extensionIdBase);
    }
    notNegative(wrapUp, "wrapUp");
    notNegative(answeredElsewhereGrace, "answeredElsewhereGrace");
    notNegative(queueGapGrace, "queueGapGrace");
    positive(serviceLevelThreshold, "serviceLevelThreshold");
    queueThresholds = queueThresholds == null ? java.util.Map.of()
        : java.util.Map.copyOf(queueThresholds);
    queueThresholds.forEach((q, d) -> positive(d, "queueThresholds[" + q + "]"));
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (extensions < 1 || extensions > MAX_EXTENSIONS) {
      throw new IllegalArgumentException("extensions must be 1.." + MAX_EXTENSIONS + ", was " + extensions);
    }
    if (!(eventsPerSecond >= 0) || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
      throw new IllegalArgumentException("eventsPerSecond must be 0..10000, was " + eventsPerSecond);
    }
    positive(accessTokenTtl, "accessTokenTtl");
    positive(refreshTokenTtl, "refreshTokenTtl");
    positive(wsTokenTtl, "wsTokenTtl");
    positive(recoveryTimeout, "recoveryTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(absoluteTimeout, "absoluteTimeout");
    positive(pingInterval, "pingInterval");
    positive(pongTimeout, "pongTimeout");
    positive(rateLimitWindow, "rateLimitWindow");
    if (rateLimitWindow.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("rateLimitWindow must be whole seconds (X-Rate-Limit-Window is in seconds)");
    }
    if (maxSessions < 1 || recoveryBufferSize < 0 || maxFramePayload < 1024 || outboundQueueLimit < 1) {
      throw new IllegalArgumentException("maxSessions, recoveryBufferSize, maxFramePayload or outboundQueueLimit out of range");
    }
    if (maxCallsPerMessage < 1) {
      throw new IllegalArgumentException("maxCallsPerMessage must be at least 1");
    }
  }

  private static void notNegative(Duration d, String name) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive");
    }
  }

  /**
   * The service-level threshold of a queue.
   *
   * @param queue the queue's name (or id, or extension number)
   * @return its threshold in {@code queueThresholds}, else {@code serviceLevelThreshold}
   */
  public Duration serviceLevelThreshold(String queue) {
    return queueThresholds.getOrDefault(queue, serviceLevelThreshold);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /**
   * The options of the daemon's embedded simulator and of {@code simulate}.
   *
   * @return a realistic office of 24 users at two events a second, with RingCentral's documented
   *     limits, on a free loopback port
   */
  public static SimulatorOptions defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults, for changing a few options by name.
   *
   * @return a new builder holding {@link #defaults()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts from these options, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these options
   */
  public Builder mutate() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.accountId = accountId;
    b.extensions = extensions;
    b.seed = seed;
    b.eventsPerSecond = eventsPerSecond;
    b.credentials = credentials;
    b.accessTokenTtl = accessTokenTtl;
    b.refreshTokenTtl = refreshTokenTtl;
    b.wsTokenTtl = wsTokenTtl;
    b.maxSessions = maxSessions;
    b.recoveryTimeout = recoveryTimeout;
    b.recoveryBufferSize = recoveryBufferSize;
    b.idleTimeout = idleTimeout;
    b.absoluteTimeout = absoluteTimeout;
    b.pingInterval = pingInterval;
    b.pongTimeout = pongTimeout;
    b.maxFramePayload = maxFramePayload;
    b.outboundQueueLimit = outboundQueueLimit;
    b.maxCallsPerMessage = maxCallsPerMessage;
    b.enforceRateLimits = enforceRateLimits;
    b.rateLimitWindow = rateLimitWindow;
    b.directoryExtras = directoryExtras;
    b.callControl = callControl;
    b.accountTelephonySessions = accountTelephonySessions;
    b.clock = clock;
    b.wrapUp = wrapUp;
    b.serviceLevelThreshold = serviceLevelThreshold;
    b.queueThresholds = queueThresholds;
    b.answeredElsewhereGrace = answeredElsewhereGrace;
    b.queueGapGrace = queueGapGrace;
    b.timeZone = timeZone;
    b.extensionIdBase = extensionIdBase;
    return b;
  }

  /**
   * Builds {@link SimulatorOptions}; every setter has the default of {@link #defaults()} until called.
   * Each setter sets the record component of the same name (documented on {@link SimulatorOptions})
   * and returns this builder; nothing is validated until {@link #build()}.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private String accountId = "37439510";
    private int extensions = 24;
    private long seed = 20261126L;
    private double eventsPerSecond = 2.0;
    private SimulatorCredentials credentials = SimulatorCredentials.demo();
    private Duration accessTokenTtl = Duration.ofHours(1);
    private Duration refreshTokenTtl = Duration.ofDays(7);
    private Duration wsTokenTtl = Duration.ofSeconds(60);
    private int maxSessions = 5;
    private Duration recoveryTimeout = Duration.ofSeconds(180);
    private int recoveryBufferSize = 100;
    private Duration idleTimeout = Duration.ofSeconds(1800);
    private Duration absoluteTimeout = Duration.ofSeconds(86400);
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration pongTimeout = Duration.ofSeconds(10);
    private int maxFramePayload = 16 * 1024 * 1024;
    private int outboundQueueLimit = 4096;
    private int maxCallsPerMessage = 7;
    private boolean enforceRateLimits = false;
    private Duration rateLimitWindow = Duration.ofSeconds(60);
    private boolean directoryExtras = true;
    private boolean callControl = true;
    private boolean accountTelephonySessions = true;
    private Clock clock = Clock.systemUTC();
    private Duration wrapUp = Duration.ofSeconds(15);
    private Duration serviceLevelThreshold = Duration.ofSeconds(20);
    private java.util.Map<String, Duration> queueThresholds = java.util.Map.of();
    private Duration answeredElsewhereGrace = Duration.ofSeconds(2);
    private Duration queueGapGrace = Duration.ofSeconds(3);
    private java.time.ZoneId timeZone = java.time.ZoneId.systemDefault();
    private long extensionIdBase = DEFAULT_EXTENSION_ID_BASE;

    private Builder() {}

    /**
     * Sets the address to bind.
     *
     * @param value an IP address or host name (default {@code 127.0.0.1}, loopback only)
     * @return this builder
     */
    public Builder host(String value) {
      host = value;
      return this;
    }

    /**
     * Sets the port to bind.
     *
     * @param value 0 to 65535; 0 (the default) picks a free one, see {@link RingCentralSimulator#port()}
     * @return this builder
     */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /**
     * Sets the account id that replaces {@code ~} in paths and event filters.
     *
     * @param value the id (default {@code 37439510})
     * @return this builder
     */
    public Builder accountId(String value) {
      accountId = value;
      return this;
    }

    /**
     * Sets how many user extensions have presence traffic.
     *
     * @param value 1 to {@value SimulatorOptions#MAX_EXTENSIONS} (default 24)
     * @return this builder
     */
    public Builder extensions(int value) {
      extensions = value;
      return this;
    }

    /**
     * Sets the seed of the traffic generator: the same seed, clock and steps give the same traffic.
     *
     * @param value any value (default 20261126)
     * @return this builder
     */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * Sets the traffic rate once started.
     *
     * @param value generator steps per second, 0 to 10000; 0 means manual stepping only (default 2)
     * @return this builder
     */
    public Builder eventsPerSecond(double value) {
      eventsPerSecond = value;
      return this;
    }

    /**
     * Sets the client id, secret and JWT the token endpoint accepts.
     *
     * @param value the credentials (default {@link SimulatorCredentials#demo()})
     * @return this builder
     */
    public Builder credentials(SimulatorCredentials value) {
      credentials = value;
      return this;
    }

    /**
     * Sets the life of an access token.
     *
     * @param value a positive duration (default 1 hour)
     * @return this builder
     */
    public Builder accessTokenTtl(Duration value) {
      accessTokenTtl = value;
      return this;
    }

    /**
     * Sets the life of a refresh token (each is single-use).
     *
     * @param value a positive duration (default 7 days)
     * @return this builder
     */
    public Builder refreshTokenTtl(Duration value) {
      refreshTokenTtl = value;
      return this;
    }

    /**
     * Sets the life of a WebSocket token from {@code /restapi/oauth/wstoken}.
     *
     * @param value a positive duration (default 60 s)
     * @return this builder
     */
    public Builder wsTokenTtl(Duration value) {
      wsTokenTtl = value;
      return this;
    }

    /**
     * Sets how many OAuth sessions are kept per user; a login beyond them revokes the oldest.
     *
     * @param value at least 1 (default 5)
     * @return this builder
     */
    public Builder maxSessions(int value) {
      maxSessions = value;
      return this;
    }

    /**
     * Sets how long a dropped gateway session can be recovered with its {@code wsc}.
     *
     * @param value a positive duration (default 180 s)
     * @return this builder
     */
    public Builder recoveryTimeout(Duration value) {
      recoveryTimeout = value;
      return this;
    }

    /**
     * Sets how many missed notifications a recovery replays (the newest ones).
     *
     * @param value at least 0 (default 100)
     * @return this builder
     */
    public Builder recoveryBufferSize(int value) {
      recoveryBufferSize = value;
      return this;
    }

    /**
     * Sets how long a connection may go without a client frame before {@code WSG-902} closes it.
     *
     * @param value a positive duration (default 1800 s)
     * @return this builder
     */
    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    /**
     * Sets how old a connection may grow before {@code WSG-903} closes it.
     *
     * @param value a positive duration (default 86400 s)
     * @return this builder
     */
    public Builder absoluteTimeout(Duration value) {
      absoluteTimeout = value;
      return this;
    }

    /**
     * Sets how often the server pings each connection (pings do not reset the idle timeout).
     *
     * @param value a positive duration (default 30 s)
     * @return this builder
     */
    public Builder pingInterval(Duration value) {
      pingInterval = value;
      return this;
    }

    /**
     * Sets how long an unanswered ping takes to close a connection as dead.
     *
     * @param value a positive duration (default 10 s)
     * @return this builder
     */
    public Builder pongTimeout(Duration value) {
      pongTimeout = value;
      return this;
    }

    /**
     * Sets the largest WebSocket frame accepted from a client.
     *
     * @param value bytes, at least 1024 (default 16 MiB)
     * @return this builder
     */
    public Builder maxFramePayload(int value) {
      maxFramePayload = value;
      return this;
    }

    /**
     * Sets how many unwritten frames make a connection too slow, so that it is closed.
     *
     * @param value at least 1 (default 4096)
     * @return this builder
     */
    public Builder outboundQueueLimit(int value) {
      outboundQueueLimit = value;
      return this;
    }

    /**
     * Sets how many active calls go into one notification; more make it truncated.
     *
     * @param value at least 1 (default 7, as RingCentral)
     * @return this builder
     */
    public Builder maxCallsPerMessage(int value) {
      maxCallsPerMessage = value;
      return this;
    }

    /**
     * Sets whether RingCentral-like rate-limit groups answer 429 beyond their limits.
     *
     * @param value true to enforce them (default false: 429 only when a fault injects it)
     * @return this builder
     */
    public Builder enforceRateLimits(boolean value) {
      enforceRateLimits = value;
      return this;
    }

    /**
     * Sets the window of the rate limits.
     *
     * @param value whole seconds (default 60 s, as RingCentral)
     * @return this builder
     */
    public Builder rateLimitWindow(Duration value) {
      rateLimitWindow = value;
      return this;
    }

    /**
     * Sets whether the extension list also holds a department and a disabled user without traffic.
     *
     * @param value true to add them (default true), so that clients must filter enabled users
     * @return this builder
     */
    public Builder directoryExtras(boolean value) {
      directoryExtras = value;
      return this;
    }

    /**
     * Sets whether the application has RingCentral's {@code CallControl} permission, which telephony-session
     * notifications and the call-session REST API need.
     *
     * @param value false to refuse every telephony-session filter and session request with HTTP 403, as
     *     RingCentral answers an app without the permission (default true)
     * @return this builder
     */
    public Builder callControl(boolean value) {
      callControl = value;
      return this;
    }

    /**
     * Sets whether the user may subscribe to the account-level telephony-session filter.
     *
     * @param value false to refuse {@code /restapi/v1.0/account/~/telephony/sessions} with HTTP 403 while
     *     per-extension telephony-session filters are accepted (default true)
     * @return this builder
     */
    public Builder accountTelephonySessions(boolean value) {
      accountTelephonySessions = value;
      return this;
    }

    /**
     * Sets the time source for timestamps, token expiry and timeouts.
     *
     * @param value the clock (default the system UTC clock)
     * @return this builder
     */
    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    /**
     * Sets the wrap-up after a handled call: the agent is offered no queue call during it.
     *
     * @param value zero (off) or positive (default 15 s, RingCentral's default queue wrap-up)
     * @return this builder
     */
    public Builder wrapUp(Duration value) {
      wrapUp = value;
      return this;
    }

    /**
     * Sets the service-level threshold of every queue not given its own.
     *
     * @param value positive (default 20 s)
     * @return this builder
     */
    public Builder serviceLevelThreshold(Duration value) {
      serviceLevelThreshold = value;
      return this;
    }

    /**
     * Sets one queue's service-level threshold.
     *
     * @param queue the queue's name, id or extension number, e.g. {@code Sales Queue}
     * @param value positive
     * @return this builder
     */
    public Builder serviceLevelThreshold(String queue, Duration value) {
      java.util.Map<String, Duration> copy = new java.util.LinkedHashMap<>(queueThresholds);
      copy.put(queue, value);
      queueThresholds = copy;
      return this;
    }

    /**
     * Sets the service-level thresholds of named queues, replacing any set before.
     *
     * @param value thresholds by queue name, id or extension number, each positive
     * @return this builder
     */
    public Builder queueThresholds(java.util.Map<String, Duration> value) {
      queueThresholds = value == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(value);
      return this;
    }

    /**
     * Sets how long after a call stopped ringing an agent an answer by another agent keeps it from being missed.
     *
     * @param value zero or positive (default 2 s)
     * @return this builder
     */
    public Builder answeredElsewhereGrace(Duration value) {
      answeredElsewhereGrace = value;
      return this;
    }

    /**
     * Sets how long an unanswered queue call may have no agent call before it ends.
     *
     * @param value zero or positive (default 3 s)
     * @return this builder
     */
    public Builder queueGapGrace(Duration value) {
      queueGapGrace = value;
      return this;
    }

    /**
     * Sets the zone whose calendar days the truth's day figures count.
     *
     * @param value the zone (default the JVM's)
     * @return this builder
     */
    public Builder timeZone(java.time.ZoneId value) {
      timeZone = value;
      return this;
    }

    /**
     * Sets where the users' extension ids start, for several simulated accounts in one process.
     *
     * @param value 10^9 to 10^15 (default {@value SimulatorOptions#DEFAULT_EXTENSION_ID_BASE}: ids 62000001004, …)
     * @return this builder
     */
    public Builder extensionIdBase(long value) {
      extensionIdBase = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options set so far, the others at their defaults
     * @throws IllegalArgumentException naming an option out of range
     * @throws NullPointerException if the host, account id, credentials or clock was set to null
     */
    public SimulatorOptions build() {
      return new SimulatorOptions(
          host, port, accountId, extensions, seed, eventsPerSecond, credentials, accessTokenTtl,
          refreshTokenTtl, wsTokenTtl, maxSessions, recoveryTimeout, recoveryBufferSize, idleTimeout,
          absoluteTimeout, pingInterval, pongTimeout, maxFramePayload, outboundQueueLimit, maxCallsPerMessage, enforceRateLimits, rateLimitWindow, directoryExtras,
          callControl, accountTelephonySessions, clock, wrapUp, serviceLevelThreshold, queueThresholds,
          answeredElsewhereGrace, queueGapGrace, timeZone, extensionIdBase);
    }
  }
}
