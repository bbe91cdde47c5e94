package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The office's telephony sessions, without sockets: every change, written as the gateway writes it and
 * read back with {@link TelephonySessionCodec}, folded by the engine's {@code SessionTracker}, agrees with
 * the session truth after every step; every live presence call is a party of a live session with the same
 * ids and a matching status, and the other way round; and nobody pays for sessions nobody subscribes to.
 */
class OfficeSessionsTest {

  private static final String ACCOUNT = "37439510";
  private static final String OWNER = "ownerOfTheSubscription";

  private final TelephonySessionCodec codec = TelephonySessionCodec.create();

  private static Office office(long seed, int extensions, SteppingClock clock) {
    // wrap-up off: most of these runs never move the clock, so a wrap-up would never end
    return new Office(SimulatorOptions.builder().seed(seed).extensions(extensions).eventsPerSecond(0).clock(clock)
        .wrapUp(java.time.Duration.ZERO).build());
  }

  @Test
  void accountLevelNotificationsFoldedByTheEngineAgreeWithTheTruthAfterEveryStep() {
    for (long seed : new long[] {3, 8, 42}) {
      SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
      Office office = office(seed, 24, clock);
      EventFilters account = filters(office, List.of("/restapi/v1.0/account/~/telephony/sessions?sipData=true"));
      SessionAgreement agreement = new SessionAgreement();
      office.recordSessionChanges(true);
      for (int i = 0; i < 2500; i++) {
        clock.advance(Duration.ofMillis(500));
        office.step();
        feed(office, account, agreement);
        agreement.assertAgrees(office.sessionTruth(), ids(office), true, "seed " + seed + " step " + i);
        assertPresenceAndSessionsAgree(office, "seed " + seed + " step " + i);
      }
      assertThat(agreement.applied).as("notifications applied by the engine").isGreaterThan(2000);
    }
  }

