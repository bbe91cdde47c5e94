package io.presencestream.daemon;

import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.Feed;
import io.presencestream.ringcentral.TelephonyScope;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where presence comes from: the built-in simulator (no account needed) or a real RingCentral account.
 * In YAML, {@code source} holds exactly one of the keys {@code simulator} or {@code ringcentral}; each entry of
 * {@code sources} (several accounts, {@link AccountSource}) holds one of them beside its {@code name}.
 */
public sealed interface SourceConfig {

  /**
   * The built-in RingCentral simulator, started in-process on loopback, with generated office traffic.
   *
   * @param extensions how many extensions the simulated office has
   * @param seed the traffic generator's seed: the same seed gives the same office and the same calls
   * @param eventsPerSecond traffic generator steps per second over the whole office (a step rings,
   *     answers, holds or ends a call, or changes someone's presence); 0 is a quiet office
   * @param port the simulator's loopback port; 0 picks a free one
   * @param feeds the feeds the daemon subscribes to on the simulator (presence always)
   * @param accountId the simulated account's id: in its paths and notifications and, under {@code sources:},
   *     the {@code accountId} of its events
   */
  record Simulator(int extensions, long seed, double eventsPerSecond, int port, Set<Feed> feeds, String accountId)
      implements SourceConfig {

    /** The simulated account's id when none is given (the simulator's own default). */
    public static final String DEFAULT_ACCOUNT_ID = "37439510";

    /**
     * Validates the section.
     *
     * @param extensions how many extensions, at least 1
     * @param seed the traffic generator's seed
     * @param eventsPerSecond steps per second, not negative
     * @param port the loopback port, 0 to 65535
     * @param feeds the feeds to subscribe to, with presence
     * @param accountId the account's id, 1 to 20 digits
     * @throws IllegalArgumentException for a value out of range, an account id that is not digits, or feeds
     *     without presence
     */
    public Simulator {
      if (extensions < 1) {
        throw new IllegalArgumentException("extensions must be at least 1");
      }
      if (!(eventsPerSecond >= 0)) {
        throw new IllegalArgumentException("eventsPerSecond must not be negative");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535");
      }
      feeds = SourceConfig.requirePresence(feeds);
      Objects.requireNonNull(accountId, "accountId");
      if (!accountId.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException("accountId must be 1 to 20 digits");
      }
    }

    /**
     * The simulator as the default account.
     *
     * @param extensions how many extensions, at least 1
     * @param seed the traffic generator's seed
     * @param eventsPerSecond steps per second, not negative
     * @param port the loopback port, 0 to 65535
     * @param feeds the feeds to subscribe to, with presence
     */
    public Simulator(int extensions, long seed, double eventsPerSecond, int port, Set<Feed> feeds) {
      this(extensions, seed, eventsPerSecond, port, feeds, DEFAULT_ACCOUNT_ID);
    }

    /**
     * The simulator with presence only.
     *
     * @param extensions how many extensions, at least 1
     * @param seed the traffic generator's seed
     * @param eventsPerSecond steps per second, not negative
     * @param port the loopback port, 0 to 65535
     */
    public Simulator(int extensions, long seed, double eventsPerSecond, int port) {
      this(extensions, seed, eventsPerSecond, port, EnumSet.of(Feed.PRESENCE));
    }
  }

