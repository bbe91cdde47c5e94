package io.presencestream.model;

/**
 * The presence status presence-stream derives for an extension (SEMANTICS §4): what a colleague
 * looking at a wallboard wants to know.
 */
public enum Availability {
  AVAILABLE("Available"),
  BUSY("Busy"),
  DO_NOT_DISTURB("DoNotDisturb"),
  INVISIBLE("Invisible");

  private final String label;

  Availability(String label) {
    this.label = label;
  }

  /** The word used in presence-stream's own JSON, e.g. {@code DoNotDisturb}. */
  public String label() {
    return label;
  }
}
