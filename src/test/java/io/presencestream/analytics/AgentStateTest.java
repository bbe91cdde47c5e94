package io.presencestream.analytics;

import static io.presencestream.analytics.CcFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Call;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/contact-centre.md "Agent state": the table row by row, wrap-up, on queue, since. */
class AgentStateTest {

  private static AgentState state(PresenceState p, Call... calls) {
    return AgentStateRules.state(p, List.of(calls), null, T0);
  }

  @Nested
  class ThePrecedenceTable {

    @Test
    void rule1ConnectedCallIsOnCallWhateverThePresenceSays() {
      PresenceState dnd = presence(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_ANY_CALLS, UserStatus.OFFLINE,
          MeetingStatus.CONNECTED);
      assertThat(state(dnd, directCall("c", "s", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED)))
          .isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void rule1DiallingOutCountsAsOnACall() {
      assertThat(state(available(), directCall("c", "s", Direction.OUTBOUND, TelephonyStatus.RINGING)))
          .isEqualTo(AgentState.ON_CALL);
      assertThat(state(available(), directCall("c", "s", Direction.OUTBOUND, TelephonyStatus.NO_CALL)))
          .isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void rule1BeatsAHeldCall() {
      assertThat(state(available(), directCall("h", "s1", Direction.INBOUND, TelephonyStatus.ON_HOLD),
          directCall("c", "s2", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED))).isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void rule2HeldCallIsOnHoldAlsoOutbound() {
      assertThat(state(available(), directCall("h", "s", Direction.INBOUND, TelephonyStatus.ON_HOLD)))
          .isEqualTo(AgentState.ON_HOLD);
      assertThat(state(available(), directCall("h", "s", Direction.OUTBOUND, TelephonyStatus.ON_HOLD)))
          .isEqualTo(AgentState.ON_HOLD);
    }

    @Test
    void rule2BeatsRinging() {
      assertThat(state(available(), directCall("h", "s1", Direction.INBOUND, TelephonyStatus.ON_HOLD),
          directCall("r", "s2", Direction.INBOUND, TelephonyStatus.RINGING))).isEqualTo(AgentState.ON_HOLD);
    }

    @Test
    void rule3InboundRingingIsRinging() {
      assertThat(state(with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS),
          directCall("r", "s", Direction.INBOUND, TelephonyStatus.RINGING))).isEqualTo(AgentState.RINGING);
    }

    @Test
    void rule4WrapUpWhileTheWrapUpRunsAndNoCallIsLive() {
      assertThat(AgentStateRules.state(with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS), List.of(), at(15), at(14.999)))
          .isEqualTo(AgentState.WRAP_UP);
      assertThat(AgentStateRules.state(available(), List.of(), at(15), at(15))).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void parkedCallsDoNotOccupyTheAgent() {
      Call parked = directCall("p", "s", Direction.INBOUND, TelephonyStatus.PARKED_CALL);
      assertThat(state(available(), parked)).isEqualTo(AgentState.AVAILABLE);
      assertThat(state(available(), directCall("p", "s", Direction.OUTBOUND, TelephonyStatus.PARKED_CALL)))
          .isEqualTo(AgentState.AVAILABLE);
      assertThat(AgentStateRules.state(available(), List.of(parked), at(15), at(1))).isEqualTo(AgentState.WRAP_UP);
    }

    @Test
    void rules5To10FollowThePresenceInOrder() {
      assertThat(state(presence(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_ANY_CALLS, UserStatus.OFFLINE,
          MeetingStatus.CONNECTED))).isEqualTo(AgentState.OFFLINE);
      assertThat(state(presence(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_ANY_CALLS, UserStatus.AVAILABLE,
          MeetingStatus.CONNECTED))).isEqualTo(AgentState.DO_NOT_DISTURB);
      assertThat(state(presence(UserStatus.BUSY, DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS, UserStatus.AVAILABLE,
          MeetingStatus.CONNECTED))).isEqualTo(AgentState.IN_MEETING);
      assertThat(state(presence(UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS, UserStatus.AVAILABLE,
          MeetingStatus.DISCONNECTED))).isEqualTo(AgentState.BUSY);
      assertThat(state(presence(UserStatus.OFFLINE, DndStatus.TAKE_ALL_CALLS, UserStatus.AVAILABLE,
          MeetingStatus.DISCONNECTED))).isEqualTo(AgentState.AWAY);
      assertThat(state(presence(UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS, UserStatus.AVAILABLE, null)))
          .isEqualTo(AgentState.AVAILABLE);
    }
  }

  @Nested
  class WrapUp {

    @Test
    void aHandledCallIsFollowedByWrapUpThatEndsAtTheCallsEndPlusWrapUpToTheMillisecond() {
      Run run = new Run(UTC);
      run.directory(salesDirectory(0));
      run.event(presence("101", 0, available()));
      Call c = directCall("c1", "s1", Direction.INBOUND, TelephonyStatus.RINGING);
      run.event(started("101", 1, c));
      run.event(updated("101", 2, c, TelephonyStatus.CALL_CONNECTED));
      List<AgentStateChanged> end = only(run.event(ended("101", 62.5, withStatus(c, TelephonyStatus.CALL_CONNECTED))),
          AgentStateChanged.class);
      assertThat(end).singleElement().satisfies(e -> {
        assertThat(e.agent().state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(e.agent().since()).isEqualTo(at(62.5));
      });

      assertThat(run.tick(77.4)).isEmpty();
      List<AgentStateChanged> after = only(run.tick(80), AgentStateChanged.class);
      assertThat(after).singleElement().satisfies(e -> {
        assertThat(e.at()).as("the instant the wrap-up ended, not the tick's").isEqualTo(at(77.5));
        assertThat(e.agent().state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(e.agent().since()).isEqualTo(at(77.5));
        assertThat(e.previous().state()).isEqualTo(AgentState.WRAP_UP);
      });
    }

    @Test
    void aNewInputAfterTheWrapUpEndsItAtItsExactInstantFirst() {
      Run run = new Run(UTC);
      run.event(presence("101", 0, available()));
      Call c = directCall("c1", "s1", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED);
      run.event(started("101", 1, c));
      run.event(ended("101", 10, c));
      List<AgentStateChanged> events = only(run.event(presence("101", 40, with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS))),
          AgentStateChanged.class);
      assertThat(events).extracting(e -> e.agent().state(), AgentStateChanged::at)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, at(25)),
              org.assertj.core.groups.Tuple.tuple(AgentState.DO_NOT_DISTURB, at(40)));
    }

    @Test
    void aCallThatWasNeverConnectedHereGivesNoWrapUp() {
      Run run = new Run(UTC);
      run.event(presence("101", 0, available()));
      Call c = directCall("c1", "s1", Direction.INBOUND, TelephonyStatus.RINGING);
      run.event(started("101", 1, c));
      assertThat(only(run.event(ended("101", 5, c)), AgentStateChanged.class))
          .singleElement().satisfies(e -> assertThat(e.agent().state()).isEqualTo(AgentState.AVAILABLE));
    }

    @Test
    void zeroWrapUpTurnsItOff() {
      Run run = new Run(UTC.withWrapUp(Duration.ZERO));
      run.event(presence("101", 0, available()));
      Call c = directCall("c1", "s1", Direction.OUTBOUND, TelephonyStatus.CALL_CONNECTED);
      run.event(started("101", 1, c));
      assertThat(only(run.event(ended("101", 5, c)), AgentStateChanged.class))
          .singleElement().satisfies(e -> assertThat(e.agent().state()).isEqualTo(AgentState.AVAILABLE));
    }
  }