  /**
   * A real RingCentral account. Credentials never come from the file: they are read from the
   * environment variables {@code RINGCENTRAL_CLIENT_ID}, {@code RINGCENTRAL_CLIENT_SECRET} and
   * {@code RINGCENTRAL_JWT} when the configuration is loaded, or from those its {@code credentials} section
   * names ({@code clientIdEnv}, {@code clientSecretEnv}, {@code jwtEnv}: one set per account under {@code sources}).
   *
   * @param serverUrl the platform URL, e.g. {@code https://platform.ringcentral.com}
   * @param extensions which extensions to watch: the JWT's own ({@code "~"}), every enabled user ({@code all}) or listed ids
   * @param credentials the app's credentials, from the environment
   * @param restRetryBudget how long one REST operation (a resync read, the extension list) may retry
   *     rate limits, server and network errors before it gives up (the source goes on)
   * @param feeds the feeds to subscribe to (presence always; telephony sessions when listed)
   * @param telephonyScope where telephony sessions are subscribed
   * @param maxFiltersPerSubscription event filters per subscription (one WebSocket each), both feeds counted
   * @param accountId under {@code sources:}, the account's id as configured, used instead of reading it with
   *     {@code GET /restapi/v1.0/account/~} (for an app without the ReadAccounts permission); null to read it
   */
  record RingCentral(
      URI serverUrl,
      ExtensionSelection extensions,
      Credentials credentials,
      Duration restRetryBudget,
      Set<Feed> feeds,
      TelephonyScope telephonyScope,
      int maxFiltersPerSubscription,
      String accountId)
      implements SourceConfig {
    /**
     * Requires every part.
     *
     * @param serverUrl the platform URL
     * @param extensions which extensions to watch
     * @param credentials the app's credentials
     * @param restRetryBudget how long one REST operation may retry
     * @param feeds the feeds to subscribe to, with presence
     * @param telephonyScope where telephony sessions are subscribed
     * @param maxFiltersPerSubscription event filters per subscription, at least 1
     * @param accountId the account's id, 1 to 20 digits, or null to read it over REST
     * @throws NullPointerException if a part but the account id is null
     * @throws IllegalArgumentException for feeds without presence, a filter budget below 1 or an account id that
     *     is not digits
     */
    public RingCentral {
      Objects.requireNonNull(serverUrl, "serverUrl");
      Objects.requireNonNull(extensions, "extensions");
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(restRetryBudget, "restRetryBudget");
      feeds = SourceConfig.requirePresence(feeds);
      Objects.requireNonNull(telephonyScope, "telephonyScope");
      if (maxFiltersPerSubscription < 1) {
        throw new IllegalArgumentException("maxFiltersPerSubscription must be at least 1");
      }
      if (accountId != null && !accountId.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException("accountId must be 1 to 20 digits");
      }
    }

    /**
     * An account whose id is read over REST when it is needed.
     *
     * @param serverUrl the platform URL
     * @param extensions which extensions to watch
     * @param credentials the app's credentials
     * @param restRetryBudget how long one REST operation may retry
     * @param feeds the feeds to subscribe to, with presence
     * @param telephonyScope where telephony sessions are subscribed
     * @param maxFiltersPerSubscription event filters per subscription, at least 1
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException for feeds without presence or a filter budget below 1
     */
    public RingCentral(
        URI serverUrl, ExtensionSelection extensions, Credentials credentials, Duration restRetryBudget, Set<Feed> feeds,
        TelephonyScope telephonyScope, int maxFiltersPerSubscription) {
      this(serverUrl, extensions, credentials, restRetryBudget, feeds, telephonyScope, maxFiltersPerSubscription, null);
    }
  }

  private static Set<Feed> requirePresence(Set<Feed> feeds) {
    Objects.requireNonNull(feeds, "feeds");
    if (!feeds.contains(Feed.PRESENCE)) {
      throw new IllegalArgumentException("feeds must include presence");
    }
    return Set.copyOf(feeds);
  }

  /**
   * The app's credentials; {@code toString()} shows only the client id.
   *
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @param jwt the user's JWT credential
   */
  record Credentials(String clientId, Secret clientSecret, Secret jwt) {
    /**
     * Requires all three.
     *
     * @param clientId the app's client id
     * @param clientSecret the app's client secret
     * @param jwt the user's JWT credential
     * @throws NullPointerException if one is null
     */
    public Credentials {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(jwt, "jwt");
    }
  }
}
