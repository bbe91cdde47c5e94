package io.presencestream.engine;

import static io.presencestream.engine.SessionFixtures.gone;
import static io.presencestream.engine.SessionFixtures.note;
import static io.presencestream.engine.SessionFixtures.party;
import static io.presencestream.engine.SessionFixtures.statusOnly;
import static io.presencestream.engine.SessionFixtures.t;
import static io.presencestream.engine.SessionFixtures.with;
import static io.presencestream.model.Direction.INBOUND;
import static io.presencestream.model.Direction.OUTBOUND;
import static io.presencestream.model.PartyStatusCode.ANSWERED;
import static io.presencestream.model.PartyStatusCode.DISCONNECTED;
import static io.presencestream.model.PartyStatusCode.HOLD;
import static io.presencestream.model.PartyStatusCode.PROCEEDING;
import static io.presencestream.model.PartyStatusCode.SETUP;
import static io.presencestream.model.PartyStatusCode.VOICEMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.CallDurations;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionEvent.PartyUpdated;
import io.presencestream.model.SessionEvent.SessionEnded;
import io.presencestream.model.SessionEvent.SessionStarted;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonySessionNotification;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The session rules, one at a time; see {@link SessionTracker}. */
class SessionTrackerTest {

  private final SessionTracker tracker = new SessionTracker(SessionOptions.defaults());

  /** Applies notifications in order and returns every outcome. */
  private List<SessionOutcome> apply(TelephonySessionNotification... notes) {
    List<SessionOutcome> outcomes = new ArrayList<>();
    for (TelephonySessionNotification n : notes) {
      outcomes.addAll(tracker.apply(n));
    }
    return outcomes;
  }

  private static List<SessionEvent> events(List<SessionOutcome> outcomes, String extensionId) {
    return outcomes.stream().filter(o -> extensionId.equals(o.extensionId())).flatMap(o -> o.events().stream()).toList();
  }

  private static SessionEnded ended(List<SessionOutcome> outcomes, String extensionId) {
    List<SessionEnded> ends = events(outcomes, extensionId).stream()
        .filter(SessionEnded.class::isInstance).map(SessionEnded.class::cast).toList();
    assertThat(ends).as("session.ended of %s", extensionId).hasSize(1);
    return ends.get(0);
  }

  private static CallDurations durations(long ringMillis, long talkMillis, long holdMillis) {
    return new CallDurations(Duration.ofMillis(ringMillis), Duration.ofMillis(talkMillis), Duration.ofMillis(holdMillis));
  }

  // an inbound call to extension 101 from an outside number
  private final Party caller = party("p-1", null, OUTBOUND, "+16505550100", "+16505550101", SETUP);
  private final Party callee = party("p-2", "101", INBOUND, "+16505550100", "+16505550101", SETUP);

  @Nested
  class RecordedStreams {

    @Test
    void extensionToExtensionCallEndsAnsweredForBothWithTheGuidesDurations() throws IOException {
      List<SessionOutcome> outcomes = applyStream("csn-data_RingCentral-RingCentral.CONVERTED.json");
      // callee 809646016: Setup 14.349, Proceeding 14.410, Answered 21.084, Disconnected 35.061
      SessionEnded callee = ended(outcomes, "809646016");
      assertThat(callee.result()).isEqualTo(SessionResult.ANSWERED);
      assertThat(callee.durations()).isEqualTo(durations(6_674, 13_977, 0));
      // caller 979428016: Setup 14.330, Answered 14.388, Hold 25.015, Answered 29.334, Disconnected 35.051
      SessionEnded caller = ended(outcomes, "979428016");
      assertThat(caller.result()).isEqualTo(SessionResult.ANSWERED);
      assertThat(caller.durations()).isEqualTo(durations(0, 10_627 + 5_717, 4_319));
      assertThat(events(outcomes, "979428016")).first().isInstanceOf(SessionStarted.class);
      assertThat(outcomes).allSatisfy(o -> assertThat(o.applied()).isTrue());
    }

