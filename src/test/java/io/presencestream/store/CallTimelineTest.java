package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Call;
import io.presencestream.model.CallRecord;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a call's record is derived from its events: result, and durations only where the events tell them. */
class CallTimelineTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  @Test
  void anOutboundCallNeverConnectedWasNotAnswered() {
    CallTimeline timeline = new CallTimeline();
    Call dialing = CallScript.call("o1", Direction.OUTBOUND, TelephonyStatus.RINGING, T0);
    assertThat(timeline.apply(new PresenceEvent.CallStarted("101", T0, dialing))).isNull();
    CallRecord record = timeline.apply(new PresenceEvent.CallEnded("101", T0.plusSeconds(20), dialing,
        Duration.ofSeconds(20), EndReason.HANGUP, null));
    assertThat(record.result()).isEqualTo(SessionResult.NO_ANSWER);
    assertThat(record.ring()).isEqualTo(Duration.ofSeconds(20));
    assertThat(record.talk()).isZero();
    assertThat(timeline.size()).isZero();
  }

  @Test
  void aRingOutLegIsMergedAndNamesTheCallItBecame() {
    CallTimeline timeline = new CallTimeline();
    Call leg = CallScript.call("leg", Direction.INBOUND, TelephonyStatus.RINGING, T0);
    timeline.apply(new PresenceEvent.CallStarted("101", T0, leg));
    CallRecord record = timeline.apply(new PresenceEvent.CallEnded("101", T0.plusSeconds(3), leg,
        Duration.ofSeconds(3), EndReason.MERGED, "ringout"));
    assertThat(record.result()).isEqualTo(SessionResult.MERGED);
    assertThat(record.mergedInto()).isEqualTo("ringout");
  }

  @Test
  void aCallStillOnHoldWhenItEndsCountsTheHoldToTheEnd() {
    CallTimeline timeline = new CallTimeline();
    Call connected = CallScript.call("h1", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED, T0);
    Call held = CallScript.call("h1", Direction.INBOUND, TelephonyStatus.ON_HOLD, T0);
    timeline.apply(new PresenceEvent.CallStarted("101", T0, connected)); // first seen talking: no ring time
    timeline.apply(new PresenceEvent.CallUpdated("101", T0.plusSeconds(30), held, TelephonyStatus.CALL_CONNECTED,
        CallTransition.HELD));
    CallRecord record = timeline.apply(new PresenceEvent.CallEnded("101", T0.plusSeconds(50), held,
        Duration.ofSeconds(50), EndReason.HANGUP, null));
    assertThat(record.result()).isEqualTo(SessionResult.ANSWERED);
    assertThat(record.ring()).isNull();
    assertThat(record.answerTime()).isEqualTo(T0);
    assertThat(record.hold()).isEqualTo(Duration.ofSeconds(20));
    assertThat(record.talk()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void beyondItsBoundTheOldestLiveCallIsForgottenAndItsRecordLacksWhatWasNotSeen() {
    CallTimeline timeline = new CallTimeline();
    for (int i = 0; i <= CallTimeline.MAX_CALLS; i++) {
      timeline.apply(new PresenceEvent.CallStarted("101", T0,
          CallScript.call("c" + i, Direction.INBOUND, TelephonyStatus.RINGING, T0)));
    }
    assertThat(timeline.size()).isEqualTo(CallTimeline.MAX_CALLS);
    Call first = CallScript.call("c0", Direction.INBOUND, TelephonyStatus.RINGING, T0);
    CallRecord forgotten = timeline.apply(new PresenceEvent.CallEnded("101", T0.plusSeconds(9), first,
        Duration.ofSeconds(9), EndReason.MISSED, null));
    assertThat(forgotten.result()).isEqualTo(SessionResult.MISSED);
    assertThat(forgotten.ring()).isNull();
    assertThat(forgotten.hold()).isNull();
  }
}
