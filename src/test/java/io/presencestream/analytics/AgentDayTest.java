package io.presencestream.analytics;

import static io.presencestream.analytics.CcFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.StateSpan;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contact-centre.md "Per agent, per day": handled, missed, times, AHT, occupancy, timeline, midnight. */
class AgentDayTest {

  private static AgentDay day(Run run, String ext) {
    return run.view.snapshot().agentDay(ext, true).orElseThrow();
  }

  @Test
  void talkHoldWrapUpAndAvailableOnQueueAreTheTimesInThoseStatesIncludingTheRunningSpan() {
    Run run = new Run(UTC);
    run.directory(salesDirectory(0));
    run.event(presence("101", 0, available()));                     // available on queue 0..10
    Call c = directCall("c1", "s1", Direction.INBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 10, c));                               // ringing 10..12
    run.event(updated("101", 12, c, TelephonyStatus.CALL_CONNECTED)); // talk 12..40
    Call connected = withStatus(c, TelephonyStatus.CALL_CONNECTED);
    run.event(updated("101", 40, connected, TelephonyStatus.ON_HOLD)); // hold 40..50
    run.event(updated("101", 50, withStatus(c, TelephonyStatus.ON_HOLD), TelephonyStatus.CALL_CONNECTED)); // talk 50..60
    run.event(ended("101", 60, connected));                         // wrap-up 60..75
    run.tick(85);                                                   // available 75..85 (running)

    AgentDay d = day(run, "101");
    assertThat(d.day()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(d.handled()).isEqualTo(1);
    assertThat(d.talkTime()).isEqualTo(Duration.ofSeconds(38));
    assertThat(d.holdTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.wrapUpTime()).isEqualTo(Duration.ofSeconds(15));
    assertThat(d.availableOnQueue()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.averageHandleTime()).isEqualTo(Duration.ofSeconds(63));
    assertThat(d.occupancy()).isEqualTo(63.0 / 83.0);
    assertThat(d.timeline()).extracting(StateSpan::state).containsExactly(AgentState.AVAILABLE, AgentState.RINGING,
        AgentState.ON_CALL, AgentState.ON_HOLD, AgentState.ON_CALL, AgentState.WRAP_UP, AgentState.AVAILABLE);
    assertThat(d.timeline().get(5)).isEqualTo(new StateSpan(AgentState.WRAP_UP, true, at(60), at(75)));
    assertThat(d.timeline().get(6)).isEqualTo(new StateSpan(AgentState.AVAILABLE, true, at(75), null));
  }

  @Test
  void ahtAndOccupancyAreNullWithoutADivisor() {
    Run run = new Run(UTC);
    run.directory(directory(0, List.of(user("105", "Eve"))));
    run.event(presence("105", 0, available())); // not on any queue: available time does not count
    run.tick(30);
    AgentDay d = day(run, "105");
    assertThat(d.handled()).isZero();
    assertThat(d.averageHandleTime()).isNull();
    assertThat(d.occupancy()).isNull();
    assertThat(d.availableOnQueue()).isZero();
  }

  @Test
  void availableOffQueueIsNotAvailableOnQueue() {
    Run run = new Run(UTC);
    run.directory(salesDirectory(0));
    run.event(presence("101", 0, with(DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS)));
    run.event(presence("101", 10, available()));
    run.tick(25);
    assertThat(day(run, "101").availableOnQueue()).isEqualTo(Duration.ofSeconds(15));
    assertThat(day(run, "101").timeline()).extracting(StateSpan::onQueue).containsExactly(false, true);
  }

