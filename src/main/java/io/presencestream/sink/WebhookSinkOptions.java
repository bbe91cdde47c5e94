package io.presencestream.sink;

import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * @param closeTimeout how long {@code close()} keeps delivering ({@code close(Duration)}: the shorter of the
 *     two); what is left then, in flight and queued, is dead-lettered
 * @param format the body: presence-stream's event JSON, or a chat message ({@code {"text": …}})
 * @param kinds the event kinds it receives; empty for the format's {@link WebhookFormat#defaultKinds() default}
 *     (every kind for JSON, the alert kinds for Slack). See {@link #receives(PresenceEvent)} for alerts whose
 *     rule names target webhooks.
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
    Duration closeTimeout,
    WebhookFormat format,
    Set<EventKind> kinds) {

  /**
   * Validates the options and copies the lists.
   *
   * @param name the sink's name, not blank
   * @param urls absolute {@code http(s)} URLs, at least one
   * @param batchSize events per POST, at least 1
   * @param maxAttempts attempts per batch, at least 1
   * @param initialBackoff the first retry's wait, positive
   * @param maxBackoff the longest wait, positive
   * @param requestTimeout one attempt's limit, positive
   * @param queueCapacity events waiting per URL, at least 1
   * @param overflow the policy for a full queue
   * @param deadLetterFile the dead-letter file, or {@code null}
   * @param headers extra request headers, {@code Map.of()} for none
   * @param closeTimeout how long closing keeps delivering, positive
   * @param format the body's format
   * @param kinds the kinds it receives, empty for the format's default
   * @throws IllegalArgumentException naming the first option out of range (a URL without its secrets), or a
   *     Slack-format webhook with {@code batchSize} above 1 (a chat message is one event)
   * @throws NullPointerException naming a missing option
   */
  public WebhookSinkOptions {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(urls, "urls must not be null");
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls must hold at least one URL");
    }
    if (urls.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("urls must not contain null");
    }
    urls = List.copyOf(urls);
    for (URI url : urls) {
      if (url.getScheme() == null
          || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("urls must be absolute http(s) URLs, was " + redact(url));
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
    Objects.requireNonNull(overflow, "overflow must not be null");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers must not be null (Map.of() for none)"));
    Objects.requireNonNull(format, "format must not be null");
    Objects.requireNonNull(kinds, "kinds must not be null (Set.of() for the format's default)");
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    if (format == WebhookFormat.SLACK && batchSize != 1) {
      throw new IllegalArgumentException("batchSize must be 1 for format slack (one chat message per event), was " + batchSize);
    }
  }

  /**
   * Whether this webhook receives an event. An alert whose rule names target webhooks ({@code targets}) goes
   * to those webhooks, whatever their kinds, and besides only to webhooks that list its kind explicitly in
   * {@link #kinds()}: a webhook left at its default kinds does not get alerts meant for another channel.
   * Every other event goes to the webhooks whose kinds (explicit or default) include its kind.
   *
   * @param event the event
   * @return whether to queue it for this webhook
   */
  public boolean receives(PresenceEvent event) {
    if (event instanceof ContactCentreEvent.AlertRaised raised && !raised.alert().targets().isEmpty()) {
      return raised.alert().targets().contains(name) || kinds.contains(event.kind());
    }
    if (event instanceof ContactCentreEvent.AlertCleared cleared && !cleared.alert().targets().isEmpty()) {
      return cleared.alert().targets().contains(name) || kinds.contains(event.kind());
    }
    return kinds.isEmpty() ? format.defaultKinds().contains(event.kind()) : kinds.contains(event.kind());
  }

  private static void requirePositive(Duration value, String field) {
    Objects.requireNonNull(value, () -> field + " must not be null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }

  /**
   * One URL, each event on its own, 5 attempts with backoff from 500 ms to 30 s, 10 s per attempt, a
   * queue of 10 000 dropping the oldest, no dead-letter file, 10 s to drain on close.
   *
   * @param url where to POST, an absolute {@code http(s)} URL
   * @return the options
   * @throws IllegalArgumentException if {@code url} is missing or not such a URL
   */
  public static WebhookSinkOptions of(URI url) {
    return builder(url).build();
  }

  /**
   * Starts options POSTing to {@code url} from the defaults of {@link #of(URI)}.
   *
   * @param url where to POST
   * @return a new builder; {@link Builder#build()} validates
   */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /**
   * Starts from these options, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these options
   */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects webhook options; each method sets the option of the same name and {@link #build()}
   * validates them all at once, naming the first one that is out of range. Not thread-safe: build on
   * one thread, then share the immutable result.
   */
  public static final class Builder {
    private String name = "webhook";
    private List<URI> urls;
    private int batchSize = 1;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int queueCapacity = 10_000;
    private QueueOverflow overflow = QueueOverflow.DROP_OLDEST;
    private Path deadLetterFile;
    private Map<String, String> headers = Map.of();
    private Duration closeTimeout = Duration.ofSeconds(10);
    private WebhookFormat format = WebhookFormat.JSON;
    private Set<EventKind> kinds = Set.of();

    private Builder(URI url) {
      urls = url == null ? null : List.of(url);
    }

    private Builder(WebhookSinkOptions o) {
      name = o.name;
      urls = o.urls;
      batchSize = o.batchSize;
      maxAttempts = o.maxAttempts;
      initialBackoff = o.initialBackoff;
      maxBackoff = o.maxBackoff;
      requestTimeout = o.requestTimeout;
      queueCapacity = o.queueCapacity;
      overflow = o.overflow;
      deadLetterFile = o.deadLetterFile;
      headers = o.headers;
      closeTimeout = o.closeTimeout;
      format = o.format;
      kinds = o.kinds;
    }

    /**
     * Sets the sink's name in metrics and readiness.
     *
     * @param value a name unique among the daemon's sinks, not blank (default {@code webhook})
     * @return this builder
     */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /**
     * Sets where to POST, replacing the URL given to {@link WebhookSinkOptions#builder(URI)}.
     *
     * @param value absolute {@code http(s)} URLs, at least one; each gets its own queue
     * @return this builder
     */
    public Builder urls(List<URI> value) {
      urls = value;
      return this;
    }

    /**
     * Sets how many events one POST carries.
     *
     * @param value 1 for one JSON object per POST, more for a JSON array of up to this many (default 1)
     * @return this builder
     */
    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    /**
     * Sets the attempts per batch, the first included, before it is dead-lettered.
     *
     * @param value at least 1 (default 5)
     * @return this builder
     */
    public Builder maxAttempts(int value) {
      maxAttempts = value;
      return this;
    }

    /**
     * Sets the wait before the first retry; it doubles each retry, with 20 % jitter.
     *
     * @param value a positive duration (default 500 ms)
     * @return this builder
     */
    public Builder initialBackoff(Duration value) {
      initialBackoff = value;
      return this;
    }

    /**
     * Sets the longest wait between retries.
     *
     * @param value a positive duration (default 30 s)
     * @return this builder
     */
    public Builder maxBackoff(Duration value) {
      maxBackoff = value;
      return this;
    }

    /**
     * Sets how long one attempt may take until the response status is known.
     *
     * @param value a positive duration (default 10 s)
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    /**
     * Sets how many events may wait per URL.
     *
     * @param value at least 1 (default 10 000)
     * @return this builder
     */
    public Builder queueCapacity(int value) {
      queueCapacity = value;
      return this;
    }

    /**
     * Sets what happens to an event when a URL's queue is full.
     *
     * @param value the policy (default {@link QueueOverflow#DROP_OLDEST})
     * @return this builder
     */
    public Builder overflow(QueueOverflow value) {
      overflow = value;
      return this;
    }

    /**
     * Sets the JSON-lines file for what finally failed.
     *
     * @param value the file, or {@code null} (the default) to only log and count it
     * @return this builder
     */
    public Builder deadLetterFile(Path value) {
      deadLetterFile = value;
      return this;
    }

    /**
     * Sets extra request headers, replacing the previous ones; their values are never logged.
     *
     * @param value the headers, e.g. {@code Authorization} (default none)
     * @return this builder
     */
    public Builder headers(Map<String, String> value) {
      headers = value;
      return this;
    }

    /**
     * Sets how long {@code close()} keeps delivering before dead-lettering the rest.
     *
     * @param value a positive duration (default 10 s)
     * @return this builder
     */
    public Builder closeTimeout(Duration value) {
      closeTimeout = value;
      return this;
    }

    /**
     * Sets the body's format.
     *
     * @param value {@link WebhookFormat#JSON} (the default) or {@link WebhookFormat#SLACK}
     * @return this builder
     */
    public Builder format(WebhookFormat value) {
      format = value;
      return this;
    }

    /**
     * Sets the event kinds it receives.
     *
     * @param value the kinds; empty (the default) for the format's default kinds
     * @return this builder
     */
    public Builder kinds(Set<EventKind> value) {
      kinds = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first option out of range
     * @throws NullPointerException naming a missing option
     */
    public WebhookSinkOptions build() {
      return new WebhookSinkOptions(
          name,
          urls,
          batchSize,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          requestTimeout,
          queueCapacity,
          overflow,
          deadLetterFile,
          headers,
          closeTimeout,
          format,
          kinds);
    }
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

  /**
   * The options for a log line.
   *
   * @return every option; header values and the URLs' user info, query and fragment left out
   */
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
        + ", closeTimeout=" + closeTimeout
        + ", format=" + format.label()
        + ", kinds=" + (kinds.isEmpty() ? "(default)" : kinds.stream().map(EventKind::label).sorted().toList()) + "]";
  }
}
