package io.presencestream.codec.protocol;

/**
 * One record of {@code GET /restapi/v1.0/account/~/extension}.
 *
 * @param id the extension id, never empty
 * @param extensionNumber the short number dialled inside the account, or null
 * @param name the display name, or null
 * @param status e.g. {@code Enabled}, {@code Disabled}, {@code NotActivated}
 * @param type e.g. {@code User}, {@code Department}, {@code IvrMenu}
 * @param department the extension's {@code contact.department} (free text), or null when not set
 */
public record ExtensionRecord(String id, String extensionNumber, String name, String status, String type, String department) {

  /**
   * A record without a department.
   *
   * @param id the extension id
   * @param extensionNumber the short number, or null
   * @param name the display name, or null
   * @param status RingCentral's status word, or null
   * @param type RingCentral's type word, or null
   * @throws IllegalArgumentException if {@code id} is null or empty
   */
  public ExtensionRecord(String id, String extensionNumber, String name, String status, String type) {
    this(id, extensionNumber, name, status, type, null);
  }

  /**
   * Requires an id.
   *
   * @param id the extension id
   * @param extensionNumber the short number, or null
   * @param name the display name, or null
   * @param status RingCentral's status word, or null
   * @param type RingCentral's type word, or null
   * @param department the {@code contact.department}, or null
   * @throws IllegalArgumentException if {@code id} is null or empty
   */
  public ExtensionRecord {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id is required");
    }
  }

  /**
   * Whether this is an enabled user, i.e. one whose presence is worth watching.
   *
   * @return true for status {@code Enabled} and type {@code User}
   */
  public boolean isEnabledUser() {
    return "Enabled".equals(status) && "User".equals(type);
  }
}