  @Test
  void perExtensionNotificationsCarryOnlyTheExtensionsOwnPartiesAndAgreeWithTheTruth() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    Office office = office(11, 16, clock);
    List<String> filters = new ArrayList<>();
    office.extensions().forEach(e -> filters.add("/restapi/v1.0/account/~/extension/" + e.id + "/telephony/sessions?sipData=true"));
    EventFilters perExtension = filters(office, filters);
    SessionAgreement agreement = new SessionAgreement();
    office.recordSessionChanges(true);
    for (int i = 0; i < 2500; i++) {
      clock.advance(Duration.ofMillis(500));
      office.step();
      for (TelephonySessionNotification n : feed(office, perExtension, agreement)) {
        assertThat(n.body().parties()).singleElement().satisfies(p ->
            assertThat(n.event()).isEqualTo("/restapi/v1.0/account/" + ACCOUNT + "/extension/" + p.extensionId()
                + "/telephony/sessions?sipData=true"));
      }
      agreement.assertAgrees(office.sessionTruth(), ids(office), false, "step " + i);
    }
  }

  @Test
  void everyKindOfScenarioAgreesStepByStep() {
    Set<PartyStatusCode> codes = new HashSet<>();
    Set<PartyStatusReason> reasons = new HashSet<>();
    Set<String> results = new HashSet<>();
    for (String kind : ScenarioGenerator.KINDS) {
      SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
      Office office = office(5, 8, clock);
      EventFilters account = filters(office, List.of("/restapi/v1.0/account/~/telephony/sessions?sipData=true"));
      SessionAgreement agreement = new SessionAgreement();
      office.recordSessionChanges(true);
      Scenario scenario = office.play(kind);
      int step = 0;
      while (!scenario.done()) {
        clock.advance(Duration.ofSeconds(4));
        office.advance(scenario);
        for (TelephonySessionNotification n : feed(office, account, agreement)) {
          n.body().parties().forEach(p -> {
            codes.add(p.code());
            if (p.status().reason() != null) {
              reasons.add(p.status().reason());
            }
          });
        }
        agreement.assertAgrees(office.sessionTruth(), ids(office), true, kind + " step " + step++);
        assertPresenceAndSessionsAgree(office, kind + " step " + step);
      }
      assertThat(office.sessionTruth()).as("%s leaves no live session", kind).isEmpty();
      agreement.ended.forEach(e -> results.add(e.result().name()));
    }
    assertThat(codes).contains(PartyStatusCode.SETUP, PartyStatusCode.PROCEEDING, PartyStatusCode.ANSWERED,
        PartyStatusCode.HOLD, PartyStatusCode.PARKED, PartyStatusCode.VOICEMAIL, PartyStatusCode.DISCONNECTED,
        PartyStatusCode.GONE);
    assertThat(reasons).contains(PartyStatusReason.BLIND_TRANSFER, PartyStatusReason.ATTENDED_TRANSFER,
        PartyStatusReason.PICKUP, PartyStatusReason.TARGET_BUSY, PartyStatusReason.NO_ANSWER,
        PartyStatusReason.AGENT_ANSWERED, PartyStatusReason.VOICEMAIL);
    assertThat(results).contains("ANSWERED", "MISSED", "VOICEMAIL", "TRANSFERRED", "ANSWERED_ELSEWHERE", "BUSY",
        "NO_ANSWER", "MERGED");
  }

  @Test
  void theRandomTrafficPlaysEveryKindOfScenario() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    Office office = office(5, 24, clock);
    office.recordSessionChanges(true);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 4000; i++) {
      office.step();
      for (SessionChange c : office.takeSessionChanges()) {
        Party p = c.party();
        seen.add(p.code().label());
        if (p.status().reason() != null) {
          seen.add(p.status().reason().label());
        }
        seen.add(c.origin().label());
        if (p.recordings() != null) {
          seen.add("recording");
        }
      }
    }
    assertThat(seen).contains("Setup", "Proceeding", "Answered", "Hold", "Parked", "VoiceMail", "Disconnected", "Gone",
        "BlindTransfer", "AttendedTransfer", "Pickup", "TargetBusy", "NoAnswer", "AgentAnswered", "Voicemail",
        "RingOut", "Call", "recording");
  }

  @Test
  void withoutATelephonySubscriberNoChangeIsRecordedYetTheTruthIsKept() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    Office office = office(5, 24, clock);
    int sessionsSeen = 0;
    for (int i = 0; i < 2000; i++) {
      office.step();
      assertThat(office.takeSessionChanges()).isEmpty();
      sessionsSeen = Math.max(sessionsSeen, office.sessionTruth().size());
      assertPresenceAndSessionsAgree(office, "step " + i);
    }
    assertThat(office.sessionChangesRecorded()).isZero();
    assertThat(sessionsSeen).isGreaterThan(3);
  }

  @Test
  void recordingSessionChangesNeverChangesThePresenceTraffic() {
    SteppingClock clockA = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    SteppingClock clockB = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    Office quiet = office(9, 12, clockA);
    Office recording = office(9, 12, clockB);
    for (int i = 0; i < 1500; i++) {
      recording.recordSessionChanges(i % 300 < 150);
      clockA.advance(Duration.ofMillis(300));
      clockB.advance(Duration.ofMillis(300));
      assertThat(recording.step()).isEqualTo(quiet.step());
      recording.takeSessionChanges();
    }
    assertThat(recording.truth()).isEqualTo(quiet.truth());
    assertThat(recording.sessionTruth()).isEqualTo(quiet.sessionTruth());
    assertThat(recording.sessionChangesRecorded()).isPositive();
  }

  @Test
  void sequencesRiseByOnePerSessionOverAllItsParties() {
    Office office = office(13, 12, new SteppingClock(Instant.parse("2026-12-01T09:00:00Z")));
    office.recordSessionChanges(true);
    Map<String, Long> last = new HashMap<>();
    for (int i = 0; i < 1500; i++) {
      office.step();
      for (SessionChange c : office.takeSessionChanges()) {
        long previous = last.getOrDefault(c.telephonySessionId(), 0L);
        assertThat(c.sequence()).as("sequence of %s", c.telephonySessionId()).isEqualTo(previous + 1);
        last.put(c.telephonySessionId(), c.sequence());
      }
    }
  }

  @Test
  void playRefusesUnknownKinds() {
    Office office = office(1, 4, new SteppingClock(Instant.parse("2026-12-01T09:00:00Z")));
    assertThatThrownBy(() -> office.play("conference")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scenario kind conference");
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> ids(Office office) {
    return office.extensions().stream().map(e -> e.id).toList();
  }

  private static EventFilters filters(Office office, List<String> requested) {
    return EventFilters.resolve(requested, ACCOUNT, office.owner().id,
        ext -> office.extension(ext) != null || office.directory().stream().anyMatch(r -> r.id().equals(ext)));
  }

  /** Each recorded change that {@code filters} cover, encoded as the gateway sends it, decoded and applied. */
  private List<TelephonySessionNotification> feed(Office office, EventFilters filters, SessionAgreement agreement) {
    List<TelephonySessionNotification> fed = new ArrayList<>();
    for (SessionChange c : office.takeSessionChanges()) {
      EventFilters.SessionsMatch match = filters.sessionsMatch(c.party().extensionId());
      if (match == null) {
        continue;
      }
      TelephonySessionNotification n = codec.decodeNotification(
          TelephonySessionJson.notification(match.event(), "sub-1", OWNER, c.eventTime(), c, match.sip()));
      agreement.apply(n);
      // a second delivery: the engine drops it as a duplicate
      assertThat(agreement.tracker.apply(n)).allSatisfy(o -> assertThat(o.events()).isEmpty());
      fed.add(n);
    }
    return fed;
  }

  /**
   * Every call of an extension's raw list is a joined party of a live session with the same ids (an
   * intermediate leg: the queue's party) and a status matching its presence status; every party of a user
   * extension that has not left (and is not leaving a voicemail) is a call in that extension's list.
   */
  static void assertPresenceAndSessionsAgree(Office office, String when) {
    Map<String, Party> parties = new HashMap<>();
    Map<String, SessionTruth> sessionOf = new HashMap<>();
    for (SessionTruth s : office.sessionTruth()) {
      for (Party p : s.parties()) {
        parties.put(p.id(), p);
        sessionOf.put(p.id(), s);
      }
    }
    Set<String> calls = new HashSet<>();
    for (SimExtension e : office.extensions()) {
      for (SimCall c : e.calls) {
        calls.add(c.partyId);
        Party p = parties.get(c.partyId);
        assertThat(p).as("%s: party of call %s of extension %s", when, c.partyId, e.id).isNotNull();
        assertThat(sessionOf.get(c.partyId).telephonySessionId()).isEqualTo(c.telephonySessionId);
        assertThat(sessionOf.get(c.partyId).sessionId()).isEqualTo(c.sessionId);
        if (c.intermediate()) {
          assertThat(p.extensionId()).isEqualTo(CallScenarios.QUEUE_ID);
          continue;
        }
        assertThat(p.extensionId()).as("%s: extension of party %s", when, c.partyId).isEqualTo(e.id);
        assertThat(p.direction()).isEqualTo(c.direction);
        assertThat(p.sipData()).isEqualTo(c.sipData);
        Set<PartyStatusCode> matching = switch (c.status) {
          case RINGING -> Set.of(PartyStatusCode.SETUP, PartyStatusCode.PROCEEDING);
          case CALL_CONNECTED -> Set.of(PartyStatusCode.ANSWERED);
          case ON_HOLD -> Set.of(PartyStatusCode.HOLD);
          case PARKED_CALL -> Set.of(PartyStatusCode.PARKED);
          default -> Set.of();
        };
        assertThat(matching).as("%s: party %s is %s while its call is %s", when, p.id(), p.code(), c.status)
            .contains(p.code());
        assertThat(c.status).isNotEqualTo(TelephonyStatus.NO_CALL);
      }
    }
    Set<String> users = new HashSet<>(ids(office));
    for (Party p : parties.values()) {
      if (users.contains(p.extensionId()) && !p.code().isFinal() && p.code() != PartyStatusCode.VOICEMAIL) {
        assertThat(calls).as("%s: party %s (%s) of extension %s has a presence call", when, p.id(), p.code(),
            p.extensionId()).contains(p.id());
      }
    }
  }
}
