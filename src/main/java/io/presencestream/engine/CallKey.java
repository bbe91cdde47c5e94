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
    String session = call.sessionId() != null ? call.sessionId() : ID_PREFIX + call.id();
    return new CallKey(session, call.direction() == null ? Direction.UNKNOWN : call.direction());
  }

  /**
   * {@code CallKey.of(a).equals(CallKey.of(b))} without creating either key (nor the {@code "#id:"} string
   * of a call without sessionId): the call diff and the list cleaner compare a handful of calls per message.
   */
  static boolean same(Call a, Call b) {
    if (direction(a) != direction(b)) {
      return false;
    }
    String sa = a.sessionId();
    String sb = b.sessionId();
    if (sa != null && sb != null) {
      return sa.equals(sb);
    }
    if (sa == null && sb == null) {
      return String.valueOf(a.id()).equals(String.valueOf(b.id()));
    }
    return sa == null ? isIdKeyOf(sb, a) : isIdKeyOf(sa, b);
  }

  private static final String ID_PREFIX = "#id:";

  /** Whether {@code session} equals {@code "#id:" + call.id()}. */
  private static boolean isIdKeyOf(String session, Call call) {
    String id = String.valueOf(call.id());
    return session.length() == ID_PREFIX.length() + id.length()
        && session.startsWith(ID_PREFIX)
        && session.regionMatches(ID_PREFIX.length(), id, 0, id.length());
  }

  private static Direction direction(Call call) {
    return call.direction() == null ? Direction.UNKNOWN : call.direction();
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
