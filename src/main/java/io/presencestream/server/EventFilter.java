package io.presencestream.server;

import io.presencestream.codec.ExtensionIds;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events an SSE client wants: by extension id, by kind and by account. An empty set means "all".
 *
 * @param extensionIds extension ids to keep; empty = every extension
 * @param kinds event kinds to keep; empty = every kind
 * @param accountIds accounts to keep ({@link PresenceEvent#accountId()}); empty = every account, and events
 *     without an account too
 */
public record EventFilter(Set<String> extensionIds, Set<EventKind> kinds, Set<String> accountIds) {

  /** Every kind's label, for the error message: the kinds of both feeds, in {@link EventKind}'s order. */
  private static final String KIND_LABELS =
      Arrays.stream(EventKind.values()).map(EventKind::label).collect(Collectors.joining(", "));

  /** At most this many extension ids in one filter, so a query string cannot make a huge set. */
  static final int MAX_EXTENSIONS = 10_000;

  /**
   * Copies the sets.
   *
   * @param extensionIds extension ids to keep; empty for every extension
   * @param kinds event kinds to keep; empty for every kind
   * @param accountIds accounts to keep; empty for every account
   * @throws NullPointerException if a set is null or holds a null
   */
  public EventFilter {
    extensionIds = Set.copyOf(Objects.requireNonNull(extensionIds, "extensionIds"));
    Objects.requireNonNull(kinds, "kinds");
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    accountIds = Set.copyOf(Objects.requireNonNull(accountIds, "accountIds"));
  }

  /**
   * A filter for every account.
   *
   * @param extensionIds extension ids to keep; empty for every extension
   * @param kinds event kinds to keep; empty for every kind
   * @throws NullPointerException if a set is null or holds a null
   */
  public EventFilter(Set<String> extensionIds, Set<EventKind> kinds) {
    this(extensionIds, kinds, Set.of());
  }

  /**
   * This filter keeping one account's events only.
   *
   * @param accountId the account
   * @return a copy that also requires the account
   */
  public EventFilter withAccount(String accountId) {
    return new EventFilter(extensionIds, kinds, Set.of(accountId));
  }

  /** {@return the filter that keeps every event} */
  public static EventFilter all() {
    return new EventFilter(Set.of(), Set.of());
  }

  /**
   * Parses the query parameters {@code extensions=101,102} and {@code kinds=call.new,presence} (every
   * {@link EventKind}'s label is a kind, those of the telephony-session feed too: {@code session.ended}). A
   * parameter left out (null) or given empty keeps everything; one that has content must name at least
   * one id or kind: a value that reduces to nothing ({@code %20}, {@code %09}, {@code ,,}) is an error,
   * never "everything".
   *
   * @param extensions the value of {@code extensions}, or null when it is left out
   * @param kinds the value of {@code kinds}, or null when it is left out
   * @return the filter
   * @throws IllegalArgumentException naming the bad value, for a malformed id, an unknown kind, a
   *     parameter that names nothing, or more than 10 000 ids
   */
  public static EventFilter parse(String extensions, String kinds) {
    return parse(extensions == null ? List.of() : List.of(extensions), kinds == null ? List.of() : List.of(kinds));
  }

  /**
   * Parses every value of repeated query parameters: {@code kinds=presence&kinds=call.new} keeps what
   * {@code kinds=presence,call.new} keeps (the union). Each value is read as in {@link #parse(String, String)}:
   * an empty one adds nothing (so a parameter whose values are all empty keeps everything), one that names
   * nothing is an error.
   *
   * @param extensions every value of {@code extensions}, in order; empty when it is left out
   * @param kinds every value of {@code kinds}, in order; empty when it is left out
   * @return the filter keeping the union
   * @throws IllegalArgumentException naming the bad value, as {@link #parse(String, String)}
   */
  public static EventFilter parse(List<String> extensions, List<String> kinds) {
    Set<String> ids = new LinkedHashSet<>();
    for (String value : extensions) {
      for (String id : split(value, "extensions")) {
        if (!ExtensionIds.valid(id)) {
          throw new IllegalArgumentException("invalid extension id '" + printable(id) + "' in extensions (" + ExtensionIds.RULE + ")");
        }
        ids.add(id);
        if (ids.size() > MAX_EXTENSIONS) {
          throw new IllegalArgumentException("too many extension ids (at most " + MAX_EXTENSIONS + ")");
        }
      }
    }
    Set<EventKind> kindSet = EnumSet.noneOf(EventKind.class);
    for (String value : kinds) {
      for (String kind : split(value, "kinds")) {
        try {
          kindSet.add(EventKind.parse(kind));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown event kind '" + printable(kind) + "' in kinds (expected one of " + KIND_LABELS + ")");
        }
      }
    }
    return new EventFilter(ids, kindSet);
  }

  /**
   * The comma-separated items, each without surrounding spaces and tabs, empty items skipped. Only
   * spaces and tabs are stripped: other control characters stay and make the item invalid.
   */
  private static List<String> split(String csv, String parameter) {
    List<String> items = new ArrayList<>();
    if (csv == null || csv.isEmpty()) {
      return items;
    }
    for (String item : csv.split(",", -1)) {
      String stripped = strip(item);
      if (!stripped.isEmpty()) {
        items.add(stripped);
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(parameter + " is given but names nothing (leave it out to keep every one)");
    }
    return items;
  }

  private static String strip(String item) {
    int from = 0;
    int to = item.length();
    while (from < to && (item.charAt(from) == ' ' || item.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (item.charAt(to - 1) == ' ' || item.charAt(to - 1) == '\t')) {
      to--;
    }
    return item.substring(from, to);
  }

  /** At most 40 characters of {@code value}, control and format characters shown as {@code \\uXXXX}. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && i < 40; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return value.length() <= 40 ? out.toString() : out + "…";
  }

  /**
   * Whether the filter keeps an event, judged by what an SSE frame carries without decoding it.
   *
   * @param extensionId the event's extension
   * @param kind the event's kind
   * @return whether an event about {@code extensionId} of {@code kind} passes
   */
  public boolean matches(String extensionId, EventKind kind) {
    return (extensionIds.isEmpty() || extensionIds.contains(extensionId)) && (kinds.isEmpty() || kinds.contains(kind));
  }

  /**
   * Whether the filter keeps an event, judged by what an SSE frame carries without decoding it.
   *
   * @param extensionId the event's extension
   * @param accountId the event's account, or null when not known (kept only by a filter for every account)
   * @param kind the event's kind
   * @return whether the event passes
   */
  public boolean matches(String extensionId, String accountId, EventKind kind) {
    // Set.of(…).contains(null) throws: an event without an account is simply not one of the accounts asked for
    return matches(extensionId, kind) && (accountIds.isEmpty() || (accountId != null && accountIds.contains(accountId)));
  }

  /**
   * Whether the filter keeps an event.
   *
   * @param event the event
   * @return whether it passes
   */
  public boolean matches(PresenceEvent event) {
    return matches(event.extensionId(), event.accountId(), event.kind());
  }
}
