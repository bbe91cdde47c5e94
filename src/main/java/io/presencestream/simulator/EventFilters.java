package io.presencestream.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event filters of one gateway subscription, as the server keeps them: {@code ~} resolved, only
 * presence and telephony-session filters of known extensions (or the whole account) and the account's
 * extension list kept, only the
 * flags this simulator knows kept, in a canonical order; and, per notified extension, the event path it
 * is sent under and whether it carries calls and SIP data. Immutable.
 *
 * <p>Telephony sessions ({@code …/telephony/sessions}, account-level or per extension) keep only
 * {@code sipData=true}; their other query parameters ({@code direction}, {@code statusCode}, …) are
 * dropped like unknown presence flags, so such a subscription gets every notification of its scope.
 */
final class EventFilters {

  private static final Pattern EXTENSION_FILTER =
      Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/extension/([^/?]+)/presence(?:\\?(.*))?$");
  private static final Pattern ACCOUNT_FILTER = Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/presence(?:\\?(.*))?$");
  private static final Pattern EXTENSION_SESSIONS =
      Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/extension/([^/?]+)/telephony/sessions(?:\\?(.*))?$");
  private static final Pattern ACCOUNT_SESSIONS =
      Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/telephony/sessions(?:\\?(.*))?$");
  private static final Pattern EXTENSION_LIST = Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/extension/?$");
  private static final Pattern QUEUE_PRESENCE =
      Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/call-queues/([^/?]+)/presence/?$");

  /** What one subscribed extension gets: the event path (real ids) and whether calls/SIP data are wanted. */
  record Match(String event, boolean detailed, boolean sip) {}

  /** How one party's telephony-session notification is sent: its event path and whether SIP data go with it. */
  record SessionsMatch(String event, boolean sip) {}

  /** Whether telephony-session notifications carry SIP data, and the filter's flags as echoed in paths. */
  private record Sessions(boolean sip) {
    String flags() {
      return sip ? "?sipData=true" : "";
    }
  }

  private final String accountId;
  private final List<String> events;
  private final Map<String, Match> byExtension;
  private final Match accountWide;
  private final Map<String, Sessions> sessionsByExtension;
  private final Sessions accountSessions;
  private final boolean extensionList;
  /** The call queues whose member presence is subscribed to, by id. */
  private final java.util.Set<String> queues;

  private EventFilters(String accountId, List<String> events, Map<String, Match> byExtension, Match accountWide,
      Map<String, Sessions> sessionsByExtension, Sessions accountSessions, boolean extensionList,
      java.util.Set<String> queues) {
    this.extensionList = extensionList;
    this.queues = queues;
    this.accountId = accountId;
    this.events = events;
    this.byExtension = byExtension;
    this.accountWide = accountWide;
    this.sessionsByExtension = sessionsByExtension;
    this.accountSessions = accountSessions;
  }

  /**
   * Resolves {@code ~} and keeps the presence and telephony-session filters of known extensions with the
   * flags this simulator knows; anything else is dropped, as the server drops unknown flags.
   *
   * @param known whether an extension id names an extension of the account
   * @return null if no filter is left
   */
  static EventFilters resolve(List<String> requested, String accountId, String ownerId, Predicate<String> known) {
    return resolve(requested, accountId, ownerId, known, queue -> false);
  }

  /**
   * As {@link #resolve(List, String, String, Predicate)}, also keeping the call-queue member presence filters
   * ({@code /restapi/v1.0/account/~/call-queues/{groupId}/presence}) of known queues.
   *
   * @param knownQueue whether an id names a call queue of the account
   * @return null if no filter is left
   */
  static EventFilters resolve(List<String> requested, String accountId, String ownerId, Predicate<String> known,
      Predicate<String> knownQueue) {
    List<String> kept = new ArrayList<>();
    java.util.Set<String> queues = new java.util.LinkedHashSet<>();
    Map<String, Match> byExtension = new LinkedHashMap<>();
    Match accountWide = null;
    Map<String, Sessions> sessionsByExtension = new LinkedHashMap<>();
    Sessions accountSessions = null;
    boolean extensionList = false;
    for (String filter : requested) {
      Matcher l = EXTENSION_LIST.matcher(filter);
      if (l.matches() && accountMatches(l.group(1), accountId)) {
        if (!extensionList) {
          extensionList = true;
          kept.add(extensionListPath(accountId));
        }
        continue;
      }
      Matcher q = QUEUE_PRESENCE.matcher(filter);
      if (q.matches() && accountMatches(q.group(1), accountId)) {
        if (knownQueue.test(q.group(2)) && queues.add(q.group(2))) {
          kept.add(queuePresencePath(accountId, q.group(2)));
        }
        continue;
      }
      Matcher e = EXTENSION_FILTER.matcher(filter);
      Matcher a = ACCOUNT_FILTER.matcher(filter);
      Matcher es = EXTENSION_SESSIONS.matcher(filter);
      Matcher as = ACCOUNT_SESSIONS.matcher(filter);
      if (e.matches() && accountMatches(e.group(1), accountId)) {
        String ext = e.group(2).equals("~") ? ownerId : e.group(2);
        if (!known.test(ext)) {
          continue;
        }
        String flags = flags(e.group(3));
        String event = "/restapi/v1.0/account/" + accountId + "/extension/" + ext + "/presence" + flags;
        kept.add(event);
        byExtension.put(ext, new Match(event, flags.contains("detailedTelephonyState"), flags.contains("sipData")));
      } else if (a.matches() && accountMatches(a.group(1), accountId)) {
        String flags = flags(a.group(2));
        String event = "/restapi/v1.0/account/" + accountId + "/presence" + flags;
        kept.add(event);
        accountWide = new Match(event, flags.contains("detailedTelephonyState"), flags.contains("sipData"));
      } else if (es.matches() && accountMatches(es.group(1), accountId)) {
        String ext = es.group(2).equals("~") ? ownerId : es.group(2);
        if (!known.test(ext)) {
          continue;
        }
        Sessions sessions = new Sessions(sipData(es.group(3)));
        kept.add(sessionsPath(accountId, ext) + sessions.flags());
        sessionsByExtension.put(ext, sessions);
      } else if (as.matches() && accountMatches(as.group(1), accountId)) {
        accountSessions = new Sessions(sipData(as.group(2)));
        kept.add(sessionsPath(accountId, null) + accountSessions.flags());
      }
    }
    return kept.isEmpty() ? null
        : new EventFilters(accountId, List.copyOf(kept), byExtension, accountWide, sessionsByExtension, accountSessions,
            extensionList, java.util.Set.copyOf(queues));
  }

