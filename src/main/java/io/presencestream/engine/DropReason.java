package io.presencestream.engine;

/** Why the engine did not apply a message; the tag value of the dropped-notifications metric. */
public enum DropReason {
  /** The sequence is lower than the last applied one. */
  STALE_SEQUENCE,
  /** The sequence equals the last applied one. */
  DUPLICATE_SEQUENCE
}
