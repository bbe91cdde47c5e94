package io.presencestream.sink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Configuration of a webhook sink: every event is POSTed as JSON to each URL, with retries and a
 * dead-letter file. Each URL has its own queue, so a dead endpoint does not hold back the others.
 *
 * @param name the sink's name in metrics and readiness
 * @param urls where to POST ({@code http} or {@code https})
 * @param batchSize 1 = POST each event as a JSON object; more = POST a JSON array of up to this many
 *     events (whatever is queued when a delivery starts; the sink never waits to fill a batch)
 * @param maxAttempts attempts per batch, the first included, before it is dead-lettered
 * @param initialBackoff the wait before the first retry; doubles each retry (with 20% jitter)
 * @param maxBackoff the longest wait between retries
 * @param requestTimeout how long one attempt may take until the response status is known
 * @param queueCapacity how many events may wait per URL
 * @param overflow what happens to an event when a URL's queue is full
 * @param deadLetterFile the JSON-lines file receiving what finally failed, or {@code null} to only log
 *     and count it
 * @param headers extra request headers (e.g. {@code Authorization}); their values are never logged
 * @param closeTimeout how long {@code close()} keeps delivering; what is left then is dead-lettered
 */
public record WebhookSinkOptions(
    String name,
    List<URI> urls,
    int batchSize,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration requestTimeout,
    int queueCapacity,
    QueueOverflow overflow,
    Path deadLetterFile,
    Map<String, String> headers,
    Duration closeTimeout) {

  public WebhookSinkOptions {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("sink name must not be blank");
    }
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("a webhook sink needs at least one URL");
    }
    for (URI url : urls) {
      if (url.getScheme() == null
          || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("webhook URL must be an absolute http(s) URL: " + redact(url));
      }
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(closeTimeout, "closeTimeout");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    Objects.requireNonNull(overflow, "overflow");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  private static void requirePositive(Duration value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }

  /**
   * One URL, each event on its own, 5 attempts with backoff from 500 ms to 30 s, 10 s per attempt, a
   * queue of 10 000 dropping the oldest, no dead-letter file, 10 s to drain on close.
   */
  public static WebhookSinkOptions of(URI url) {
    return new WebhookSinkOptions(
        "webhook",
        List.of(url),
        1,
        5,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        10_000,
        QueueOverflow.DROP_OLDEST,
        null,
        Map.of(),
        Duration.ofSeconds(10));
  }

  /** A validated copy with another {@link #name() name} in metrics and readiness. */
  public WebhookSinkOptions withName(String name) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy POSTing to other {@link #urls() URLs} (replacing the previous ones). */
  public WebhookSinkOptions withUrls(List<URI> urls) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy with another {@link #batchSize() batch size}. */
  public WebhookSinkOptions withBatchSize(int batchSize) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy with another retry schedule: attempts per batch and backoff bounds. */
  public WebhookSinkOptions withRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy with another {@link #requestTimeout() per-attempt timeout}. */
  public WebhookSinkOptions withRequestTimeout(Duration requestTimeout) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy with another per-URL queue capacity and overflow policy. */
  public WebhookSinkOptions withQueue(int queueCapacity, QueueOverflow overflow) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A copy dead-lettering to another file ({@code null}: only log and count). */
  public WebhookSinkOptions withDeadLetterFile(Path deadLetterFile) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy sending other extra headers (replacing the previous ones; values are never logged). */
  public WebhookSinkOptions withHeaders(Map<String, String> headers) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A validated copy with another {@link #closeTimeout() close timeout}. */
  public WebhookSinkOptions withCloseTimeout(Duration closeTimeout) {
    return new WebhookSinkOptions(name, urls, batchSize, maxAttempts, initialBackoff, maxBackoff, requestTimeout, queueCapacity, overflow, deadLetterFile, headers, closeTimeout);
  }

  /** A URL without user info, query or fragment, which may carry secrets: safe for logs and files. */
  static String redact(URI url) {
    StringBuilder out = new StringBuilder();
    if (url.getScheme() != null) {
      out.append(url.getScheme()).append("://");
    }
    if (url.getHost() != null) {
      out.append(url.getHost());
    }
    if (url.getPort() >= 0) {
      out.append(':').append(url.getPort());
    }
    if (url.getRawPath() != null) {
      out.append(url.getRawPath());
    }
    return out.toString();
  }

  /** Header values and URL secrets are left out. */
  @Override
  public String toString() {
    return "WebhookSinkOptions[name=" + name
        + ", urls=" + urls.stream().map(WebhookSinkOptions::redact).collect(Collectors.toList())
        + ", batchSize=" + batchSize
        + ", maxAttempts=" + maxAttempts
        + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff
        + ", requestTimeout=" + requestTimeout
        + ", queueCapacity=" + queueCapacity
        + ", overflow=" + overflow
        + ", deadLetterFile=" + deadLetterFile
        + ", headers=" + headers.keySet()
        + ", closeTimeout=" + closeTimeout + "]";
  }
}
