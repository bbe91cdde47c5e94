package io.presencestream.model;

/**
 * Directory data of an extension (from RingCentral's extension list), so that a display can show a
 * name and number rather than an id.
 */
public record ExtensionInfo(String extensionId, String extensionNumber, String name) {}
