package io.presencestream.daemon;

import io.presencestream.model.EventKind;
import io.presencestream.sink.WebhookFormat;
import io.presencestream.store.HistoryOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where events go besides the SSE server (YAML section {@code sinks}).
 *
 * @param jsonLines one JSON event per line to stdout or a file, if configured
 * @param webhooks HTTP endpoints that receive every event by POST
 * @param database the history database, if configured
 */
public record SinksConfig(Optional<JsonLines> jsonLines, List<Webhook> webhooks, Optional<Database> database) {

  /**
   * Copies the webhooks.
   *
   * @param jsonLines the JSON lines sink, or empty for none
   * @param webhooks the webhooks, possibly none
   * @param database the history database, or empty for none
   * @throws NullPointerException if an argument is null
   */
  public SinksConfig {
    Objects.requireNonNull(jsonLines, "jsonLines");
    webhooks = List.copyOf(webhooks);
    Objects.requireNonNull(database, "database");
  }

  /**
   * Without a history database: JSON lines and webhooks only.
   *
   * @param jsonLines the JSON lines sink, or empty for none
   * @param webhooks the webhooks, possibly none
   */
  public SinksConfig(Optional<JsonLines> jsonLines, List<Webhook> webhooks) {
    this(jsonLines, webhooks, Optional.empty());
  }

  /**
   * The history database (YAML {@code sinks.database}): every event and every call record, in the embedded
   * H2 or in PostgreSQL. The password, if any, was read from the environment variable the file names; the
   * options' {@code toString()} hides it.
   *
   * @param options the store's options, database included
   */
  public record Database(HistoryOptions options) {
    /**
     * Requires the options.
     *
     * @param options the store's options
     * @throws NullPointerException if {@code options} is null
     */
    public Database {
      Objects.requireNonNull(options, "options");
    }
  }

  /**
   * JSON lines (YAML {@code sinks.jsonLines}).
   *
   * @param file the file to append to, or empty for standard output
   */
  public record JsonLines(Optional<Path> file) {
    /**
     * Requires the file option.
     *
     * @param file the file, or empty for standard output
     * @throws NullPointerException if {@code file} is null
     */
    public JsonLines {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * One webhook (an item of YAML {@code sinks.webhooks}).
   *
   * @param name its name in logs, metrics, readiness and alert rules' {@code targets}; {@code webhook-<index>}
   *     unless given
   * @param format {@code json} (presence-stream's events) or {@code slack} ({@code {"text": …}}, for chat)
   * @param kinds the event kinds it receives; empty for the format's default (every kind for json, the alert
   *     kinds for slack)
   * @param url where events are POSTed
   * @param batchSize events per POST (1: one JSON object per request; more: a JSON array)
   * @param maxAttempts tries per batch before it goes to the dead-letter file
   * @param initialBackoff the first retry delay; it doubles (with jitter) up to {@code maxBackoff}
   * @param maxBackoff the longest retry delay
   * @param queueCapacity events waiting for delivery; beyond it the oldest waiting event is dropped (and counted)
   * @param timeout how long one POST may take
   * @param deadLetterFile where batches that finally failed are appended, one event per line
   */
  public record Webhook(
      String name,
      WebhookFormat format,
      Set<EventKind> kinds,
      URI url,
      int batchSize,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      int queueCapacity,
      Duration timeout,
      Path deadLetterFile) {
    /**
     * Validates the webhook.
     *
     * @param name its name, not blank
     * @param format the body's format
     * @param kinds the kinds it receives, empty for the format's default
     * @param url where events are POSTed
     * @param batchSize events per POST, at least 1
     * @param maxAttempts tries per batch, at least 1
     * @param initialBackoff the first retry delay
     * @param maxBackoff the longest retry delay
     * @param queueCapacity events waiting for delivery, at least 1
     * @param timeout how long one POST may take
     * @param deadLetterFile where failed batches are appended
     * @throws IllegalArgumentException for a count below 1
     * @throws NullPointerException for a missing URL, duration or file
     */
    public Webhook {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(format, "format");
      kinds = Set.copyOf(kinds);
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(deadLetterFile, "deadLetterFile");
      if (batchSize < 1 || maxAttempts < 1 || queueCapacity < 1) {
        throw new IllegalArgumentException("batchSize, maxAttempts and queueCapacity must be at least 1");
      }
    }

    /**
     * A JSON webhook named {@code webhook} receiving every kind.
     *
     * @param url where events are POSTed
     * @param batchSize events per POST, at least 1
     * @param maxAttempts tries per batch, at least 1
     * @param initialBackoff the first retry delay
     * @param maxBackoff the longest retry delay
     * @param queueCapacity events waiting for delivery, at least 1
     * @param timeout how long one POST may take
     * @param deadLetterFile where failed batches are appended
     */
    public Webhook(URI url, int batchSize, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        int queueCapacity, Duration timeout, Path deadLetterFile) {
      this("webhook", WebhookFormat.JSON, Set.of(), url, batchSize, maxAttempts, initialBackoff, maxBackoff,
          queueCapacity, timeout, deadLetterFile);
    }

    /**
     * Webhook URLs often carry a token in their user info or query (e.g. {@code ?token=...}), so only
     * scheme, host, port and path are shown; a logged configuration then leaks no secret.
     *
     * @return every option, the URL without user info, query and fragment
     */
    @Override
    public String toString() {
      return "Webhook[name=" + name
          + ", format=" + format.label()
          + ", kinds=" + (kinds.isEmpty() ? "(default)" : kinds.stream().map(EventKind::label).sorted().toList())
          + ", url=" + redacted(url)
          + ", batchSize=" + batchSize
          + ", maxAttempts=" + maxAttempts
          + ", initialBackoff=" + initialBackoff
          + ", maxBackoff=" + maxBackoff
          + ", queueCapacity=" + queueCapacity
          + ", timeout=" + timeout
          + ", deadLetterFile=" + deadLetterFile + "]";
    }

    private static String redacted(URI url) {
      String shown = (url.getScheme() == null ? "" : url.getScheme() + "://")
          + (url.getHost() == null ? "" : url.getHost())
          + (url.getPort() < 0 ? "" : ":" + url.getPort())
          + (url.getRawPath() == null ? "" : url.getRawPath());
      return url.getRawUserInfo() == null && url.getRawQuery() == null && url.getRawFragment() == null
          ? shown
          : shown + " (credentials, query and fragment hidden)";
    }
  }
}
