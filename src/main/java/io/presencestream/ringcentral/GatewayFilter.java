package io.presencestream.ringcentral;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One event filter of a gateway subscription: the presence of an extension, the telephony sessions of an
 * extension or of the whole account ({@code extensionId} null), or the account's extension list (users
 * joining, changing, leaving: subscribed with {@code extensions: all}, so that the watched set follows the
 * account), or the member presence of a call queue (members switching that queue on or off, for the
 * directory). The unit the subscriptions' filter budget is counted in.
 *
 * @param kind what the filter delivers
 * @param extensionId the extension ({@code ~} for the token's owner; the queue's id for
 *     {@link Kind#QUEUE_PRESENCE}), or null for an account-level filter
 */
record GatewayFilter(Kind kind, String extensionId) {

  /** What a filter delivers. */
  enum Kind {
    PRESENCE,
    TELEPHONY,
    /** RingCentral's Extension List event: an extension was created, updated or deleted. */
    EXTENSION_LIST,
    /** RingCentral's Call Queue Member Presence event of one queue: {@code acceptCurrentQueueCalls} changed. */
    QUEUE_PRESENCE
  }

  /** The account-level telephony-session filter. */
  static final GatewayFilter ACCOUNT_TELEPHONY = new GatewayFilter(Kind.TELEPHONY, null);

  /** The account's extension list ({@code /restapi/v1.0/account/~/extension}). */
  static final GatewayFilter EXTENSION_LIST = new GatewayFilter(Kind.EXTENSION_LIST, null);

  GatewayFilter {
    Objects.requireNonNull(kind, "kind");
    if (extensionId == null && (kind == Kind.PRESENCE || kind == Kind.QUEUE_PRESENCE)) {
      throw new IllegalArgumentException(kind + " has no account-level filter");
    }
    if (extensionId != null && kind == Kind.EXTENSION_LIST) {
      throw new IllegalArgumentException("the extension list is the account's");
    }
  }

  static GatewayFilter presence(String extensionId) {
    return new GatewayFilter(Kind.PRESENCE, Objects.requireNonNull(extensionId, "extensionId"));
  }

  static GatewayFilter queuePresence(String queueId) {
    return new GatewayFilter(Kind.QUEUE_PRESENCE, Objects.requireNonNull(queueId, "queueId"));
  }

  static GatewayFilter telephony(String extensionId) {
    return new GatewayFilter(Kind.TELEPHONY, Objects.requireNonNull(extensionId, "extensionId"));
  }

  /**
   * The feed this filter belongs to; null for the extension list and queue presence, which feed the directory,
   * not the engine.
   */
  Feed feed() {
    return switch (kind) {
      case PRESENCE -> Feed.PRESENCE;
      case TELEPHONY -> Feed.TELEPHONY;
      case EXTENSION_LIST, QUEUE_PRESENCE -> null;
    };
  }

  boolean accountLevel() {
    return extensionId == null;
  }

  /** The event filter as RingCentral takes it. */
  String path() {
    return switch (kind) {
      case PRESENCE ->
          "/restapi/v1.0/account/~/extension/" + extensionId + "/presence?" + PresenceFetcher.PRESENCE_QUERY;
      case TELEPHONY -> extensionId == null
          ? "/restapi/v1.0/account/~/telephony/sessions"
          : "/restapi/v1.0/account/~/extension/" + extensionId + "/telephony/sessions";
      case EXTENSION_LIST -> "/restapi/v1.0/account/~/extension";
      case QUEUE_PRESENCE -> "/restapi/v1.0/account/~/call-queues/" + extensionId + "/presence";
    };
  }

  /** The extensions whose presence these filters cover, in order: what a new subscription reads over REST. */
  static Set<String> presenceIds(Collection<GatewayFilter> filters) {
    Set<String> ids = new LinkedHashSet<>();
    for (GatewayFilter f : filters) {
      if (f.kind == Kind.PRESENCE) {
        ids.add(f.extensionId);
      }
    }
    return ids;
  }

  /** Whether any of {@code filters} is a call-queue member presence filter. */
  static boolean anyQueuePresence(Collection<GatewayFilter> filters) {
    for (GatewayFilter f : filters) {
      if (f.kind == Kind.QUEUE_PRESENCE) {
        return true;
      }
    }
    return false;
  }

  /** Whether any of {@code filters} is a telephony-session filter. */
  static boolean anyTelephony(Collection<GatewayFilter> filters) {
    for (GatewayFilter f : filters) {
      if (f.kind == Kind.TELEPHONY) {
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
