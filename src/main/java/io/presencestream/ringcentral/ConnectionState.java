package io.presencestream.ringcentral;

/**
 * The state of a {@link RingCentralSource}'s link to RingCentral, as a health check or a dashboard
 * wants it: one value for the whole source, however many WebSocket connections it uses.
 *
 * @param status what the source is doing now
 * @param cause why it is {@link Status#RECOVERING} or {@link Status#STOPPED}, or null (a clean stop,
 *     or nothing went wrong); never holds a credential in its message
 */
public record ConnectionState(Status status, RingCentralException cause) {

  /**
   * Requires a status.
   *
   * @param status what the source is doing now
   * @param cause why it is recovering or stopped, or null
   * @throws IllegalArgumentException if {@code status} is null
   */
  public ConnectionState {
    if (status == null) {
      throw new IllegalArgumentException("status is required");
    }
  }

  /** What the source is doing. */
  public enum Status {
    /** Logging in, opening sockets and subscribing for the first time. */
    CONNECTING,
    /** Every connection is subscribed and notifications flow. */
    CONNECTED,
    /** At least one connection dropped; reconnecting (with session recovery while it is possible). */
    RECOVERING,
    /** Connected, but state is being read again over REST (start, failed recovery, engine request). */
    RESYNCING,
    /** Stopped for good: cancelled, closed, or a permanent error (see {@link #cause()}). */
    STOPPED
  }

  static ConnectionState of(Status status) {
    return new ConnectionState(status, null);
  }
}
