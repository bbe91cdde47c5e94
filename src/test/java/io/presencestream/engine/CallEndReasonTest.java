package io.presencestream.engine;

import static io.presencestream.engine.Fixtures.at;
import static io.presencestream.engine.Fixtures.inbound;
import static io.presencestream.engine.Fixtures.notification;
import static io.presencestream.engine.Fixtures.outbound;
import static io.presencestream.engine.Fixtures.snapshot;
import static io.presencestream.engine.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Call;
import io.presencestream.model.EndReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceEvent.CallEnded;
import io.presencestream.model.TelephonyStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every {@code call.ended} says why the call left the list, so consumers can tell a merged leg from a missed call. */
class CallEndReasonTest {

  private final PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());

  private List<CallEnded> ended(Fixtures.UpdateBuilder update, Instant at) {
    return endedIn(tracker.apply(notification(update, at)));
  }

  private static List<CallEnded> endedIn(Outcome outcome) {
    return outcome.events().stream()
        .filter(CallEnded.class::isInstance).map(CallEnded.class::cast).toList();
  }

  @Test
  void inboundLegOfARingOutCallEndsMergedIntoTheRingOutCall() {
    // RingOut rings the user's own phone first (the inbound leg); the outbound leg follows once answered.
    tracker.apply(notification(update("101").calls(
        inbound("11000").id("leg-in").from("+16505550100").to("+16505550199").status(TelephonyStatus.RINGING)), at(0)));
    Outcome merged = tracker.apply(notification(update("101").calls(
        outbound("10000").id("ringout").from("+16505550199").to("+16505550100"),
        inbound("11000").id("leg-in").from("+16505550100").to("+16505550199")), at(1)));

    assertThat(endedIn(merged)).singleElement().satisfies(leg -> {
      assertThat(leg.call().id()).isEqualTo("leg-in");
      assertThat(leg.reason()).isEqualTo(EndReason.MERGED);
      assertThat(leg.mergedInto()).isEqualTo("ringout");
    });
    PresenceEvent.CallStarted ringOut = merged.events().stream()
        .filter(PresenceEvent.CallStarted.class::isInstance).map(PresenceEvent.CallStarted.class::cast)
        .findFirst().orElseThrow();
    assertThat(ringOut.call().id()).isEqualTo("ringout");
    assertThat(ringOut.call().inboundLeg().id()).as("the RingOut call names the leg it absorbed").isEqualTo("leg-in");
  }

  @Test
  void inboundCallThatStopsRingingUnansweredIsMissed() {
    tracker.apply(notification(update("101").calls(inbound("1").status(TelephonyStatus.RINGING)), at(0)));

    assertThat(ended(update("101").calls(inbound("1").status(TelephonyStatus.NO_CALL)), at(20)))
        .extracting(CallEnded::reason).containsExactly(EndReason.MISSED);
  }

  @Test
  void answeredCallThatEndsIsHungUp() {
    tracker.apply(notification(update("101").calls(inbound("1").status(TelephonyStatus.RINGING)), at(0)));
    tracker.apply(notification(update("101").calls(inbound("1").status(TelephonyStatus.CALL_CONNECTED)), at(3)));

    assertThat(ended(update("101").calls(), at(60)))
        .extracting(CallEnded::reason, CallEnded::mergedInto).containsExactly(org.assertj.core.groups.Tuple.tuple(EndReason.HANGUP, null));
  }

  @Test
  void outboundCallThatEndsWhileRingingIsHungUpNotMissed() {
    tracker.apply(notification(update("101").calls(outbound("1").status(TelephonyStatus.RINGING)), at(0)));

    assertThat(ended(update("101").calls(), at(10))).extracting(CallEnded::reason).containsExactly(EndReason.HANGUP);
  }

  @Test
  void callASnapshotNoLongerListsEndsByResync() {
    tracker.apply(notification(update("101").calls(inbound("1")), at(0)));

    Outcome outcome = tracker.apply(snapshot(update("101").calls(), at(30)));

    assertThat(endedIn(outcome)).extracting(CallEnded::reason).containsExactly(EndReason.RESYNC);
  }

  @Test
  void callBeyondTheCallLimitIsEvicted() {
    PresenceTracker small = new PresenceTracker(EngineOptions.builder().maxCallsPerExtension(1).build());
    small.apply(notification(update("101").calls(inbound("1").startTime(at(-5))), at(0)));

    Outcome outcome = small.apply(notification(update("101").calls(
        inbound("1").startTime(at(-5)), inbound("2").startTime(at(-1))), at(1)));

    assertThat(endedIn(outcome)).singleElement().satisfies(e -> {
      assertThat(e.call().sessionId()).isEqualTo("1");
      assertThat(e.reason()).isEqualTo(EndReason.EVICTED);
    });
    assertThat(small.state("101").orElseThrow().calls()).extracting(Call::sessionId).containsExactly("2");
  }
}
