package io.presencestream.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How the history store runs: which database, how it writes (batches, the bounded queue, the spill
 * directory used while the database cannot keep up), how long each table keeps its rows, and the zone its
 * answers are written in. Immutable; {@link #builder(HistoryDatabase)} starts from the defaults.
 *
 * <pre>{@code
 * HistoryOptions options = HistoryOptions.builder(HistoryDatabase.h2(Path.of("history/presence")))
 *     .spillDirectory(Path.of("history/spill"))
 *     .eventRetention(Duration.ofDays(30))
 *     .zone(ZoneId.of("Europe/Paris"))
 *     .build();
 * }</pre>
 */
public final class HistoryOptions {

  private final HistoryDatabase database;
  private final String name;
  private final int batchSize;
  private final int queueCapacity;
  private final Path spillDirectory;
  private final long maxSpillBytes;
  private final Duration writeTimeout;
  private final Duration connectTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration eventRetention;
  private final Duration callRetention;
  private final Duration agentStateRetention;
  private final Duration queueCallRetention;
  private final Duration retentionInterval;
  private final ZoneId zone;
  private final int poolSize;

  private HistoryOptions(Builder b) {
    this.database = b.database;
    this.name = b.name;
    this.batchSize = b.batchSize;
    this.queueCapacity = b.queueCapacity;
    this.spillDirectory = b.spillDirectory;
    this.maxSpillBytes = b.maxSpillBytes;
    this.writeTimeout = b.writeTimeout;
    this.connectTimeout = b.connectTimeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.eventRetention = b.eventRetention;
    this.callRetention = b.callRetention;
    this.agentStateRetention = b.agentStateRetention;
    this.queueCallRetention = b.queueCallRetention;
    this.retentionInterval = b.retentionInterval;
    this.zone = b.zone;
    this.poolSize = b.poolSize;
  }

  /**
   * Options with the defaults for everything but the database.
   *
   * @param database where the history lives
   * @return a builder
   * @throws NullPointerException if {@code database} is null
   */
  public static Builder builder(HistoryDatabase database) {
    return new Builder(database);
  }

  /** {@return where the history lives} */
  public HistoryDatabase database() {
    return database;
  }

  /** {@return the sink's name in logs, metrics ({@code sink} tag) and readiness; default {@code database}} */
  public String name() {
    return name;
  }

  /** {@return the most events written to the database in one transaction; default 500} */
  public int batchSize() {
    return batchSize;
  }

  /** {@return events held in memory for the database; beyond half of it they go to the spill file; default 10,000} */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** {@return where events wait on disk while the database is down or slow; default {@code history-spill}} */
  public Path spillDirectory() {
    return spillDirectory;
  }

  /** {@return the most bytes the spill files may hold; beyond, events are dropped and counted; default 1 GiB} */
  public long maxSpillBytes() {
    return maxSpillBytes;
  }

  /** {@return how long one batch may take (connection included) before it counts as failed; default 10 s} */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /** {@return how long opening a connection may take; default 5 s} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the first wait before trying a database that failed again; it doubles up to {@link #maxBackoff()}; default 1 s} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the longest wait between tries of a database that is down; default 30 s} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** {@return how long events are kept; {@link Duration#ZERO} keeps them for ever; default 30 days} */
  public Duration eventRetention() {
    return eventRetention;
  }

  /** {@return how long call records are kept; {@link Duration#ZERO} keeps them for ever; default 400 days} */
  public Duration callRetention() {
    return callRetention;
  }

  /** {@return how long agent state spans are kept (by their end); {@link Duration#ZERO} for ever; default 400 days} */
  public Duration agentStateRetention() {
    return agentStateRetention;
  }

  /** {@return how long queue calls are kept (by their end); {@link Duration#ZERO} for ever; default 400 days} */
  public Duration queueCallRetention() {
    return queueCallRetention;
  }

  /** {@return how often the retention job deletes what is older than the retention; default 1 h} */
  public Duration retentionInterval() {
    return retentionInterval;
  }

  /** {@return the account's zone: history answers write times in it, and dates mean its days; default UTC} */
  public ZoneId zone() {
    return zone;
  }

  /** {@return the most connections open to the database (writes and queries); default 4} */
  public int poolSize() {
    return poolSize;
  }

  @Override
  public String toString() {
    return "HistoryOptions[database=" + database + ", name=" + name + ", batchSize=" + batchSize
        + ", queueCapacity=" + queueCapacity + ", spillDirectory=" + spillDirectory + ", maxSpillBytes=" + maxSpillBytes
        + ", writeTimeout=" + writeTimeout + ", connectTimeout=" + connectTimeout + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", eventRetention=" + eventRetention + ", callRetention=" + callRetention
        + ", agentStateRetention=" + agentStateRetention + ", queueCallRetention=" + queueCallRetention
        + ", retentionInterval=" + retentionInterval + ", zone=" + zone + ", poolSize=" + poolSize + "]";
  }

  /** Collects the options; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private final HistoryDatabase database;
    private String name = "database";
    private int batchSize = 500;
    private int queueCapacity = 10_000;
    private Path spillDirectory = Path.of("history-spill");
    private long maxSpillBytes = 1L << 30;
    private Duration writeTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration eventRetention = Duration.ofDays(30);
    private Duration callRetention = Duration.ofDays(400);
    private Duration agentStateRetention = Duration.ofDays(400);
    private Duration queueCallRetention = Duration.ofDays(400);
    private Duration retentionInterval = Duration.ofHours(1);
    private ZoneId zone = ZoneOffset.UTC;
    private int poolSize = 4;

    private Builder(HistoryDatabase database) {
      this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Sets the sink's name.
     *
     * @param name not blank
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the batch size.
     *
     * @param batchSize 1 to 10,000
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the in-memory queue's capacity.
     *
     * @param queueCapacity at least 2
     * @return this builder
     */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * Sets the spill directory (created when needed).
     *
     * @param spillDirectory the directory
     * @return this builder
     */
    public Builder spillDirectory(Path spillDirectory) {
      this.spillDirectory = Objects.requireNonNull(spillDirectory, "spillDirectory");
      return this;
    }

    /**
     * Sets the spill files' limit.
     *
     * @param maxSpillBytes at least 1 MiB
     * @return this builder
     */
    public Builder maxSpillBytes(long maxSpillBytes) {
      this.maxSpillBytes = maxSpillBytes;
      return this;
    }

    /**
     * Sets the time one batch may take.
     *
     * @param writeTimeout positive
     * @return this builder
     */
    public Builder writeTimeout(Duration writeTimeout) {
      this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
      return this;
    }

    /**
     * Sets the time opening a connection may take.
     *
     * @param connectTimeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the waits between tries of a database that is down.
     *
     * @param initial the first wait, positive
     * @param max the longest, not shorter than {@code initial}
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * Sets how long events are kept.
     *
     * @param eventRetention {@link Duration#ZERO} for ever, else at least a minute
     * @return this builder
     */
    public Builder eventRetention(Duration eventRetention) {
      this.eventRetention = Objects.requireNonNull(eventRetention, "eventRetention");
      return this;
    }

    /**
     * Sets how long call records are kept.
     *
     * @param callRetention {@link Duration#ZERO} for ever, else at least a minute
     * @return this builder
     */
    public Builder callRetention(Duration callRetention) {
      this.callRetention = Objects.requireNonNull(callRetention, "callRetention");
      return this;
    }

    /**
     * Sets how long agent state spans are kept, by the end of each span.
     *
     * @param agentStateRetention {@link Duration#ZERO} for ever, else at least a minute
     * @return this builder
     */
    public Builder agentStateRetention(Duration agentStateRetention) {
      this.agentStateRetention = Objects.requireNonNull(agentStateRetention, "agentStateRetention");
      return this;
    }

    /**
     * Sets how long queue calls are kept, by the instant each left its queue.
     *
     * @param queueCallRetention {@link Duration#ZERO} for ever, else at least a minute
     * @return this builder
     */
    public Builder queueCallRetention(Duration queueCallRetention) {
      this.queueCallRetention = Objects.requireNonNull(queueCallRetention, "queueCallRetention");
      return this;
    }

    /**
     * Sets how often the retention job runs.
     *
     * @param retentionInterval at least a second
     * @return this builder
     */
    public Builder retentionInterval(Duration retentionInterval) {
      this.retentionInterval = Objects.requireNonNull(retentionInterval, "retentionInterval");
      return this;
    }

    /**
     * Sets the account's zone.
     *
     * @param zone e.g. {@code ZoneId.of("America/New_York")}
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the connection pool's size.
     *
     * @param poolSize 1 to 100
     * @return this builder
     */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /**
     * Checks and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first option out of range
     */
    public HistoryOptions build() {
      require(!name.isBlank(), "name must not be blank");
      require(batchSize >= 1 && batchSize <= 10_000, "batchSize must be between 1 and 10000, was " + batchSize);
      require(queueCapacity >= 2, "queueCapacity must be at least 2, was " + queueCapacity);
      require(maxSpillBytes >= 1 << 20, "maxSpillBytes must be at least 1 MiB, was " + maxSpillBytes);
      require(positive(writeTimeout), "writeTimeout must be positive");
      require(positive(connectTimeout), "connectTimeout must be positive");
      require(positive(initialBackoff), "initialBackoff must be positive");
      require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must not be shorter than initialBackoff");
      require(keep(eventRetention), "eventRetention must be 0 (for ever) or at least 1 minute, was " + eventRetention);
      require(keep(callRetention), "callRetention must be 0 (for ever) or at least 1 minute, was " + callRetention);
      require(keep(agentStateRetention),
          "agentStateRetention must be 0 (for ever) or at least 1 minute, was " + agentStateRetention);
      require(keep(queueCallRetention),
          "queueCallRetention must be 0 (for ever) or at least 1 minute, was " + queueCallRetention);
      require(retentionInterval.compareTo(Duration.ofSeconds(1)) >= 0, "retentionInterval must be at least 1 second");
      require(poolSize >= 1 && poolSize <= 100, "poolSize must be between 1 and 100, was " + poolSize);
      return new HistoryOptions(this);
    }

    private static boolean positive(Duration d) {
      return !d.isNegative() && !d.isZero();
    }

    private static boolean keep(Duration d) {
      return d.isZero() || d.compareTo(Duration.ofMinutes(1)) >= 0;
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
