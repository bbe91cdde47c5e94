package io.presencestream.codec.protocol;

/**
 * The answer of {@code POST /restapi/oauth/wstoken}: where to connect and with which token.
 * {@link #toString()} hides the token.
 *
 * @param uri the gateway's WebSocket URI to connect to
 * @param wsAccessToken the token to connect with; a credential
 * @param expiresIn seconds the token may be used to open a connection
 */
public record WsTokenResponse(String uri, String wsAccessToken, long expiresIn) implements ProtocolBody {

  /**
   * Requires the URI and the token.
   *
   * @param uri the gateway's WebSocket URI
   * @param wsAccessToken the token to connect with
   * @param expiresIn seconds the token may be used
   * @throws IllegalArgumentException if {@code uri} or {@code wsAccessToken} is null or empty
   */
  public WsTokenResponse {
    if (uri == null || uri.isEmpty() || wsAccessToken == null || wsAccessToken.isEmpty()) {
      throw new IllegalArgumentException("uri and ws_access_token are required");
    }
  }

  @Override
  public String toString() {
    return "WsTokenResponse[uri=" + uri + ", wsAccessToken=***, expiresIn=" + expiresIn + "]";
  }
}
