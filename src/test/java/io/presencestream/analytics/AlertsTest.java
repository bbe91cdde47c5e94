package io.presencestream.analytics;

import static io.presencestream.analytics.CcFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Alert;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertRule.Kind;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.Call;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.ContactCentreEvent.AlertCleared;
import io.presencestream.model.ContactCentreEvent.AlertRaised;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contact-centre.md "Alerts": every rule raised and cleared, scopes, stable ids. */
class AlertsTest {

  private static Run run(AlertRule... rules) {
    Run run = new Run(UTC.withAlerts(List.of(rules)));
    run.directory(salesDirectory(0));
    for (String ext : List.of("101", "102", "103")) {
      run.event(presence(ext, 0, available()));
    }
    return run;
  }

  private static List<AlertRaised> raised(List<ContactCentreEvent> events) {
    return only(events, AlertRaised.class);
  }

  private static List<AlertCleared> cleared(List<ContactCentreEvent> events) {
    return only(events, AlertCleared.class);
  }

  @Test
  void callRingingIsRaisedTheInstantTheRingPassesLongerThanAndClearedWhenItStopsRinging() {
    Run run = run(AlertRule.longerThan("long-ring", Kind.CALL_RINGING, Duration.ofSeconds(30), AlertSeverity.WARNING)
        .withTargets(List.of("ops-slack")));
    Call c = directCall("c", "ts-1", Direction.INBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    assertThat(raised(run.tick(39.9))).isEmpty();
    List<AlertRaised> up = raised(run.tick(41));
    assertThat(up).singleElement().satisfies(r -> {
      assertThat(r.at()).isEqualTo(at(40));
      assertThat(r.extensionId()).isEqualTo("101");
      Alert a = r.alert();
      assertThat(a.id()).isEqualTo("long-ring:101:ts-1");
      assertThat(a.rule()).isEqualTo("call.ringing");
      assertThat(a.subject()).isEqualTo("extension");
      assertThat(a.callKey()).isEqualTo("ts-1");
      assertThat(a.severity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(a.raisedAt()).isEqualTo(at(40));
      assertThat(a.clearedAt()).isNull();
      assertThat(a.targets()).containsExactly("ops-slack");
      assertThat(a.message()).isEqualTo("call ringing at 101 (Alice) for longer than 30s");
    });
    assertThat(run.view.snapshot().alerts()).extracting(Alert::id).containsExactly("long-ring:101:ts-1");

    List<AlertCleared> down = cleared(run.event(updated("101", 45, c, TelephonyStatus.CALL_CONNECTED)));
    assertThat(down).singleElement().satisfies(e -> {
      assertThat(e.alert().id()).as("the same id pairs raised with cleared").isEqualTo("long-ring:101:ts-1");
      assertThat(e.alert().clearedAt()).isEqualTo(at(45));
      assertThat(e.alert().raisedAt()).isEqualTo(at(40));
    });
    assertThat(run.view.snapshot().alerts()).isEmpty();
  }

  @Test
  void aCallThatStopsRingingBeforeTheThresholdRaisesNothing() {
    Run run = run(AlertRule.longerThan("long-ring", Kind.CALL_RINGING, Duration.ofSeconds(30), AlertSeverity.WARNING));
    Call c = directCall("c", "ts-1", Direction.INBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    run.event(ended("101", 20, c));
    assertThat(raised(run.tick(100))).isEmpty();
  }

  @Test
  void callHoldIsClearedWhenResumedOrEnded() {
    Run run = run(AlertRule.longerThan("long-hold", Kind.CALL_HOLD, Duration.ofMinutes(1), AlertSeverity.INFO));
    Call c = directCall("c", "ts-1", Direction.INBOUND, TelephonyStatus.CALL_CONNECTED);
    run.event(started("101", 0, c));
    run.event(updated("101", 10, c, TelephonyStatus.ON_HOLD));
    assertThat(raised(run.tick(71))).singleElement().satisfies(r -> assertThat(r.at()).isEqualTo(at(70)));
    assertThat(cleared(run.event(updated("101", 80, withStatus(c, TelephonyStatus.ON_HOLD),
        TelephonyStatus.CALL_CONNECTED)))).hasSize(1);
    run.event(updated("101", 90, withStatus(c, TelephonyStatus.CALL_CONNECTED), TelephonyStatus.ON_HOLD));
    assertThat(raised(run.tick(151))).singleElement()
        .satisfies(r -> assertThat(r.alert().id()).isEqualTo("long-hold:101:ts-1"));
    assertThat(cleared(run.event(ended("101", 160, withStatus(c, TelephonyStatus.ON_HOLD))))).hasSize(1);
  }

  @Test
  void queueWaitIsAboutTheQueueAndClearedWhenTheCallIsAnswered() {
    Run run = run(AlertRule.longerThan("long-wait", Kind.QUEUE_WAIT, Duration.ofSeconds(20), AlertSeverity.CRITICAL));
    Call c = queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    assertThat(raised(run.tick(31))).singleElement().satisfies(r -> {
      assertThat(r.extensionId()).as("a queue alert's event names the queue").isEqualTo("2001");
      assertThat(r.alert().subject()).isEqualTo("queue");
      assertThat(r.alert().id()).isEqualTo("long-wait:2001:ts-1");
      assertThat(r.alert().message()).isEqualTo("call waiting in Sales Queue for longer than 20s");
    });
    assertThat(cleared(run.event(updated("101", 33, c, TelephonyStatus.CALL_CONNECTED)))).singleElement()
        .satisfies(e -> assertThat(e.at()).isEqualTo(at(33)));
  }

  @Test
  void queueWaitIsClearedWhenTheCallEndsUnanswered() {
    Run run = run(AlertRule.longerThan("long-wait", Kind.QUEUE_WAIT, Duration.ofSeconds(20), AlertSeverity.CRITICAL));
    Call c = queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    run.tick(31);
    run.event(ended("101", 40, c));
    assertThat(cleared(run.tick(50))).singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(at(43)));
  }

  @Test
  void queueServiceLevelIsRaisedBelowThePercentWithEnoughCallsAndClearedAtOrAboveAgain() {
    Run run = run(AlertRule.serviceLevel("sl", "15m", 80, AlertSeverity.WARNING).withMinCalls(2));
    answerAfter(run, "ts-1", 0, 30);   // outside 20s
    assertThat(run.view.snapshot().alerts()).as("one call is fewer than minCalls").isEmpty();
    List<AlertRaised> up = raised(answerAfter(run, "ts-2", 40, 45));  // 1 of 2 within: 50%
    assertThat(up).singleElement().satisfies(r -> {
      assertThat(r.alert().id()).isEqualTo("sl:2001");
      assertThat(r.alert().callKey()).isNull();
      assertThat(r.alert().message()).isEqualTo("service level of Sales Queue over 15m is 50% (below 80%)");
    });
    answerAfter(run, "ts-3", 60, 61);
    answerAfter(run, "ts-4", 70, 71);
    List<ContactCentreEvent> events = answerAfter(run, "ts-5", 80, 81); // 4 of 5: 80%, at the level
    assertThat(cleared(events)).singleElement().satisfies(e -> assertThat(e.alert().id()).isEqualTo("sl:2001"));
  }

  private static List<ContactCentreEvent> answerAfter(Run run, String session, double entered, double answered) {
    Call c = queueCall("c-" + session, session, "2001", TelephonyStatus.RINGING);
    run.event(started("101", entered, c));
    List<ContactCentreEvent> events = new java.util.ArrayList<>(
        run.event(updated("101", answered, c, TelephonyStatus.CALL_CONNECTED)));
    run.event(ended("101", answered + 0.5, withStatus(c, TelephonyStatus.CALL_CONNECTED)));
    return events;
  }

  @Test
  void queueAbandonedIsRaisedWhenACallIsAbandonedAndClearedClearAfterLater() {
    Run run = run(AlertRule.onEvent("abandoned", Kind.QUEUE_ABANDONED, AlertSeverity.WARNING)
        .withClearAfter(Duration.ofMinutes(2)));
    Call c = queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    run.event(ended("101", 40, c));
    assertThat(raised(run.tick(50))).singleElement().satisfies(r -> {
      assertThat(r.at()).isEqualTo(at(43));
      assertThat(r.alert().id()).isEqualTo("abandoned:2001:ts-1");
      assertThat(r.alert().message()).isEqualTo("call abandoned in Sales Queue after waiting 30s");
    });
    assertThat(cleared(run.tick(162.9))).isEmpty();
    assertThat(cleared(run.tick(200))).singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(at(163)));
  }

  @Test
  void callMissedIsRaisedForAQueueCallMissedByAnAgentOnly() {
    Run run = run(AlertRule.onEvent("missed", Kind.CALL_MISSED, AlertSeverity.INFO));
    Call direct = directCall("d", "ts-0", Direction.INBOUND, TelephonyStatus.RINGING);
    run.event(started("101", 1, direct));
    run.event(ended("101", 5, direct));
    assertThat(raised(run.tick(10))).as("not a queue call").isEmpty();

    Call c = queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("102", 10, c));
    run.event(ended("102", 20, c));
    List<AlertRaised> up = raised(run.tick(30));
    assertThat(up).filteredOn(r -> r.alert().rule().equals("call.missed")).singleElement().satisfies(r -> {
      assertThat(r.at()).as("decided after the answered-elsewhere grace").isEqualTo(at(22));
      assertThat(r.alert().id()).isEqualTo("missed:102:ts-1");
      assertThat(r.alert().message()).isEqualTo("102 (Bob) missed a call of Sales Queue");
    });
    assertThat(cleared(run.tick(22 + 300))).singleElement()
        .satisfies(e -> assertThat(e.alert().id()).isEqualTo("missed:102:ts-1"));
  }

