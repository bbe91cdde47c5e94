package io.presencestream.model;

/**
 * How a telephony session ended for one extension ({@link SessionEvent.SessionEnded#result()}), judged from
 * that extension's party: its final status and reason, its direction and whether it was ever answered.
 */
public enum SessionResult implements Labeled {
  /** The extension's party talked (was answered at some point) and then hung up or was hung up on. */
  ANSWERED("answered"),
  /** An inbound call that the extension did not answer (the caller gave up, or it timed out). */
  MISSED("missed"),
  /** The call went to the extension's voicemail. */
  VOICEMAIL("voicemail"),
  /**
   * The extension's party handed the call on: disconnected by a blind, attended, RCC or DTMF transfer, a
   * redirect or a park, or {@code Gone} to another session ({@link SessionEvent.SessionEnded#peer()} says where).
   */
  TRANSFERRED("transferred"),
  /** The call rang here but was answered elsewhere: picked up by another user or device, or another queue agent. */
  ANSWERED_ELSEWHERE("answered_elsewhere"),
  /** An outbound call the extension gave up before it was answered. */
  ABANDONED("abandoned"),
  /** An outbound call the callee did not answer (no answer, timeout). */
  NO_ANSWER("no_answer"),
  /** Declined (by the extension for an inbound call, by the callee for an outbound one), or replied to with a text. */
  REJECTED("rejected"),
  /** The callee was busy. */
  BUSY("busy"),
  /** The platform could not place the call: invalid or blocked number, no funds, no such user, internal error. */
  FAILED("failed"),
  /**
   * Not a call of its own: the inbound leg of a RingOut call (the ring to the user's own phone), replaced by its
   * outbound leg, named by {@link SessionEvent.SessionEnded#peer()}.
   */
  MERGED("merged"),
  /** Dropped to keep at most the configured number of sessions per extension: the call may still be going on. */
  EVICTED("evicted"),
  /** Nothing above applies (e.g. a party without a direction that was never answered). */
  UNKNOWN("unknown");

  private final String label;

  SessionResult(String label) {
    this.label = label;
  }

  /** The word used in presence-stream's JSON, e.g. {@code answered_elsewhere}. */
  @Override
  public String label() {
    return label;
  }
}
