package io.presencestream.codec.protocol;

/**
 * The answer of {@code POST /restapi/oauth/token}. Times are seconds. {@link #toString()} hides the
 * tokens.
 */
public record TokenResponse(
    String accessToken,
    String tokenType,
    long expiresIn,
    String refreshToken,
    long refreshTokenExpiresIn,
    String scope,
    String ownerId,
    String endpointId,
    String sessionId)
    implements ProtocolBody {

  public TokenResponse {
    if (accessToken == null || accessToken.isEmpty()) {
      throw new IllegalArgumentException("access_token is required");
    }
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken=***, tokenType=" + tokenType + ", expiresIn=" + expiresIn
        + ", refreshToken=" + (refreshToken == null ? "none" : "***")
        + ", refreshTokenExpiresIn=" + refreshTokenExpiresIn + ", scope=" + scope + ", ownerId=" + ownerId
        + ", endpointId=" + endpointId + ", sessionId=" + sessionId + "]";
  }
}