  @Nested
  class OnQueue {

    @Test
    void anAgentIsOnQueueWhenAMemberThatAcceptsTheQueuesCallsAndItsDndLetsThemThrough() {
      Run run = new Run(UTC);
      run.directory(salesDirectory(0));
      AgentStateChanged first = only(run.event(presence("101", 1, available())), AgentStateChanged.class).get(0);
      assertThat(first.agent().onQueue()).isTrue();
      assertThat(first.agent().queues()).containsExactly("2001");
      assertThat(first.previous()).isNull();

      AgentStateChanged dept = only(run.event(presence("101", 2, with(DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS))),
          AgentStateChanged.class).get(0);
      assertThat(dept.agent().state()).as("department DND is not DoNotDisturb").isEqualTo(AgentState.AVAILABLE);
      assertThat(dept.agent().onQueue()).isFalse();
      assertThat(dept.agent().since()).as("the state did not change").isEqualTo(at(1));
    }

    @Test
    void aMemberThatDoesNotTakeThisQueuesCallsIsOffQueueAndTheDirectoryChangesIt() {
      Run run = new Run(UTC);
      run.directory(directory(0, List.of(user("101", "Alice")), queue("2001", "2001", "Sales", member("101", false))));
      AgentStatus agent = only(run.event(presence("101", 1, available())), AgentStateChanged.class).get(0).agent();
      assertThat(agent.onQueue()).isFalse();

      List<AgentStateChanged> back = only(
          run.directory(directory(5, List.of(user("101", "Alice")), queue("2001", "2001", "Sales", member("101", true)))),
          AgentStateChanged.class);
      assertThat(back).singleElement().satisfies(e -> {
        assertThat(e.at()).isEqualTo(at(5));
        assertThat(e.agent().onQueue()).isTrue();
      });
    }

    @Test
    void aUserInNoQueueHasAStateButNoOnQueueFlag() {
      Run run = new Run(UTC);
      run.directory(directory(0, List.of(user("105", "Eve"))));
      AgentStatus agent = only(run.event(presence("105", 1, available())), AgentStateChanged.class).get(0).agent();
      assertThat(agent.onQueue()).isNull();
      assertThat(agent.name()).isEqualTo("Eve");
      assertThat(agent.department()).isEqualTo("Sales");
    }

    @Test
    void anExtensionWithNoPresenceYetHasNoState() {
      Run run = new Run(UTC);
      run.directory(salesDirectory(0));
      assertThat(run.event(started("101", 1, directCall("c", "s", Direction.INBOUND, TelephonyStatus.RINGING))))
          .noneMatch(e -> e instanceof AgentStateChanged);
      assertThat(run.view.snapshot().agents()).isEmpty();
      assertThat(only(run.event(presence("101", 2, available())), AgentStateChanged.class))
          .singleElement().satisfies(e -> assertThat(e.agent().state()).isEqualTo(AgentState.RINGING));
    }

    @Test
    void anEventIsEmittedOnlyWhenTheStateOrTheFlagChanges() {
      Run run = new Run(UTC);
      run.directory(salesDirectory(0));
      run.event(presence("101", 1, available()));
      PresenceState withMessage = new PresenceState(available().status(), UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
          UserStatus.AVAILABLE, TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, "back at 3");
      assertThat(only(run.event(presence("101", 2, withMessage)), AgentStateChanged.class)).isEmpty();
    }
  }
}