  /** Whether {@code filter} asks for telephony sessions of this account (account-level or of an extension). */
  static boolean isTelephonySessions(String filter, String accountId) {
    Matcher es = EXTENSION_SESSIONS.matcher(filter);
    if (es.matches()) {
      return accountMatches(es.group(1), accountId);
    }
    return isAccountTelephonySessions(filter, accountId);
  }

  /** Whether {@code filter} asks for the telephony sessions of the whole account. */
  static boolean isAccountTelephonySessions(String filter, String accountId) {
    Matcher as = ACCOUNT_SESSIONS.matcher(filter);
    return as.matches() && accountMatches(as.group(1), accountId);
  }

  /** The filters kept, as the subscription reports them. */
  List<String> events() {
    return events;
  }

  /** What a notification of {@code extensionId} is sent as; null if the subscription does not cover it. */
  Match match(String extensionId) {
    Match match = byExtension.get(extensionId);
    if (match != null || accountWide == null) {
      return match;
    }
    String event = "/restapi/v1.0/account/" + accountId + "/extension/" + extensionId + "/presence"
        + flags(accountWide.event.contains("?") ? accountWide.event.substring(accountWide.event.indexOf('?') + 1) : null);
    return new Match(event, accountWide.detailed, accountWide.sip);
  }

  /** The event path of the account's extension list notifications, or null when not subscribed. */
  String extensionListEvent() {
    return extensionList ? extensionListPath(accountId) : null;
  }

  /** The event path of a call queue's member presence notifications, or null when not subscribed. */
  String queuePresenceEvent(String queueId) {
    return queues.contains(queueId) ? queuePresencePath(accountId, queueId) : null;
  }

  private static String queuePresencePath(String accountId, String queueId) {
    return "/restapi/v1.0/account/" + accountId + "/call-queues/" + queueId + "/presence";
  }

  private static String extensionListPath(String accountId) {
    return "/restapi/v1.0/account/" + accountId + "/extension";
  }

  /** Whether the subscription has a telephony-session filter at all. */
  boolean wantsSessions() {
    return accountSessions != null || !sessionsByExtension.isEmpty();
  }

  /**
   * How a telephony-session notification about one party is sent to this subscription, or null if the
   * subscription does not cover that party. As RingCentral's recorded account-level streams show, a party
   * of an extension is sent under that extension's path (also to an account-level subscription), a party
   * outside the account's extensions (PSTN) under the account's path, to account-level subscriptions only:
   * a per-extension subscription gets its extension's own parties, as the API guide says.
   *
   * @param partyExtensionId the party's extension, or null
   */
  SessionsMatch sessionsMatch(String partyExtensionId) {
    Sessions s = partyExtensionId == null ? null : sessionsByExtension.get(partyExtensionId);
    if (s == null) {
      s = accountSessions;
    }
    return s == null ? null : new SessionsMatch(sessionsPath(accountId, partyExtensionId) + s.flags(), s.sip());
  }

  private static String sessionsPath(String accountId, String extensionId) {
    return "/restapi/v1.0/account/" + accountId + (extensionId == null ? "" : "/extension/" + extensionId)
        + "/telephony/sessions";
  }

  private static boolean accountMatches(String account, String accountId) {
    return account.equals("~") || account.equals(accountId);
  }

  private static boolean sipData(String query) {
    if (query == null) {
      return false;
    }
    for (String p : query.split("&")) {
      if (p.equalsIgnoreCase("sipData=true")) {
        return true;
      }
    }
    return false;
  }

  private static String flags(String query) {
    if (query == null) {
      return "";
    }
    boolean detailed = false;
    boolean sip = false;
    for (String p : query.split("&")) {
      detailed |= p.equalsIgnoreCase("detailedTelephonyState=true");
      sip |= p.equalsIgnoreCase("sipData=true");
    }
    if (detailed && sip) {
      return "?detailedTelephonyState=true&sipData=true";
    }
    return detailed ? "?detailedTelephonyState=true" : sip ? "?sipData=true" : "";
  }
}
