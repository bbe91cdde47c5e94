package io.presencestream.model;

/** What kind of change a {@link PresenceEvent.CallUpdated} is. */
public enum CallTransition {
  /** The call was answered (Ringing → CallConnected). */
  CONNECTED,
  /** The call was put on hold. */
  HELD,
  /** A held or parked call is connected again. */
  RESUMED,
  /** The call was parked. */
  PARKED,
  /** The status did not change but the {@code from} number did (e.g. a transfer). */
  PARTY_CHANGED,
  /** Any other change of status, e.g. back to Ringing or to an unknown status. */
  OTHER
}
