package io.presencestream.engine;

import static io.presencestream.engine.Fixtures.T0;
import static io.presencestream.engine.Fixtures.at;
import static io.presencestream.engine.Fixtures.inbound;
import static io.presencestream.engine.Fixtures.notification;
import static io.presencestream.engine.Fixtures.outbound;
import static io.presencestream.engine.Fixtures.snapshot;
import static io.presencestream.engine.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallTransition;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EventKind;
import io.presencestream.model.EndReason;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {

  private final PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());

  private Outcome send(Fixtures.UpdateBuilder update, Instant at) {
    return tracker.apply(notification(update, at));
  }

  private ExtensionState state(String extensionId) {
    return tracker.state(extensionId).orElseThrow();
  }

  private List<Call> calls() {
    return state("101").calls();
  }

  private static List<EventKind> kinds(Outcome outcome) {
    return outcome.events().stream().map(PresenceEvent::kind).toList();
  }

  @Nested
  class Ordering {

    @Test
    void appliesIncreasingSequences() {
      assertThat(send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0)).applied()).isTrue();
      assertThat(send(update("101").sequence(2).user(UserStatus.BUSY), at(1)).applied()).isTrue();
      assertThat(state("101").sequence()).isEqualTo(2L);
      assertThat(state("101").presence().userStatus()).isEqualTo(UserStatus.BUSY);
    }

    @Test
    void dropsStaleSequence() {
      send(update("101").sequence(10).user(UserStatus.AVAILABLE), at(0));
      Outcome outcome = send(update("101").sequence(9).user(UserStatus.BUSY), at(1));

      assertThat(outcome.applied()).isFalse();
      assertThat(outcome.dropReason()).isEqualTo(DropReason.STALE_SEQUENCE);
      assertThat(outcome.events()).isEmpty();
      assertThat(state("101").presence().userStatus()).isEqualTo(UserStatus.AVAILABLE);
      assertThat(state("101").updatedAt()).isEqualTo(at(0));
    }

    @Test
    void dropsDuplicateSequence() {
      send(update("101").sequence(10).user(UserStatus.AVAILABLE), at(0));
      Outcome outcome = send(update("101").sequence(10).user(UserStatus.BUSY), at(1));

      assertThat(outcome.applied()).isFalse();
      assertThat(outcome.dropReason()).isEqualTo(DropReason.DUPLICATE_SEQUENCE);
      assertThat(state("101").presence().userStatus()).isEqualTo(UserStatus.AVAILABLE);
    }

    @Test
    void appliesLargeBackwardsJumpAsSequenceResetAndRequestsResync() {
      send(update("101").sequence(5000).user(UserStatus.AVAILABLE), at(0));
      Outcome outcome = send(update("101").sequence(3).user(UserStatus.BUSY), at(1));

      assertThat(outcome.applied()).isTrue();
      assertThat(outcome.resyncRequests()).containsExactly(new ResyncRequest("101", ResyncReason.SEQUENCE_RESET, at(1)));
      assertThat(state("101").sequence()).isEqualTo(3L);
      assertThat(state("101").presence().userStatus()).isEqualTo(UserStatus.BUSY);
      // the new counter is the baseline now
      assertThat(send(update("101").sequence(4), at(2)).applied()).isTrue();
      assertThat(send(update("101").sequence(4), at(3)).dropReason()).isEqualTo(DropReason.DUPLICATE_SEQUENCE);
    }

    @Test
    void backwardsJumpJustBelowTheThresholdIsStale() {
      send(update("101").sequence(5000), at(0));
      assertThat(send(update("101").sequence(4001), at(1)).dropReason()).isEqualTo(DropReason.STALE_SEQUENCE);
      assertThat(send(update("101").sequence(4000), at(2)).resyncRequests()).extracting(ResyncRequest::reason)
          .containsExactly(ResyncReason.SEQUENCE_RESET);
    }

    @Test
    void appliesNotificationWithoutSequenceAndKeepsTheLastOne() {
      send(update("101").sequence(7), at(0));
      assertThat(send(update("101").user(UserStatus.BUSY), at(1)).applied()).isTrue();
      assertThat(state("101").sequence()).isEqualTo(7L);
    }

    @Test
    void snapshotSkipsTheSequenceCheckAndKeepsTheSequence() {
      send(update("101").sequence(7).user(UserStatus.AVAILABLE), at(0));
      Outcome outcome = tracker.apply(snapshot(update("101").user(UserStatus.BUSY).calls(), at(1)));

      assertThat(outcome.applied()).isTrue();
      assertThat(state("101").presence().userStatus()).isEqualTo(UserStatus.BUSY);
      assertThat(state("101").sequence()).isEqualTo(7L);
    }

    @Test
    void sequencesAreTrackedPerExtension() {
      send(update("101").sequence(7), at(0));
      assertThat(send(update("102").sequence(7), at(1)).applied()).isTrue();
    }
  }

  @Nested
  class MeetingStatusAnnouncement {

    @Test
    void byTheRuleAMeetingAloneChangesTheStateSilently() {
      send(update("101").sequence(1).user(UserStatus.AVAILABLE).meeting(MeetingStatus.DISCONNECTED), at(0));
      Outcome outcome = send(update("101").sequence(2).meeting(MeetingStatus.CONNECTED), at(1));

      assertThat(outcome.events()).isEmpty();
      assertThat(state("101").presence().meetingStatus()).isEqualTo(MeetingStatus.CONNECTED);
    }

    @Test
    void withAnnounceMeetingStatusAMeetingAloneIsAPresenceEvent() {
      PresenceTracker announcing = new PresenceTracker(EngineOptions.builder().announceMeetingStatus(true).build());
      announcing.apply(notification(update("101").sequence(1).user(UserStatus.AVAILABLE)
          .meeting(MeetingStatus.DISCONNECTED), at(0)));
      Outcome joined = announcing.apply(notification(update("101").sequence(2).meeting(MeetingStatus.CONNECTED), at(1)));
      Outcome unchanged = announcing.apply(notification(update("101").sequence(3).meeting(MeetingStatus.CONNECTED), at(2)));

      assertThat(joined.events()).singleElement().isInstanceOfSatisfying(PresenceEvent.PresenceChanged.class, p -> {
        assertThat(p.presence().meetingStatus()).isEqualTo(MeetingStatus.CONNECTED);
        assertThat(p.previous().meetingStatus()).isEqualTo(MeetingStatus.DISCONNECTED);
        assertThat(p.presence().status()).isEqualTo(p.previous().status());
      });
      assertThat(unchanged.events()).isEmpty();
    }
  }

  @Nested
  class MissingFields {

    @Test
    void keepsPreviousValueOfMissingScalarFields() {
      send(update("101").sequence(1).user(UserStatus.BUSY).dnd(DndStatus.TAKE_ALL_CALLS)
          .presenceStatus(UserStatus.BUSY).telephony(TelephonyStatus.RINGING).meeting(MeetingStatus.CONNECTED)
          .message("lunch"), at(0));
      send(update("101").sequence(2).dnd(DndStatus.DO_NOT_ACCEPT_ANY_CALLS), at(1));

      var presence = state("101").presence();
      assertThat(presence.userStatus()).isEqualTo(UserStatus.BUSY);
      assertThat(presence.dndStatus()).isEqualTo(DndStatus.DO_NOT_ACCEPT_ANY_CALLS);
      assertThat(presence.presenceStatus()).isEqualTo(UserStatus.BUSY);
      assertThat(presence.telephonyStatus()).isEqualTo(TelephonyStatus.RINGING);
      assertThat(presence.meetingStatus()).isEqualTo(MeetingStatus.CONNECTED);
      assertThat(presence.message()).isEqualTo("lunch");
      assertThat(presence.status()).isEqualTo(Availability.DO_NOT_DISTURB);
    }

    @Test
    void keepsCallsWhenActiveCallsAreAbsent() {
      send(update("101").sequence(1).calls(inbound("1")), at(0));
      Outcome outcome = send(update("101").sequence(2).user(UserStatus.BUSY), at(1));

      assertThat(calls()).extracting(Call::sessionId).containsExactly("1");
      assertThat(outcome.events()).extracting(PresenceEvent::kind).doesNotContain(EventKind.CALL_ENDED);
      assertThat(outcome.resyncRequests()).isEmpty();
    }

    @Test
    void emptyCallListMeansNoCalls() {
      send(update("101").sequence(1).calls(inbound("1")), at(0));
      send(update("101").sequence(2).calls(), at(1));
      assertThat(calls()).isEmpty();
    }

    @Test
    void keepsPreviousCallsWhenCallListIsTruncatedAndRequestsResync() {
      send(update("101").sequence(1).calls(inbound("1")), at(0));
      Outcome outcome = send(update("101").sequence(2).total(3).user(UserStatus.BUSY)
          .calls(inbound("2"), inbound("3")), at(1));

      assertThat(outcome.applied()).isTrue();
      assertThat(calls()).extracting(Call::sessionId).containsExactly("1");
      assertThat(outcome.resyncRequests()).containsExactly(
          new ResyncRequest("101", ResyncReason.TRUNCATED_CALL_LIST, at(1)));
      assertThat(kinds(outcome)).containsExactly(EventKind.PRESENCE);
      assertThat(state("101").presence().userStatus()).isEqualTo(UserStatus.BUSY);
    }

    @Test
    void completeCallListIsAppliedEvenWithTotal() {
      send(update("101").sequence(1).total(1).calls(inbound("1")), at(0));
      assertThat(calls()).hasSize(1);
    }

    @Test
    void doesNotRepeatAResyncRequestWhileOneIsOutstanding() {
      Outcome first = send(update("101").sequence(1).total(2).calls(inbound("1")), at(0));
      Outcome second = send(update("101").sequence(2).total(2).calls(inbound("1")), at(1));
      Outcome afterWindow = send(update("101").sequence(3).total(2).calls(inbound("1")), at(5));

      assertThat(first.resyncRequests()).hasSize(1);
      assertThat(second.resyncRequests()).isEmpty();
      assertThat(afterWindow.resyncRequests()).hasSize(1);
    }

    @Test
    void aSnapshotAnswersTheOutstandingResync() {
      send(update("101").sequence(1).total(2).calls(inbound("1")), at(0));
      tracker.apply(snapshot(update("101").calls(inbound("1"), inbound("2")), at(1)));
      Outcome again = send(update("101").sequence(2).total(3).calls(inbound("1")), at(2));

      assertThat(calls()).hasSize(2);
      assertThat(again.resyncRequests()).hasSize(1);
    }
  }

  @Nested
  class Cleaning {

    @Test
    void dropsIntermediateCalls() {
      send(update("101").calls(inbound("1").termination(TerminationType.INTERMEDIATE), inbound("2")), at(0));
      assertThat(calls()).extracting(Call::sessionId).containsExactly("2");
    }

    @Test
    void keepsFirstOfCallsWithSameSessionAndDirection() {
      send(update("101").calls(inbound("1").id("first"), inbound("1").id("second")), at(0));
      assertThat(calls()).extracting(Call::id).containsExactly("first");
    }

    @Test
    void callToYourselfKeepsOneCallPerDirection() {
      send(update("101").calls(inbound("1").from("101").to("101"), outbound("1").from("101").to("101")), at(0));
      assertThat(calls()).extracting(Call::direction).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void intermediateDuplicateDoesNotHideTheFinalCall() {
      send(update("101").calls(
          inbound("1").id("intermediate").termination(TerminationType.INTERMEDIATE), inbound("1").id("final")), at(0));
      assertThat(calls()).extracting(Call::id).containsExactly("final");
    }
  }

  @Nested
  class StartTimesAndEnding {

    @Test
    void newCallTakesServerStartTime() {
      Instant serverStart = at(-30);
      send(update("101").calls(inbound("1").startTime(serverStart)), at(0));
      assertThat(calls().get(0).startTime()).isEqualTo(serverStart);
      assertThat(calls().get(0).clockOffset()).isEqualTo(Duration.ZERO);
    }

    @Test
    void newCallWithoutServerStartTimeStartsWhenReceived() {
      send(update("101").calls(inbound("1")), at(0));
      assertThat(calls().get(0).startTime()).isEqualTo(at(0));
      assertThat(calls().get(0).clockOffset()).isEqualTo(Duration.ZERO);
    }

    @Test
    void recordsServerClockAheadAsNegativeOffset() {
      send(update("101").calls(inbound("1").startTime(at(3))), at(0));
      assertThat(calls().get(0).clockOffset()).isEqualTo(Duration.ofSeconds(-3));
    }

    @Test
    void knownCallKeepsItsStartTimeWhenTheMessageCarriesNone() {
      send(update("101").calls(inbound("1").status(TelephonyStatus.RINGING)), at(0));
      send(update("101").calls(inbound("1")), at(10));
      assertThat(calls().get(0).startTime()).isEqualTo(at(0));
    }

    @Test
    void knownCallTakesTheStartTimeTheMessageCarries() {
      send(update("101").calls(inbound("1")), at(0));
      send(update("101").calls(inbound("1").startTime(at(-5))), at(10));
      assertThat(calls().get(0).startTime()).isEqualTo(at(-5));
    }

    @Test
    void callAbsentFromTheMessageIsGone() {
      send(update("101").calls(inbound("1"), inbound("2")), at(0));
      send(update("101").calls(inbound("2")), at(1));
      assertThat(calls()).extracting(Call::sessionId).containsExactly("2");
    }

    @Test
    void noCallWithFinalTerminationEndsTheCall() {
      send(update("101").calls(inbound("1")), at(0));
      Outcome outcome = send(update("101").calls(inbound("1").status(TelephonyStatus.NO_CALL)), at(20));

      assertThat(calls()).isEmpty();
      PresenceEvent.CallEnded ended = (PresenceEvent.CallEnded) outcome.events().get(0);
      assertThat(ended.call().telephonyStatus()).isEqualTo(TelephonyStatus.CALL_CONNECTED);
      assertThat(ended.duration()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void noCallWithoutFinalTerminationIsNotEnded() {
      send(update("101").calls(inbound("1").status(TelephonyStatus.NO_CALL).termination(null)), at(0));
      assertThat(calls()).extracting(Call::telephonyStatus).containsExactly(TelephonyStatus.NO_CALL);
    }

    @Test
    void ordersCallsNewestFirst() {
      send(update("101").calls(inbound("1").startTime(at(-30)), inbound("2").startTime(at(-10)),
          inbound("3").startTime(at(-20))), at(0));
      assertThat(calls()).extracting(Call::sessionId).containsExactly("2", "3", "1");
    }

    @Test
    void capsCallsPerExtensionKeepingTheNewest() {
      PresenceTracker small = new PresenceTracker(EngineOptions.builder().maxCallsPerExtension(2).build());
      small.apply(notification(update("101").calls(inbound("1").startTime(at(-3)), inbound("2").startTime(at(-1)),
          inbound("3").startTime(at(-2))), at(0)));
      assertThat(small.state("101").orElseThrow().calls()).extracting(Call::sessionId).containsExactly("2", "3");
    }
  }

  @Nested
  class RingOut {

    private Fixtures.CallBuilder inboundLeg(String sessionId) {
      return inbound(sessionId).from("+16505550100").to("+16505550199");
    }

    private Fixtures.CallBuilder outboundLeg(String sessionId) {
      return outbound(sessionId).from("+16505550199").to("+16505550100");
    }

    @Test
    void mergesRingOutLegsIntoOneCall() {
      Outcome outcome = send(update("101").calls(outboundLeg("118139132021"), inboundLeg("118139133021")), at(0));

      assertThat(calls()).hasSize(1);
      Call call = calls().get(0);
      assertThat(call.sessionId()).isEqualTo("118139132021");
      assertThat(call.inboundLeg().sessionId()).isEqualTo("118139133021");
      assertThat(call.outboundLeg().sessionId()).isEqualTo("118139132021");
      assertThat(kinds(outcome)).containsExactly(EventKind.PRESENCE, EventKind.CALL_NEW);
    }

    @Test
    void heldInboundLegHoldsTheMergedCall() {
      send(update("101").calls(outboundLeg("10000").status(TelephonyStatus.CALL_CONNECTED),
          inboundLeg("11000").status(TelephonyStatus.ON_HOLD)), at(0));
      assertThat(calls()).singleElement().extracting(Call::telephonyStatus).isEqualTo(TelephonyStatus.ON_HOLD);
    }

    @Test
    void endedOutboundLegEndsTheWholeRingOutCall() {
      send(update("101").calls(outboundLeg("10000"), inboundLeg("11000")), at(0));
      Outcome outcome = send(update("101").calls(outboundLeg("10000").status(TelephonyStatus.NO_CALL),
          inboundLeg("11000").status(TelephonyStatus.ON_HOLD)), at(5));

      assertThat(calls()).isEmpty();
      assertThat(kinds(outcome)).containsExactly(EventKind.CALL_ENDED);
    }

    @Test
    void inboundLegSeenAloneFirstEndsWhenItMergesIntoTheRingOutCall() {
      // RingOut rings the user's own phone first; the outbound leg appears once that is answered.
      // As in the reference, the call list is diffed by session: the lone leg ends, the merged call is new.
      send(update("101").calls(inboundLeg("11000").status(TelephonyStatus.RINGING)), at(0));
      Outcome outcome = send(update("101").calls(outboundLeg("10000"), inboundLeg("11000")), at(2));

      assertThat(outcome.events()).extracting(e -> e.kind().label() + ":" + ((PresenceEvent.CallEvent) e).call().sessionId())
          .containsExactly("call.ended:11000", "call.new:10000");
      assertThat(calls()).singleElement().satisfies(call -> assertThat(call.isRingOut()).isTrue());
    }

    @Test
    void extraInboundLegStaysAlone() {
      send(update("101").calls(outboundLeg("10000"), inboundLeg("11000"), inboundLeg("12000")), at(0));
      assertThat(calls()).extracting(Call::sessionId).containsExactlyInAnyOrder("10000", "12000");
      assertThat(calls()).filteredOn(Call::isRingOut).extracting(c -> c.inboundLeg().sessionId())
          .containsExactly("11000");
    }
  }

  @Nested
  class Presence {

    private Availability statusOf(UserStatus user, DndStatus dnd) {
      PresenceTracker fresh = new PresenceTracker(EngineOptions.defaults());
      fresh.apply(notification(update("101").user(user).dnd(dnd), T0));
      return fresh.state("101").orElseThrow().presence().status();
    }

    @Test
    void derivesStatusFromTheSeedTable() {
      for (DndStatus dnd : DndStatus.values()) {
        assertThat(statusOf(UserStatus.OFFLINE, dnd)).isEqualTo(Availability.INVISIBLE);
        assertThat(statusOf(UserStatus.AVAILABLE, dnd)).isEqualTo(Availability.AVAILABLE);
      }
      assertThat(statusOf(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_ANY_CALLS)).isEqualTo(Availability.DO_NOT_DISTURB);
      assertThat(statusOf(UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS)).isEqualTo(Availability.BUSY);
      assertThat(statusOf(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS)).isEqualTo(Availability.BUSY);
      assertThat(statusOf(UserStatus.BUSY, null)).isEqualTo(Availability.BUSY);
    }

    @Test
    void unknownUserStatusFallsBackToPresenceStatusThenInvisible() {
      assertThat(PresenceDerivation.derive(UserStatus.UNKNOWN, null, UserStatus.AVAILABLE)).isEqualTo(Availability.AVAILABLE);
      assertThat(PresenceDerivation.derive(null, DndStatus.DO_NOT_ACCEPT_ANY_CALLS, UserStatus.BUSY))
          .isEqualTo(Availability.DO_NOT_DISTURB);
      assertThat(PresenceDerivation.derive(null, null, null)).isEqualTo(Availability.INVISIBLE);
    }

    @Test
    void announcesTheFirstStateWithoutPrevious() {
      Outcome outcome = send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0));
      PresenceEvent.PresenceChanged changed = (PresenceEvent.PresenceChanged) outcome.events().get(0);
      assertThat(changed.previous()).isNull();
      assertThat(changed.presence().status()).isEqualTo(Availability.AVAILABLE);
      assertThat(changed.at()).isEqualTo(at(0));
    }

    @Test
    void announcesAChangeOfDerivedStatusWithPrevious() {
      send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0));
      Outcome outcome = send(update("101").sequence(2).user(UserStatus.BUSY), at(1));
      PresenceEvent.PresenceChanged changed = (PresenceEvent.PresenceChanged) outcome.events().get(0);
      assertThat(changed.previous().status()).isEqualTo(Availability.AVAILABLE);
      assertThat(changed.presence().status()).isEqualTo(Availability.BUSY);
    }

    @Test
    void announcesAChangeOfARawFieldThatKeepsTheDerivedStatus() {
      send(update("101").sequence(1).user(UserStatus.AVAILABLE).dnd(DndStatus.TAKE_ALL_CALLS), at(0));
      Outcome outcome = send(update("101").sequence(2).dnd(DndStatus.DO_NOT_ACCEPT_ANY_CALLS), at(1));
      assertThat(kinds(outcome)).containsExactly(EventKind.PRESENCE);
      assertThat(state("101").presence().status()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void doesNotAnnounceTelephonyMeetingOrMessageChanges() {
      send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0));
      Outcome outcome = send(update("101").sequence(2).telephony(TelephonyStatus.RINGING)
          .meeting(MeetingStatus.CONNECTED).message("away"), at(1));
      assertThat(outcome.events()).isEmpty();
      assertThat(state("101").presence().telephonyStatus()).isEqualTo(TelephonyStatus.RINGING);
    }

    @Test
    void doesNotAnnounceAnUnchangedPresence() {
      send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0));
      assertThat(send(update("101").sequence(2).user(UserStatus.AVAILABLE), at(1)).events()).isEmpty();
    }

    @Test
    void idleExtensionsShareTheirPresenceState() {
      send(update("101").user(UserStatus.AVAILABLE).dnd(DndStatus.TAKE_ALL_CALLS), at(0));
      send(update("102").user(UserStatus.AVAILABLE).dnd(DndStatus.TAKE_ALL_CALLS), at(0));
      assertThat(state("101").presence()).isSameAs(state("102").presence());
    }
  }

  @Nested
  class CallEvents {

    @Test
    void newRingingCallGivesNewThenRinging() {
      send(update("101").calls(), at(0));
      Outcome outcome = send(update("101").calls(inbound("1").status(TelephonyStatus.RINGING)), at(1));
      assertThat(kinds(outcome)).containsExactly(EventKind.CALL_NEW, EventKind.CALL_RINGING);
      assertThat(((PresenceEvent.CallEvent) outcome.events().get(0)).call().sessionId()).isEqualTo("1");
    }

    @Test
    void answeredCallGivesUpdatedConnected() {
      send(update("101").calls(inbound("1").status(TelephonyStatus.RINGING)), at(0));
      Outcome outcome = send(update("101").calls(inbound("1").status(TelephonyStatus.CALL_CONNECTED)), at(1));

      PresenceEvent.CallUpdated updated = (PresenceEvent.CallUpdated) outcome.events().get(0);
      assertThat(outcome.events()).hasSize(1);
      assertThat(updated.previousStatus()).isEqualTo(TelephonyStatus.RINGING);
      assertThat(updated.transition()).isEqualTo(CallTransition.CONNECTED);
      assertThat(updated.call().telephonyStatus()).isEqualTo(TelephonyStatus.CALL_CONNECTED);
    }

    @Test
    void disappearedCallGivesEndedWithItsLastState() {
      send(update("101").calls(inbound("1").status(TelephonyStatus.ON_HOLD).startTime(at(-60)),
          inbound("2").status(TelephonyStatus.CALL_CONNECTED)), at(0));
      Outcome outcome = send(update("101").calls(inbound("2").status(TelephonyStatus.CALL_CONNECTED)), at(30));

      assertThat(outcome.events()).hasSize(1);
      PresenceEvent.CallEnded ended = (PresenceEvent.CallEnded) outcome.events().get(0);
      assertThat(ended.call().sessionId()).isEqualTo("1");
      assertThat(ended.call().telephonyStatus()).isEqualTo(TelephonyStatus.ON_HOLD);
      assertThat(ended.duration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void typesHoldResumeAndParkTransitions() {
      assertThat(CallDiff.transition(TelephonyStatus.CALL_CONNECTED, TelephonyStatus.ON_HOLD)).isEqualTo(CallTransition.HELD);
      assertThat(CallDiff.transition(TelephonyStatus.ON_HOLD, TelephonyStatus.CALL_CONNECTED)).isEqualTo(CallTransition.RESUMED);
      assertThat(CallDiff.transition(TelephonyStatus.PARKED_CALL, TelephonyStatus.CALL_CONNECTED)).isEqualTo(CallTransition.RESUMED);
      assertThat(CallDiff.transition(TelephonyStatus.CALL_CONNECTED, TelephonyStatus.PARKED_CALL)).isEqualTo(CallTransition.PARKED);
      assertThat(CallDiff.transition(TelephonyStatus.RINGING, TelephonyStatus.CALL_CONNECTED)).isEqualTo(CallTransition.CONNECTED);
      assertThat(CallDiff.transition(TelephonyStatus.CALL_CONNECTED, TelephonyStatus.RINGING)).isEqualTo(CallTransition.OTHER);
      assertThat(CallDiff.transition(TelephonyStatus.CALL_CONNECTED, TelephonyStatus.UNKNOWN)).isEqualTo(CallTransition.OTHER);
    }

    @Test
    void changedFromNumberGivesPartyChanged() {
      send(update("101").calls(inbound("1").from("102")), at(0));
      Outcome outcome = send(update("101").calls(inbound("1").from("103")), at(1));
      assertThat(((PresenceEvent.CallUpdated) outcome.events().get(0)).transition()).isEqualTo(CallTransition.PARTY_CHANGED);
    }

    @Test
    void unchangedCallGivesNoEvent() {
      send(update("101").calls(inbound("1").from("102")), at(0));
      assertThat(send(update("101").calls(inbound("1").from("102").toName("other")), at(1)).events()).isEmpty();
    }

    @Test
    void endedEventComesBeforeNewEventsAndNewCallsComeOldestFirst() {
      send(update("101").calls(inbound("1")), at(0));
      Outcome outcome = send(update("101").calls(inbound("3").startTime(at(2)), inbound("2").startTime(at(1))), at(3));
      assertThat(outcome.events()).extracting(e -> e.kind().label() + ":" + ((PresenceEvent.CallEvent) e).call().sessionId())
          .containsExactly("call.ended:1", "call.new:2", "call.new:3");
    }

    @Test
    void endedDurationIsNeverNegative() {
      send(update("101").calls(inbound("1").startTime(at(100))), at(0));
      Outcome outcome = send(update("101").calls(), at(1));
      assertThat(((PresenceEvent.CallEnded) outcome.events().get(0)).duration()).isEqualTo(Duration.ZERO);
    }
  }

  @Nested
  class Lifecycle {

    @Test
    void restoredStateIsTheBaselineForTheNextMessage() {
      PresenceTracker source = new PresenceTracker(EngineOptions.defaults());
      source.apply(notification(update("101").sequence(5).user(UserStatus.AVAILABLE).calls(inbound("1")), at(0)));
      tracker.restore(source.state("101").orElseThrow());

      assertThat(send(update("101").sequence(5), at(1)).dropReason()).isEqualTo(DropReason.DUPLICATE_SEQUENCE);
      Outcome outcome = send(update("101").sequence(6).user(UserStatus.AVAILABLE).calls(), at(2));
      assertThat(kinds(outcome)).containsExactly(EventKind.CALL_ENDED);
    }

    @Test
    void forgetFreesTheExtension() {
      send(update("101").sequence(5), at(0));
      tracker.forget("101");
      assertThat(tracker.state("101")).isEmpty();
      assertThat(tracker.states()).isEmpty();
      assertThat(send(update("101").sequence(1), at(1)).applied()).isTrue();
    }

    @Test
    void statesListsEveryTrackedExtension() {
      send(update("101"), at(0));
      send(update("102"), at(0));
      assertThat(tracker.states()).extracting(ExtensionState::extensionId).containsExactlyInAnyOrder("101", "102");
    }
  }

  @Nested
  class EventTimes {

    @Test
    void areTheReceiveTimesWhileInputsComeInReceiveOrder() {
      Outcome first = send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0));
      Outcome second = send(update("101").sequence(2).user(UserStatus.BUSY), at(1));

      assertThat(first.events()).extracting(PresenceEvent::at).containsOnly(at(0));
      assertThat(second.events()).extracting(PresenceEvent::at).containsOnly(at(1));
    }

    @Test
    void neverGoBackWhenANotificationHeldDuringARestReadFollowsItsSnapshot() {
      // The snapshot is stamped when the read ends; the notification held during the read came earlier.
      Instant readEnded = T0.plusMillis(2090);
      Instant heldSince = T0.plusMillis(2000);
      send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(0));
      Outcome snapshot = tracker.apply(snapshot(update("101").user(UserStatus.BUSY).calls(inbound("1")), readEnded));
      Outcome held = send(update("101").sequence(2).user(UserStatus.AVAILABLE).calls(), heldSince);

      assertThat(snapshot.events()).extracting(PresenceEvent::at).containsOnly(readEnded);
      assertThat(kinds(held)).contains(EventKind.CALL_ENDED);
      assertThat(held.events()).extracting(PresenceEvent::at).containsOnly(readEnded);
      assertThat(state("101").updatedAt()).isEqualTo(readEnded);
    }

    @Test
    void areKeptPerExtension() {
      send(update("101").sequence(1).user(UserStatus.AVAILABLE), at(5));
      Outcome other = send(update("102").sequence(1).user(UserStatus.AVAILABLE), at(1));

      assertThat(other.events()).extracting(PresenceEvent::at).containsOnly(at(1));
    }
  }

  @Nested
  class Removal {

    @Test
    void aRemovedExtensionsCallsEndAsResyncAndItsStateIsForgotten() {
      send(update("101").sequence(7).user(UserStatus.BUSY).calls(inbound("1"), outbound("2")), at(0));
      send(update("102").sequence(1).user(UserStatus.AVAILABLE), at(0));

      Outcome removed = tracker.apply(new EngineInput.ExtensionRemoved("101", at(5)));

      assertThat(removed.applied()).isTrue();
      assertThat(removed.events()).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(PresenceEvent.CallEnded.class,
          ended -> {
            assertThat(ended.extensionId()).isEqualTo("101");
            assertThat(ended.reason()).isEqualTo(EndReason.RESYNC);
            assertThat(ended.at()).isEqualTo(at(5));
          }));
      assertThat(removed.events()).extracting(e -> ((PresenceEvent.CallEnded) e).call().sessionId())
          .containsExactlyInAnyOrder("1", "2");
      assertThat(tracker.state("101")).isEmpty();
      assertThat(tracker.state("102")).isPresent();
    }

    @Test
    void aRemovedExtensionWithoutCallsLeavesSilentlyAndComesBackAfresh() {
      send(update("101").sequence(7).user(UserStatus.BUSY), at(0));

      assertThat(tracker.apply(new EngineInput.ExtensionRemoved("101", at(1))).events()).isEmpty();
      assertThat(tracker.apply(new EngineInput.ExtensionRemoved("999", at(1))).events()).as("unknown: nothing")
          .isEmpty();

      // An old sequence would be stale for the forgotten state: it starts afresh and is announced again.
      Outcome back = send(update("101").sequence(3).user(UserStatus.AVAILABLE), at(2));
      assertThat(back.applied()).isTrue();
      assertThat(kinds(back)).containsExactly(EventKind.PRESENCE);
      assertThat(state("101").sequence()).isEqualTo(3L);
    }
  }
}
