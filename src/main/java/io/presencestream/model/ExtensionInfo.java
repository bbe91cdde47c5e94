package io.presencestream.model;

/**
 * Directory data of an extension (from RingCentral's extension list), so that a display can show a
 * name and number rather than an id.
 *
 * @param extensionId the extension id, as in events
 * @param extensionNumber the short number dialled inside the account, or null
 * @param name the display name, or null
 */
public record ExtensionInfo(String extensionId, String extensionNumber, String name) {}
