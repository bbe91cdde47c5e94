package io.presencestream.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the HTTP server and its SSE hub. Immutable; {@link #builder()} starts from the
 * defaults and {@link #mutate()} from existing options:
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *     .host("0.0.0.0")
 *     .port(8080)
 *     .bearerToken(token)
 *     .build();
 * ServerOptions open = options.mutate().bearerToken(null).build();
 * }</pre>
 *
 * @param host the address to listen on; {@code 127.0.0.1} by default so nothing is exposed unless asked
 * @param port the port; 0 picks a free one (see {@link PresenceHttpServer#port()})
 * @param bearerToken when set, every request must carry {@code Authorization: Bearer <token>} or, for
 *     browsers' {@code EventSource} which cannot set headers, {@code ?access_token=<token>}; null = open
 * @param corsOrigins origins allowed to call the API from a browser ({@code https://wall.example.org}),
 *     or {@code *} for any; empty = no CORS headers (same-origin only)
 * @param maxRequestBytes the largest request line and the largest header block accepted
 * @param maxConnections open connections beyond this many are answered {@code 503} with {@code Retry-After}
 *     (health endpoints are still served on a small reserve of extra connections)
 * @param historySize how many recent events are kept for {@code Last-Event-ID} resume
 * @param clientBufferSize how many events may wait for one slow SSE client before {@code overflowPolicy}
 * @param overflowPolicy what happens when a client's buffer is full
 * @param heartbeatInterval how often an SSE comment line is sent, keeping proxies and idle timers happy
 * @param retryInterval the reconnection delay announced to SSE clients ({@code retry:})
 * @param staticRoot the classpath folder served at {@code /} ({@code wallboard})
 * @param requestHeadTimeout how long a connection may take to send a complete request line and headers;
 *     slower ones are answered {@code 408} and closed, so trickled headers cannot hold connection slots
 * @param maxConnectionsPerAddress open connections from one client address before its new ones are
 *     answered {@code 503} (behind a reverse proxy every client shares the proxy's address: raise it)
 * @param coalesceInterval how long an event may wait so that it is written to the SSE connections
 *     together with the events that follow it: the hub's passes over an event loop's connections are at
 *     least this far apart, and the first event after a quiet spell is written at once; 0 writes every
 *     event as soon as it is published
 */
public record ServerOptions(
    String host,
    int port,
    String bearerToken,
    List<String> corsOrigins,
    int maxRequestBytes,
    int maxConnections,
    int historySize,
    int clientBufferSize,
    OverflowPolicy overflowPolicy,
    Duration heartbeatInterval,
    Duration retryInterval,
    String staticRoot,
    Duration requestHeadTimeout,
    int maxConnectionsPerAddress,
    Duration coalesceInterval) {

  /**
   * Validates the options and copies the origins.
   *
   * @param host the address to listen on, not blank
   * @param port the port, 0 to 65535
   * @param bearerToken the token, or {@code null} for an open server; not blank
   * @param corsOrigins {@code *} or origins like {@code https://wall.example.org}
   * @param maxRequestBytes the largest request head, at least 256
   * @param maxConnections open connections, at least 1
   * @param historySize events kept for resume, at least 0
   * @param clientBufferSize events per slow client, at least 1
   * @param overflowPolicy the policy for a full client buffer
   * @param heartbeatInterval the SSE heartbeat interval, positive
   * @param retryInterval the announced reconnection delay, positive
   * @param staticRoot a classpath folder like {@code wallboard}
   * @param requestHeadTimeout time for a request head, positive
   * @param maxConnectionsPerAddress connections per client address, at least 1
   * @param coalesceInterval how long SSE writes may wait to go together, 0 to 1 s
   * @throws IllegalArgumentException naming the first option out of range
   * @throws NullPointerException naming a missing option
   */
  public ServerOptions {
    Objects.requireNonNull(host, "host must not be null");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535, was " + port);
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("bearerToken must not be blank (leave it unset to disable auth)");
    }
    Objects.requireNonNull(corsOrigins, "corsOrigins must not be null (List.of() for none)");
    if (corsOrigins.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("corsOrigins must not contain null");
    }
    corsOrigins = List.copyOf(corsOrigins);
    for (String origin : corsOrigins) {
      if (!origin.equals("*") && !origin.matches("https?://[^/?#\\s]+")) {
        throw new IllegalArgumentException(
            "corsOrigins entries must be * or an origin like https://wall.example.org, was '" + origin + "'");
      }
    }
    if (maxRequestBytes < 256) {
      throw new IllegalArgumentException("maxRequestBytes must be at least 256, was " + maxRequestBytes);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
    }
    if (historySize < 0) {
      throw new IllegalArgumentException("historySize must not be negative, was " + historySize);
    }
    if (clientBufferSize < 1) {
      throw new IllegalArgumentException("clientBufferSize must be at least 1, was " + clientBufferSize);
    }
    Objects.requireNonNull(overflowPolicy, "overflowPolicy must not be null");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(retryInterval, "retryInterval");
    requirePositive(requestHeadTimeout, "requestHeadTimeout");
    if (maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, was " + maxConnectionsPerAddress);
    }
    Objects.requireNonNull(coalesceInterval, "coalesceInterval must not be null");
    if (coalesceInterval.isNegative() || coalesceInterval.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("coalesceInterval must be between 0 and 1s, was " + coalesceInterval);
    }
    Objects.requireNonNull(staticRoot, "staticRoot must not be null");
    if (!staticRoot.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
      throw new IllegalArgumentException("staticRoot must be a classpath folder like 'wallboard', was '" + staticRoot + "'");
    }
  }

  /**
   * The default {@link #coalesceInterval}: at most 5 ms more latency, for fewer writes once events reach
   * each connection more often than that. With 100 connections at 500 notifications/s it took the
   * server's CPU per delivered event from 7.8 to 5.1 µs, where 2 ms saved next to nothing
   * (benchmarks/RESULTS.md, "SSE fan-out against nginx + nchan"); presence is not a game of milliseconds.
   */
  public static final Duration DEFAULT_COALESCE_INTERVAL = Duration.ofMillis(5);

  private static void requirePositive(Duration value, String field) {
    Objects.requireNonNull(value, () -> field + " must not be null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }

  /**
   * 127.0.0.1:8080, no token, no CORS, 16 KiB requests, 256 connections (64 per address, 10 s for a
   * request head), 1000 events of history, 256 events per client dropping the oldest, a heartbeat every
   * 15 s, {@code retry: 3000}, SSE writes coalesced for up to 5 ms, wallboard at /.
   *
   * @return the default options
   */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults, to change some of them.
   *
   * @return a new builder holding the {@link #defaults()}; {@link Builder#build()} validates
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
    return new Builder(this);
  }

  /**
   * Collects server options; each method sets the option of the same name and {@link #build()}
   * validates them all at once, naming the first one that is out of range. Not thread-safe: build on
   * one thread, then share the immutable result.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private String bearerToken;
    private List<String> corsOrigins = List.of();
    private int maxRequestBytes = 16 * 1024;
    private int maxConnections = 256;
    private int historySize = 1000;
    private int clientBufferSize = 256;
    private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private Duration retryInterval = Duration.ofSeconds(3);
    private Duration coalesceInterval = DEFAULT_COALESCE_INTERVAL;
    private String staticRoot = "wallboard";
    private Duration requestHeadTimeout = Duration.ofSeconds(10);
    private int maxConnectionsPerAddress = 64;

    private Builder() {}

    private Builder(ServerOptions o) {
      host = o.host;
      port = o.port;
      bearerToken = o.bearerToken;
      corsOrigins = o.corsOrigins;
      maxRequestBytes = o.maxRequestBytes;
      maxConnections = o.maxConnections;
      historySize = o.historySize;
      clientBufferSize = o.clientBufferSize;
      overflowPolicy = o.overflowPolicy;
      heartbeatInterval = o.heartbeatInterval;
      retryInterval = o.retryInterval;
      coalesceInterval = o.coalesceInterval;
      staticRoot = o.staticRoot;
      requestHeadTimeout = o.requestHeadTimeout;
      maxConnectionsPerAddress = o.maxConnectionsPerAddress;
    }

    /**
     * Sets the address to listen on.
     *
     * @param value an IP address or host name; {@code 0.0.0.0} or {@code ::} for every interface (default {@code 127.0.0.1})
     * @return this builder
     */
    public Builder host(String value) {
      host = value;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param value 0 to 65535; 0 picks a free one (default 8080)
     * @return this builder
     */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /**
     * Sets the token every request must carry.
     *
     * @param value the token, not blank; {@code null} (the default) leaves the server open
     * @return this builder
     */
    public Builder bearerToken(String value) {
      bearerToken = value;
      return this;
    }

    /**
     * Sets the origins allowed to call from a browser, replacing the previous ones.
     *
     * @param value origins like {@code https://wall.example.org}, or {@code *} for any (default none)
     * @return this builder
     */
    public Builder corsOrigins(List<String> value) {
      corsOrigins = value;
      return this;
    }

    /**
     * Sets the largest request line and header block accepted.
     *
     * @param value bytes, at least 256 (default 16 KiB)
     * @return this builder
     */
    public Builder maxRequestBytes(int value) {
      maxRequestBytes = value;
      return this;
    }

    /**
     * Sets how many open connections there may be before new ones are answered {@code 503}.
     *
     * @param value at least 1 (default 256)
     * @return this builder
     */
    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    /**
     * Sets how many open connections one client address may have before its new ones are answered {@code 503}.
     *
     * @param value at least 1 (default 64)
     * @return this builder
     */
    public Builder maxConnectionsPerAddress(int value) {
      maxConnectionsPerAddress = value;
      return this;
    }

    /**
     * Sets the time a connection has to send a complete request head.
     *
     * @param value a positive duration (default 10 s)
     * @return this builder
     */
    public Builder requestHeadTimeout(Duration value) {
      requestHeadTimeout = value;
      return this;
    }

    /**
     * Sets how many recent events are kept for {@code Last-Event-ID} resume.
     *
     * @param value 0 for none (default 1000)
     * @return this builder
     */
    public Builder historySize(int value) {
      historySize = value;
      return this;
    }

    /**
     * Sets how many events may wait for one slow SSE client before the overflow policy applies.
     *
     * @param value at least 1 (default 256)
     * @return this builder
     */
    public Builder clientBufferSize(int value) {
      clientBufferSize = value;
      return this;
    }

    /**
     * Sets what happens when a client's buffer is full.
     *
     * @param value the policy (default {@link OverflowPolicy#DROP_OLDEST})
     * @return this builder
     */
    public Builder overflowPolicy(OverflowPolicy value) {
      overflowPolicy = value;
      return this;
    }

    /**
     * Sets how often an SSE heartbeat comment is sent.
     *
     * @param value a positive duration (default 15 s)
     * @return this builder
     */
    public Builder heartbeatInterval(Duration value) {
      heartbeatInterval = value;
      return this;
    }

    /**
     * Sets the reconnection delay announced to SSE clients.
     *
     * @param value a positive duration (default 3 s)
     * @return this builder
     */
    public Builder retryInterval(Duration value) {
      retryInterval = value;
      return this;
    }

    /**
     * Sets how long an event may wait to be written to the SSE connections together with those that
     * follow it ({@link ServerOptions#coalesceInterval}).
     *
     * @param value 0 (every event at once) to 1 s
     * @return this builder
     */
    public Builder coalesceInterval(Duration value) {
      coalesceInterval = value;
      return this;
    }

    /** The classpath folder served at {@code /} (default {@code wallboard}). */
    Builder staticRoot(String value) {
      staticRoot = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first option out of range
     * @throws NullPointerException naming a missing option
     */
    public ServerOptions build() {
      return new ServerOptions(
          host,
          port,
          bearerToken,
          corsOrigins,
          maxRequestBytes,
          maxConnections,
          historySize,
          clientBufferSize,
          overflowPolicy,
          heartbeatInterval,
          retryInterval,
          staticRoot,
          requestHeadTimeout,
          maxConnectionsPerAddress,
          coalesceInterval);
    }
  }

  /**
   * The options for a log line.
   *
   * @return every option; the token as {@code ***}
   */
  @Override
  public String toString() {
    return "ServerOptions[host=" + host
        + ", port=" + port
        + ", bearerToken=" + (bearerToken == null ? "none" : "***")
        + ", corsOrigins=" + corsOrigins
        + ", maxRequestBytes=" + maxRequestBytes
        + ", maxConnections=" + maxConnections
        + ", historySize=" + historySize
        + ", clientBufferSize=" + clientBufferSize
        + ", overflowPolicy=" + overflowPolicy
        + ", heartbeatInterval=" + heartbeatInterval
        + ", retryInterval=" + retryInterval
        + ", staticRoot=" + staticRoot
        + ", requestHeadTimeout=" + requestHeadTimeout
        + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
        + ", coalesceInterval=" + coalesceInterval + "]";
  }
}
