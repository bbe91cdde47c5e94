package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.ringcentral.protocol.ErrorBody;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * HTTP to RingCentral's REST API: one request, its answer, and RingCentral's error body mapped to the
 * transient / permanent exception hierarchy. Retries what is worth retrying: a 429 after its
 * {@code Retry-After} (bounded), a 401 once with a renewed token, a network or server error twice.
 * Never logs or throws a header, a token or a credential.
 */
final class RestClient {

  private static final byte[] EMPTY = new byte[0];

  record Response(int status, HttpHeaders headers, byte[] body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient http;
  private final ProtocolCodec protocol;
  private final Redactor redactor;
  private final ClientMetrics metrics;
  private final Scheduler timer;
  private final Duration maxRateLimitWait;

  RestClient(
      HttpClient http,
      ProtocolCodec protocol,
      Redactor redactor,
      ClientMetrics metrics,
      Scheduler timer,
      Duration maxRateLimitWait) {
    this.http = http;
    this.protocol = protocol;
    this.redactor = redactor;
    this.metrics = metrics;
    this.timer = timer;
    this.maxRateLimitWait = maxRateLimitWait;
  }

  /** One request, no retry; a transport failure becomes a transient error naming {@code what}. */
  Mono<Response> exchange(
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
   * A request whose non-2xx answer becomes a typed error, retried per the policy above.
   *
   * @param send sends the request (called again for each retry, so it can take a fresh token)
   */
  Mono<byte[]> call(ErrorClassifier.Origin origin, String what, Function<String, Mono<Response>> send) {
    return Mono.defer(() -> send.apply(what))
        .flatMap(r -> r.ok() ? Mono.just(r.body()) : Mono.error(toError(origin, what, r)))
        .retryWhen(retryPolicy());
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

  private Retry retryPolicy() {
    return Retry.from(
        signals -> {
          // Counted per kind: a 429 before a 401 must not use up the 401's one retry.
          int[] limited = {0};
          int[] unauthorized = {0};
          int[] other = {0};
          return signals.concatMap(
              signal -> {
                Throwable failure = signal.failure();
                if (failure instanceof TransientRingCentralException t) {
                  if (t.isRateLimit()) {
                    int n = limited[0]++;
                    Duration wait = t.retryAfter() != null ? t.retryAfter() : Duration.ofSeconds(1L << Math.min(n, 6));
                    if (n < 8 && wait.compareTo(maxRateLimitWait) <= 0) {
                      return Mono.delay(wait, timer);
                    }
                  } else if (t.httpStatus() == 401) {
                    if (unauthorized[0]++ < 1) {
                      return Mono.just(0L);
                    }
                  } else if (other[0]++ < 2) {
                    return Mono.delay(Duration.ofMillis(250L * other[0]), timer);
                  }
                }
                return Mono.error(failure);
              });
        });
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
