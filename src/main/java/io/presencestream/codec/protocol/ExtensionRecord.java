package io.presencestream.codec.protocol;

/**
 * One record of {@code GET /restapi/v1.0/account/~/extension}.
 *
 * @param status e.g. {@code Enabled}, {@code Disabled}, {@code NotActivated}
 * @param type e.g. {@code User}, {@code Department}, {@code IvrMenu}
 */
public record ExtensionRecord(String id, String extensionNumber, String name, String status, String type) {

  public ExtensionRecord {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id is required");
    }
  }

  /** Whether this is an enabled user, i.e. one whose presence is worth watching. */
  public boolean isEnabledUser() {
    return "Enabled".equals(status) && "User".equals(type);
  }
}
