package io.presencestream.sink;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.presencestream.codec.WebhookJson;
import io.presencestream.model.PresenceEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * fails permanently (other statuses), goes to the dead-letter file. Failures are logged through a
 * {@link DeadLetterReport}: one line per interval, not per batch.
 */
final class WebhookSink implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(WebhookSink.class);

  /** The longest a URL that keeps failing stays silent in the log (its failures are counted meanwhile). */
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(30);

  /** An event with the time it was queued (the registry clock's monotonic nanoseconds), for the latency. */
  private record Queued(PresenceEvent event, long queuedAt) {}

  /** Whether a batch that will not be delivered reached the dead-letter file, and if not, why. */
  private record Filed(boolean written, String whyNot) {}

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
  private final Timer latency;
  private final Clock clock;
  private final DeadLetterFile deadLetters;
  private final DeadLetterReport report;
  private final long reportIntervalNanos;
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** How long close keeps delivering: the options' close timeout, or less when {@link #close(Duration)} asks. */
  private final AtomicReference<Duration> closeLimit;
  private final Mono<Void> close;

  WebhookSink(
      WebhookSinkOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    this(options, encoder, registry, REPORT_INTERVAL);
  }

  WebhookSink(
      WebhookSinkOptions options,
      Function<? super PresenceEvent, String> encoder,
      MeterRegistry registry,
      Duration reportInterval) {
    this.options = options;
    this.closeLimit = new AtomicReference<>(options.closeTimeout());
    this.clock = registry.config().clock();
    this.reportIntervalNanos = reportInterval.toNanos();
    this.deadLetters = options.deadLetterFile() == null ? null : new DeadLetterFile(options.deadLetterFile());
    this.report =
        new DeadLetterReport(
            options.name(),
            deadLetters == null ? null : deadLetters.path().toAbsolutePath().toString(),
            reportInterval,
            Schedulers.parallel(),
            log::warn);
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
    // A chat webhook posts a sentence per event, not the event's JSON.
    Function<? super PresenceEvent, String> body =
        options.format() == WebhookFormat.SLACK ? event -> WebhookJson.text(ChatText.of(event)) : encoder;
    this.encoder = new SinkEncoder(options.name(), body, meters, log);
    this.success = meters.own(deliveries(registry, "success"));
    this.retry = meters.own(deliveries(registry, "retry"));
    this.deadLetter = meters.own(deliveries(registry, "dead_letter"));
    this.deadLetterEvents = meters.own(
        Counter.builder("presence.webhook.dead.letters")
            .tag("sink", options.name())
            .description("Events written to the dead-letter file")
            .register(registry));
    this.latency = meters.own(
        Timer.builder("presence.webhook.delivery.latency")
            .tag("sink", options.name())
            .description("From an event's arrival in the sink's queue to the 2xx answer that delivered it, retries included")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry));
    // Removed before close() completes (doFinally would run after its subscribers saw it complete, so a
    // caller could still find the meters); doFinally covers a cancelled close.
    this.close = Mono.defer(this::closeNow).doOnTerminate(meters::remove).doFinally(signal -> meters.remove()).cache();
  }

  /** Histogram buckets for the delivery latency: a few milliseconds on a LAN to retries over minutes. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofMinutes(1)
  };

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
    if (!options.receives(event)) {
      return; // not for this webhook (its kinds, or an alert routed to other targets): neither queued nor dropped
    }
    if (closed.get()) {
      meters.closed();
      return;
    }
    Queued queued = new Queued(event, clock.monotonicTime());
    for (Target target : targets) {
      if (target.lane.offer(queued) != BoundedQueue.Offer.ACCEPTED) {
        meters.overflow();
      }
    }
  }

  /**
   * Delivers what is queued within the close limit; then whatever is left on a URL (the batch in flight,
   * its retries cancelled, and everything queued behind it) is dead-lettered and counted in one log line.
   */
  private Mono<Void> closeNow() {
    closed.set(true);
    Duration limit = closeLimit.get();
    targets.forEach(t -> t.lane.startClosing());
    Mono<Void> drained = Flux.fromIterable(targets).flatMap(t -> t.lane.drained()).then();
    return drained
        .timeout(limit, Flux.fromIterable(targets).concatMap(t -> t.abandon(limit)).then())
        .then(Mono.fromRunnable(report::close))
        .then(connections.disposeLater());
  }

  /** The JSON of each event that can be encoded (one that cannot is counted and skipped by the encoder). */
  private List<String> encodeAll(List<Queued> events, List<Queued> encoded) {
    List<String> jsons = new ArrayList<>(events.size());
    for (Queued queued : events) {
      String json = encoder.encode(queued.event());
      if (json != null) {
        jsons.add(json);
        encoded.add(queued);
      }
    }
    return jsons;
  }

  @Override
  public Mono<Void> close() {
    return close;
  }

  @Override
  public Mono<Void> close(Duration drainTimeout) {
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must not be negative, was " + drainTimeout);
    }
    return Mono.defer(
        () -> {
          closeLimit.accumulateAndGet(drainTimeout, (a, b) -> a.compareTo(b) <= 0 ? a : b);
          return close;
        });
  }

  @Override
  public long deadLettered() {
    return deadLettered.get();
  }

  /** One line for the start-up log: where events are POSTed (without user info or query) and where failures go. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("webhook ");
    for (int i = 0; i < targets.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(targets.get(i).safeUrl);
    }
    text.append(options.batchSize() == 1 ? "" : " (batches of up to " + options.batchSize() + ")");
    text.append(options.format() == WebhookFormat.JSON ? "" : ", format " + options.format().label());
    if (!options.kinds().isEmpty()) {
      text.append(", kinds ").append(String.join(" ", options.kinds().stream().map(k -> k.label()).sorted().toList()));
    }
    text.append(deadLetters == null ? ", no dead-letter file" : ", dead letters to " + deadLetters.path().toAbsolutePath());
    return text.toString();
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
    final DeliveryLane<Queued> lane;
    volatile String lastFailure;
    /** When the last recovery was logged (registry clock); written by this URL's one delivery at a time. */
    private volatile long recoveryLoggedAt = clock.monotonicTime() - reportIntervalNanos;

    Target(URI url) {
      this.url = url;
      this.safeUrl = WebhookSinkOptions.redact(url);
      this.lane =
          new DeliveryLane<>(
              options.name() + " " + safeUrl,
              options.queueCapacity(),
              options.overflow(),
              options.batchSize(),
              this::deliver);
    }

    private Mono<Void> deliver(List<Queued> batch) {
      List<Queued> sent = new ArrayList<>(batch.size());
      List<String> jsons = encodeAll(batch, sent);
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
                long now = clock.monotonicTime();
                for (Queued queued : sent) {
                  latency.record(now - queued.queuedAt(), TimeUnit.NANOSECONDS);
                }
                if (lastFailure != null) {
                  lastFailure = null;
                  // A URL that fails every other request must not log a line per recovery either.
                  if (now - recoveryLoggedAt >= reportIntervalNanos) {
                    recoveryLoggedAt = now;
                    log.info("sink {}: {} accepts deliveries again", name(), safeUrl);
                  }
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

    /** Counts and dead-letters a batch that failed; the report logs it. Never fails. */
    Mono<Void> giveUp(String reason, int attempts, List<String> jsons) {
      if (jsons.isEmpty()) {
        return Mono.empty();
      }
      deadLetter.increment();
      meters.failed(jsons.size());
      lastFailure = reason + (attempts > 0 ? " after " + attempts + " attempt(s)" : "");
      String failure = lastFailure;
      return file(reason, attempts, jsons)
          .doOnNext(
              filed -> {
                if (filed.written()) {
                  report.deadLettered(safeUrl, failure, jsons.size());
                } else {
                  report.lost(safeUrl, failure, jsons.size(), filed.whyNot());
                }
              })
          .then();
    }

    /**
     * The close limit ran out: takes back what this URL still holds (the batch in flight, whose request or
     * retry wait is cancelled, and the queue behind it), dead-letters it and says so in one line.
     */
    Mono<Void> abandon(Duration limit) {
      DeliveryLane.Abandoned<Queued> left = lane.abandon();
      List<Queued> all = left.all();
      if (all.isEmpty()) {
        return Mono.empty();
      }
      List<String> jsons = encodeAll(all, new ArrayList<>(all.size()));
      if (jsons.isEmpty()) {
        return Mono.empty();
      }
      deadLetter.increment();
      meters.failed(jsons.size());
      return file("not delivered before shutdown", 0, jsons)
          .doOnNext(
              filed ->
                  log.warn(
                      "sink {}: {} event(s) for {} not delivered within {} of closing ({} in flight, {} queued): {}",
                      name(), jsons.size(), safeUrl, seconds(limit), left.inFlight().size(), left.queued().size(),
                      filed.written()
                          ? "dead-lettered to " + deadLetters.path().toAbsolutePath()
                          : "lost (" + filed.whyNot() + ")"))
          .then();
    }

    /** Appends to the dead-letter file off the event loop; tells whether that worked. Never fails. */
    private Mono<Filed> file(String reason, int attempts, List<String> jsons) {
      if (deadLetters == null) {
        return Mono.just(new Filed(false, "no dead-letter file"));
      }
      return Mono.fromCallable(
              () -> {
                try {
                  deadLetters.append(safeUrl, reason, attempts, jsons);
                } catch (IOException e) {
                  return new Filed(false, "cannot write " + deadLetters.path().toAbsolutePath() + ": "
                      + FileErrors.reason(e, deadLetters.path()));
                }
                deadLettered.addAndGet(jsons.size());
                deadLetterEvents.increment(jsons.size());
                return new Filed(true, null);
              })
          .subscribeOn(Schedulers.boundedElastic())
          .onErrorResume(e -> Mono.just(new Filed(false, "cannot write " + deadLetters.path() + ": " + e)));
    }
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
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
