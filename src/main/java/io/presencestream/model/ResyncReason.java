package io.presencestream.model;

/** Why the state of an extension must be read again over REST. */
public enum ResyncReason {
  /** A notification carried fewer active calls than its {@code totalActiveCalls}. */
  TRUNCATED_CALL_LIST,
  /** The sequence jumped far backwards: the server's counter was reset. */
  SEQUENCE_RESET,
  /** Notifications may have been missed (session recovery failed, or a new subscription). */
  MISSED_NOTIFICATIONS,
  /** Nothing is known yet about the extension. */
  INITIAL
}
