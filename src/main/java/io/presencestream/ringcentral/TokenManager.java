package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.TokenResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The OAuth session: a JWT bearer login with Basic client authentication, then refreshes before the
 * access token expires. Refresh tokens are single-use, so renewals are single-flight: concurrent
 * callers share one. A failed refresh falls back to a new JWT login; a rejected login is permanent.
 * The token state is never logged or printed.
 */
final class TokenManager implements Disposable {

  private static final Logger log = LoggerFactory.getLogger(TokenManager.class);
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String TOKEN_PATH = "/restapi/oauth/token";
  private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /** One access token and what it takes to renew it. Not a record: its toString must not print tokens. */
  static final class TokenState {
    final String accessToken;
    final String refreshToken;
    final Instant accessRenewAt;
    final Instant refreshExpiresAt;
    final String ownerId;

    TokenState(String accessToken, String refreshToken, Instant accessRenewAt, Instant refreshExpiresAt, String ownerId) {
      this.accessToken = accessToken;
      this.refreshToken = refreshToken;
      this.accessRenewAt = accessRenewAt;
      this.refreshExpiresAt = refreshExpiresAt;
      this.ownerId = ownerId;
    }

    /** Renew when 90 % of the lifetime has passed, at most 5 minutes before expiry. */
    static TokenState of(TokenResponse t, Instant now) {
      long lifeMillis = Math.max(1, t.expiresIn()) * 1000;
      long marginMillis = Math.min(300_000, lifeMillis / 10);
      Instant refreshExpires =
          t.refreshToken() == null
              ? Instant.MIN
              : now.plusSeconds(Math.max(0, (t.refreshTokenExpiresIn() == 0 ? 3600 : t.refreshTokenExpiresIn()) - 5));
      return new TokenState(t.accessToken(), t.refreshToken(), now.plusMillis(lifeMillis - marginMillis), refreshExpires, t.ownerId());
    }

    boolean accessUsable(Instant now) {
      return now.isBefore(accessRenewAt);
    }

    boolean refreshUsable(Instant now) {
      return refreshToken != null && now.isBefore(refreshExpiresAt);
    }

    TokenState withAccessExpired() {
      return new TokenState(accessToken, refreshToken, Instant.MIN, refreshExpiresAt, ownerId);
    }

    @Override
    public String toString() {
      return "TokenState[***]";
    }
  }

  private final RestClient rest;
  private final ProtocolCodec protocol;
  private final Clock clock;
  private final Redactor redactor;
  private final ClientMetrics metrics;
  private final String basicAuthorization;
  private final String jwt;
  private final SingleFlight<TokenState> renewal = new SingleFlight<>();
  /** The one piece of token state: replaced whole, and invalidated by compare-and-set, never under a lock. */
  private final AtomicReference<TokenState> state = new AtomicReference<>();

  TokenManager(
      RestClient rest,
      ProtocolCodec protocol,
      RingCentralOptions options,
      Clock clock,
      Redactor redactor,
      ClientMetrics metrics) {
    this.rest = rest;
    this.protocol = protocol;
    this.clock = clock;
    this.redactor = redactor;
    this.metrics = metrics;
    this.jwt = options.jwt();
    this.basicAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((options.clientId() + ":" + options.clientSecret()).getBytes(StandardCharsets.UTF_8));
  }

  /** A usable access token: the current one, or a renewed one (refresh, else login). */
  Mono<String> accessToken() {
    return Mono.defer(
        () -> {
          TokenState s = state.get();
          if (s != null && s.accessUsable(clock.instant())) {
            return Mono.just(s.accessToken);
          }
          return renewal.run(this::renew).map(t -> t.accessToken);
        });
  }

  /** The extension id the token belongs to ({@code owner_id}), once logged in; else null. */
  String ownerId() {
    TokenState s = state.get();
    return s == null ? null : s.ownerId;
  }

  /**
   * The server refused this access token (401): the next {@link #accessToken()} renews it. Only the
   * state holding that very token is expired; a renewal that replaced it meanwhile is kept.
   */
  void invalidate(String accessToken) {
    TokenState s;
    do {
      s = state.get();
      if (s == null || !s.accessToken.equals(accessToken)) {
        return;
      }
    } while (!state.compareAndSet(s, s.withAccessExpired()));
  }

  /** An access token request with the bearer token, renewed once when the server answers 401. */
  Mono<RestClient.Response> bearer(
      String what, HttpMethod method, String path, String contentType, byte[] body) {
    return accessToken()
        .flatMap(
            token ->
                rest.exchange(what, method, path, "Bearer " + token, contentType, body)
                    .doOnNext(
                        r -> {
                          if (r.status() == 401) {
                            invalidate(token);
                          }
                        }));
  }

  private Mono<TokenState> renew() {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          TokenState s = state.get();
          if (s != null && s.accessUsable(now)) {
            return Mono.just(s);
          }
          Mono<TokenResponse> fresh;
          if (s != null && s.refreshUsable(now)) {
            fresh =
                refresh(s.refreshToken)
                    .onErrorResume(
                        e -> {
                          log.info(
                              "token refresh refused ({}); logging in again with the JWT",
                              e instanceof RingCentralException r
                                  ? "status " + r.httpStatus() + (r.errorCode() == null ? "" : " " + r.errorCode())
                                  : e.getClass().getSimpleName());
                          return login();
                        });
          } else {
            fresh = login();
          }
          return fresh.map(this::accept);
        });
  }

  /** Keeps a token the server issued: from now on it is the current one, and never logged. */
  TokenState accept(TokenResponse t) {
    redactor.register(t.accessToken());
    redactor.register(t.refreshToken());
    TokenState next = TokenState.of(t, clock.instant());
    state.set(next);
    return next;
  }

  /** The access token in use, or null before the first login. */
  String currentAccessToken() {
    TokenState s = state.get();
    return s == null ? null : s.accessToken;
  }

  private Mono<TokenResponse> login() {
    metrics.tokenLogins.increment();
    String form = "grant_type=" + encode(JWT_GRANT) + "&assertion=" + encode(jwt);
    return token("login", form);
  }

  private Mono<TokenResponse> refresh(String refreshToken) {
    metrics.tokenRefreshes.increment();
    String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken);
    return token("token refresh", form);
  }

  private Mono<TokenResponse> token(String what, String form) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    // No retry here: a renewal runs inside the request (or reconnect) that needs the token, which owns the retry.
    return rest.once(
            new RestClient.Request(ErrorClassifier.Origin.LOGIN, what, HttpMethod.POST, TOKEN_PATH),
            w -> rest.exchange(w, HttpMethod.POST, TOKEN_PATH, basicAuthorization, FORM, body))
        .map(
            bytes -> {
              try {
                return protocol.decodeTokenResponse(bytes);
              } catch (DecodeException e) {
                throw new TransientRingCentralException(what + " answered an unreadable token: " + e.getMessage());
              }
            });
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void dispose() {
    renewal.dispose();
  }

  @Override
  public boolean isDisposed() {
    return renewal.isDisposed();
  }
}
