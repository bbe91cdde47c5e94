package io.presencestream.ringcentral;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * @param maxFiltersPerSubscription event filters in one subscription, of every feed together (an extension
 *     costs one presence filter, and one more with per-extension telephony sessions); more use more
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
 * @param feeds the notification feeds to subscribe to; always with {@link Feed#PRESENCE}
 * @param telephonyScope where telephony sessions are subscribed when {@code feeds} has {@link Feed#TELEPHONY}
 * @param queuePresence whether the subscriptions also carry the Call Queue Member Presence filter of every
 *     queue that {@link RingCentralSource#directory} read, so that a member switching a queue on or off
 *     changes the directory at once rather than at the next refresh
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
    Duration restRetryBudget,
    Set<Feed> feeds,
    TelephonyScope telephonyScope,
    boolean queuePresence) {

  /** Environment variable of {@link #serverUrl()}. */
  static final String ENV_SERVER_URL = "RINGCENTRAL_SERVER_URL";
  /** Environment variable of {@link #clientId()}. */
  public static final String ENV_CLIENT_ID = "RINGCENTRAL_CLIENT_ID";
  /** Environment variable of {@link #clientSecret()}. */
  public static final String ENV_CLIENT_SECRET = "RINGCENTRAL_CLIENT_SECRET";
  /** Environment variable of {@link #jwt()}. */
  public static final String ENV_JWT = "RINGCENTRAL_JWT";
  /** Environment variable of {@link #extensions()}: {@code ~}, {@code all} or ids separated by commas. */
  static final String ENV_EXTENSIONS = "RINGCENTRAL_EXTENSIONS";

  /**
   * Validates the options, naming the first one that is wrong (never quoting a secret).
   *
   * @param serverUrl the platform, absolute
   * @param clientId the app's client id, not blank
   * @param clientSecret the app's client secret, not blank
   * @param jwt the user's JWT credential, not blank
   * @param extensions which extensions to watch
   * @param maxFiltersPerSubscription event filters per subscription, at least 1
   * @param heartbeatInterval quiet period before a heartbeat, positive
   * @param heartbeatTimeout wait for a frame after a heartbeat, positive
   * @param reconnectMinBackoff first reconnect delay, positive
   * @param reconnectMaxBackoff ceiling of the reconnect delay, not below the first
   * @param reconnectJitter relative jitter, in [0, 1]
   * @param resyncDelay quiet time ending a resync batch, positive
   * @param resyncMaxDelay longest wait of a resync request, not below {@code resyncDelay}
   * @param maxPendingResyncs bound of extensions waiting for a resync, at least 1
   * @param presenceBulkSize ids per bulk presence read, in [1, 30]
   * @param accountPresencePageSize records per account presence page, in [1, 1000]
   * @param requestTimeout timeout of one request, positive
   * @param maxFramePayloadLength largest WebSocket frame in bytes, at least 64 KiB
   * @param restRetryBudget time one REST operation may spend retrying, positive
   * @param feeds the feeds to subscribe to, with {@link Feed#PRESENCE}; copied
   * @param telephonyScope where telephony sessions are subscribed
   * @param queuePresence whether call-queue member presence is subscribed
   * @throws IllegalArgumentException naming the first option out of range
   * @throws NullPointerException if {@code serverUrl}, {@code extensions}, {@code feeds} or
   *     {@code telephonyScope} is null
   */
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
    Objects.requireNonNull(feeds, "feeds");
    if (!feeds.contains(Feed.PRESENCE)) {
      throw new IllegalArgumentException(
          "feeds must include presence: the engine's state and its REST resynchronisation are presence");
    }
    feeds = Set.copyOf(feeds);
    Objects.requireNonNull(telephonyScope, "telephonyScope");
  }

  /**
   * Starts options for a real account from the defaults; change any with the builder's methods.
   *
   * @param serverUrl the platform, e.g. {@code https://platform.ringcentral.com} (the sandbox:
   *     {@code https://platform.devtest.ringcentral.com})
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @param jwt the user's JWT credential
   * @return a builder; nothing is validated before {@link Builder#build()}
   */
  public static Builder builder(URI serverUrl, String clientId, String clientSecret, String jwt) {
    return new Builder(serverUrl, clientId, clientSecret, jwt);
  }

  /**
   * Options from {@code RINGCENTRAL_SERVER_URL} (default {@code https://platform.ringcentral.com}),
   * {@code RINGCENTRAL_CLIENT_ID}, {@code RINGCENTRAL_CLIENT_SECRET}, {@code RINGCENTRAL_JWT} and
   * {@code RINGCENTRAL_EXTENSIONS} (default {@code ~}).
   *
   * @param environment the variables, usually {@code System.getenv()}
   * @return a builder holding what the variables say, the rest at the defaults
   * @throws IllegalArgumentException naming the first missing variable (never a value), or for a
   *     malformed server URL or extension list
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

  /**
   * Starts from these options, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these options
   */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * The options for a log line.
   *
   * @return the server, client id, extensions and timings; the client secret and the JWT as {@code ***}
   */
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
        + ", feeds="
        + feeds.stream().map(Feed::label).sorted().toList()
        + ", telephonyScope="
        + telephonyScope.label()
        + (queuePresence ? ", queuePresence" : "")
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

  /**
   * Collects options; {@link #build()} validates them. Not thread-safe: build on one thread, then share
   * the immutable result.
   */
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
    private Set<Feed> feeds = EnumSet.of(Feed.PRESENCE);
    private TelephonyScope telephonyScope = TelephonyScope.AUTO;
    private boolean queuePresence;

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
      feeds = o.feeds;
      telephonyScope = o.telephonyScope;
      queuePresence = o.queuePresence;
    }

    /**
     * Sets which extensions to watch.
     *
     * @param value the selection (default {@code ~}, the JWT's user)
     * @return this builder
     */
    public Builder extensions(ExtensionSelection value) {
      extensions = value;
      return this;
    }

    /**
     * Sets how many event filters go into one subscription, i.e. one WebSocket connection, counting every
     * feed: with per-extension telephony sessions an extension costs two filters. RingCentral documents no
     * limit on filters per subscription (its Ruby SDK's guide reports one subscription with over 2,000
     * extension filters working); it does limit subscriptions to about 20 per user and app
     * ({@code SUB-505}), so fewer, larger subscriptions are better.
     *
     * @param value a count (default 1000, at least 1)
     * @return this builder
     */
    public Builder maxFiltersPerSubscription(int value) {
      maxFiltersPerSubscription = value;
      return this;
    }

    /**
     * Sets when a quiet connection is probed and when it is given up.
     *
     * @param interval quiet time after which a heartbeat is sent (default 60 s)
     * @param timeout wait for any frame after the heartbeat before the connection is replaced (default 15 s)
     * @return this builder
     */
    public Builder heartbeat(Duration interval, Duration timeout) {
      heartbeatInterval = interval;
      heartbeatTimeout = timeout;
      return this;
    }

    /**
     * Sets the reconnect delays, which double from {@code min} to {@code max}.
     *
     * @param min the first delay (default 1 s)
     * @param max the ceiling (default 120 s)
     * @param jitter relative spread of each delay, in [0, 1] (default 0.5), so that many clients do not
     *     reconnect in step
     * @return this builder
     */
    public Builder reconnectBackoff(Duration min, Duration max, double jitter) {
      reconnectMinBackoff = min;
      reconnectMaxBackoff = max;
      reconnectJitter = jitter;
      return this;
    }

    /**
     * Sets how engine resync requests are batched into bulk REST reads.
     *
     * @param delay quiet time that ends a batch (default 2 s)
     * @param maxDelay longest time a request waits for its batch (default 4 s)
     * @return this builder
     */
    public Builder resyncDebounce(Duration delay, Duration maxDelay) {
      resyncDelay = delay;
      resyncMaxDelay = maxDelay;
      return this;
    }

    /**
     * Sets how many distinct extensions may wait for a resync; more are dropped and counted.
     *
     * @param value a count (default 100000, at least 1)
     * @return this builder
     */
    public Builder maxPendingResyncs(int value) {
      maxPendingResyncs = value;
      return this;
    }

    /**
     * Sets how many extension ids one bulk presence read asks for.
     *
     * @param value a count in [1, 30] (default 30, RingCentral's maximum)
     * @return this builder
     */
    public Builder presenceBulkSize(int value) {
      presenceBulkSize = value;
      return this;
    }

    /**
     * Sets the page size of the account presence list.
     *
     * @param value records per page in [1, 1000] (default 1000, RingCentral's maximum)
     * @return this builder
     */
    public Builder accountPresencePageSize(int value) {
      accountPresencePageSize = value;
      return this;
    }

    /**
     * Sets the timeout of one REST request or one request tunnelled over the socket.
     *
     * @param value a positive duration (default 30 s)
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    /**
     * Sets the largest WebSocket frame accepted.
     *
     * @param value bytes, at least 64 KiB (default 16 MiB)
     * @return this builder
     */
    public Builder maxFramePayloadLength(int value) {
      maxFramePayloadLength = value;
      return this;
    }

    /**
     * Total time one REST operation may spend, retries and waits included (default 90 s: one
     * RingCentral rate-limit window of 60 s and some).
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder restRetryBudget(Duration value) {
      restRetryBudget = value;
      return this;
    }

    /**
     * Sets the notification feeds to subscribe to. Telephony sessions need the app's {@code CallControl}
     * permission; when RingCentral refuses them the source goes on with presence alone, says so once at
     * {@code WARN} and in {@link RingCentralSource#feedStatus()}.
     *
     * @param value the feeds (default presence only); must contain {@link Feed#PRESENCE}
     * @return this builder
     */
    public Builder feeds(Set<Feed> value) {
      feeds = value;
      return this;
    }

    /**
     * Sets where telephony sessions are subscribed (when {@link #feeds} has {@link Feed#TELEPHONY}).
     *
     * @param value {@link TelephonyScope#AUTO} (default): the account-level filter when every enabled user
     *     is watched, falling back to per-extension filters when refused; per-extension otherwise
     * @return this builder
     */
    public Builder telephonyScope(TelephonyScope value) {
      telephonyScope = value;
      return this;
    }

    /**
     * Sets whether the subscriptions carry the Call Queue Member Presence filter
     * ({@code /restapi/v1.0/account/~/call-queues/{id}/presence}) of every queue {@link RingCentralSource#directory}
     * read: a member switching a queue on or off then reaches the directory at once. Needs {@code ReadPresence},
     * as presence does; the filters count against {@code maxFiltersPerSubscription}, one per queue.
     *
     * @param value true to subscribe (default false: queue flags change at each directory refresh)
     * @return this builder
     */
    public Builder queuePresence(boolean value) {
      queuePresence = value;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the first option out of range (never quoting a secret)
     * @throws NullPointerException if the server URL, the extension selection, the feeds or the telephony
     *     scope is null
     */
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
          restRetryBudget,
          feeds,
          telephonyScope,
          queuePresence);
    }
  }
}
