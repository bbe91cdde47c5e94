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

  /**
   * The authorised user only; RingCentral rewrites {@code ~} to its id.
   *
   * @return the selection {@code ~}
   */
  static ExtensionSelection self() {
    return Self.INSTANCE;
  }

  /**
   * Every enabled user extension of the account, listed over REST (with paging) at start and followed while
   * running: the source subscribes to the account's extension list, so users who join are watched and users
   * who are disabled or deleted are dropped, without a restart.
   *
   * @return the selection {@code all}
   */
  static ExtensionSelection allEnabledUsers() {
    return AllEnabledUsers.INSTANCE;
  }

  /**
   * Exactly these extension ids.
   *
   * @param extensionIds RingCentral extension ids (not extension numbers); duplicates count once
   * @return the selection, in the order given
   * @throws IllegalArgumentException if there is none, or one is blank or holds {@code / , ?}
   */
  static ExtensionSelection of(String... extensionIds) {
    return new Listed(new LinkedHashSet<>(Arrays.asList(extensionIds)));
  }

  /**
   * Exactly these extension ids.
   *
   * @param extensionIds RingCentral extension ids (not extension numbers); duplicates count once
   * @return the selection, in the order given
   * @throws IllegalArgumentException if there is none, or one is blank or holds {@code / , ?}
   */
  static ExtensionSelection of(List<String> extensionIds) {
    return new Listed(new LinkedHashSet<>(extensionIds));
  }

  /**
   * Parses the configuration word: {@code ~}, {@code all} (any case), or a comma separated list of ids.
   * Blanks around words and empty list entries are ignored.
   *
   * @param text the word, e.g. from {@code RINGCENTRAL_EXTENSIONS}
   * @return the selection it names
   * @throws IllegalArgumentException for an empty text, or a list holding no valid id
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
    /** The only value: there is one authorised user. */
    INSTANCE;

    /**
     * The configuration word of this selection.
     *
     * @return {@code ~}
     */
    @Override
    public String toString() {
      return "~";
    }
  }

  /** Every enabled user of the account. */
  enum AllEnabledUsers implements ExtensionSelection {
    /** The only value: the account's users are listed when needed. */
    INSTANCE;

    /**
     * The configuration word of this selection.
     *
     * @return {@code all}
     */
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
    /**
     * Validates and copies the ids.
     *
     * @param extensionIds the ids, in the order to keep
     * @throws IllegalArgumentException if there is none, or one is null, blank or holds {@code / , ?}
     */
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
