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
 * @param extensions number of user extensions with presence traffic (1–5000)
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
 * @param clock time source for timestamps, token expiry and timeouts
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
    Clock clock) {

  /** The largest office: {@code extensions} is 1 to this. */
  public static final int MAX_EXTENSIONS = 5000;

  /** The fastest traffic: {@code eventsPerSecond} is 0 to this. */
  public static final double MAX_EVENTS_PER_SECOND = 10_000;

  public SimulatorOptions {
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

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** A realistic office with RingCentral's documented limits, on a free loopback port. */
  public static SimulatorOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}, for changing a few options by name. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
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
    b.clock = clock;
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
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder accountId(String v) { accountId = v; return this; }
    public Builder extensions(int v) { extensions = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder eventsPerSecond(double v) { eventsPerSecond = v; return this; }
    public Builder credentials(SimulatorCredentials v) { credentials = v; return this; }
    public Builder accessTokenTtl(Duration v) { accessTokenTtl = v; return this; }
    public Builder refreshTokenTtl(Duration v) { refreshTokenTtl = v; return this; }
    public Builder wsTokenTtl(Duration v) { wsTokenTtl = v; return this; }
    public Builder maxSessions(int v) { maxSessions = v; return this; }
    public Builder recoveryTimeout(Duration v) { recoveryTimeout = v; return this; }
    public Builder recoveryBufferSize(int v) { recoveryBufferSize = v; return this; }
    public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
    public Builder absoluteTimeout(Duration v) { absoluteTimeout = v; return this; }
    public Builder pingInterval(Duration v) { pingInterval = v; return this; }
    public Builder pongTimeout(Duration v) { pongTimeout = v; return this; }
    public Builder maxFramePayload(int v) { maxFramePayload = v; return this; }
    public Builder outboundQueueLimit(int v) { outboundQueueLimit = v; return this; }
    public Builder maxCallsPerMessage(int v) { maxCallsPerMessage = v; return this; }
    public Builder enforceRateLimits(boolean v) { enforceRateLimits = v; return this; }
    public Builder rateLimitWindow(Duration v) { rateLimitWindow = v; return this; }
    public Builder directoryExtras(boolean v) { directoryExtras = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }

    /** The options set so far, validated: an out-of-range one throws {@code IllegalArgumentException}. */
    public SimulatorOptions build() {
      return new SimulatorOptions(
          host, port, accountId, extensions, seed, eventsPerSecond, credentials, accessTokenTtl,
          refreshTokenTtl, wsTokenTtl, maxSessions, recoveryTimeout, recoveryBufferSize, idleTimeout,
          absoluteTimeout, pingInterval, pongTimeout, maxFramePayload, outboundQueueLimit, maxCallsPerMessage, enforceRateLimits, rateLimitWindow, directoryExtras,
          clock);
    }
  }
}
