package io.presencestream.server;

import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which events an SSE client wants: by extension id and by kind. An empty set means "all".
 *
 * @param extensionIds extension ids to keep; empty = every extension
 * @param kinds event kinds to keep; empty = every kind
 */
public record EventFilter(Set<String> extensionIds, Set<EventKind> kinds) {

  /** At most this many extension ids in one filter, so a query string cannot make a huge set. */
  public static final int MAX_EXTENSIONS = 10_000;

  private static final Pattern EXTENSION_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

  public EventFilter {
    extensionIds = Set.copyOf(Objects.requireNonNull(extensionIds, "extensionIds"));
    Objects.requireNonNull(kinds, "kinds");
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  /** Every event. */
  public static EventFilter all() {
    return new EventFilter(Set.of(), Set.of());
  }

  /**
   * Parses the query parameters {@code extensions=101,102} and {@code kinds=call.new,presence} (either may
   * be null or empty).
   *
   * @throws IllegalArgumentException naming the bad value, for a malformed id or an unknown kind
   */
  public static EventFilter parse(String extensions, String kinds) {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : split(extensions)) {
      if (!EXTENSION_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("invalid extension id '" + abbreviate(id) + "' in extensions");
      }
      ids.add(id);
      if (ids.size() > MAX_EXTENSIONS) {
        throw new IllegalArgumentException("too many extension ids (at most " + MAX_EXTENSIONS + ")");
      }
    }
    Set<EventKind> kindSet = EnumSet.noneOf(EventKind.class);
    for (String kind : split(kinds)) {
      try {
        kindSet.add(EventKind.parse(kind));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown event kind '" + abbreviate(kind) + "' in kinds (expected presence, call.new, call.ringing, call.updated or call.ended)");
      }
    }
    return new EventFilter(ids, kindSet);
  }

  private static String[] split(String csv) {
    if (csv == null || csv.isBlank()) {
      return new String[0];
    }
    return java.util.Arrays.stream(csv.split(",", -1)).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  /** Whether the filter keeps an event about {@code extensionId} of {@code kind}. */
  public boolean matches(String extensionId, EventKind kind) {
    return (extensionIds.isEmpty() || extensionIds.contains(extensionId)) && (kinds.isEmpty() || kinds.contains(kind));
  }

  /** Whether the filter keeps {@code event}. */
  public boolean matches(PresenceEvent event) {
    return matches(event.extensionId(), event.kind());
  }
}
