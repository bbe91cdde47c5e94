package io.presencestream.simulator;

/**
 * The app credentials and user JWT a simulator accepts on {@code POST /restapi/oauth/token}. They are
 * fake demo values, but they travel the same paths real ones do, so {@link #toString()} hides the
 * secret and the JWT like everywhere else.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 * @param jwt the user's JWT credential; the simulator does not check its signature
 */
public record SimulatorCredentials(String clientId, String clientSecret, String jwt) {

  /**
   * Requires all three, not blank.
   *
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @param jwt the user's JWT credential
   * @throws IllegalArgumentException if one is null or blank
   */
  public SimulatorCredentials {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientId and clientSecret are required");
    }
    if (jwt == null || jwt.isBlank()) {
      throw new IllegalArgumentException("jwt is required");
    }
  }

  /**
   * The credentials a simulator accepts unless told otherwise; also printed by {@code simulate}.
   *
   * @return fixed demo values, the same in every process
   */
  public static SimulatorCredentials demo() {
    return new SimulatorCredentials(
        "presence-stream-demo-client",
        "demo-client-secret",
        // Looks like a JWT (three base64url parts) so SDKs that peek at it are satisfied; signs nothing.
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIiwiaXNzIjoicHJlc2VuY2Utc3RyZWFtLXNpbXVsYXRvciJ9.ZGVtby1zaWduYXR1cmU");
  }

  /**
   * The credentials for a log line.
   *
   * @return the client id; the secret and the JWT as {@code ***}
   */
  @Override
  public String toString() {
    return "SimulatorCredentials[clientId=" + clientId + ", clientSecret=***, jwt=***]";
  }
}
