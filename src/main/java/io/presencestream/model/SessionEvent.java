package io.presencestream.model;

import java.time.Instant;

/**
 * What the session tracker emits about one extension's telephony sessions. Immutable; {@code at} is the
 * {@code eventTime} of the notification that caused the event (never earlier than the extension's
 * previous event).
 */
public sealed interface SessionEvent {

  /** {@return the extension the event is about, never null} */
  String extensionId();

  /** {@return when the platform saw the change that caused this event (input time, never read from a clock)} */
  Instant at();

  /** {@return the extension's view of the session after the event (as last seen, when it ended), never null} */
  TelephonySession session();

  /** {@return the kind of event, whose label is its word in presence-stream's JSON} */
  Kind kind();

  /** The kinds of session event and their words in the JSON. */
  enum Kind implements Labeled {
    /** {@link SessionStarted}. */
    SESSION_STARTED("session.started"),
    /** {@link PartyUpdated}. */
    PARTY_UPDATED("party.updated"),
    /** {@link SessionEnded}. */
    SESSION_ENDED("session.ended");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** The extension has a party in a session it did not have before. */
  record SessionStarted(String extensionId, Instant at, TelephonySession session) implements SessionEvent {
    @Override
    public Kind kind() {
      return Kind.SESSION_STARTED;
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
    public Kind kind() {
      return Kind.PARTY_UPDATED;
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
    public Kind kind() {
      return Kind.SESSION_ENDED;
    }
  }
}
