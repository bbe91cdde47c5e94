package io.presencestream.model;

import java.time.Instant;

/**
 * What the session tracker emits about one extension's telephony sessions. Immutable; {@code at} is the
 * {@code eventTime} of the notification that caused the event (never earlier than the extension's
 * previous event).
 */
public sealed interface SessionEvent extends PresenceEvent {

  /**
   * {@inheritDoc} For a session event this is the {@code eventTime} of the notification that caused it (its
   * envelope's {@code timestamp} when it has none), not a clock read.
   */
  @Override
  Instant at();

  /** {@return the extension's view of the session after the event (as last seen, when it ended), never null} */
  TelephonySession session();

  /** The extension has a party in a session it did not have before. */
  record SessionStarted(String extensionId, Instant at, TelephonySession session) implements SessionEvent {
    @Override
    public EventKind kind() {
      return EventKind.SESSION_STARTED;
    }
  }

  /**
   * A party of a started session is new or changed (its status, reason or peer, or another field).
   *
   * @param party the party after the change
   * @param previous the party before it, null when it is new to this view
   */
  record PartyUpdated(String extensionId, Instant at, TelephonySession session, Party party, Party previous)
      implements SessionEvent {
    @Override
    public EventKind kind() {
      return EventKind.PARTY_UPDATED;
    }
  }

  /**
   * The session ended for the extension.
   *
   * @param result how it ended, judged from the extension's party
   * @param durations ring, talk and hold time of the extension's party
   * @param peer where the call went: the {@code peerId} of a {@code Gone} party, or for {@link SessionResult#MERGED}
   *     the outbound leg that replaced this one; else null
   */
  record SessionEnded(
      String extensionId, Instant at, TelephonySession session, SessionResult result, CallDurations durations, PeerId peer)
      implements SessionEvent {
    @Override
    public EventKind kind() {
      return EventKind.SESSION_ENDED;
    }
  }
}
