package io.presencestream.codec.protocol;

import java.time.Instant;

/**
 * The body of the {@code ConnectionDetails} frame the gateway sends first on every connection. Limits
 * are in seconds (timeouts) or counts; any may be null when the server left it out.
 *
 * @param creationTime when the gateway opened the connection
 * @param maxConnectionsPerSession how many connections one session may hold at once
 * @param recoveryBufferSize how many notifications the gateway keeps for a recovering session
 * @param recoveryTimeout seconds a dropped session stays recoverable
 * @param idleTimeout seconds without a frame after which the gateway closes the connection
 * @param absoluteTimeout seconds after which the gateway closes the connection regardless
 * @param maxActiveRequests how many tunnelled requests may be in flight at once
 * @param recoveryState on a reconnect with {@code wsc}: whether the session was recovered, else null
 * @param recoveryErrorCode on a failed recovery: {@code WSG-1003} (other OAuth session) or
 *     {@code WSG-1005} (no subscription for that session), else null
 */
public record ConnectionDetails(
    Instant creationTime,
    Integer maxConnectionsPerSession,
    Integer recoveryBufferSize,
    Integer recoveryTimeout,
    Integer idleTimeout,
    Integer absoluteTimeout,
    Integer maxActiveRequests,
    RecoveryState recoveryState,
    String recoveryErrorCode)
    implements ProtocolBody {

  /**
   * Whether this connection resumed an earlier session, so that its subscription still stands.
   *
   * @return true only for {@link RecoveryState#SUCCESSFUL}
   */
  public boolean recovered() {
    return recoveryState == RecoveryState.SUCCESSFUL;
  }
}
