package io.presencestream.codec.protocol;

/**
 * The answer of {@code POST /restapi/oauth/wstoken}: where to connect and with which token.
 * {@link #toString()} hides the token.
 *
 * @param expiresIn seconds the token may be used to open a connection
 */
public record WsTokenResponse(String uri, String wsAccessToken, long expiresIn) implements ProtocolBody {

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
