package io.presencestream.codec.protocol;

/**
 * The WebSocket session context a server frame may carry: an opaque {@code token} to reconnect with
 * ({@code &wsc=…}) and the {@code sequence} of the frame, so that a client keeps the newest token.
 * The token is a credential: {@link #toString()} does not print it.
 *
 * @param token the opaque session token, never empty
 * @param sequence the frame's position in the session; a higher one carries the newer token
 */
public record Wsc(String token, long sequence) {

  /**
   * Requires a token.
   *
   * @param token the opaque session token
   * @param sequence the frame's position in the session
   * @throws IllegalArgumentException if {@code token} is null or empty
   */
  public Wsc {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("wsc token is required");
    }
  }

  @Override
  public String toString() {
    return "Wsc[token=***, sequence=" + sequence + "]";
  }
}
