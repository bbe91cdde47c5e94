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

  static List<ActiveCall> clean(List<ActiveCall> activeCalls) {
    List<ActiveCall> kept = new ArrayList<>(activeCalls.size());
    Set<CallKey> seen = new HashSet<>();
    for (ActiveCall call : activeCalls) {
      if (call == null || call.terminationType() == TerminationType.INTERMEDIATE) {
        continue;
      }
      if (call.sessionId() == null) {
        kept.add(call); // nothing to deduplicate on
        continue;
      }
      Direction direction = call.direction() == null ? Direction.UNKNOWN : call.direction();
      if (seen.add(new CallKey(call.sessionId(), direction))) {
        kept.add(call);
      }
    }
    return kept;
  }
}
