package io.presencestream.engine;

/**
 * SEMANTICS §2.1: whether a notification's {@code sequence} may be applied.
 *
 * <p>Reference behaviour drops a lower sequence; ours also drops an equal one (a duplicate delivery)
 * and treats a backwards jump of at least {@code resetThreshold} as the server having reset its
 * counter. Policy for a reset: the message is <em>applied</em> (it is the newest truth the server
 * has), its sequence becomes the new baseline, and a {@code SEQUENCE_RESET} resync is requested
 * because anything sent between the reset and now may have been lost or dropped as stale. Dropping
 * forever would freeze the extension until the old counter value came round again.
 */
final class SequenceOrdering {

  enum Verdict {
    APPLY,
    DUPLICATE,
    STALE,
    RESET
  }

  private SequenceOrdering() {}

  /**
   * @param lastApplied the last applied sequence, null when none was seen
   * @param incoming the message's sequence, null when it has none (always applied)
   */
  static Verdict check(Long lastApplied, Long incoming, long resetThreshold) {
    if (lastApplied == null || incoming == null) {
      return Verdict.APPLY;
    }
    long last = lastApplied;
    long next = incoming;
    if (next > last) {
      return Verdict.APPLY;
    }
    if (next == last) {
      return Verdict.DUPLICATE;
    }
    // next < last; written so that it cannot overflow for any pair of longs
    return Long.compareUnsigned(last - next, resetThreshold) >= 0 ? Verdict.RESET : Verdict.STALE;
  }
}
