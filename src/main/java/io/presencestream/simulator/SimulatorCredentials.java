package io.presencestream.simulator;

/**
 * The app credentials and user JWT a simulator accepts on {@code POST /restapi/oauth/token}. They are
 * fake demo values, but they travel the same paths real ones do, so {@link #toString()} hides the
 * secret and the JWT like everywhere else.
 */
public record SimulatorCredentials(String clientId, String clientSecret, String jwt) {

  public SimulatorCredentials {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientId and clientSecret are required");
    }
    if (jwt == null || jwt.isBlank()) {
      throw new IllegalArgumentException("jwt is required");
    }
  }

  /** The simulator's default demo credentials. */
  public static SimulatorCredentials demo() {
    return new SimulatorCredentials(
        "presence-stream-demo-client",
        "demo-client-secret",
        // Looks like a JWT (three base64url parts) so SDKs that peek at it are satisfied; signs nothing.
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIiwiaXNzIjoicHJlc2VuY2Utc3RyZWFtLXNpbXVsYXRvciJ9.ZGVtby1zaWduYXR1cmU");
  }

  @Override
  public String toString() {
    return "SimulatorCredentials[clientId=" + clientId + ", clientSecret=***, jwt=***]";
  }
}