    @Test
    void anOutboundCallToThePstnTakesTheOutsidePartyIntoTheCallersView() throws IOException {
      List<SessionOutcome> outcomes = applyStream("csn-data_RingCentral-PSTN.CONVERTED.json");
      SessionEnded ended = ended(outcomes, "809646016");
      assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED);
      // Proceeding 25.166 → Answered 28.900; talk 28.900–35.590 and 38.865–45.018; hold 35.590–38.865
      assertThat(ended.durations()).isEqualTo(durations(3_734, 6_690 + 6_153, 3_275));
      // the account-level notifications of the PSTN party reach the extension that tracks the session
      assertThat(ended.session().parties()).extracting(Party::id)
          .containsExactly("p-c23b203d62db4f6aaee00717bafa99be-1", "p-c23b203d62db4f6aaee00717bafa99be-2");
      assertThat(ended.session().party().id()).isEqualTo("p-c23b203d62db4f6aaee00717bafa99be-1");
      // the PSTN party's own hang-up comes after the session ended for the extension: nobody tracks it then
      assertThat(outcomes.get(outcomes.size() - 1).dropReason()).isEqualTo(SessionDropReason.NO_OWNER);
    }

    @Test
    void aCallThroughAnIvrStartsForTheExtensionWhenItsPartyAppears() throws IOException {
      List<SessionOutcome> outcomes = applyStream("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json");
      // the caller's first report names no extension and nobody tracks the session yet
      assertThat(outcomes.get(0).dropReason()).isEqualTo(SessionDropReason.NO_OWNER);
      List<SessionEvent> events = events(outcomes, "809646016");
      assertThat(events).first().isInstanceOf(SessionStarted.class);
      SessionEnded ended = ended(outcomes, "809646016");
      assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED);
      // Proceeding 52.656 → Answered 00.001; Answered 00.001–04.601, 06.994–14.808; Hold 04.601–06.994
      assertThat(ended.durations()).isEqualTo(durations(7_345, 4_600 + 7_814, 2_393));
      assertThat(ended.session().creationTime()).isEqualTo(java.time.Instant.parse("2020-06-23T01:05:52.627Z"));
      // a known limit: the IVR hands the caller on with no reason, and an unanswered inbound party is missed
      assertThat(ended(outcomes, "62242421016").result()).isEqualTo(SessionResult.MISSED);
    }

    private List<SessionOutcome> applyStream(String name) throws IOException {
      TelephonySessionCodec codec = TelephonySessionCodec.create();
      ObjectMapper json = new ObjectMapper();
      List<SessionOutcome> outcomes = new ArrayList<>();
      try (InputStream in = getClass().getResourceAsStream("/telephony-session-samples/" + name)) {
        for (JsonNode envelope : json.readTree(in)) {
          outcomes.addAll(tracker.apply(codec.decodeNotification(envelope.toString())));
        }
      }
      return outcomes;
    }
  }

  @Nested
  class Sequence {

    @Test
    void aNotificationOlderThanThePartysLastIsDroppedAndChangesNothing() {
      apply(note("101", "s-1", 5, 2_000, with(callee, ANSWERED)));
      List<SessionOutcome> late = apply(note("101", "s-1", 4, 1_000, with(callee, PROCEEDING)));
      assertThat(late).singleElement().satisfies(o -> {
        assertThat(o.applied()).isFalse();
        assertThat(o.dropReason()).isEqualTo(SessionDropReason.STALE_SEQUENCE);
        assertThat(o.events()).isEmpty();
        assertThat(o.session().party().code()).isEqualTo(ANSWERED);
      });
    }

    @Test
    void theSameSequenceAgainIsADuplicate() {
      apply(note("101", "s-1", 5, 0, callee));
      assertThat(apply(note("101", "s-1", 5, 0, callee))).singleElement()
          .extracting(SessionOutcome::dropReason).isEqualTo(SessionDropReason.DUPLICATE_SEQUENCE);
    }

    @Test
    void onlyTheFreshPartiesOfANotificationAreMerged() {
      // deviation: the SDK judges by the first party only
      apply(note("101", "s-1", 8, 3_000, with(callee, ANSWERED)));
      List<SessionOutcome> mixed = apply(note("101", "s-1", 7, 2_000, with(callee, PROCEEDING), with(caller, ANSWERED)));
      assertThat(mixed).singleElement().satisfies(o -> {
        assertThat(o.applied()).isTrue();
        assertThat(o.session().party().code()).as("the callee's newer status stays").isEqualTo(ANSWERED);
        assertThat(o.session().parties()).extracting(Party::id).containsExactly("p-2", "p-1");
        assertThat(o.eventsOf(PartyUpdated.class)).extracting(u -> u.party().id()).containsExactly("p-1");
      });
    }

    @Test
    void aLateStatusStillCountsForTheDurationsByItsSequence() {
      // Answered (seq 6) overtakes Proceeding (seq 5): the state ignores Proceeding, the ring time does not
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 4, 0, callee),
          note("101", "s-1", 6, 3_000, with(callee, ANSWERED)),
          note("101", "s-1", 5, 1_000, with(callee, PROCEEDING)),
          note("101", "s-1", 7, 10_000, with(callee, DISCONNECTED)));
      assertThat(outcomes.get(2).dropReason()).isEqualTo(SessionDropReason.STALE_SEQUENCE);
      assertThat(ended(outcomes, "101").durations()).isEqualTo(durations(2_000, 7_000, 0));
    }

    @Test
    void aLateNotificationOfAnEndedSessionDoesNotStartItAgain() {
      apply(note("101", "s-1", 5, 0, with(callee, ANSWERED)), note("101", "s-1", 7, 5_000, with(callee, DISCONNECTED)));
      assertThat(apply(note("101", "s-1", 6, 4_000, with(callee, HOLD)))).singleElement().satisfies(o -> {
        assertThat(o.dropReason()).isEqualTo(SessionDropReason.STALE_SEQUENCE);
        assertThat(o.session()).isNull();
      });
      assertThat(tracker.sessions("101")).isEmpty();
    }
  }

  @Nested
  class Ghosts {

    @Test
    void aNewSessionWhosePartiesHaveAllLeftIsIgnored() {
      assertThat(apply(note("101", "s-1", 3, 0, with(callee, DISCONNECTED), with(caller, DISCONNECTED))))
          .singleElement().satisfies(o -> {
            assertThat(o.dropReason()).isEqualTo(SessionDropReason.GHOST);
            assertThat(o.events()).isEmpty();
          });
      assertThat(tracker.sessions("101")).isEmpty();
    }

    @Test
    void oneLivePartyMakesItASession() {
      assertThat(apply(note("101", "s-1", 3, 0, with(callee, DISCONNECTED), with(caller, ANSWERED))))
          .singleElement().extracting(SessionOutcome::applied).isEqualTo(true);
    }
  }

  @Nested
  class RingOut {
    // RingOut from 101 (+16505550101) to +16505550199: the platform rings 101's phone (inbound leg),
    // then calls the destination (outbound leg); session ids 2000 apart, numbers crossed
    final Party inboundLeg = party("p-in", "101", INBOUND, "+16505550199", "+16505550101", PROCEEDING);
    final Party outboundLeg = party("p-out", "101", OUTBOUND, "+16505550101", "+16505550199", PROCEEDING);

    @Test
    void anInboundLegArrivingAfterItsOutboundLegIsDroppedThenAndLater() {
      apply(note("101", "s-out", "30000", 2, 0, OriginType.RING_OUT, outboundLeg));
      assertThat(apply(note("101", "s-in", "32000", 2, 100, OriginType.RING_OUT, inboundLeg))).singleElement()
          .extracting(SessionOutcome::dropReason).isEqualTo(SessionDropReason.RINGOUT_INBOUND_LEG);
      assertThat(apply(note("101", "s-in", "32000", 3, 900, OriginType.RING_OUT, with(inboundLeg, ANSWERED))))
          .singleElement().extracting(SessionOutcome::dropReason).isEqualTo(SessionDropReason.RINGOUT_INBOUND_LEG);
      assertThat(tracker.sessions("101")).extracting(s -> s.telephonySessionId()).containsExactly("s-out");
    }

    @Test
    void anOutboundLegArrivingLaterEndsTheInboundLegAsMerged() {
      List<SessionOutcome> first = apply(note("101", "s-in", "32000", 2, 0, OriginType.RING_OUT, inboundLeg));
      assertThat(first.get(0).eventsOf(SessionStarted.class)).hasSize(1);
      List<SessionOutcome> outcomes = apply(note("101", "s-out", "30000", 2, 500, OriginType.RING_OUT, outboundLeg));
      SessionEnded merged = ended(outcomes, "101");
      assertThat(merged.session().telephonySessionId()).isEqualTo("s-in");
      assertThat(merged.result()).isEqualTo(SessionResult.MERGED);
      assertThat(merged.peer()).isEqualTo(new PeerId("30000", "s-out", "p-out"));
      assertThat(outcomes.get(0).eventsOf(SessionStarted.class)).extracting(s -> s.session().telephonySessionId())
          .containsExactly("s-out");
      // the merged leg's own later reports stay dropped
      assertThat(apply(note("101", "s-in", "32000", 3, 900, OriginType.RING_OUT, with(inboundLeg, DISCONNECTED))))
          .singleElement().extracting(SessionOutcome::dropReason).isEqualTo(SessionDropReason.RINGOUT_INBOUND_LEG);
    }

    @Test
    void anOrdinaryOutboundCallNeverEndsAnInboundOne() {
      // the SDK's guard: only an outbound leg whose origin is not Call removes an inbound leg
      apply(note("101", "s-in", "32000", 2, 0, OriginType.CALL, inboundLeg));
      List<SessionOutcome> outcomes = apply(note("101", "s-out", "30000", 2, 500, OriginType.CALL, outboundLeg));
      assertThat(events(outcomes, "101")).noneMatch(SessionEnded.class::isInstance);
      assertThat(tracker.sessions("101")).hasSize(2);
    }

    @Test
    void numbersAreComparedByLibphonenumberAndTheGapMayGoEitherWay() {
      // deviation: the SDK compares strings and needs the inbound id to be the larger one
      Party nationalInbound = new Party("p-in", "1", "101", INBOUND, new PartyEndpoint("6505550199", null, null, null),
          new PartyEndpoint("+16505550101", null, null, null), inboundLeg.status(), null, null, null, null, null, null,
          null, null, null);
      apply(note("101", "s-out", "32000", 2, 0, OriginType.RING_OUT, outboundLeg));
      assertThat(apply(note("101", "s-in", "31000", 2, 100, OriginType.RING_OUT, nationalInbound))).singleElement()
          .extracting(SessionOutcome::dropReason).isEqualTo(SessionDropReason.RINGOUT_INBOUND_LEG);
    }

    @Test
    void idsThatAreNotWholeThousandsApartAreTwoCalls() {
      apply(note("101", "s-out", "30000", 2, 0, OriginType.RING_OUT, outboundLeg));
      assertThat(apply(note("101", "s-in", "32500", 2, 100, OriginType.RING_OUT, inboundLeg))).singleElement()
          .extracting(SessionOutcome::applied).isEqualTo(true);
    }
  }

  @Nested
  class Parties {

    @Test
    void mergeByIdKeepingWhatALaterReportLeavesOut() {
      apply(note("101", "s-1", 2, 0, callee));
      List<SessionOutcome> outcomes = apply(note("101", "s-1", 3, 1_000, statusOnly(callee, PROCEEDING)));
      PartyUpdated update = outcomes.get(0).eventsOf(PartyUpdated.class).get(0);
      assertThat(update.previous().code()).isEqualTo(SETUP);
      assertThat(update.party().code()).isEqualTo(PROCEEDING);
      assertThat(update.party().from().phoneNumber()).isEqualTo("+16505550100");
      assertThat(update.party().extensionId()).isEqualTo("101");
      assertThat(update.session().parties()).hasSize(1);
    }

    @Test
    void aNewPartyIsAnUpdateWithoutPrevious() {
      apply(note("101", "s-1", 2, 0, callee));
      List<SessionOutcome> outcomes = apply(note("101", "s-1", 3, 1_000, caller));
      assertThat(outcomes.get(0).eventsOf(PartyUpdated.class)).singleElement().satisfies(u -> {
        assertThat(u.party().id()).isEqualTo("p-1");
        assertThat(u.previous()).isNull();
      });
    }

    @Test
    void theSessionStartsForAnExtensionWhenItsOwnPartyAppears() {
      // extension 101's subscription reports the caller first (account level: routed by the extension path)
      List<SessionOutcome> first = apply(note("101", "s-1", 2, 0, caller));
      assertThat(first.get(0).applied()).isTrue();
      assertThat(first.get(0).events()).isEmpty();
      List<SessionOutcome> second = apply(note("101", "s-1", 3, 100, callee));
      assertThat(second.get(0).eventsOf(SessionStarted.class)).singleElement()
          .satisfies(s -> assertThat(s.session().parties()).hasSize(2));
    }

    @Test
    void anAccountLevelNotificationIsAppliedForEveryExtensionItConcerns() {
      Party a = party("p-a", "101", OUTBOUND, "101", "102", ANSWERED);
      Party b = party("p-b", "102", INBOUND, "101", "102", ANSWERED);
      List<SessionOutcome> outcomes = apply(note(null, "s-1", 2, 0, a, b));
      assertThat(outcomes).extracting(SessionOutcome::extensionId).containsExactly("101", "102");
      assertThat(outcomes).allSatisfy(o -> assertThat(o.eventsOf(SessionStarted.class)).hasSize(1));
      assertThat(tracker.session("102", "s-1")).hasValueSatisfying(s -> assertThat(s.party().id()).isEqualTo("p-b"));
    }
  }

  @Nested
  class Ending {

    @Test
    void disconnectedEndsTheSessionForTheExtension() {
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, with(callee, PROCEEDING)),
          note("101", "s-1", 3, 4_000, with(callee, ANSWERED)),
          note("101", "s-1", 4, 9_000, with(callee, DISCONNECTED, PartyStatusReason.CALL_FINISHED)));
      SessionEnded ended = ended(outcomes, "101");
      assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED);
      assertThat(ended.at()).isEqualTo(t(9_000));
      assertThat(tracker.sessions("101")).isEmpty();
    }

    @Test
    void pickupOrCallSwitchDoesNotEndItWhileTheCallMovesToAnotherDevice() {
      Party desk = with(callee, ANSWERED);
      Party mobile = party("p-3", "101", INBOUND, "+16505550100", "+16505550101", ANSWERED);
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, desk),
          note("101", "s-1", 3, 5_000, with(desk, DISCONNECTED, PartyStatusReason.CALL_SWITCH)),
          note("101", "s-1", 4, 5_200, mobile),
          note("101", "s-1", 5, 20_000, with(mobile, DISCONNECTED)));
      SessionEnded ended = ended(outcomes, "101");
      assertThat(ended.at()).isEqualTo(t(20_000));
      assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED);
      assertThat(ended.session().party().id()).isEqualTo("p-3");
    }

    @Test
    void aSessionEndsWhenEveryPartyItKnowsHasLeft() {
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, with(callee, PROCEEDING), with(caller, ANSWERED)),
          note("101", "s-1", 3, 3_000, with(callee, DISCONNECTED, PartyStatusReason.PICKUP)),
          note("101", "s-1", 4, 5_000, with(caller, DISCONNECTED)));
      // within the switch grace: it is the caller's hang-up that ends it
      SessionEnded ended = ended(outcomes, "101");
      assertThat(ended.at()).isEqualTo(t(5_000));
      assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED_ELSEWHERE);
    }

    @Test
    void aPickupByAnotherUserEndsAfterTheSwitchGraceAsAnsweredElsewhere() {
      apply(note("101", "s-1", 2, 0, with(callee, PROCEEDING)),
          note("101", "s-1", 3, 3_000, with(callee, DISCONNECTED, PartyStatusReason.PICKUP)));
      assertThat(tracker.sessions("101")).hasSize(1);
      assertThat(tracker.advanceTo(t(12_999))).isEmpty();
      List<SessionEvent> events = tracker.advanceTo(t(13_000));
      assertThat(events).singleElement().isInstanceOfSatisfying(SessionEnded.class, e -> {
        assertThat(e.result()).isEqualTo(SessionResult.ANSWERED_ELSEWHERE);
        assertThat(e.durations().ring()).isEqualTo(Duration.ofSeconds(3));
      });
    }

    @Test
    void goneWithAPeerIsATransferToThatSession() {
      PeerId peer = new PeerId("9100", "s-2", "p-9");
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, with(callee, ANSWERED)),
          note("101", "s-1", 3, 8_000, gone(callee, PartyStatusReason.ATTENDED_TRANSFER, peer)));
      SessionEnded ended = ended(outcomes, "101");
      assertThat(ended.result()).isEqualTo(SessionResult.TRANSFERRED);
      assertThat(ended.peer()).isEqualTo(peer);
      assertThat(ended.durations().talk()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aBlindTransferIsATransfer() {
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, with(callee, ANSWERED)),
          note("101", "s-1", 3, 8_000, with(callee, DISCONNECTED, PartyStatusReason.BLIND_TRANSFER)));
      assertThat(ended(outcomes, "101").result()).isEqualTo(SessionResult.TRANSFERRED);
    }

    @Test
    void voicemail() {
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, callee),
          note("101", "s-1", 3, 500, with(callee, PROCEEDING)),
          note("101", "s-1", 4, 20_500, with(callee, VOICEMAIL)),
          note("101", "s-1", 5, 50_000, with(callee, DISCONNECTED)));
      SessionEnded ended = ended(outcomes, "101");
      assertThat(ended.result()).isEqualTo(SessionResult.VOICEMAIL);
      assertThat(ended.durations()).isEqualTo(durations(20_000, 0, 0));
    }

    @Test
    void anUnansweredInboundCallIsMissed() {
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 0, with(callee, PROCEEDING)),
          note("101", "s-1", 3, 15_000, with(callee, DISCONNECTED, PartyStatusReason.CANCELLED)));
      SessionEnded ended = ended(outcomes, "101");
      assertThat(ended.result()).isEqualTo(SessionResult.MISSED);
      assertThat(ended.durations()).isEqualTo(durations(15_000, 0, 0));
    }

    @Test
    void anOutboundCallEndsByWhatHappenedToIt() {
      Party dialer = party("p-5", "101", OUTBOUND, "+16505550101", "+16505550100", PROCEEDING);
      assertThat(endOf(dialer, PartyStatusReason.TARGET_BUSY)).isEqualTo(SessionResult.BUSY);
      assertThat(endOf(dialer, PartyStatusReason.REJECTED)).isEqualTo(SessionResult.REJECTED);
      assertThat(endOf(dialer, PartyStatusReason.NO_ANSWER)).isEqualTo(SessionResult.NO_ANSWER);
      assertThat(endOf(dialer, PartyStatusReason.INVALID_NUMBER)).isEqualTo(SessionResult.FAILED);
      assertThat(endOf(dialer, null)).isEqualTo(SessionResult.ABANDONED);
    }

    private SessionResult endOf(Party dialer, PartyStatusReason reason) {
      SessionTracker fresh = new SessionTracker(SessionOptions.defaults());
      fresh.apply(note("101", "s-1", 2, 0, dialer));
      List<SessionOutcome> outcomes = fresh.apply(note("101", "s-1", 3, 4_000, with(dialer, DISCONNECTED, reason)));
      return ended(outcomes, "101").result();
    }

    @Test
    void beyondTheLimitTheOldestSessionIsEvicted() {
      SessionTracker small = new SessionTracker(SessionOptions.builder().maxSessionsPerExtension(2).build());
      // party ids are unique across sessions
      small.apply(note("101", "s-1", 2, 0, callee));
      small.apply(note("101", "s-2", 2, 100, party("p-8", "101", INBOUND, "+16505550188", "+16505550101", SETUP)));
      List<SessionOutcome> third =
          small.apply(note("101", "s-3", 2, 200, party("p-9", "101", INBOUND, "+16505550199", "+16505550101", SETUP)));
      assertThat(third.get(0).eventsOf(SessionEnded.class)).singleElement().satisfies(e -> {
        assertThat(e.session().telephonySessionId()).isEqualTo("s-1");
        assertThat(e.result()).isEqualTo(SessionResult.EVICTED);
      });
      assertThat(small.sessions("101")).extracting(s -> s.telephonySessionId()).containsExactly("s-2", "s-3");
    }

    @Test
    void eventTimesNeverGoBackForAnExtension() {
      List<SessionOutcome> outcomes = apply(
          note("101", "s-1", 2, 5_000, callee),
          note("101", "s-2", 2, 1_000, party("p-7", "101", INBOUND, "+16505550177", "+16505550101", PROCEEDING)));
      assertThat(outcomes.get(1).eventsOf(SessionStarted.class).get(0).at()).isEqualTo(t(5_000));
      assertThat(outcomes.get(1).session().creationTime()).as("the session's own time stays its own").isEqualTo(t(1_000));
    }
  }
}
