package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.CallQueueJson;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.DndStatus;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Queue calls in the office's traffic: whom a ring-all and a sequential queue offer a call to, whom they leave
 * out (off the queue, DND for department calls, offline, busy, in wrap-up), and how the calls end, as presence
 * and telephony sessions show them. Seed 31 starts users 102–111 available, so every member can take a call.
 */
class QueueCallsTest {

  private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
  private final Office office = new Office(SimulatorOptions.builder().seed(31).extensions(12).eventsPerSecond(0)
      .clock(clock).build());

  private SimExtension user(int index) {
    return office.extensions().get(index);
  }

  private List<Integer> indexes(Scenario s) {
    return s.holders.stream().map(e -> e.index).toList();
  }

  /** What a step's notifications show of the calls they carry: extension index → its queue calls. */
  private List<String> ringing(List<SimNotification> notifications) {
    List<String> out = new ArrayList<>();
    for (SimNotification n : notifications) {
      for (ActiveCall c : n.body().activeCalls()) {
        if (c.telephonyStatus() == TelephonyStatus.RINGING && c.terminationType() == null) {
          out.add(office.extension(n.extensionId()).index + " " + c.to() + " queueCall=" + c.queueCall());
        }
      }
    }
    return out;
  }

  /** The telephony session of a queue call, found by its caller (the one party without an extension). */
  private SessionTruth session(Scenario s) {
    String queue = s.kind.equals("queue-sequential") || s.kind.equals("queue-overflow")
        ? OfficeModel.SUPPORT_QUEUE_ID : CallScenarios.QUEUE_ID;
    return office.sessionTruth().stream()
        .filter(t -> t.parties().stream().anyMatch(p -> queue.equals(p.extensionId())))
        .reduce((a, b) -> b).orElseThrow();
  }

  private static Party partyOf(SessionTruth s, String extensionId) {
    return s.parties().stream().filter(p -> extensionId.equals(p.extensionId())).findFirst().orElseThrow();
  }

  @Test
  void ringAllRingsEveryMemberThatCanTakeTheCallAtOnce() {
    office.setQueuePresence(CallScenarios.QUEUE_ID, List.of(new CallQueueJson.MemberSwitch(user(3).id, false)));
    office.setPresence(user(4).id, null, DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS, null);
    office.setPresence(user(2).id, UserStatus.OFFLINE, null, null);

    Scenario call = office.play("queue-agents");
    List<SimNotification> rang = office.advance(call);

    assertThat(indexes(call)).as("off the queue (3), DND for department calls (4), offline (2) left out").containsExactly(1, 5, 6);
    assertThat(ringing(rang)).containsExactly("1 90000001 queueCall=true", "5 90000001 queueCall=true", "6 90000001 queueCall=true");
    SessionTruth s = session(call);
    assertThat(partyOf(s, CallScenarios.QUEUE_ID).status().code()).as("the queue holds the caller").isEqualTo(PartyStatusCode.ANSWERED);
    assertThat(partyOf(s, user(5).id).status().code()).isEqualTo(PartyStatusCode.PROCEEDING);

    office.advance(call);

    SessionTruth answered = session(call);
    assertThat(partyOf(answered, user(5).id).status().code()).as("the second rung answers").isEqualTo(PartyStatusCode.ANSWERED);
    assertThat(partyOf(answered, user(1).id).status().reason()).isEqualTo(PartyStatusReason.AGENT_ANSWERED);
    assertThat(partyOf(answered, user(6).id).status().reason()).isEqualTo(PartyStatusReason.AGENT_ANSWERED);
    assertThat(partyOf(answered, CallScenarios.QUEUE_ID).status().code()).isEqualTo(PartyStatusCode.DISCONNECTED);
  }

  @Test
  void sequentialRingsOneMemberAtATimeAndMovesOnAfterARingTimeout() {
    Scenario call = office.play("queue-sequential");

    assertThat(ringing(office.advance(call))).containsExactly("5 90000003 queueCall=true");
    List<SimNotification> timeout = office.advance(call);
    assertThat(ringing(timeout)).as("the next member, in the same step").containsExactly("6 90000003 queueCall=true");
    assertThat(timeout).extracting(n -> office.extension(n.extensionId()).index).containsExactly(5, 6);
    assertThat(partyOf(session(call), user(5).id).missedCall()).isTrue();
    office.advance(call);

    assertThat(indexes(call)).containsExactly(5, 6);
    assertThat(partyOf(session(call), user(6).id).status().code()).isEqualTo(PartyStatusCode.ANSWERED);
    assertThat(partyOf(session(call), OfficeModel.SUPPORT_QUEUE_ID).status().code()).isEqualTo(PartyStatusCode.DISCONNECTED);
  }

  @Test
  void anAgentInWrapUpIsOfferedNoCallUntilItEnds() {
    Scenario first = office.play("queue-sequential");
    while (!first.done()) {
      office.advance(first); // user 6 answers and hangs up
    }
    clock.advance(Duration.ofSeconds(14));
    Scenario during = office.play("queue-agents");
    office.advance(during);
    assertThat(indexes(during)).as("15 s of wrap-up: user 6 is left out").containsExactly(1, 2, 3, 4, 5);
    while (!during.done()) {
      office.advance(during);
    }

    clock.advance(Duration.ofSeconds(1));
    Scenario after = office.play("queue-abandoned");
    office.advance(after);
    assertThat(indexes(after)).as("user 2 answered the last call and wraps up; user 6's wrap-up is over")
        .containsExactly(1, 3, 4, 5, 6);
  }

