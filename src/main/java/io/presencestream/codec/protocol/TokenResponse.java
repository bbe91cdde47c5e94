package io.presencestream.codec.protocol;

/**
 * The answer of {@code POST /restapi/oauth/token}. Times are seconds. {@link #toString()} hides the
 * tokens.
 *
 * @param accessToken the bearer token for REST calls; a credential, never empty
 * @param tokenType the token's type, {@code bearer}
 * @param expiresIn seconds the access token is valid
 * @param refreshToken the token to refresh with, or null for grants without one; a credential
 * @param refreshTokenExpiresIn seconds the refresh token is valid, 0 without one
 * @param scope the permissions granted, space-separated, or null
 * @param ownerId the extension id the token acts for, or null
 * @param endpointId the id of this client endpoint, or null
 * @param sessionId RingCentral's session id, or null
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

  /**
   * Requires an access token.
   *
   * @param accessToken the bearer token
   * @param tokenType the token's type
   * @param expiresIn seconds the access token is valid
   * @param refreshToken the refresh token, or null
   * @param refreshTokenExpiresIn seconds the refresh token is valid
   * @param scope the permissions granted, or null
   * @param ownerId the extension id the token acts for, or null
   * @param endpointId the client endpoint's id, or null
   * @param sessionId RingCentral's session id, or null
   * @throws IllegalArgumentException if {@code accessToken} is null or empty
   */
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
