package io.presencestream.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the HTTP server and its SSE hub. Start from {@link #defaults()} and change what you
 * need with the {@code with…} methods (each returns a new, validated copy).
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
    int maxConnectionsPerAddress) {

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535, was " + port);
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("bearerToken must not be blank (leave it unset to disable auth)");
    }
    corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
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
    Objects.requireNonNull(overflowPolicy, "overflowPolicy");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(retryInterval, "retryInterval");
    requirePositive(requestHeadTimeout, "requestHeadTimeout");
    if (maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, was " + maxConnectionsPerAddress);
    }
    Objects.requireNonNull(staticRoot, "staticRoot");
    if (!staticRoot.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
      throw new IllegalArgumentException("staticRoot must be a classpath folder like 'wallboard', was '" + staticRoot + "'");
    }
  }

  private static void requirePositive(Duration value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }

  /**
   * 127.0.0.1:8080, no token, no CORS, 16 KiB requests, 256 connections (64 per address, 10 s for a request head), 1000 events of history, 256
   * events per client dropping the oldest, a heartbeat every 15 s, {@code retry: 3000}, wallboard at /.
   */
  public static ServerOptions defaults() {
    return new ServerOptions(
        "127.0.0.1",
        8080,
        null,
        List.of(),
        16 * 1024,
        256,
        1000,
        256,
        OverflowPolicy.DROP_OLDEST,
        Duration.ofSeconds(15),
        Duration.ofSeconds(3),
        "wallboard",
        Duration.ofSeconds(10),
        64);
  }

  /** A validated copy listening on another {@link #host() host}. */
  public ServerOptions withHost(String host) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy on another {@link #port() port} (0 picks a free one). */
  public ServerOptions withPort(int port) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy requiring another {@link #bearerToken() bearer token}; {@code null} opens the server. */
  public ServerOptions withBearerToken(String bearerToken) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy allowing other {@link #corsOrigins() CORS origins} (replacing the previous ones). */
  public ServerOptions withCorsOrigins(List<String> corsOrigins) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy with another {@link #maxRequestBytes() request size limit}. */
  public ServerOptions withMaxRequestBytes(int maxRequestBytes) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy with another {@link #maxConnections() connection limit}. */
  public ServerOptions withMaxConnections(int maxConnections) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy keeping another number of events for {@code Last-Event-ID} resume. */
  public ServerOptions withHistorySize(int historySize) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy with another per-client buffer size and what happens when it is full. */
  public ServerOptions withClientBuffer(int clientBufferSize, OverflowPolicy overflowPolicy) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy sending SSE heartbeats at another {@link #heartbeatInterval() interval}. */
  public ServerOptions withHeartbeatInterval(Duration heartbeatInterval) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy announcing another SSE {@link #retryInterval() reconnection delay}. */
  public ServerOptions withRetryInterval(Duration retryInterval) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy with another {@link #requestHeadTimeout() time limit for a request head}. */
  public ServerOptions withRequestHeadTimeout(Duration requestHeadTimeout) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy with another {@link #maxConnectionsPerAddress() per-address connection limit}. */
  public ServerOptions withMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** A validated copy serving another classpath folder at {@code /}. */
  public ServerOptions withStaticRoot(String staticRoot) {
    return new ServerOptions(host, port, bearerToken, corsOrigins, maxRequestBytes, maxConnections, historySize, clientBufferSize, overflowPolicy, heartbeatInterval, retryInterval, staticRoot, requestHeadTimeout, maxConnectionsPerAddress);
  }

  /** The token is never shown. */
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
        + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + "]";
  }
}
