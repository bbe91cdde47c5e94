package io.presencestream.model;

/**
 * The presence status presence-stream derives for an extension: what a colleague looking at a wallboard
 * wants to know. It comes from {@code userStatus} (or {@code presenceStatus} when that is absent or
 * unknown) and {@code dndStatus}; {@link PresenceState} carries those raw fields too, for a consumer
 * with its own rule.
 */
public enum Availability {
  /** {@code userStatus} Available. */
  AVAILABLE("Available"),
  /** {@code userStatus} Busy, without Do not Disturb. */
  BUSY("Busy"),
  /** {@code userStatus} Busy with {@code dndStatus} DoNotAcceptAnyCalls. */
  DO_NOT_DISTURB("DoNotDisturb"),
  /** {@code userStatus} Offline (the user appears offline), or no status known at all. */
  INVISIBLE("Invisible");

  private final String label;

  Availability(String label) {
    this.label = label;
  }

  /**
   * The word used in presence-stream's own JSON.
   *
   * @return e.g. {@code DoNotDisturb}
   */
  public String label() {
    return label;
  }
}
