package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;

/**
 * The identity of a call across messages: its {@code sessionId} (SEMANTICS §5 diffs by it), plus its
 * direction, because a call to yourself legitimately shows the same sessionId once per direction.
 * A call without sessionId falls back to its id.
 */
record CallKey(String sessionId, Direction direction) {

  static CallKey of(Call call) {
    String session = call.sessionId() != null ? call.sessionId() : "#id:" + call.id();
    return new CallKey(session, call.direction() == null ? Direction.UNKNOWN : call.direction());
  }
}
