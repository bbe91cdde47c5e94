package io.presencestream.analytics;

import static io.presencestream.analytics.CcFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Call;
import io.presencestream.model.ContactCentreEvent.QueueStatsChanged;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.QueueAgents;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/contact-centre.md "Queue calls and queue statistics". */
class QueueStatsTest {

  private Run run;

  @BeforeEach
  void salesQueueWithThreeAvailableAgents() {
    run = new Run(UTC);
    run.directory(salesDirectory(0));
    for (String ext : List.of("101", "102", "103")) {
      run.event(presence(ext, 0, available()));
    }
  }

  private QueueStats sales() {
    return run.view.snapshot().queues().stream().filter(q -> q.queueId().equals("2001")).findFirst().orElseThrow();
  }

  private QueueStats stats(String id) {
    return run.view.snapshot().queues().stream().filter(q -> q.queueId().equals(id)).findFirst().orElseThrow();
  }

  /** A ring-all queue call: every agent's leg rings at {@code seconds}. */
  private List<Call> ringAll(String session, double seconds, String... agents) {
    List<Call> legs = new java.util.ArrayList<>();
    for (String a : agents) {
      Call c = queueCall(a + "-" + session, session, "2001", TelephonyStatus.RINGING);
      legs.add(c);
      run.event(started(a, seconds, c));
    }
    return legs;
  }