  @Test
  void outboundCallsConnectedHereAreHandledToo() {
    Run run = new Run(UTC);
    run.event(presence("101", 0, available()));
    Call out = directCall("o1", "s9", Direction.OUTBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 1, out));
    run.event(updated("101", 3, out, TelephonyStatus.CALL_CONNECTED));
    run.event(ended("101", 9, withStatus(out, TelephonyStatus.CALL_CONNECTED)));
    Call unanswered = directCall("o2", "s10", Direction.OUTBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 30, unanswered));
    run.event(ended("101", 40, unanswered));
    assertThat(day(run, "101").handled()).isEqualTo(1);
    assertThat(day(run, "101").talkTime()).as("dialling counts as on a call").isEqualTo(Duration.ofSeconds(18));
  }

  @Test
  void anInboundCallThatRangAndWasConnectedNowhereIsMissedOnceTheGraceHasPassed() {
    Run run = new Run(UTC);
    run.event(presence("101", 0, available()));
    Call c = directCall("c1", "s1", Direction.INBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 1, c));
    run.event(ended("101", 10, c));
    run.tick(11.9);
    assertThat(day(run, "101").missed()).as("decided after answeredElsewhereGrace (2s)").isZero();
    run.tick(12);
    assertThat(day(run, "101").missed()).isEqualTo(1);
  }

  @Test
  void aCallAnsweredElsewhereBeforeOrWithinTheGraceIsNotMissed() {
    Run run = new Run(UTC);
    run.directory(salesDirectory(0));
    for (String ext : List.of("101", "102", "103")) {
      run.event(presence(ext, 0, available()));
    }
    // ring-all: 101 and 102 ring; 102 answers before 101's leg ends
    Call a = queueCall("a1", "ts-1", "2001", TelephonyStatus.RINGING);
    Call b = queueCall("b1", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 1, a));
    run.event(started("102", 1, b));
    run.event(updated("102", 5, b, TelephonyStatus.CALL_CONNECTED));
    run.event(ended("101", 5.2, a));
    // sequential: 103 rings first, its leg ends, 101 answers 1.5s later (within the 2s grace)
    Call c = queueCall("c1", "ts-2", "2001", TelephonyStatus.RINGING);
    Call d = queueCall("d1", "ts-2", "2001", TelephonyStatus.RINGING);
    run.event(started("103", 20, c));
    run.event(ended("103", 30, c));
    run.event(started("101", 31, d));
    run.event(updated("101", 31.5, d, TelephonyStatus.CALL_CONNECTED));
    run.tick(60);
    assertThat(day(run, "101").missed()).isZero();
    assertThat(day(run, "103").missed()).isZero();
  }

  @Test
  void aCallAnsweredElsewhereAfterTheGraceIsMissed() {
    Run run = new Run(UTC);
    run.event(presence("103", 0, available()));
    run.event(presence("101", 0, available()));
    Call c = queueCall("c1", "ts-2", "2001", TelephonyStatus.RINGING);
    run.event(started("103", 20, c));
    run.event(ended("103", 30, c));
    Call d = queueCall("d1", "ts-2", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 31, d));
    run.event(updated("101", 32.5, d, TelephonyStatus.CALL_CONNECTED));
    assertThat(day(run, "103").missed()).isEqualTo(1);
  }

  @Test
  void outboundCallsAndCallsConnectedHereAreNeverMissed() {
    Run run = new Run(UTC);
    run.event(presence("101", 0, available()));
    Call out = directCall("o", "s1", Direction.OUTBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 1, out));
    run.event(ended("101", 5, out));
    Call in = directCall("i", "s2", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED);
    run.event(started("101", 6, in));
    run.event(ended("101", 9, in));
    run.tick(60);
    assertThat(day(run, "101").missed()).isZero();
  }

  @Test
  void atMidnightInTheConfiguredZoneEveryFigureRestartsAndTheRunningSpanIsCutInTwo() {
    ZoneId newYork = ZoneId.of("America/New_York");
    Instant beforeMidnight = Instant.parse("2026-11-27T04:59:00Z"); // 23:59 in New York, 26 Nov
    Instant midnight = Instant.parse("2026-11-27T05:00:00Z");
    Run run = new Run(UTC.withTimeZone(newYork));
    run.directory(new io.presencestream.model.Directory(beforeMidnight, salesDirectory(0).extensions(),
        salesDirectory(0).queues()));
    run.event(new io.presencestream.model.PresenceEvent.PresenceChanged("101", beforeMidnight, available(), null));
    Call c = directCall("c", "s", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED);
    run.event(new io.presencestream.model.PresenceEvent.CallStarted("101", beforeMidnight.plusSeconds(10), c));
    run.event(new io.presencestream.model.PresenceEvent.CallEnded("101", beforeMidnight.plusSeconds(20), c,
        Duration.ofSeconds(10), null, null));
    AgentDay before = day(run, "101");
    assertThat(before.day()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(before.handled()).isEqualTo(1);

    run.tick(midnight.plusSeconds(30));
    AgentDay after = day(run, "101");
    assertThat(after.day()).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(after.handled()).isZero();
    assertThat(after.talkTime()).isZero();
    assertThat(after.availableOnQueue()).isEqualTo(Duration.ofSeconds(30));
    assertThat(after.timeline()).containsExactly(new StateSpan(AgentState.AVAILABLE, true, midnight, null));
  }

  @Test
  void aTimelineKeepsAtMost2000SpansDroppingTheOldestWhileTheFiguresStillCountThem() {
    Run run = new Run(UTC);
    run.directory(salesDirectory(0));
    run.event(presence("101", 0, available()));
    for (int i = 1; i <= 2100; i++) {
      run.event(presence("101", i, i % 2 == 1 ? with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS) : available()));
    }
    AgentDay d = day(run, "101");
    assertThat(d.timeline().size()).isLessThanOrEqualTo(SpanLog.MAX_SPANS + 1);
    assertThat(d.timeline().get(d.timeline().size() - 1).end()).isNull();
    assertThat(d.timeline().get(d.timeline().size() - 1).start()).isEqualTo(at(2100));
    // the figures count every span, dropped or not: available on queue in each even second from 0 to 2098
    assertThat(d.availableOnQueue()).isEqualTo(Duration.ofSeconds(1050));
    assertThat(d.timeline().get(0).start()).isAfter(at(0));
  }

  @Test
  void theTelephonyFeedsVerdictCountsCallsPresenceNeverSawEndAndNothingTwice() {
    Run run = new Run(UTC);
    run.event(presence("101", 0, available()));
    // a burst truncated presence's call list: only the telephony feed saw these two end
    run.event(sessionEnded("101", 5, "ts-a", io.presencestream.model.SessionResult.ANSWERED));
    run.event(sessionEnded("101", 6, "ts-b", io.presencestream.model.SessionResult.MISSED));
    // presence saw this one connect and end; the session's verdict on it comes after and is not counted again
    Call c = directCall("c", "ts-c", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED);
    run.event(started("101", 10, c));
    run.event(ended("101", 20, c));
    run.event(sessionEnded("101", 20.1, "ts-c", io.presencestream.model.SessionResult.ANSWERED));
    run.tick(60);
    assertThat(day(run, "101").handled()).isEqualTo(2);
    assertThat(day(run, "101").missed()).isEqualTo(1);
  }

  @Test
  void aLegThatNeverConnectedEndingBeforeTheConnectedCallOfTheSameSessionDoesNotHideTheHandledCall() {
    Run run = new Run(UTC);
    run.event(presence("101", 0, available()));
    Call leg = queueCall("leg", "ts-1", "2001", TelephonyStatus.RINGING);
    Call call = queueCall("call", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 1, leg));
    run.event(started("101", 1, call));
    run.event(updated("101", 3, call, TelephonyStatus.CALL_CONNECTED));
    run.event(ended("101", 3, leg));
    run.event(ended("101", 30, withStatus(call, TelephonyStatus.CALL_CONNECTED)));
    run.event(sessionEnded("101", 30.1, "ts-1", io.presencestream.model.SessionResult.ANSWERED));
    run.tick(60);
    assertThat(day(run, "101").handled()).isEqualTo(1);
    assertThat(day(run, "101").missed()).isZero();
  }

  @Test
  void aCallersPartyAnsweredByVoicemailIsNoAnswerElsewhere() {
    Run run = new Run(UTC);
    run.event(presence("102", 0, available()));
    Call in = directCall("in", "ts-9", Direction.INBOUND, TelephonyStatus.RINGING);
    run.event(started("102", 1, in));
    run.event(ended("102", 10, in));
    // the caller (extension 101, outbound) is Answered by 102's voicemail within the grace
    run.event(session("102", 10.5, "ts-9",
        party("p-101", "101", Direction.OUTBOUND, io.presencestream.model.PartyStatusCode.ANSWERED),
        party("p-102", "102", Direction.INBOUND, io.presencestream.model.PartyStatusCode.VOICEMAIL)));
    run.tick(20);
    assertThat(day(run, "102").missed()).isEqualTo(1);
  }
}
