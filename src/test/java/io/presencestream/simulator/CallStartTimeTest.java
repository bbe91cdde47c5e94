package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import io.presencestream.model.ExtensionState;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A call's {@code startTime} is the time of the step in which it appears on its extension, whichever step of
 * its scenario that is: a RingOut's outbound leg (dialled once the user answers), a transfer's or pickup's
 * call at the colleague, an attended transfer's consultation call, a burst's second half. The generator
 * advances one of up to half the office's extensions' scenarios per step, so a later step of a scenario may
 * run hundreds of steps (seconds) after it was drawn; a start time taken when it was drawn would date the call
 * before anything reported it.
 */
class CallStartTimeTest {

  /** Every scenario kind the simulator plays. */
  static List<String> kinds() {
    return ScenarioGenerator.KINDS;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aCallStartsInTheStepThatPutsItOnItsExtension(String kind) {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-03T10:00:00Z"));
    Office office = new Office(SimulatorOptions.builder().seed(11).extensions(30).eventsPerSecond(0).clock(clock)
        .wrapUp(Duration.ZERO).build());
    Scenario scenario = office.play(kind);
    Set<String> known = new HashSet<>();
    Set<String> carried = new HashSet<>();
    int calls = 0;
    while (!scenario.done()) {
      Instant step = clock.instant(); // the first step runs when the scenario is drawn, as in the random traffic
      List<SimNotification> notifications = office.advance(scenario);

      // what a consumer is told: a call a notification carries for the first time started in this step
      // (a burst's truncated list carries some of its calls only later: those are checked in the truth below)
      for (SimNotification n : notifications) {
        for (ActiveCall c : n.body().activeCalls() == null ? List.<ActiveCall>of() : n.body().activeCalls()) {
          if (carried.add(c.id()) && !kind.equals("burst")) {
            assertThat(c.startTime()).as("%s: call %s first carried at %s", kind, c.id(), step).isEqualTo(step);
          }
        }
      }
      // what the office holds: every call that is new on an extension started in this step
      for (ExtensionState state : office.truth().values()) {
        for (Call c : state.calls()) {
          if (known.add(c.id())) {
            calls++;
            assertThat(c.startTime()).as("%s: call %s new on %s at %s", kind, c.id(), state.extensionId(), step)
                .isEqualTo(step);
          }
        }
      }
      clock.advance(Duration.ofSeconds(5)); // the generator comes back to a scenario seconds later
    }
    assertThat(calls).as("calls the %s scenario played", kind).isPositive();
  }
}
