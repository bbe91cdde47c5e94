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
 * presence filters of known extensions (or the whole account) kept, only the flags this simulator
 * knows kept, in a canonical order; and, per notified extension, the event path it is sent under and
 * whether it carries calls and SIP data. Immutable.
 */
final class EventFilters {

  private static final Pattern EXTENSION_FILTER =
      Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/extension/([^/?]+)/presence(?:\\?(.*))?$");
  private static final Pattern ACCOUNT_FILTER = Pattern.compile("^/restapi/v1\\.0/account/([^/?]+)/presence(?:\\?(.*))?$");

  /** What one subscribed extension gets: the event path (real ids) and whether calls/SIP data are wanted. */
  record Match(String event, boolean detailed, boolean sip) {}

  private final String accountId;
  private final List<String> events;
  private final Map<String, Match> byExtension;
  private final Match accountWide;

  private EventFilters(String accountId, List<String> events, Map<String, Match> byExtension, Match accountWide) {
    this.accountId = accountId;
    this.events = events;
    this.byExtension = byExtension;
    this.accountWide = accountWide;
  }

  /**
   * Resolves {@code ~} and keeps the presence filters of known extensions with the flags this
   * simulator knows; anything else is dropped, as the server drops unknown flags.
   *
   * @param known whether an extension id names an extension of the account
   * @return null if no filter is left
   */
  static EventFilters resolve(List<String> requested, String accountId, String ownerId, Predicate<String> known) {
    List<String> kept = new ArrayList<>();
    Map<String, Match> byExtension = new LinkedHashMap<>();
    Match accountWide = null;
    for (String filter : requested) {
      Matcher e = EXTENSION_FILTER.matcher(filter);
      Matcher a = ACCOUNT_FILTER.matcher(filter);
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
      }
    }
    return kept.isEmpty() ? null : new EventFilters(accountId, List.copyOf(kept), byExtension, accountWide);
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

  private static boolean accountMatches(String account, String accountId) {
    return account.equals("~") || account.equals(accountId);
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
