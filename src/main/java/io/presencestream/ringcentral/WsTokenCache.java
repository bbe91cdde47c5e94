package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.time.Clock;
import java.time.Instant;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * {@code POST /restapi/oauth/wstoken}, cached until 80 % of its {@code expires_in}: the endpoint is in
 * the auth rate group (about 5 a minute), and reconnect storms must not exhaust it. Single-flight.
 */
final class WsTokenCache implements Disposable {

  private static final String PATH = "/restapi/oauth/wstoken";

  private record Cached(WsTokenResponse token, Instant staleAt) {}

  private final TokenManager tokens;
  private final RestClient rest;
  private final ProtocolCodec protocol;
  private final Clock clock;
  private final Redactor redactor;
  private final SingleFlight<Cached> flight = new SingleFlight<>();
  private volatile Cached cached;

  WsTokenCache(TokenManager tokens, RestClient rest, ProtocolCodec protocol, Clock clock, Redactor redactor) {
    this.tokens = tokens;
    this.rest = rest;
    this.protocol = protocol;
    this.clock = clock;
    this.redactor = redactor;
  }

  Mono<WsTokenResponse> get() {
    return Mono.defer(
        () -> {
          Cached c = cached;
          if (c != null && clock.instant().isBefore(c.staleAt())) {
            return Mono.just(c.token());
          }
          return flight.run(this::fetch).map(Cached::token);
        });
  }

  /** The gateway refused the token: fetch a new one next time. */
  void invalidate() {
    cached = null;
  }

  private Mono<Cached> fetch() {
    // A REST operation like any other, so RestClient owns its retries: a 401 (the access token went
    // stale) is renewed and resent at once and a 429 waits its Retry-After, within restRetryBudget.
    // Left to the reconnect loop, each would count as a failed connection and raise the backoff.
    return rest.call(
            new RestClient.Request(ErrorClassifier.Origin.API, "WebSocket token request", HttpMethod.POST, PATH),
            rest.budget(),
            what -> tokens.bearer(what, HttpMethod.POST, PATH, null, null))
        .map(
            bytes -> {
              WsTokenResponse token;
              try {
                token = protocol.decodeWsTokenResponse(bytes);
              } catch (DecodeException e) {
                throw new TransientRingCentralException("unreadable WebSocket token answer: " + e.getMessage());
              }
              redactor.register(token.wsAccessToken());
              long lifetimeMillis = Math.max(0, token.expiresIn()) * 1000;
              Cached c = new Cached(token, clock.instant().plusMillis(lifetimeMillis * 8 / 10));
              cached = c;
              return c;
            });
  }

  @Override
  public void dispose() {
    flight.dispose();
  }

  @Override
  public boolean isDisposed() {
    return flight.isDisposed();
  }
}
