package io.presencestream.ringcentral;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which extensions a {@link RingCentralSource} watches: the authorised user ({@code ~}), an explicit
 * list of extension ids, or every enabled user of the account (read from the REST extension list).
 *
 * <pre>{@code
 * ExtensionSelection.parse("~");            // the user the JWT belongs to
 * ExtensionSelection.parse("101,102");      // these extension ids
 * ExtensionSelection.parse("all");          // every enabled user of the account
 * }</pre>
 */
public sealed interface ExtensionSelection {

  /** The authorised user only; RingCentral rewrites {@code ~} to its id. */
  static ExtensionSelection self() {
    return Self.INSTANCE;
  }

  /** Every enabled user extension of the account, listed over REST (with paging) on each start. */
  static ExtensionSelection allEnabledUsers() {
    return AllEnabledUsers.INSTANCE;
  }

  /** Exactly these extension ids. */
  static ExtensionSelection of(String... extensionIds) {
    return new Listed(new LinkedHashSet<>(Arrays.asList(extensionIds)));
  }

  /** Exactly these extension ids. */
  static ExtensionSelection of(List<String> extensionIds) {
    return new Listed(new LinkedHashSet<>(extensionIds));
  }

  /**
   * Parses the configuration word: {@code ~}, {@code all}, or a comma separated list of ids.
   *
   * @throws IllegalArgumentException for an empty text
   */
  static ExtensionSelection parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an extension selection is '~', 'all' or a list of extension ids");
    }
    String trimmed = text.trim();
    if (trimmed.equals("~")) {
      return self();
    }
    if (trimmed.equalsIgnoreCase("all")) {
      return allEnabledUsers();
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (String part : trimmed.split(",")) {
      if (!part.isBlank()) {
        ids.add(part.trim());
      }
    }
    return new Listed(ids);
  }

  /** The authorised user. */
  enum Self implements ExtensionSelection {
    INSTANCE;

    @Override
    public String toString() {
      return "~";
    }
  }

  /** Every enabled user of the account. */
  enum AllEnabledUsers implements ExtensionSelection {
    INSTANCE;

    @Override
    public String toString() {
      return "all";
    }
  }

  /**
   * An explicit set of extension ids, in the order given.
   *
   * @param extensionIds non-empty; ids are RingCentral extension ids (not extension numbers)
   */
  record Listed(Set<String> extensionIds) implements ExtensionSelection {
    public Listed {
      if (extensionIds == null || extensionIds.isEmpty()) {
        throw new IllegalArgumentException("an extension list needs at least one id");
      }
      for (String id : extensionIds) {
        if (id == null || id.isBlank() || id.contains("/") || id.contains(",") || id.contains("?")) {
          throw new IllegalArgumentException("not an extension id: '" + id + "'");
        }
      }
      extensionIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(extensionIds));
    }
  }
}