  @Test
  void aQueueIsReportedFromTheDirectoryWithItsMembersByState() {
    QueueStats q = sales();
    assertThat(q.name()).isEqualTo("Sales Queue");
    assertThat(q.extensionNumber()).isEqualTo("2001");
    assertThat(q.agents()).isEqualTo(new QueueAgents(3, 0, 0, 0));
    assertThat(q.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(20));
    assertThat(q.today()).isEqualTo(QueueFigures.NONE);

    run.event(presence("102", 1, with(DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS)));
    run.event(presence("103", 1, with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS)));
    run.event(started("101", 2, directCall("x", "sx", Direction.INBOUND, TelephonyStatus.RINGING)));
    assertThat(sales().agents()).isEqualTo(new QueueAgents(0, 1, 1, 1));
  }

  @Test
  void aRingAllCallIsOneQueueCallWaitingUntilAnsweredWithItsWait() {
    List<Call> legs = ringAll("ts-1", 10, "101", "102", "103");
    QueueStats waiting = sales();
    assertThat(waiting.waiting()).isEqualTo(1);
    assertThat(waiting.longestWaitSince()).isEqualTo(at(10));
    assertThat(waiting.today().offered()).as("ring-all counted once").isEqualTo(1);

    run.event(updated("102", 14, legs.get(1), TelephonyStatus.CALL_CONNECTED));
    run.event(ended("101", 14.1, legs.get(0)));
    run.event(ended("103", 14.1, legs.get(2)));
    run.tick(30);
    QueueStats answered = sales();
    assertThat(answered.waiting()).isZero();
    assertThat(answered.longestWaitSince()).isNull();
    assertThat(answered.today()).isEqualTo(new QueueFigures(1, 1, 0, 0, 1, Duration.ofSeconds(4), 0.0, 1.0));
  }

  @Test
  void longestWaitSinceIsTheEarliestEntryAmongTheWaiting() {
    ringAll("ts-1", 10, "101");
    ringAll("ts-2", 12, "102");
    assertThat(sales().waiting()).isEqualTo(2);
    assertThat(sales().longestWaitSince()).isEqualTo(at(10));
  }

  @Test
  void anUnansweredCallEndsAfterTheGapGraceAsAbandonedAtTheInstantItsLastAgentCallEnded() {
    List<Call> legs = ringAll("ts-1", 10, "101");
    run.event(ended("101", 20, legs.get(0)));
    assertThat(sales().waiting()).as("within the gap grace it still waits").isEqualTo(1);
    run.tick(22.9);
    assertThat(sales().waiting()).isEqualTo(1);
    List<QueueStatsChanged> changes = only(run.tick(30), QueueStatsChanged.class);
    assertThat(changes).filteredOn(c -> c.queue().today().abandoned() == 1).first().satisfies(c -> {
      assertThat(c.at()).as("decided when the 3s grace ran out").isEqualTo(at(23));
      assertThat(c.queue().waiting()).isZero();
    });
    assertThat(sales().today()).isEqualTo(new QueueFigures(1, 0, 1, 0, 0, null, 1.0, 0.0));
  }

  @Test
  void aRungCallEndsAfterTheGapEvenWhileTheQueuesPartyStillHoldsTheCaller() {
    List<Call> legs = ringAll("ts-1", 10, "101");
    run.event(session("101", 10.5, "ts-1", party("q", "2001", Direction.INBOUND, PartyStatusCode.ANSWERED)));
    run.event(ended("101", 20, legs.get(0)));
    assertThat(only(run.tick(30), QueueStatsChanged.class)).extracting(QueueStatsChanged::at).containsExactly(at(23));
    assertThat(sales().today().abandoned()).isEqualTo(1);
  }

  @Test
  void aSequentialQueueMovingToTheNextAgentWithinTheGapIsOneCall() {
    Call first = queueCall("a", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 10, first));
    run.event(ended("101", 25, first));
    Call second = queueCall("b", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("102", 27, second));
    run.event(updated("102", 30, second, TelephonyStatus.CALL_CONNECTED));
    run.tick(40);
    assertThat(sales().today()).isEqualTo(new QueueFigures(1, 1, 0, 0, 1, Duration.ofSeconds(20), 0.0, 1.0));
  }

  @Test
  void anUnansweredCallTheTelephonyFeedShowsGoingToVoicemailIsOverflowed() {
    List<Call> legs = ringAll("ts-1", 10, "101");
    run.event(session("101", 19, "ts-1", party("q", "2001", Direction.INBOUND, PartyStatusCode.ANSWERED)));
    run.event(ended("101", 20, legs.get(0)));
    run.event(session("101", 21, "ts-1", party("q", "2001", Direction.INBOUND, PartyStatusCode.VOICEMAIL)));
    List<QueueStatsChanged> ended = only(run.tick(40), QueueStatsChanged.class);
    assertThat(ended).extracting(QueueStatsChanged::at).containsExactly(at(23));
    assertThat(sales().today()).isEqualTo(new QueueFigures(1, 0, 0, 1, 0, null, null, null));
  }

  @Test
  void anUnansweredCallTheTelephonyFeedShowsGoingToAnotherQueueIsOverflowed() {
    run.directory(directory(1, salesDirectory(0).extensions(), salesDirectory(0).queues().get(0),
        queue("2002", "2002", "Support Queue")));
    List<Call> legs = ringAll("ts-1", 10, "101");
    run.event(session("101", 19, "ts-1", party("q", "2001", Direction.INBOUND, PartyStatusCode.ANSWERED)));
    run.event(session("101", 19.5, "ts-1", party("q", "2001", Direction.INBOUND, PartyStatusCode.DISCONNECTED),
        party("q2", "2002", Direction.INBOUND, PartyStatusCode.PROCEEDING)));
    run.event(ended("101", 20, legs.get(0)));
    run.tick(30);
    assertThat(sales().today().overflowed()).isEqualTo(1);
    assertThat(sales().today().abandoned()).isZero();
  }

  @Test
  void withTheTelephonyFeedACallEntersAtTheFirstStatusOfTheQueuesPartyAndIsAnsweredByAnAgentsParty() {
    run.event(session("101", 5, "ts-7", party("q", "2001", Direction.INBOUND, PartyStatusCode.PROCEEDING)));
    assertThat(sales().waiting()).isEqualTo(1);
    assertThat(sales().longestWaitSince()).isEqualTo(at(5));
    run.event(session("101", 8, "ts-7", party("q", "2001", Direction.INBOUND, PartyStatusCode.PROCEEDING),
        party("a", "101", Direction.INBOUND, PartyStatusCode.ANSWERED)));
    assertThat(sales().today()).isEqualTo(new QueueFigures(1, 1, 0, 0, 1, Duration.ofSeconds(3), 0.0, 1.0));
  }

  @Test
  void aCallThatNoAgentEverRangEndsWhenTheQueuesPartyLetsGo() {
    run.event(session("2001", 5, "ts-8", party("q", "2001", Direction.INBOUND, PartyStatusCode.PROCEEDING)));
    run.tick(30);
    assertThat(sales().waiting()).as("the queue's party holds the caller: no agent rang, no gap").isEqualTo(1);
    List<QueueStatsChanged> ended = only(
        run.event(session("2001", 31, "ts-8", party("q", "2001", Direction.INBOUND, PartyStatusCode.DISCONNECTED))),
        QueueStatsChanged.class);
    assertThat(ended).extracting(QueueStatsChanged::at).as("at the instant the queue let go").containsExactly(at(31));
    assertThat(sales().today().abandoned()).isEqualTo(1);
    assertThat(sales().waiting()).isZero();
  }

  @Test
  void theQueueOfACallIsTheDialledQueueElseTheRingingAgentsOnlyQueueElseUnknown() {
    run.directory(directory(1, salesDirectory(0).extensions(), salesDirectory(0).queues().get(0),
        queue("2002", "2002", "Support Queue", member("103"))));
    // dialled number names the queue
    run.event(started("103", 10, queueCall("x", "ts-1", "2002", TelephonyStatus.RINGING)));
    assertThat(stats("2002").waiting()).isEqualTo(1);
    // no number: 101 is a member of Sales only
    run.event(started("101", 11, queueCall("y", "ts-2", null, TelephonyStatus.RINGING)));
    assertThat(stats("2001").waiting()).isEqualTo(1);
    // no number: 103 is a member of both
    run.event(started("103", 12, queueCall("z", "ts-3", "+15550000000", TelephonyStatus.RINGING)));
    QueueStats unknown = stats(QueueStats.UNKNOWN_QUEUE);
    assertThat(unknown.waiting()).isEqualTo(1);
    assertThat(unknown.name()).isNull();
    assertThat(run.view.snapshot().queues()).extracting(QueueStats::queueId).containsExactly("2001", "2002", "unknown");
  }

  @Test
  void theSessionsQueuePartyMovesACallOutOfUnknown() {
    run.directory(directory(1, salesDirectory(0).extensions(), salesDirectory(0).queues().get(0),
        queue("2002", "2002", "Support Queue", member("103"))));
    run.event(started("103", 12, queueCall("z", "ts-3", null, TelephonyStatus.RINGING)));
    run.event(session("103", 12.5, "ts-3", party("q", "2002", Direction.INBOUND, PartyStatusCode.PROCEEDING)));
    assertThat(stats("2002").waiting()).isEqualTo(1);
    assertThat(stats("2002").today().offered()).isEqualTo(1);
    assertThat(stats(QueueStats.UNKNOWN_QUEUE).today().offered()).isZero();
  }

  @Test
  void serviceLevelCountsAnswersWithinTheQueuesOwnThresholdAgainstAnsweredPlusAbandoned() {
    run = new Run(UTC.withQueueThresholds(Map.of("Sales Queue", Duration.ofSeconds(10))));
    run.directory(salesDirectory(0));
    run.event(presence("101", 0, available()));
    answer("ts-1", 0, 10);    // 10s: within (inclusive)
    answer("ts-2", 20, 35);   // 15s: not within 10s
    Call gone = queueCall("g", "ts-3", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 40, gone));
    run.event(ended("101", 45, gone));
    run.tick(60);
    QueueStats q = sales();
    assertThat(q.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(10));
    assertThat(q.today().answeredWithinThreshold()).isEqualTo(1);
    assertThat(q.today().serviceLevel()).isEqualTo(1.0 / 3);
    assertThat(q.today().abandonRate()).isEqualTo(1.0 / 3);
    assertThat(q.today().averageSpeedOfAnswer()).isEqualTo(Duration.ofMillis(12500));
  }

  private void answer(String session, double entered, double answered) {
    Call c = queueCall("c-" + session, session, "2001", TelephonyStatus.RINGING);
    run.event(started("101", entered, c));
    run.event(updated("101", answered, c, TelephonyStatus.CALL_CONNECTED));
    run.event(ended("101", answered + 1, withStatus(c, TelephonyStatus.CALL_CONNECTED)));
  }

  @Test
  void rollingWindowsDropACallExactlyTheirLengthAfterItsMomentNoticedAtTheNextTick() {
    Call c = queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    run.event(updated("101", 14, c, TelephonyStatus.CALL_CONNECTED));
    run.event(ended("101", 60, withStatus(c, TelephonyStatus.CALL_CONNECTED)));
    run.tick(100);
    assertThat(sales().last15m().offered()).isEqualTo(1);
    assertThat(sales().last15m().answered()).isEqualTo(1);

    List<QueueStatsChanged> changes = only(run.tick(15 * 60 + 20), QueueStatsChanged.class);
    assertThat(changes).extracting(QueueStatsChanged::at).containsExactly(at(15 * 60 + 10), at(15 * 60 + 14));
    assertThat(changes.get(0).queue().last15m().offered()).isZero();
    assertThat(changes.get(0).queue().last15m().answered()).isEqualTo(1);
    assertThat(changes.get(1).queue().last15m()).isEqualTo(QueueFigures.NONE);
    assertThat(changes.get(1).queue().last1h().answered()).isEqualTo(1);

    List<QueueStatsChanged> hour = only(run.tick(3600 + 20), QueueStatsChanged.class);
    assertThat(hour).extracting(QueueStatsChanged::at).containsExactly(at(3600 + 10), at(3600 + 14));
    assertThat(sales().last1h()).isEqualTo(QueueFigures.NONE);
    assertThat(sales().today().answered()).as("today keeps it").isEqualTo(1);
  }

  @Test
  void noEventForTheRunningWaitAlone() {
    ringAll("ts-1", 10, "101");
    assertThat(only(run.tick(15), QueueStatsChanged.class)).isEmpty();
  }

  @Test
  void todayRestartsAtMidnight() {
    answer("ts-1", 10, 12);
    Instant midnight = Instant.parse("2026-11-27T00:00:00Z");
    List<QueueStatsChanged> changes = only(run.tick(midnight.plusSeconds(1)), QueueStatsChanged.class);
    assertThat(changes).filteredOn(c -> c.at().equals(midnight)).singleElement()
        .satisfies(c -> assertThat(c.queue().today()).isEqualTo(QueueFigures.NONE));
  }
}
