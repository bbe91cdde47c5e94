package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.ErrorBody;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * HTTP to RingCentral's REST API: one request, its answer, and RingCentral's error body mapped to the
 * transient / permanent exception hierarchy. The one owner of REST retries: {@link #call} retries a
 * request within its operation's {@link Budget} (a 429 after its {@code Retry-After}, a 401 at once
 * with a renewed token, network and server errors with the reconnect backoff) and gives up with the
 * last transient error when the next wait would end past the budget; {@link #once} never retries,
 * for requests whose caller owns the retry (a token renewal inside a {@code call}, the WebSocket
 * token inside a reconnect). Both are paced by {@link RateLimitPacer}. Never logs or throws a header,
 * a token or a credential.
 */
final class RestClient {

  private static final byte[] EMPTY = new byte[0];

  record Response(int status, HttpHeaders headers, byte[] body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** What one request is, for pacing and for messages ({@code what} never holds a secret). */
  record Request(ErrorClassifier.Origin origin, String what, HttpMethod method, String path) {}

  /** The time one operation may spend on its requests, waits included; no deadline: retry forever. */
  record Budget(Instant deadline) {
    static final Budget UNLIMITED = new Budget(null);

    boolean allows(Instant endOfWait) {
      return deadline == null || !endOfWait.isAfter(deadline);
    }
  }

  private final HttpClient http;
  private final ProtocolCodec protocol;
  private final Redactor redactor;
  private final ClientMetrics metrics;
  private final Scheduler timer;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration budget;
  private final RateLimitPacer pacer = new RateLimitPacer();

  RestClient(
      HttpClient http,
      ProtocolCodec protocol,
      Redactor redactor,
      ClientMetrics metrics,
      Scheduler timer,
      Clock clock,
      Backoff backoff,
      Duration budget) {
    this.http = http;
    this.protocol = protocol;
    this.redactor = redactor;
    this.metrics = metrics;
    this.timer = timer;
    this.clock = clock;
    this.backoff = backoff;
    this.budget = budget;
  }

  /** A budget starting now: {@code restRetryBudget} of the options. */
  Budget budget() {
    return new Budget(clock.instant().plus(budget));
  }

  /**
   * One HTTP exchange, no retry; a transport failure becomes a transient error naming {@code what}.
   * It waits for its rate-limit group's window if that closed since the request was paced: between
   * the two, a bearer request may have renewed its access token, and the renewal is in the same group
   * as the WebSocket token request that needed it (Auth), so it can take the window's last request.
   */
  Mono<Response> exchange(
      String what, HttpMethod method, String path, String authorization, String contentType, byte[] body) {
    return Mono.defer(
        () -> {
          Duration pace = pacer.delay(method, path, clock.instant());
          Mono<Response> now = send(what, method, path, authorization, contentType, body);
          if (pace.isZero()) {
            return now;
          }
          metrics.restWaitWindow.record(pace);
          return Mono.delay(pace, timer).then(now);
        });
  }

  private Mono<Response> send(
      String what, HttpMethod method, String path, String authorization, String contentType, byte[] body) {
    String relative = relative(path);
    return Mono.defer(
            () -> {
              HttpClient.RequestSender sender =
                  http.headers(
                          h -> {
                            h.set(HttpHeaderNames.AUTHORIZATION, authorization);
                            h.set(HttpHeaderNames.ACCEPT, "application/json");
                            if (contentType != null) {
                              h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
                            }
                          })
                      .request(method)
                      .uri(relative);
              HttpClient.ResponseReceiver<?> receiver =
                  body == null ? sender : sender.send((request, out) -> out.sendByteArray(Mono.just(body)));
              return receiver.responseSingle(
                  (response, content) ->
                      content
                          .asByteArray()
                          .defaultIfEmpty(EMPTY)
                          .map(b -> new Response(response.status().code(), response.responseHeaders(), b)));
            })
        .onErrorMap(
            e -> !(e instanceof RingCentralException),
            e -> new TransientRingCentralException(what + " failed: " + redactor.redact(String.valueOf(e))));
  }

  /**
   * One paced request whose non-2xx answer becomes a typed error; no retry (the caller owns it).
   *
   * @param send sends the request
   */
  Mono<byte[]> once(Request request, Function<String, Mono<Response>> send) {
    return attempt(request, send, Budget.UNLIMITED);
  }

  /**
   * A paced request retried within {@code budget}, as described on the class.
   *
   * @param send sends the request (called again for each retry, so it can take a fresh token)
   */
  Mono<byte[]> call(Request request, Budget budget, Function<String, Mono<Response>> send) {
    return Mono.defer(
        () -> {
          int[] unauthorized = {0};
          int[] failures = {0};
          return attempt(request, send, budget)
              .retryWhen(
                  Retry.from(
                      signals ->
                          signals.concatMap(
                              signal -> {
                                Throwable failure = signal.failure();
                                if (!(failure instanceof TransientRingCentralException t)) {
                                  return Mono.error(failure);
                                }
                                if (t.httpStatus() == 401 && unauthorized[0]++ < 1) {
                                  return Mono.just(0L); // the token was invalidated: renew and resend now
                                }
                                boolean rateLimited = t.isRateLimit() && t.retryAfter() != null;
                                Duration wait = rateLimited ? t.retryAfter() : backoff.delay(++failures[0]);
                                if (!budget.allows(clock.instant().plus(wait))) {
                                  return Mono.error(exhausted(request, t));
                                }
                                (rateLimited ? metrics.restWaitRetryAfter : metrics.restWaitBackoff).record(wait);
                                return Mono.delay(wait, timer);
                              })));
        });
  }

  private Mono<byte[]> attempt(Request request, Function<String, Mono<Response>> send, Budget budget) {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          Duration pace = pacer.delay(request.method(), request.path(), now);
          Mono<Response> sent = Mono.defer(() -> send.apply(request.what()));
          if (!pace.isZero()) {
            if (!budget.allows(now.plus(pace))) {
              TransientRingCentralException limited =
                  new TransientRingCentralException(
                      request.what() + " is held " + pace.toMillis() + " ms by RingCentral's rate-limit window",
                      429, null, pace);
              metrics.error(limited);
              return Mono.error(exhausted(request, limited));
            }
            metrics.restWaitWindow.record(pace);
            sent = Mono.delay(pace, timer).then(sent);
          }
          return sent.flatMap(
              r -> {
                Duration retryAfter = ErrorClassifier.retryAfter(r.headers().get("Retry-After"));
                pacer.observe(request.method(), request.path(), r.status(), r.headers(), retryAfter, clock.instant());
                return r.ok() ? Mono.just(r.body()) : Mono.error(toError(request.origin(), request.what(), r));
              });
        });
  }

  private TransientRingCentralException exhausted(Request request, TransientRingCentralException last) {
    metrics.restBudgetExhausted.increment();
    return new TransientRingCentralException(
        last.getMessage() + " (" + request.what() + " gave up: its retry budget of " + budget.toSeconds() + " s is spent)",
        last.httpStatus(),
        last.errorCode(),
        last.retryAfter());
  }

  /** The typed error of a non-2xx answer. */
  RingCentralException toError(ErrorClassifier.Origin origin, String what, Response r) {
    String code = null;
    String message = null;
    if (r.body().length > 0) {
      try {
        ErrorBody error = protocol.decodeError(r.body());
        code = error.errorCode();
        message = redactor.redact(error.message());
      } catch (DecodeException | IllegalArgumentException e) {
        message = null;
      }
    }
    if (r.status() == 429) {
      metrics.rateLimited.increment();
    }
    Duration retryAfter = ErrorClassifier.retryAfter(r.headers().get("Retry-After"));
    RingCentralException e = ErrorClassifier.classify(origin, what, r.status(), code, message, retryAfter);
    metrics.error(e);
    return e;
  }

  /** Keeps only path and query: a {@code nextPage} URI must not send our token to another host. */
  static String relative(String pathOrUri) {
    if (pathOrUri.startsWith("/")) {
      return pathOrUri;
    }
    URI uri = URI.create(pathOrUri);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
