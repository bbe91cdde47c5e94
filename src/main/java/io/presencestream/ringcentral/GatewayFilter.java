package io.presencestream.ringcentral;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One event filter of a gateway subscription: the presence of an extension, the telephony sessions of an
 * extension, or those of the whole account ({@code extensionId} null). The unit the subscriptions' filter
 * budget is counted in.
 *
 * @param feed the feed the filter belongs to
 * @param extensionId the extension ({@code ~} for the token's owner), or null for the account-level
 *     telephony-session filter
 */
record GatewayFilter(Feed feed, String extensionId) {

  /** The account-level telephony-session filter. */
  static final GatewayFilter ACCOUNT_TELEPHONY = new GatewayFilter(Feed.TELEPHONY, null);

  GatewayFilter {
    Objects.requireNonNull(feed, "feed");
    if (extensionId == null && feed != Feed.TELEPHONY) {
      throw new IllegalArgumentException("only telephony sessions have an account-level filter");
    }
  }

  static GatewayFilter presence(String extensionId) {
    return new GatewayFilter(Feed.PRESENCE, Objects.requireNonNull(extensionId, "extensionId"));
  }

  static GatewayFilter telephony(String extensionId) {
    return new GatewayFilter(Feed.TELEPHONY, Objects.requireNonNull(extensionId, "extensionId"));
  }

  boolean accountLevel() {
    return extensionId == null;
  }

  /** The event filter as RingCentral takes it. */
  String path() {
    if (feed == Feed.PRESENCE) {
      return "/restapi/v1.0/account/~/extension/" + extensionId + "/presence?" + PresenceFetcher.PRESENCE_QUERY;
    }
    return extensionId == null
        ? "/restapi/v1.0/account/~/telephony/sessions"
        : "/restapi/v1.0/account/~/extension/" + extensionId + "/telephony/sessions";
  }

  /** The extensions whose presence these filters cover, in order: what a new subscription reads over REST. */
  static Set<String> presenceIds(Collection<GatewayFilter> filters) {
    Set<String> ids = new LinkedHashSet<>();
    for (GatewayFilter f : filters) {
      if (f.feed == Feed.PRESENCE) {
        ids.add(f.extensionId);
      }
    }
    return ids;
  }

  /** Whether any of {@code filters} is a telephony-session filter. */
  static boolean anyTelephony(Collection<GatewayFilter> filters) {
    for (GatewayFilter f : filters) {
      if (f.feed == Feed.TELEPHONY) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return path();
  }
}
