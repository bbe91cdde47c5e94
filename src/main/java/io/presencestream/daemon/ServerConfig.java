package io.presencestream.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP server (YAML section {@code server}): SSE, state API, health, metrics and the wallboard.
 *
 * @param host the interface to listen on; loopback unless configured
 * @param port the port; 0 picks a free one
 * @param authToken when present, every request needs {@code Authorization: Bearer <token>} (or
 *     {@code ?access_token=}); read from the environment variable named by {@code server.auth.tokenEnv}
 * @param corsOrigins origins allowed to call the API from a browser ({@code *} for any); empty: none
 * @param maxConnections concurrent connections accepted; more are refused
 * @param maxRequestBytes largest request (line, headers and body) accepted
 * @param maxConnectionsPerAddress connections from one client address before its requests get 503
 * @param requestHeadTimeout time allowed to receive a complete request line and headers
 * @param sse the Server-Sent Events stream
 */
public record ServerConfig(
    String host,
    int port,
    java.util.Optional<Secret> authToken,
    List<String> corsOrigins,
    int maxConnections,
    int maxRequestBytes,
    int maxConnectionsPerAddress,
    Duration requestHeadTimeout,
    Sse sse) {

  /**
   * Validates the section and copies the origins.
   *
   * @param host the interface to listen on
   * @param port the port, 0 to 65535
   * @param authToken the bearer token, or empty for none
   * @param corsOrigins origins allowed to call the API from a browser
   * @param maxConnections concurrent connections, at least 1
   * @param maxRequestBytes largest request, at least 1024
   * @param maxConnectionsPerAddress connections per client address, at least 1
   * @param requestHeadTimeout time for a request's head, positive
   * @param sse the Server-Sent Events stream
   * @throws IllegalArgumentException for a value out of range
   * @throws NullPointerException for a missing host, token option, timeout or SSE section
   */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(sse, "sse");
    Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
    if (maxConnectionsPerAddress < 1 || requestHeadTimeout.isNegative() || requestHeadTimeout.isZero()) {
      throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1 and requestHeadTimeout positive");
    }
    corsOrigins = List.copyOf(corsOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    if (maxConnections < 1 || maxRequestBytes < 1024) {
      throw new IllegalArgumentException("maxConnections must be at least 1 and maxRequestBytes at least 1024");
    }
  }

  /**
   * The same server on another interface and port (the command line's {@code --host} and {@code --port}).
   *
   * @param newHost the interface to listen on
   * @param newPort the port, 0 to 65535
   * @return a copy listening there; this record stays as it is
   * @throws IllegalArgumentException for a port out of range
   */
  public ServerConfig withAddress(String newHost, int newPort) {
    return new ServerConfig(
        newHost, newPort, authToken, corsOrigins, maxConnections, maxRequestBytes, maxConnectionsPerAddress, requestHeadTimeout, sse);
  }

  /**
   * Server-Sent Events (YAML {@code server.sse}).
   *
   * @param history events kept for {@code Last-Event-ID} resume
   * @param clientBuffer events buffered per client before the overflow policy applies
   * @param overflow what happens to a client whose buffer is full
   * @param heartbeat interval of heartbeat comments that keep idle connections open
   * @param retry the reconnection delay announced to clients ({@code retry:} field)
   * @param coalesce how long an event may wait to be written together with those that follow it
   */
  public record Sse(int history, int clientBuffer, Overflow overflow, Duration heartbeat, Duration retry, Duration coalesce) {
    /**
     * Validates the section.
     *
     * @param history events kept for resume, at least 0
     * @param clientBuffer events buffered per client, at least 1
     * @param overflow the policy for a full buffer
     * @param heartbeat heartbeat interval
     * @param retry announced reconnection delay
     * @param coalesce how long writes may wait to go together, 0 for none
     * @throws IllegalArgumentException for a value out of range
     * @throws NullPointerException for a missing policy or duration
     */
    public Sse {
      Objects.requireNonNull(overflow, "overflow");
      Objects.requireNonNull(heartbeat, "heartbeat");
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(coalesce, "coalesce");
      if (history < 0 || clientBuffer < 1) {
        throw new IllegalArgumentException("history must not be negative and clientBuffer must be at least 1");
      }
    }
  }

  /** The policy for a client that does not keep up. */
  public enum Overflow {
    /** Drop the client's oldest buffered events and send a {@code gap} event in their place. */
    DROP_OLDEST,
    /** Close the client's connection; the browser reconnects with {@code Last-Event-ID} and resumes from the history. */
    DISCONNECT
  }
}
