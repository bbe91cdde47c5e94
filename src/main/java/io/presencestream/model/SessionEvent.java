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

  /**
   * The extension has a party in a session it did not have before.
   *
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record SessionStarted(String extensionId, Instant at, TelephonySession session, String accountId)
      implements SessionEvent {

    /**
     * A start whose account is not known.
     *
     * @param extensionId the extension
     * @param at the notification's event time
     * @param session the extension's view of the session
     */
    public SessionStarted(String extensionId, Instant at, TelephonySession session) {
      this(extensionId, at, session, null);
    }

    @Override
    public SessionStarted withAccountId(String account) {
      return new SessionStarted(extensionId, at, session, account);
    }

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
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record PartyUpdated(
      String extensionId, Instant at, TelephonySession session, Party party, Party previous, String accountId)
      implements SessionEvent {

    /**
     * An update whose account is not known.
     *
     * @param extensionId the extension
     * @param at the notification's event time
     * @param session the extension's view of the session
     * @param party the party after the change
     * @param previous the party before it, or null
     */
    public PartyUpdated(String extensionId, Instant at, TelephonySession session, Party party, Party previous) {
      this(extensionId, at, session, party, previous, null);
    }

    @Override
    public PartyUpdated withAccountId(String account) {
      return new PartyUpdated(extensionId, at, session, party, previous, account);
    }

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
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record SessionEnded(
      String extensionId, Instant at, TelephonySession session, SessionResult result, CallDurations durations, PeerId peer,
      String accountId)
      implements SessionEvent {

    /**
     * An end whose account is not known.
     *
     * @param extensionId the extension
     * @param at the notification's event time
     * @param session the extension's view of the session, as last seen
     * @param result how it ended
     * @param durations ring, talk and hold time
     * @param peer where the call went, or null
     */
    public SessionEnded(
        String extensionId, Instant at, TelephonySession session, SessionResult result, CallDurations durations, PeerId peer) {
      this(extensionId, at, session, result, durations, peer, null);
    }

    @Override
    public SessionEnded withAccountId(String account) {
      return new SessionEnded(extensionId, at, session, result, durations, peer, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.SESSION_ENDED;
    }
  }
}
