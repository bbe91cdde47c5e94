package io.presencestream.engine;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * SEMANTICS §2.5: gives each reported call its start time and clock offset, remembering what was
 * assigned to calls already known (matched by {@code sessionId}).
 *
 * <ul>
 *   <li>a call seen for the first time: the server's {@code startTime} if present, else the receive time;
 *   <li>a known call keeps its start time unless the new message carries one;
 *   <li>{@code clockOffset} = min(received − startTime, 0), the server's clock running ahead of ours
 *       as seen on this call (zero when the receive time stands in).
 * </ul>
 *
 * <p>The inbound leg of a merged RingOut call is known by the merged call's start time, so a leg that
 * stops pairing does not suddenly look younger than it is.
 */
final class StartTimes {

  /** The previous live calls; a handful, so a scan beats building a map for every message (JFR profile). */
  private final List<Call> previousCalls;

  private StartTimes(List<Call> previousCalls) {
    this.previousCalls = previousCalls;
  }

  static StartTimes knowing(List<Call> previousCalls) {
    return new StartTimes(previousCalls);
  }

  /** The first previous call with this session id, as its own or as its merged inbound leg's. */
  private Call known(String sessionId) {
    for (Call call : previousCalls) {
      if (sessionId.equals(call.sessionId())
          || call.inboundLeg() != null && sessionId.equals(call.inboundLeg().sessionId())) {
        return call;
      }
    }
    return null;
  }

  /** The reported call as an engine {@link Call} (not merged, not matched) with its start time. */
  Call toCall(ActiveCall reported, Instant receivedAt) {
    Call known = reported.sessionId() == null ? null : known(reported.sessionId());
    Instant startTime;
    Duration clockOffset;
    if (reported.startTime() != null) {
      startTime = reported.startTime();
      Duration received = Duration.between(startTime, receivedAt);
      clockOffset = received.isNegative() ? received : Duration.ZERO;
    } else if (known != null) {
      startTime = known.startTime();
      clockOffset = known.clockOffset();
    } else {
      startTime = receivedAt;
      clockOffset = Duration.ZERO;
    }
    // A call's status is a field like any other: when a message leaves it out, keep what we knew.
    TelephonyStatus status = reported.telephonyStatus() != null
        ? reported.telephonyStatus()
        : known != null && known.telephonyStatus() != null ? known.telephonyStatus() : TelephonyStatus.UNKNOWN;
    Direction direction = reported.direction() == null ? Direction.UNKNOWN : reported.direction();
    return new Call(reported.id(), reported.sessionId(), reported.telephonySessionId(), reported.partyId(),
        direction, reported.from(), reported.fromName(), reported.to(), reported.toName(), status, startTime,
        clockOffset, reported.queueCall(), reported.sipData(), null, null, null);
  }
}