  @Test
  void aMemberOnACallIsNotOffered() {
    Scenario internal = office.play("internal");
    office.advance(internal); // the first two free users: one calls the other, who rings
    List<Integer> onACall = indexes(internal);

    Scenario call = office.play("queue-abandoned");
    office.advance(call);

    List<Integer> expected = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));
    expected.removeAll(onACall);
    assertThat(onACall).contains(1);
    assertThat(indexes(call)).containsExactlyElementsOf(expected);
  }

  @Test
  void anAbandonedCallStopsEveryPhoneAndTheQueueLetsTheCallerGo() {
    Scenario call = office.play("queue-abandoned");
    office.advance(call);
    SessionTruth ringingNow = session(call);

    List<SimNotification> hungUp = office.advance(call);

    assertThat(call.done()).isTrue();
    assertThat(hungUp).hasSize(6).allSatisfy(n -> assertThat(n.body().telephonyStatus()).isEqualTo(TelephonyStatus.NO_CALL));
    assertThat(office.sessionTruth()).as("the session is over").noneMatch(s -> s.telephonySessionId().equals(ringingNow.telephonySessionId()));
    assertThat(ringingNow.parties()).hasSize(8);
  }

  @Test
  void anOverflowingCallGoesToTheQueuesVoicemailAfterTheMembersDidNotAnswer() {
    Scenario call = office.play("queue-overflow");
    office.advance(call); // user 5 rings
    office.advance(call); // user 6 rings
    office.advance(call); // max wait: voicemail
    SessionTruth voicemail = session(call);

    assertThat(partyOf(voicemail, OfficeModel.SUPPORT_QUEUE_ID).status().code()).isEqualTo(PartyStatusCode.VOICEMAIL);
    assertThat(partyOf(voicemail, user(5).id).missedCall()).isTrue();
    assertThat(partyOf(voicemail, user(6).id).missedCall()).isTrue();
    assertThat(voicemail.parties().get(0).extensionId()).as("the caller").isNull();
    assertThat(voicemail.parties().get(0).status().code()).as("still connected, leaving a message").isEqualTo(PartyStatusCode.ANSWERED);
    assertThat(user(6).calls).allMatch(SimCall::ended);

    office.advance(call);
    assertThat(call.done()).isTrue();
  }

  @Test
  void aWaitingCallerHearsTheGreetingBeforeAnyPhoneRings() {
    Scenario call = office.play("queue-waiting");

    assertThat(office.advance(call)).as("the queue answers the caller; no member rings yet").isEmpty();
    assertThat(office.advance(call)).isEmpty();
    assertThat(ringing(office.advance(call))).hasSize(6);
    while (!call.done()) {
      office.advance(call);
    }
    assertThat(indexes(call)).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aCallNobodyCanTakeWaitsInTheQueueUntilSomeoneCan() {
    SimQueue support = office.queue(OfficeModel.SUPPORT_QUEUE_ID);
    Scenario call = office.play("queue-overflow"); // needs one member that can take it; then all go off the queue
    for (SimExtension e : support.members()) {
      office.setQueuePresence(support.id, List.of(new CallQueueJson.MemberSwitch(e.id, false)));
    }

    assertThat(office.advance(call)).isEmpty();
    assertThat(call.holders).isEmpty();
    office.setQueuePresence(support.id, List.of(new CallQueueJson.MemberSwitch(user(8).id, true)));
    assertThat(ringing(office.advance(call))).as("a ring timeout offers it again").containsExactly("8 90000003 queueCall=true");
  }

  @Test
  void namedQueueCallsNeedMembersThatCanTakeThem() {
    SimQueue support = office.queue(OfficeModel.SUPPORT_QUEUE_ID);
    for (SimExtension e : support.members().subList(1, support.members().size())) {
      office.setPresence(e.id, UserStatus.OFFLINE, null, null);
    }

    assertThatThrownBy(() -> office.play("queue-sequential")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 2 members of Support Queue");
    assertThat(office.play("queue-overflow").kind).isEqualTo("queue-overflow");
  }

  @Test
  void randomTrafficHasEveryQueueOutcomeAndAgentsSwitchingQueues() {
    List<String> kinds = new ArrayList<>();
    List<QueuePresenceChange> switches = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      clock.advance(Duration.ofMillis(500));
      office.step();
      switches.addAll(office.takeQueueChanges());
    }
    office.contactCentre().queueCalls(office.now()).forEach(q -> kinds.add(
        q.answeredAt != null ? "answered" : q.endedAt == null ? "open" : q.overflowed ? "overflowed" : "abandoned"));

    assertThat(kinds).contains("answered", "abandoned", "overflowed");
    assertThat(switches).isNotEmpty().allSatisfy(c -> assertThat(c.records()).hasSize(1));
  }
}
