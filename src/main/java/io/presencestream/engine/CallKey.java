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

  // Written out (same component-wise contract as the generated ones): the call diff compares keys for
  // every call of every notification, and the generated method-handle equals showed in the JFR profile.
  @Override
  public boolean equals(Object other) {
    return this == other
        || other instanceof CallKey that && direction == that.direction
            && java.util.Objects.equals(sessionId, that.sessionId);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hashCode(sessionId) + java.util.Objects.hashCode(direction);
  }
}
