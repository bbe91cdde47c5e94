package io.presencestream.store;

import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events of whole calls, as the engine emits them, with their times chosen by the test. */
final class CallScript {

  private CallScript() {}

  static Call call(String id, Direction direction, TelephonyStatus status, Instant start) {
    return new Call(id, "s-" + id, "ts-" + id, "p-" + id, direction, "+14155550100", "Ann Caller", "101", "Bob",
        status, start, Duration.ZERO, false, null, null, null, null);
  }

  /**
   * An inbound call that rings {@code ring}, is answered, talks, is held {@code hold} in the middle, talks
   * again and ends: call.new, call.ringing, call.updated (connected, held, resumed), call.ended.
   */
  static List<PresenceEvent> answered(String extension, String id, Instant start, Duration ring, Duration talkBefore,
      Duration hold, Duration talkAfter) {
    List<PresenceEvent> events = new ArrayList<>();
    Call ringing = call(id, Direction.INBOUND, TelephonyStatus.RINGING, start);
    Call connected = call(id, Direction.INBOUND, TelephonyStatus.CALL_CONNECTED, start);
    Call held = call(id, Direction.INBOUND, TelephonyStatus.ON_HOLD, start);
    events.add(new PresenceEvent.CallStarted(extension, start, ringing));
    events.add(new PresenceEvent.CallRinging(extension, start, ringing));
    Instant answer = start.plus(ring);
    events.add(new PresenceEvent.CallUpdated(extension, answer, connected, TelephonyStatus.RINGING, CallTransition.CONNECTED));
    Instant holdAt = answer.plus(talkBefore);
    events.add(new PresenceEvent.CallUpdated(extension, holdAt, held, TelephonyStatus.CALL_CONNECTED, CallTransition.HELD));
    Instant resumeAt = holdAt.plus(hold);
    events.add(new PresenceEvent.CallUpdated(extension, resumeAt, connected, TelephonyStatus.ON_HOLD, CallTransition.RESUMED));
    Instant end = resumeAt.plus(talkAfter);
    events.add(new PresenceEvent.CallEnded(extension, end, connected, Duration.between(start, end), EndReason.HANGUP, null));
    return events;
  }

  /** An inbound call that rings and is not answered: call.new, call.ringing, call.ended (missed). */
  static List<PresenceEvent> missed(String extension, String id, Instant start, Duration ring) {
    Call ringing = call(id, Direction.INBOUND, TelephonyStatus.RINGING, start);
    Instant end = start.plus(ring);
    return List.of(
        new PresenceEvent.CallStarted(extension, start, ringing),
        new PresenceEvent.CallRinging(extension, start, ringing),
        new PresenceEvent.CallEnded(extension, end, ringing, ring, EndReason.MISSED, null));
  }

  static PresenceEvent presence(String extension, Instant at, Availability status) {
    return new PresenceEvent.PresenceChanged(extension, at,
        new PresenceState(status, null, null, null, null, null, null), null);
  }
}
