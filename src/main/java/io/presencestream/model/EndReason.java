package io.presencestream.model;

/**
 * Why a call left an extension's list of live calls ({@link PresenceEvent.CallEnded#reason()}), so a
 * consumer can tell a real missed call from a RingOut leg that was merged away.
 */
public enum EndReason implements Labeled {
  /** RingCentral reported the call ended (or no longer listed it) after it was answered or while it was outbound. */
  HANGUP("hangup"),
  /** An inbound call that ended while still ringing: nobody answered it on this extension. */
  MISSED("missed"),
  /**
   * Not a call of its own: the inbound leg of a RingOut call (the ring to the user's own phone), now merged
   * into the RingOut call named by {@link PresenceEvent.CallEnded#mergedInto()}.
   */
  MERGED("merged"),
  /** A REST snapshot (resync) no longer lists the call: it ended while notifications were missed or wrong. */
  RESYNC("resync"),
  /** Dropped to keep at most {@code maxCallsPerExtension} calls: the call may still be going on. */
  EVICTED("evicted"),
  /** A word a newer writer used that this version does not know. */
  UNKNOWN("unknown");

  private final String label;

  EndReason(String label) {
    this.label = label;
  }

  /** The word used in presence-stream's JSON, e.g. {@code merged}. */
  @Override
  public String label() {
    return label;
  }

  /**
   * Parses a word of presence-stream's JSON, never failing.
   *
   * @param label the {@code reason} value, or null when the key was absent
   * @return the reason; null for null, {@link #UNKNOWN} for an unknown word
   */
  public static EndReason parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
