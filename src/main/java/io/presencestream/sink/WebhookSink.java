package io.presencestream.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.presencestream.model.PresenceEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * POSTs events as JSON to each configured URL. One {@link DeliveryLane} per URL (its own bounded queue,
 * one request at a time, so events reach each URL in order); transient failures (I/O errors,
 * timeouts, 408, 429, 5xx) are retried with exponential backoff; a batch that still fails, or that
 * fails permanently (other statuses), goes to the dead-letter file.
 */
final class WebhookSink implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(WebhookSink.class);

  private final WebhookSinkOptions options;
  private final SinkEncoder encoder;
  private final ConnectionProvider connections;
  private final HttpClient http;
  private final List<Target> targets = new ArrayList<>();
  private final SinkMeters meters;
  private final Counter success;
  private final Counter retry;
  private final Counter deadLetter;
  private final Counter deadLetterEvents;
  private final DeadLetterFile deadLetters;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Mono<Void> close;

  WebhookSink(
      WebhookSinkOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    this.options = options;
    this.deadLetters = options.deadLetterFile() == null ? null : new DeadLetterFile(options.deadLetterFile());
    this.connections =
        ConnectionProvider.builder("presence-webhook-" + options.name())
            .maxConnections(Math.max(2, options.urls().size() * 2))
            .pendingAcquireMaxCount(options.urls().size() * 4)
            .build();
    Map<String, String> headers = options.headers();
    this.http =
        HttpClient.create(connections)
            .responseTimeout(options.requestTimeout())
            .headers(
                h -> {
                  h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                  h.set(HttpHeaderNames.USER_AGENT, "presence-stream");
                  headers.forEach(h::set);
                });
    for (URI url : options.urls()) {
      targets.add(new Target(url));
    }
    this.meters =
        new SinkMeters(registry, options.name(), () -> targets.stream().mapToInt(t -> t.lane.depth()).sum());
    this.encoder = new SinkEncoder(options.name(), encoder, meters, log);
    this.success = meters.own(deliveries(registry, "success"));
    this.retry = meters.own(deliveries(registry, "retry"));
    this.deadLetter = meters.own(deliveries(registry, "dead_letter"));
    this.deadLetterEvents = meters.own(
        Counter.builder("presence.webhook.dead.letters")
            .tag("sink", options.name())
            .description("Events written to the dead-letter file (or, without one, only logged)")
            .register(registry));
    this.close = Mono.defer(this::closeNow).doFinally(signal -> meters.remove()).cache();
  }

  private Counter deliveries(MeterRegistry registry, String outcome) {
    return Counter.builder("presence.webhook.deliveries")
        .tag("sink", options.name())
        .tag("outcome", outcome)
        .description("Webhook POST attempts by outcome: success, retry (failed, will retry), dead_letter (gave up)")
        .register(registry);
  }

  @Override
  public String name() {
    return options.name();
  }

  @Override
  public void accept(PresenceEvent event) {
    if (closed.get()) {
      meters.closed();
      return;
    }
    for (Target target : targets) {
      if (target.lane.offer(event) != BoundedQueue.Offer.ACCEPTED) {
        meters.overflow();
      }
    }
  }

  private Mono<Void> closeNow() {
    closed.set(true);
    targets.forEach(t -> t.lane.startClosing());
    Mono<Void> drained = Flux.fromIterable(targets).flatMap(t -> t.lane.drained()).then();
    return drained
        .timeout(
            options.closeTimeout(),
            Flux.fromIterable(targets)
                .concatMap(t -> t.giveUp("not delivered before shutdown", 0, encodeAll(t.lane.abandon())))
                .then())
        .then(connections.disposeLater());
  }

  private List<String> encodeAll(List<PresenceEvent> events) {
    List<String> jsons = new ArrayList<>(events.size());
    for (PresenceEvent event : events) {
      String json = encoder.encode(event);
      if (json != null) {
        jsons.add(json);
      }
    }
    return jsons;
  }

  @Override
  public Mono<Void> close() {
    return close;
  }

  @Override
  public Health health() {
    for (Target target : targets) {
      String failure = target.lastFailure;
      if (failure != null) {
        return Health.down("webhook " + target.safeUrl + ": " + failure);
      }
    }
    return Health.up();
  }

  @Override
  public long queueDepth() {
    return targets.stream().mapToLong(t -> t.lane.depth()).sum();
  }

  @Override
  public long dropped() {
    return meters.droppedTotal();
  }

  /** Why one POST failed, and whether trying again can help. */
  static final class DeliveryException extends RuntimeException {
    private final boolean transientFailure;

    DeliveryException(String message, boolean transientFailure) {
      super(message, null, false, false);
      this.transientFailure = transientFailure;
    }
  }

  static boolean isTransient(Throwable error) {
    if (error instanceof DeliveryException failure) {
      return failure.transientFailure;
    }
    return error instanceof IOException
        || error instanceof TimeoutException
        || error instanceof io.netty.channel.ConnectTimeoutException
        || error.getCause() instanceof IOException;
  }

  static boolean isTransientStatus(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private final class Target {
    final URI url;
    final String safeUrl;
    final DeliveryLane lane;
    volatile String lastFailure;

    Target(URI url) {
      this.url = url;
      this.safeUrl = WebhookSinkOptions.redact(url);
      this.lane =
          new DeliveryLane(
              options.name() + " " + safeUrl,
              options.queueCapacity(),
              options.overflow(),
              options.batchSize(),
              this::deliver);
    }

    private Mono<Void> deliver(List<PresenceEvent> batch) {
      List<String> jsons = encodeAll(batch);
      if (jsons.isEmpty()) {
        return Mono.empty();
      }
      String body = options.batchSize() == 1 ? jsons.get(0) : "[" + String.join(",", jsons) + "]";
      AtomicInteger attempts = new AtomicInteger();
      return Mono.defer(
              () -> {
                attempts.incrementAndGet();
                return post(body);
              })
          .retryWhen(
              Retry.backoff(options.maxAttempts() - 1, options.initialBackoff())
                  .maxBackoff(options.maxBackoff())
                  .jitter(0.2)
                  .filter(WebhookSink::isTransient)
                  .doBeforeRetry(signal -> retry.increment()))
          .doOnSuccess(
              ignored -> {
                success.increment();
                meters.delivered(jsons.size());
                if (lastFailure != null) {
                  log.info("sink {}: {} accepts deliveries again", name(), safeUrl);
                  lastFailure = null;
                }
              })
          .onErrorResume(
              error -> {
                Throwable cause = Exceptions.isRetryExhausted(error) ? error.getCause() : error;
                return giveUp(describe(cause), attempts.get(), jsons);
              });
    }

    private Mono<Void> post(String body) {
      return http.post()
          .uri(url)
          // A Mono body is sent with Content-Length rather than chunked, which some receivers require.
          .send(Mono.fromCallable(() -> Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))))
          .responseSingle(
              (response, content) ->
                  content.asString().defaultIfEmpty("").thenReturn(response.status().code()))
          .timeout(options.requestTimeout())
          .flatMap(
              status ->
                  status >= 200 && status < 300
                      ? Mono.<Void>empty()
                      : Mono.error(new DeliveryException("HTTP " + status, isTransientStatus(status))));
    }

    /** Counts, logs and dead-letters a batch that will not be delivered. Never fails. */
    Mono<Void> giveUp(String reason, int attempts, List<String> jsons) {
      if (jsons.isEmpty()) {
        return Mono.empty();
      }
      deadLetter.increment();
      deadLetterEvents.increment(jsons.size());
      meters.failed(jsons.size());
      boolean wasHealthy = lastFailure == null;
      lastFailure = reason + (attempts > 0 ? " after " + attempts + " attempt(s)" : "");
      // Warn when a target turns bad, not for every batch while it stays bad (the metrics count those).
      if (wasHealthy) {
        log.warn("sink {}: {} event(s) for {} dead-lettered: {}", name(), jsons.size(), safeUrl, lastFailure);
      } else {
        log.debug("sink {}: {} event(s) for {} dead-lettered: {}", name(), jsons.size(), safeUrl, lastFailure);
      }
      if (deadLetters == null) {
        return Mono.empty();
      }
      return Mono.<Void>fromRunnable(() -> deadLetters.append(safeUrl, reason, attempts, jsons))
          .subscribeOn(Schedulers.boundedElastic())
          .onErrorResume(
              e -> {
                log.error("sink {}: cannot write dead-letter file {}: {}", name(), deadLetters.path(), e.toString());
                return Mono.empty();
              });
    }
  }

  private static String describe(Throwable error) {
    if (error instanceof DeliveryException) {
      return error.getMessage();
    }
    if (error instanceof TimeoutException) {
      return "timed out";
    }
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
