package io.presencestream.engine;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.TerminationType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SEMANTICS §2.4: drops {@code intermediate} calls, then keeps the first of several calls with the
 * same ({@code sessionId}, {@code direction}) — a call to yourself keeps one call per direction.
 */
final class CallListCleaner {

  private CallListCleaner() {}

  /** Up to this many calls a scan of the kept ones beats a hash set built for every message (JFR). */
  private static final int SCAN_LIMIT = 16;

  static List<ActiveCall> clean(List<ActiveCall> activeCalls) {
    return clean(activeCalls, SCAN_LIMIT);
  }

  /** With another threshold between scanning and hashing (tests compare both ways). */
  static List<ActiveCall> clean(List<ActiveCall> activeCalls, int scanLimit) {
    List<ActiveCall> kept = new ArrayList<>(activeCalls.size());
    Set<CallKey> seen = activeCalls.size() > scanLimit ? new HashSet<>() : null;
    for (ActiveCall call : activeCalls) {
      if (call == null || call.terminationType() == TerminationType.INTERMEDIATE) {
        continue;
      }
      if (call.sessionId() == null) {
        kept.add(call); // nothing to deduplicate on
        continue;
      }
      Direction direction = direction(call);
      boolean first = seen != null
          ? seen.add(new CallKey(call.sessionId(), direction))
          : !keptAlready(kept, call.sessionId(), direction);
      if (first) {
        kept.add(call);
      }
    }
    return kept;
  }

  private static boolean keptAlready(List<ActiveCall> kept, String sessionId, Direction direction) {
    for (int i = 0; i < kept.size(); i++) {
      ActiveCall other = kept.get(i);
      if (other.sessionId() != null && direction(other) == direction && sessionId.equals(other.sessionId())) {
        return true;
      }
    }
    return false;
  }

  private static Direction direction(ActiveCall call) {
    return call.direction() == null ? Direction.UNKNOWN : call.direction();
  }
}
