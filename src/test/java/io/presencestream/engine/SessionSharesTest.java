package io.presencestream.engine;

import static io.presencestream.engine.SessionFixtures.note;
import static io.presencestream.engine.SessionFixtures.party;
import static io.presencestream.engine.SessionFixtures.t;
import static io.presencestream.engine.SessionFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Direction;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonySessionNotification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A notification's share for one extension ({@link SessionTracker#applyFor}, {@code EngineInput}'s
 * {@code forExtension}): each extension a notification concerns gets from its share what it gets from the whole
 * notification, an extension it does not concern gets nothing, and an idle extension's clock does not move with
 * time passing elsewhere, so trackers holding different extensions derive what one tracker derives.
 */
class SessionSharesTest {

  private final Party caller = party("p-1", null, Direction.OUTBOUND, "+16505550100", "+16505550101",
      PartyStatusCode.SETUP);
  private final Party agent = party("p-2", "101", Direction.INBOUND, "+16505550100", "+16505550101",
      PartyStatusCode.SETUP);
  private final Party other = party("p-3", "102", Direction.INBOUND, "+16505550100", "+16505550101",
      PartyStatusCode.SETUP);

  /** An account-level call: 101 and 102 ring, 101 answers, the caller holds (a line without 101's party), hang-up. */
  private List<TelephonySessionNotification> call() {
    return List.of(
        note(null, "s-1", 1, 0, caller, agent, other),
        note(null, "s-1", 2, 1_000, with(agent, PartyStatusCode.ANSWERED), with(other, PartyStatusCode.DISCONNECTED)),
        note(null, "s-1", 3, 2_000, with(caller, PartyStatusCode.HOLD)),
        note(null, "s-1", 4, 9_000, with(caller, PartyStatusCode.DISCONNECTED), with(agent, PartyStatusCode.DISCONNECTED)));
  }

  @Test
  void eachExtensionsShareGivesItWhatTheWholeNotificationGivesIt() {
    SessionTracker whole = new SessionTracker(SessionOptions.defaults());
    SessionTracker of101 = new SessionTracker(SessionOptions.defaults());
    SessionTracker of102 = new SessionTracker(SessionOptions.defaults());
    List<SessionOutcome> expected = new ArrayList<>();
    List<SessionOutcome> shares = new ArrayList<>();
    for (TelephonySessionNotification n : call()) {
      expected.addAll(whole.apply(n));
      of101.applyFor(n, "101").ifPresent(shares::add);
      of102.applyFor(n, "102").ifPresent(shares::add);
    }

    assertThat(shares).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(shares.stream().filter(o -> o.extensionId().equals("101")).flatMap(o -> o.events().stream())
        .map(e -> e.kind().label()))
        .containsExactly("session.started", "party.updated", "party.updated", "party.updated", "party.updated",
            "party.updated", "session.ended");
  }

  @Test
  void anExtensionTheNotificationDoesNotConcernGetsNothingAndKeepsNoState() {
    SessionTracker tracker = new SessionTracker(SessionOptions.defaults());

    assertThat(tracker.applyFor(call().get(0), "103")).isEmpty();
    assertThat(tracker.applyFor(note("101", "s-1", 1, 0, agent), "102")).as("101's own notification").isEmpty();
    assertThat(tracker.isEmpty()).isTrue();
    assertThat(tracker.applyFor(call().get(2), "101")).as("101 does not track s-1 here").isEmpty();
  }

  @Test
  void timePassingForOtherExtensionsDoesNotRetimeAnIdleExtensionsNextEvent() {
    SessionTracker quiet = new SessionTracker(SessionOptions.defaults());
    SessionTracker busy = new SessionTracker(SessionOptions.defaults());
    List<TelephonySessionNotification> call = call();
    quiet.apply(call.get(0));
    busy.apply(call.get(0));
    busy.advanceTo(t(5_000)); // other extensions' inputs let time pass, past 101's next eventTime

    List<SessionEvent> a = quiet.apply(call.get(1)).get(0).events();
    List<SessionEvent> b = busy.apply(call.get(1)).get(0).events();

    assertThat(b).isEqualTo(a);
    assertThat(b.get(0).at()).isEqualTo(t(1_000));
  }

  @Test
  void theEngineAppliesAnInputsShareForItsExtensionOnly() {
    PresenceTracker engine = new PresenceTracker(EngineOptions.defaults());
    EngineInput.TelephonySessionReceived first = new EngineInput.TelephonySessionReceived(call().get(0), t(30));

    assertThat(engine.apply(first.shareFor("102")).events()).extracting(e -> e.extensionId())
        .containsExactly("102");
    assertThat(engine.apply(first.shareFor("103")).applied()).isFalse();
    assertThat(engine.sessions("101")).isEmpty();
    assertThat(engine.sessions("102")).hasSize(1);
  }
}