  @Test
  void agentDndIsRaisedAfterLongerThanAndClearedWhenTheAgentLeavesDnd() {
    Run run = run(AlertRule.longerThan("dnd", Kind.AGENT_DND, Duration.ofMinutes(10), AlertSeverity.INFO));
    run.event(presence("103", 100, with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS)));
    assertThat(raised(run.tick(700))).singleElement().satisfies(r -> {
      assertThat(r.at()).isEqualTo(at(700));
      assertThat(r.alert().id()).isEqualTo("dnd:103");
      assertThat(r.alert().message()).isEqualTo("103 (Carol) in Do Not Disturb for longer than 10m");
    });
    assertThat(cleared(run.event(presence("103", 800, available())))).singleElement()
        .satisfies(e -> assertThat(e.at()).isEqualTo(at(800)));
  }

  @Test
  void agentOffQueueCountsOffQueueButNotOffline() {
    Run run = run(AlertRule.longerThan("off", Kind.AGENT_OFF_QUEUE, Duration.ofMinutes(5), AlertSeverity.INFO));
    run.event(presence("102", 10, with(DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS)));
    assertThat(raised(run.tick(310))).singleElement().satisfies(r -> {
      assertThat(r.alert().id()).isEqualTo("off:102");
      assertThat(r.at()).isEqualTo(at(310));
    });
    List<AlertCleared> offline = cleared(run.event(presence("102", 400, presence(
        io.presencestream.model.UserStatus.AVAILABLE, DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS,
        io.presencestream.model.UserStatus.OFFLINE, null))));
    assertThat(offline).as("Offline ends it").hasSize(1);
  }

  @Test
  void aQueueScopeLimitsQueueSubjectsToThoseQueuesByNameNumberOrId() {
    AlertRule byName = AlertRule.longerThan("w1", Kind.QUEUE_WAIT, Duration.ofSeconds(5), AlertSeverity.INFO)
        .withQueues(List.of("Sales Queue"));
    AlertRule other = AlertRule.longerThan("w2", Kind.QUEUE_WAIT, Duration.ofSeconds(5), AlertSeverity.INFO)
        .withQueues(List.of("Support Queue"));
    Run run = run(byName, other);
    run.event(started("101", 10, queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING)));
    assertThat(raised(run.tick(20))).extracting(r -> r.alert().name()).containsExactly("w1");
  }

  @Test
  void scopesLimitExtensionSubjectsByNumberOrIdAndByQueueMembership() {
    AlertRule only102 = AlertRule.longerThan("d102", Kind.AGENT_DND, Duration.ofSeconds(5), AlertSeverity.INFO)
        .withExtensions(List.of("102"));
    AlertRule salesMembers = AlertRule.longerThan("dsales", Kind.AGENT_DND, Duration.ofSeconds(5), AlertSeverity.INFO)
        .withQueues(List.of("2001"));
    Run run = new Run(UTC.withAlerts(List.of(only102, salesMembers)));
    run.directory(directory(0, List.of(user("101", "Alice"), user("102", "Bob"), user("105", "Eve")),
        queue("2001", "2001", "Sales Queue", member("101"), member("102"))));
    for (String ext : List.of("101", "102", "105")) {
      run.event(presence(ext, 0, with(DndStatus.DO_NOT_ACCEPT_ANY_CALLS)));
    }
    assertThat(raised(run.tick(10))).extracting(r -> r.alert().id())
        .containsExactlyInAnyOrder("d102:102", "dsales:101", "dsales:102");
  }

  @Test
  void withoutRulesNoAlerts() {
    Run run = run();
    Call c = queueCall("c", "ts-1", "2001", TelephonyStatus.RINGING);
    run.event(started("101", 10, c));
    run.event(ended("101", 20, c));
    assertThat(run.tick(1000)).noneMatch(e -> e instanceof AlertRaised);
  }
}
