package io.presencestream.model;

/**
 * Directory data of an extension (from RingCentral's extension list), so that a display can show a
 * name and number rather than an id, and the contact-centre view can group agents.
 *
 * @param extensionId the extension id, as in events
 * @param extensionNumber the short number dialled inside the account, or null
 * @param name the display name, or null
 * @param department RingCentral's {@code contact.department}, or null when not set or not read
 */
public record ExtensionInfo(String extensionId, String extensionNumber, String name, String department) {

  /**
   * Directory data without a department (read before departments were, or from a source that has none).
   *
   * @param extensionId the extension id
   * @param extensionNumber the short number, or null
   * @param name the display name, or null
   */
  public ExtensionInfo(String extensionId, String extensionNumber, String name) {
    this(extensionId, extensionNumber, name, null);
  }
}
