package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SEMANTICS §5: call events from diffing the previous and the new live call list by session
 * ({@link CallKey}).
 *
 * <ul>
 *   <li>a call not seen before → {@link PresenceEvent.CallStarted}, followed by
 *       {@link PresenceEvent.CallRinging} when it is Ringing;
 *   <li>a known call whose status or {@code from} changed → {@link PresenceEvent.CallUpdated} with a
 *       typed {@link CallTransition};
 *   <li>a call that disappeared → {@link PresenceEvent.CallEnded} with its last known state, its
 *       duration (receive time − start time, never negative) and the reason the caller's
 *       {@link EndReasons} gives ({@link #NATURAL} by default).
 * </ul>
 *
 * Order: ended calls first (in the previous list's order), then new and updated calls oldest first,
 * so a consumer sees events in the order the calls happened.
 */
final class CallDiff {

  /** Up to this many calls (before + after) a scan beats a map and a set built for every message. */
  static final int SCAN_LIMIT = 16;

  private CallDiff() {}

  /** Says why a call that left the list ended (the reason and, for a merged leg, what it merged into). */
  interface EndReasons {
    PresenceEvent.CallEnded ended(String extensionId, Instant at, Call call);
  }

  /** Every call that left the list hung up, or was missed if it was an inbound call still ringing. */
  static final EndReasons NATURAL = (extensionId, at, call) ->
      new PresenceEvent.CallEnded(extensionId, at, call, duration(call, at), naturalReason(call), null);

  static List<PresenceEvent> diff(String extensionId, Instant at, List<Call> before, List<Call> after) {
    return diff(extensionId, at, before, after, SCAN_LIMIT, NATURAL);
  }

  static List<PresenceEvent> diff(
      String extensionId, Instant at, List<Call> before, List<Call> after, EndReasons reasons) {
    return diff(extensionId, at, before, after, SCAN_LIMIT, reasons);
  }

  /** With another threshold between scanning and hashing (tests compare both ways). */
  static List<PresenceEvent> diff(
      String extensionId, Instant at, List<Call> before, List<Call> after, int scanLimit) {
    return diff(extensionId, at, before, after, scanLimit, NATURAL);
  }

  private static List<PresenceEvent> diff(
      String extensionId, Instant at, List<Call> before, List<Call> after, int scanLimit, EndReasons reasons) {
    if (before == after || (before.isEmpty() && after.isEmpty())) {
      return List.of();
    }
    // A handful of calls (the usual case) are scanned; building a map and a set for every message showed
    // in the allocation profile. Both ways find the same calls: `known` is the first previous call with
    // the key, as putIfAbsent keeps it.
    boolean scan = before.size() + after.size() <= scanLimit;
    Map<CallKey, Call> previous = null;
    Set<CallKey> present = null;
    if (!scan) {
      previous = new HashMap<>(before.size() * 2);
      for (Call call : before) {
        previous.putIfAbsent(CallKey.of(call), call);
      }
      present = new HashSet<>(after.size() * 2);
      for (Call call : after) {
        present.add(CallKey.of(call));
      }
    }
    List<PresenceEvent> events = new ArrayList<>();
    for (Call call : before) {
      boolean gone = scan ? firstSame(after, call) == null : !present.contains(CallKey.of(call));
      if (gone) {
        events.add(reasons.ended(extensionId, at, call));
      }
    }
    for (int i = after.size() - 1; i >= 0; i--) {
      Call call = after.get(i);
      Call known = scan ? firstSame(before, call) : previous.get(CallKey.of(call));
      if (known == null) {
        events.add(new PresenceEvent.CallStarted(extensionId, at, call));
        if (call.telephonyStatus() == TelephonyStatus.RINGING) {
          events.add(new PresenceEvent.CallRinging(extensionId, at, call));
        }
      } else if (known.telephonyStatus() != call.telephonyStatus() || !Objects.equals(known.from(), call.from())) {
        events.add(new PresenceEvent.CallUpdated(
            extensionId, at, call, known.telephonyStatus(), transition(known.telephonyStatus(), call.telephonyStatus())));
      }
    }
    return events;
  }

  private static Call firstSame(List<Call> calls, Call call) {
    for (int i = 0; i < calls.size(); i++) {
      if (CallKey.same(calls.get(i), call)) {
        return calls.get(i);
      }
    }
    return null;
  }

  /**
   * The kind of change: answered (→ CallConnected from anything but hold/park), resumed (held or
   * parked → CallConnected), held, parked; the same status with another {@code from} is a party
   * change (e.g. a transfer); anything else is OTHER.
   */
  static CallTransition transition(TelephonyStatus before, TelephonyStatus after) {
    if (before == after) {
      return CallTransition.PARTY_CHANGED;
    }
    if (after == TelephonyStatus.CALL_CONNECTED) {
      return before == TelephonyStatus.ON_HOLD || before == TelephonyStatus.PARKED_CALL
          ? CallTransition.RESUMED
          : CallTransition.CONNECTED;
    }
    if (after == TelephonyStatus.ON_HOLD) {
      return CallTransition.HELD;
    }
    if (after == TelephonyStatus.PARKED_CALL) {
      return CallTransition.PARKED;
    }
    return CallTransition.OTHER;
  }

  /** {@link EndReason#MISSED} for an inbound call last seen ringing, else {@link EndReason#HANGUP}. */
  static EndReason naturalReason(Call call) {
    return call.direction() == Direction.INBOUND && call.telephonyStatus() == TelephonyStatus.RINGING
        ? EndReason.MISSED
        : EndReason.HANGUP;
  }

  /** How long the call lasted when it ended at {@code at}; zero when a skewed start lies after it. */
  static Duration duration(Call call, Instant at) {
    if (call.startTime() == null) {
      return Duration.ZERO;
    }
    Duration duration = Duration.between(call.startTime(), at);
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
