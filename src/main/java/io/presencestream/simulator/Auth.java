package io.presencestream.simulator;

import io.presencestream.codec.protocol.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth sessions and tokens of the simulator. A JWT login opens a session; a refresh keeps it and
 * consumes the refresh token (single-use); beyond {@code maxSessions} the oldest session is revoked
 * with all its tokens. Not thread-safe: called under the simulator's lock.
 */
final class Auth {

  /** Why a token was not accepted. */
  enum Verdict {
    VALID,
    EXPIRED,
    UNKNOWN
  }

  private static final class Token {
    final String sessionId;
    final Instant expiresAt;
    boolean revoked;

    Token(String sessionId, Instant expiresAt) {
      this.sessionId = sessionId;
      this.expiresAt = expiresAt;
    }
  }

  private final SimulatorOptions options;
  private final Clock clock;
  private final Ids ids;
  /** Open sessions, oldest first. */
  private final Map<String, Instant> sessions = new LinkedHashMap<>();
  private final Map<String, Token> accessTokens = new HashMap<>();
  private final Map<String, Token> refreshTokens = new HashMap<>();
  private final Map<String, Token> wsTokens = new HashMap<>();
  private long sessionCounter;
  private long logins;
  private long refreshes;

  Auth(SimulatorOptions options, Ids ids) {
    this.options = options;
    this.ids = ids;
    this.clock = options.clock();
  }

  /** A new OAuth session for the JWT's user. */
  TokenResponse login(String ownerId) {
    logins++;
    String sessionId = "sim-session-" + (++sessionCounter);
    sessions.put(sessionId, clock.instant());
    while (sessions.size() > options.maxSessions()) {
      Iterator<String> oldest = sessions.keySet().iterator();
      String victim = oldest.next();
      oldest.remove();
      revokeTokensOf(victim);
    }
    return issue(sessionId, ownerId);
  }

  /**
   * Exchanges a refresh token for new tokens in the same session.
   *
   * @return null if the refresh token is unknown, used, revoked or expired
   */
  TokenResponse refresh(String refreshToken, String ownerId) {
    Token token = refreshToken == null ? null : refreshTokens.remove(refreshToken);
    if (token == null || token.revoked || !clock.instant().isBefore(token.expiresAt) || !sessions.containsKey(token.sessionId)) {
      return null;
    }
    refreshes++;
    return issue(token.sessionId, ownerId);
  }

  private TokenResponse issue(String sessionId, String ownerId) {
    Instant now = clock.instant();
    String access = newToken("SIMAT");
    String refresh = newToken("SIMRT");
    accessTokens.put(access, new Token(sessionId, now.plus(options.accessTokenTtl())));
    refreshTokens.put(refresh, new Token(sessionId, now.plus(options.refreshTokenTtl())));
    return new TokenResponse(access, "bearer", options.accessTokenTtl().toSeconds(), refresh,
        options.refreshTokenTtl().toSeconds(), "ReadAccounts ReadPresence", ownerId, "sim-endpoint-" + sessionId,
        sessionId);
  }

  /** A WebSocket token for the session of a valid access token. */
  String wsToken(String sessionId) {
    String token = newToken("SIMWS");
    wsTokens.put(token, new Token(sessionId, clock.instant().plus(options.wsTokenTtl())));
    return token;
  }

  Verdict checkAccess(String accessToken) {
    return check(accessTokens.get(accessToken));
  }

  String sessionOfAccess(String accessToken) {
    Token t = accessTokens.get(accessToken);
    return t == null ? null : t.sessionId;
  }

  Verdict checkWs(String wsToken) {
    return check(wsTokens.get(wsToken));
  }

  String sessionOfWs(String wsToken) {
    Token t = wsTokens.get(wsToken);
    return t == null ? null : t.sessionId;
  }

  private Verdict check(Token t) {
    if (t == null || t.revoked || !sessions.containsKey(t.sessionId)) {
      return Verdict.UNKNOWN;
    }
    return clock.instant().isBefore(t.expiresAt) ? Verdict.VALID : Verdict.EXPIRED;
  }

  /** Revokes the session an access or refresh token belongs to (logout). */
  void revoke(String anyToken) {
    Token t = accessTokens.get(anyToken);
    if (t == null) {
      t = refreshTokens.get(anyToken);
    }
    if (t != null) {
      sessions.remove(t.sessionId);
      revokeTokensOf(t.sessionId);
    }
  }

  /** Fault: every access token and WebSocket token expires now; refresh tokens still work. */
  void expireAccessTokens() {
    Instant past = clock.instant().minusSeconds(1);
    accessTokens.replaceAll((k, t) -> expired(t, past));
    wsTokens.replaceAll((k, t) -> expired(t, past));
  }

  private static Token expired(Token t, Instant past) {
    Token e = new Token(t.sessionId, past);
    e.revoked = t.revoked;
    return e;
  }

  /** Fault: every session is revoked; only a new JWT login gets in. */
  void revokeAllSessions() {
    sessions.clear();
    accessTokens.values().forEach(t -> t.revoked = true);
    refreshTokens.clear();
    wsTokens.values().forEach(t -> t.revoked = true);
  }

  private void revokeTokensOf(String sessionId) {
    accessTokens.values().removeIf(t -> t.sessionId.equals(sessionId));
    refreshTokens.values().removeIf(t -> t.sessionId.equals(sessionId));
    wsTokens.values().removeIf(t -> t.sessionId.equals(sessionId));
  }

  /** Drops expired tokens so that a long run does not accumulate them. */
  void sweep() {
    Instant now = clock.instant();
    accessTokens.values().removeIf(t -> now.isAfter(t.expiresAt.plus(options.accessTokenTtl())));
    refreshTokens.values().removeIf(t -> now.isAfter(t.expiresAt));
    wsTokens.values().removeIf(t -> now.isAfter(t.expiresAt.plus(options.wsTokenTtl())));
  }

  long logins() {
    return logins;
  }

  long refreshes() {
    return refreshes;
  }

  int openSessions() {
    return sessions.size();
  }

  private String newToken(String prefix) {
    return ids.token(prefix);
  }
}
