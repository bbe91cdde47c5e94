package io.presencestream.engine;

/** Why the session tracker did not apply a telephony-session notification for an extension. */
public enum SessionDropReason {
  /** Every party in it has already been reported with a higher sequence. */
  STALE_SEQUENCE,
  /** Every party in it has already been reported with this sequence (a repeated delivery). */
  DUPLICATE_SEQUENCE,
  /** A session new to the extension whose parties have all already left (Disconnected or Gone): nothing to show. */
  GHOST,
  /** The inbound leg of a RingOut call (the ring to the user's own phone): its outbound leg stands for the call. */
  RINGOUT_INBOUND_LEG,
  /** An account-level notification with no extension's party, for a session no extension is tracking. */
  NO_OWNER
}
