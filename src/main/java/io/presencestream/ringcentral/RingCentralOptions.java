package io.presencestream.ringcentral;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RingCentralSource} connects: where, as whom, which extensions, and the timing of
 * keep-alive, reconnection and resynchronisation. Immutable; {@link #builder} for the defaults,
 * {@link #fromEnvironment} for the usual environment variables. {@link #toString()} never prints a
 * secret.
 *
 * <pre>{@code
 * RingCentralOptions options = RingCentralOptions
 *     .builder(URI.create("https://platform.ringcentral.com"), clientId, clientSecret, jwt)
 *     .extensions(ExtensionSelection.allEnabledUsers())
 *     .build();
 * }</pre>
 *
 * @param serverUrl the platform, e.g. {@code https://platform.ringcentral.com} (no path)
 * @param clientId the app's client id
 * @param clientSecret the app's client secret (Basic authentication of the token endpoint)
 * @param jwt the user's JWT credential (JWT bearer grant)
 * @param extensions which extensions to watch
 * @param maxFiltersPerSubscription event filters in one subscription; more extensions use more
 *     subscriptions, one per WebSocket connection (RingCentral allows one subscription per socket)
 * @param heartbeatInterval quiet period after which a {@code Heartbeat} frame is sent (official SDK: 60 s)
 * @param heartbeatTimeout how long to wait for any frame after a heartbeat before the connection is
 *     taken for dead and replaced
 * @param reconnectMinBackoff first reconnect delay; doubles with each failed attempt
 * @param reconnectMaxBackoff ceiling of the reconnect delay
 * @param reconnectJitter relative jitter of reconnect delays, in [0, 1]
 * @param resyncDelay quiet time that ends a batch of engine resync requests (reference: 2 s)
 * @param resyncMaxDelay longest time a resync request waits for its batch (reference: 4 s)
 * @param maxPendingResyncs bound of distinct extensions waiting for a resync; more are dropped and counted
 * @param presenceBulkSize extension ids per bulk presence read (RingCentral: at most 30)
 * @param accountPresencePageSize records per page of the account presence list (at most 1000)
 * @param requestTimeout timeout of one REST request and of one request tunnelled over the socket
 * @param maxFramePayloadLength largest WebSocket frame accepted (Reactor Netty's 64 KiB default is too
 *     small for a subscription reply echoing thousands of filters)
 * @param restRetryBudget how long one REST operation (a resync read, the extension list, an
 *     extension lookup) may take, waits included, while it retries rate limits, server and network
 *     errors; past it the operation gives up with a transient error and the resync lane moves on
 */
public record RingCentralOptions(
    URI serverUrl,
    String clientId,
    String clientSecret,
    String jwt,
    ExtensionSelection extensions,
    int maxFiltersPerSubscription,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration reconnectMinBackoff,
    Duration reconnectMaxBackoff,
    double reconnectJitter,
    Duration resyncDelay,
    Duration resyncMaxDelay,
    int maxPendingResyncs,
    int presenceBulkSize,
    int accountPresencePageSize,
    Duration requestTimeout,
    int maxFramePayloadLength,
    Duration restRetryBudget) {

  /** Environment variable of {@link #serverUrl()}. */
  public static final String ENV_SERVER_URL = "RINGCENTRAL_SERVER_URL";
  /** Environment variable of {@link #clientId()}. */
  public static final String ENV_CLIENT_ID = "RINGCENTRAL_CLIENT_ID";
  /** Environment variable of {@link #clientSecret()}. */
  public static final String ENV_CLIENT_SECRET = "RINGCENTRAL_CLIENT_SECRET";
  /** Environment variable of {@link #jwt()}. */
  public static final String ENV_JWT = "RINGCENTRAL_JWT";
  /** Environment variable of {@link #extensions()}: {@code ~}, {@code all} or ids separated by commas. */
  public static final String ENV_EXTENSIONS = "RINGCENTRAL_EXTENSIONS";

  public RingCentralOptions {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (serverUrl.getScheme() == null || serverUrl.getHost() == null) {
      throw new IllegalArgumentException("serverUrl must be absolute, like https://platform.ringcentral.com");
    }
    requireText(clientId, "clientId");
    requireText(clientSecret, "clientSecret");
    requireText(jwt, "jwt");
    Objects.requireNonNull(extensions, "extensions");
    requirePositive(maxFiltersPerSubscription, "maxFiltersPerSubscription");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(heartbeatTimeout, "heartbeatTimeout");
    requirePositive(reconnectMinBackoff, "reconnectMinBackoff");
    requirePositive(reconnectMaxBackoff, "reconnectMaxBackoff");
    if (reconnectMaxBackoff.compareTo(reconnectMinBackoff) < 0) {
      throw new IllegalArgumentException("reconnectMaxBackoff must not be below reconnectMinBackoff");
    }
    if (!(reconnectJitter >= 0 && reconnectJitter <= 1)) {
      throw new IllegalArgumentException("reconnectJitter must be in [0, 1]");
    }
    requirePositive(resyncDelay, "resyncDelay");
    requirePositive(resyncMaxDelay, "resyncMaxDelay");
    if (resyncMaxDelay.compareTo(resyncDelay) < 0) {
      throw new IllegalArgumentException("resyncMaxDelay must not be below resyncDelay");
    }
    requirePositive(maxPendingResyncs, "maxPendingResyncs");
    if (presenceBulkSize < 1 || presenceBulkSize > 30) {
      throw new IllegalArgumentException("presenceBulkSize must be in [1, 30]");
    }
    if (accountPresencePageSize < 1 || accountPresencePageSize > 1000) {
      throw new IllegalArgumentException("accountPresencePageSize must be in [1, 1000]");
    }
    requirePositive(requestTimeout, "requestTimeout");
    if (maxFramePayloadLength < 65536) {
      throw new IllegalArgumentException("maxFramePayloadLength must be at least 64 KiB");
    }
    requirePositive(restRetryBudget, "restRetryBudget");
  }

  /** Options with the defaults for a real account; change any with the builder's methods. */
  public static Builder builder(URI serverUrl, String clientId, String clientSecret, String jwt) {
    return new Builder(serverUrl, clientId, clientSecret, jwt);
  }

  /**
   * Options from {@code RINGCENTRAL_SERVER_URL} (default {@code https://platform.ringcentral.com}),
   * {@code RINGCENTRAL_CLIENT_ID}, {@code RINGCENTRAL_CLIENT_SECRET}, {@code RINGCENTRAL_JWT} and
   * {@code RINGCENTRAL_EXTENSIONS} (default {@code ~}).
   *
   * @throws IllegalArgumentException naming the first missing variable (never a value)
   */
  public static Builder fromEnvironment(Map<String, String> environment) {
    String server = environment.getOrDefault(ENV_SERVER_URL, "https://platform.ringcentral.com");
    Builder builder =
        builder(
            URI.create(server),
            required(environment, ENV_CLIENT_ID),
            required(environment, ENV_CLIENT_SECRET),
            required(environment, ENV_JWT));
    String extensions = environment.get(ENV_EXTENSIONS);
    if (extensions != null && !extensions.isBlank()) {
      builder.extensions(ExtensionSelection.parse(extensions));
    }
    return builder;
  }

  /** A builder starting from these options. */
  public Builder mutate() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "RingCentralOptions[serverUrl="
        + serverUrl
        + ", clientId="
        + clientId
        + ", clientSecret=***, jwt=***, extensions="
        + extensions
        + ", maxFiltersPerSubscription="
        + maxFiltersPerSubscription
        + ", heartbeatInterval="
        + heartbeatInterval
        + ", heartbeatTimeout="
        + heartbeatTimeout
        + ", reconnectBackoff="
        + reconnectMinBackoff
        + ".."
        + reconnectMaxBackoff
        + ", resyncDelay="
        + resyncDelay
        + ".."
        + resyncMaxDelay
        + "]";
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + name + " is not set");
    }
    return value;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
  }

  /** Collects options; {@link #build()} validates them. */
  public static final class Builder {
    private final URI serverUrl;
    private final String clientId;
    private final String clientSecret;
    private final String jwt;
    private ExtensionSelection extensions = ExtensionSelection.self();
    private int maxFiltersPerSubscription = 1000;
    private Duration heartbeatInterval = Duration.ofSeconds(60);
    private Duration heartbeatTimeout = Duration.ofSeconds(15);
    private Duration reconnectMinBackoff = Duration.ofSeconds(1);
    private Duration reconnectMaxBackoff = Duration.ofSeconds(120);
    private double reconnectJitter = 0.5;
    private Duration resyncDelay = Duration.ofSeconds(2);
    private Duration resyncMaxDelay = Duration.ofSeconds(4);
    private int maxPendingResyncs = 100_000;
    private int presenceBulkSize = 30;
    private int accountPresencePageSize = 1000;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxFramePayloadLength = 16 * 1024 * 1024;
    private Duration restRetryBudget = Duration.ofSeconds(90);

    private Builder(URI serverUrl, String clientId, String clientSecret, String jwt) {
      this.serverUrl = serverUrl;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      this.jwt = jwt;
    }

    private Builder(RingCentralOptions o) {
      this(o.serverUrl, o.clientId, o.clientSecret, o.jwt);
      extensions = o.extensions;
      maxFiltersPerSubscription = o.maxFiltersPerSubscription;
      heartbeatInterval = o.heartbeatInterval;
      heartbeatTimeout = o.heartbeatTimeout;
      reconnectMinBackoff = o.reconnectMinBackoff;
      reconnectMaxBackoff = o.reconnectMaxBackoff;
      reconnectJitter = o.reconnectJitter;
      resyncDelay = o.resyncDelay;
      resyncMaxDelay = o.resyncMaxDelay;
      maxPendingResyncs = o.maxPendingResyncs;
      presenceBulkSize = o.presenceBulkSize;
      accountPresencePageSize = o.accountPresencePageSize;
      requestTimeout = o.requestTimeout;
      maxFramePayloadLength = o.maxFramePayloadLength;
      restRetryBudget = o.restRetryBudget;
    }

    /** Which extensions to watch (default {@code ~}). */
    public Builder extensions(ExtensionSelection value) {
      extensions = value;
      return this;
    }

    /** Event filters per subscription, i.e. per WebSocket connection (default 1000). */
    public Builder maxFiltersPerSubscription(int value) {
      maxFiltersPerSubscription = value;
      return this;
    }

    /** Heartbeat after {@code interval} without frames; dead after {@code timeout} more (default 60 s, 15 s). */
    public Builder heartbeat(Duration interval, Duration timeout) {
      heartbeatInterval = interval;
      heartbeatTimeout = timeout;
      return this;
    }

    /** Reconnect delays from {@code min} doubling to {@code max}, spread by {@code jitter} (default 1 s, 120 s, 0.5). */
    public Builder reconnectBackoff(Duration min, Duration max, double jitter) {
      reconnectMinBackoff = min;
      reconnectMaxBackoff = max;
      reconnectJitter = jitter;
      return this;
    }

    /** Quiet time and longest wait of a batch of engine resync requests (default 2 s, 4 s). */
    public Builder resyncDebounce(Duration delay, Duration maxDelay) {
      resyncDelay = delay;
      resyncMaxDelay = maxDelay;
      return this;
    }

    /** Bound of distinct extensions waiting for a resync (default 100000). */
    public Builder maxPendingResyncs(int value) {
      maxPendingResyncs = value;
      return this;
    }

    /** Ids per bulk presence read, at most 30 (default 30). */
    public Builder presenceBulkSize(int value) {
      presenceBulkSize = value;
      return this;
    }

    /** Records per account presence page, at most 1000 (default 1000). */
    public Builder accountPresencePageSize(int value) {
      accountPresencePageSize = value;
      return this;
    }

    /** Timeout of one REST request or tunnelled request (default 30 s). */
    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    /** Largest WebSocket frame accepted (default 16 MiB). */
    public Builder maxFramePayloadLength(int value) {
      maxFramePayloadLength = value;
      return this;
    }

    /**
     * Total time one REST operation may spend, retries and waits included (default 90 s: one
     * RingCentral rate-limit window of 60 s and some).
     */
    public Builder restRetryBudget(Duration value) {
      restRetryBudget = value;
      return this;
    }

    /** Validates and builds the options. */
    public RingCentralOptions build() {
      return new RingCentralOptions(
          serverUrl,
          clientId,
          clientSecret,
          jwt,
          extensions,
          maxFiltersPerSubscription,
          heartbeatInterval,
          heartbeatTimeout,
          reconnectMinBackoff,
          reconnectMaxBackoff,
          reconnectJitter,
          resyncDelay,
          resyncMaxDelay,
          maxPendingResyncs,
          presenceBulkSize,
          accountPresencePageSize,
          requestTimeout,
          maxFramePayloadLength,
          restRetryBudget);
    }
  }
}
