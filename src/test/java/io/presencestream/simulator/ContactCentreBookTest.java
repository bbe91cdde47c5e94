package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.ContactCentreJson;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.QueueStats;
import io.presencestream.model.StateSpan;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules of docs/contact-centre.md as the simulator's truth applies them at their edges: a call answered by
 * another agent within {@code answeredElsewhereGrace} is not missed, one answered later is; the day is the time
 * zone's, and a span running at midnight is cut there; a queue call ends unanswered only once the gap grace
 * passed. Seed 31: users 102–111 start available.
 */
class ContactCentreBookTest {

  private SteppingClock clock;
  private SimulatorOptions options;
  private Office office;

  private void office(String start, ZoneId zone) {
    clock = new SteppingClock(Instant.parse(start));
    options = SimulatorOptions.builder().seed(31).extensions(12).eventsPerSecond(0).clock(clock).timeZone(zone).build();
    office = new Office(options);
  }

  private void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  private AgentDay day(int index) {
    String id = office.extensions().get(index).id;
    return ContactCentreTruth.agents(office, options).stream().filter(a -> a.agent().extensionId().equals(id))
        .map(ContactCentreJson.AgentEntry::day).findFirst().orElseThrow();
  }

  private QueueStats queue(String id) {
    return ContactCentreTruth.queues(office, options).stream().filter(q -> q.queueId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aRingAnsweredElsewhereWithinTheGraceIsNotMissedOneAnsweredLaterIs() {
    office("2026-11-26T09:00:00Z", ZoneId.of("UTC"));
    Scenario quick = office.play("queue-sequential");
    at("2026-11-26T09:00:10Z");
    office.advance(quick); // user 5 rings
    at("2026-11-26T09:00:20Z");
    office.advance(quick); // user 5 stops, user 6 rings
    at("2026-11-26T09:00:22Z");
    office.advance(quick); // user 6 answers exactly 2 s after user 5 stopped ringing: answered elsewhere
    at("2026-11-26T09:00:30Z");
    office.advance(quick);

    Scenario slow = office.play("queue-sequential");
    at("2026-11-26T09:01:00Z");
    office.advance(slow); // user 5 rings (6 is in wrap-up until 09:00:45, over)
    at("2026-11-26T09:01:10Z");
    office.advance(slow);
    at("2026-11-26T09:01:12.001Z");
    office.advance(slow); // 2.001 s later: missed
    at("2026-11-26T09:01:12.002Z");

    assertThat(day(5).missed()).isEqualTo(1);
    assertThat(day(6).handled()).isEqualTo(1);
    assertThat(day(6).missed()).isZero();
  }

  @Test
  void aMissedCallIsCountedOnlyOnceItsGraceHasPassed() {
    office("2026-11-26T09:00:00Z", ZoneId.of("UTC"));
    Scenario call = office.play("queue-abandoned");
    at("2026-11-26T09:00:10Z");
    office.advance(call);
    at("2026-11-26T09:00:20Z");
    office.advance(call); // the caller hangs up: every member that rang missed it, decided at 09:00:22

    at("2026-11-26T09:00:21.999Z");
    assertThat(day(1).missed()).isZero();
    assertThat(queue(CallScenarios.QUEUE_ID).waiting()).as("ended only when the gap grace passes").isEqualTo(1);
    at("2026-11-26T09:00:22Z");
    assertThat(day(1).missed()).isEqualTo(1);
    at("2026-11-26T09:00:23Z");
    QueueStats sales = queue(CallScenarios.QUEUE_ID);
    assertThat(sales.waiting()).isZero();
    assertThat(sales.today().abandoned()).isEqualTo(1);
  }

  @Test
  void theDayIsTheTimeZonesAndASpanRunningAtMidnightIsCutThere() {
    office("2026-11-26T22:59:50Z", ZoneId.of("Europe/Paris")); // 23:59:50 in Paris
    Scenario call = office.play("queue-sequential");
    at("2026-11-26T22:59:52Z");
    office.advance(call); // user 5 rings
    at("2026-11-26T22:59:54Z");
    office.advance(call); // user 6 rings
    at("2026-11-26T22:59:58Z");
    office.advance(call); // user 6 answers before midnight
    at("2026-11-26T23:00:30Z");
    office.advance(call); // and hangs up after it

    at("2026-11-26T23:01:00Z");
    AgentDay six = day(6);

    assertThat(six.day()).isEqualTo(LocalDate.parse("2026-11-27"));
    assertThat(six.handled()).as("counted when it ended: today").isEqualTo(1);
    assertThat(six.talkTime()).as("from midnight").isEqualTo(Duration.ofSeconds(30));
    assertThat(six.wrapUpTime()).isEqualTo(Duration.ofSeconds(15));
    assertThat(six.availableOnQueue()).isEqualTo(Duration.ofSeconds(15));
    assertThat(six.timeline()).containsExactly(
        new StateSpan(AgentState.ON_CALL, true, Instant.parse("2026-11-26T23:00:00Z"), Instant.parse("2026-11-26T23:00:30Z")),
        new StateSpan(AgentState.WRAP_UP, true, Instant.parse("2026-11-26T23:00:30Z"), Instant.parse("2026-11-26T23:00:45Z")),
        new StateSpan(AgentState.AVAILABLE, true, Instant.parse("2026-11-26T23:00:45Z"), null));
    QueueStats support = queue(OfficeModel.SUPPORT_QUEUE_ID);
    assertThat(support.today().offered()).as("it entered yesterday").isZero();
    assertThat(support.today().answered()).as("answered yesterday").isZero();
    assertThat(support.last15m().offered()).isEqualTo(1);
    assertThat(support.last15m().answered()).isEqualTo(1);
    assertThat(support.last15m().averageSpeedOfAnswer()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void wrapUpOffMeansNoWrapUpState() {
    clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
    options = SimulatorOptions.builder().seed(31).extensions(12).eventsPerSecond(0).clock(clock)
        .timeZone(ZoneId.of("UTC")).wrapUp(Duration.ZERO).build();
    office = new Office(options);
    Scenario call = office.play("queue-agents");
    while (!call.done()) {
      office.advance(call);
    }

    List<StateSpan> timeline = day(2).timeline();
    assertThat(timeline).extracting(StateSpan::state).containsExactly(AgentState.AVAILABLE, AgentState.RINGING,
        AgentState.ON_CALL, AgentState.AVAILABLE);
  }

  @Test
  void aRingOutsOwnPhoneLegMergedIntoTheCallIsNeitherMissedNorASecondCall() {
    office("2026-11-26T09:00:00Z", ZoneId.of("UTC"));
    Scenario ringOut = office.play("ringout");
    int user = ringOut.holders.get(0).index;
    at("2026-11-26T09:00:01Z");
    office.advance(ringOut); // the user's own phone rings
    at("2026-11-26T09:00:03Z");
    office.advance(ringOut); // answered there; the destination is dialled: the legs merge
    at("2026-11-26T09:00:05Z");
    office.advance(ringOut);
    at("2026-11-26T09:00:35Z");
    office.advance(ringOut);

    at("2026-11-26T09:01:00Z");
    AgentDay day = day(user);
    assertThat(day.missed()).isZero();
    assertThat(day.handled()).isEqualTo(1);
    assertThat(day.timeline()).extracting(StateSpan::state).containsExactly(AgentState.AVAILABLE, AgentState.RINGING,
        AgentState.ON_CALL, AgentState.WRAP_UP, AgentState.AVAILABLE);
    assertThat(day.talkTime()).as("dialling counts as on a call").isEqualTo(Duration.ofSeconds(32));
  }
}
