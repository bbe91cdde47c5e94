package io.presencestream.server;

import io.presencestream.model.ExtensionInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How the HTTP API reads an extension a request names: people address extensions by their number
 * ({@code /api/state/101}), events carry ids, and both are accepted wherever an extension is named.
 *
 * <p>The rule, in order, for each value:
 *
 * <ol>
 *   <li>with an empty directory (an embedding without one, a Kafka processor), every value is an id, as given;
 *   <li>a value that is an extension id the directory lists, or one the server tracks (its state or sessions:
 *       an extension that joined since the directory was last read), is that id;
 *   <li>else a value that is an extension number in the directory is that extension's id;
 *   <li>else it is unknown.
 * </ol>
 *
 * <p>An id wins over a number when both match (extension A's id equals extension B's number): an id is what
 * every event, state and stored record carries, it never changes and is never given to another extension,
 * while a number is reassigned when people move; a client that took an id from an event must get that
 * extension, always. Pure: the directory and the tracking test are given with each call.
 *
 * <pre>{@code
 * Resolution r = ExtensionAddresses.resolve(directory, id -> false, List.of("101", "62000002"));
 * if (!r.unknown().isEmpty()) { answer400(r.unknown()); }
 * }</pre>
 */
public final class ExtensionAddresses {

  private ExtensionAddresses() {}

  /**
   * What the values named.
   *
   * @param ids the extension ids, one per known value, in the values' order (duplicates kept)
   * @param unknown the values that named no extension, in order
   */
  public record Resolution(List<String> ids, List<String> unknown) {
    /**
     * Copies the lists.
     *
     * @param ids the ids
     * @param unknown the unknown values
     */
    public Resolution {
      ids = List.copyOf(ids);
      unknown = List.copyOf(unknown);
    }
  }

  /**
   * Resolves ids and numbers by the rule on the class.
   *
   * @param directory the current directory; empty means "no directory": every value is an id
   * @param tracked whether an id is tracked now (has a state or sessions), so that an extension newer than the
   *     directory is still found by its id; must return at once
   * @param values the ids or numbers, as the request gave them
   * @return the ids and the unknown values
   */
  public static Resolution resolve(Collection<ExtensionInfo> directory, Predicate<String> tracked, Collection<String> values) {
    Objects.requireNonNull(tracked, "tracked");
    if (directory == null || directory.isEmpty()) {
      return new Resolution(new ArrayList<>(values), List.of());
    }
    if (values.size() == 1) {
      // one value (/api/state/{x}, on an event loop, per request): two scans, nothing built
      String value = values.iterator().next();
      String id = one(directory, tracked, value);
      return id == null ? new Resolution(List.of(), List.of(value)) : new Resolution(List.of(id), List.of());
    }
    Set<String> ids = new HashSet<>(directory.size() * 2);
    Map<String, String> byNumber = new HashMap<>(directory.size() * 2);
    for (ExtensionInfo info : directory) {
      ids.add(info.extensionId());
      if (info.extensionNumber() != null) {
        byNumber.putIfAbsent(info.extensionNumber(), info.extensionId()); // numbers are unique in an account
      }
    }
    List<String> resolved = new ArrayList<>(values.size());
    List<String> unknown = new ArrayList<>();
    for (String value : values) {
      if (ids.contains(value) || tracked.test(value)) {
        resolved.add(value);
      } else if (byNumber.containsKey(value)) {
        resolved.add(byNumber.get(value));
      } else {
        unknown.add(value);
      }
    }
    return new Resolution(resolved, unknown);
  }

  private static String one(Collection<ExtensionInfo> directory, Predicate<String> tracked, String value) {
    for (ExtensionInfo info : directory) {
      if (info.extensionId().equals(value)) {
        return value;
      }
    }
    if (tracked.test(value)) {
      return value;
    }
    for (ExtensionInfo info : directory) {
      if (value.equals(info.extensionNumber())) {
        return info.extensionId();
      }
    }
    return null;
  }

  /**
   * The message of a {@code 400 unknown_extension}: names at most the first five unknown values.
   *
   * @param unknown the unknown values, at least one
   * @param where where they were given, e.g. {@code "in extensions"}, or empty
   * @return e.g. {@code unknown extension '999' (neither an id nor a number in the directory)}
   */
  public static String message(List<String> unknown, String where) {
    StringBuilder text = new StringBuilder(unknown.size() == 1 ? "unknown extension " : "unknown extensions ");
    for (int i = 0; i < unknown.size() && i < 5; i++) {
      text.append(i == 0 ? "" : ", ").append('\'').append(unknown.get(i)).append('\'');
    }
    if (unknown.size() > 5) {
      text.append(" and ").append(unknown.size() - 5).append(" more");
    }
    if (where != null && !where.isEmpty()) {
      text.append(' ').append(where);
    }
    return text.append(" (neither an extension id nor an extension number in the directory)").toString();
  }
}
