package io.presencestream.engine;

import static io.presencestream.engine.Fixtures.at;
import static io.presencestream.engine.Fixtures.inbound;
import static io.presencestream.engine.Fixtures.notification;
import static io.presencestream.engine.Fixtures.outbound;
import static io.presencestream.engine.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.EndReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.ringOutGrace}: the {@code call.new}/{@code call.ringing} of a new inbound call that may be
 * the inbound leg of a RingOut call wait for the grace period (input time), so a leg that merges is never
 * announced as a call of its own.
 */
class RingOutGraceTest {

  private static final Duration GRACE = Duration.ofMillis(1500);

  private final PresenceTracker tracker = new PresenceTracker(EngineOptions.builder().ringOutGrace(GRACE).build());

  private static Fixtures.CallBuilder inboundLeg() {
    return inbound("11000").id("leg-in").from("+16505550100").to("+16505550199").status(TelephonyStatus.RINGING);
  }

  private static Fixtures.CallBuilder outboundLeg() {
    return outbound("10000").id("ringout").from("+16505550199").to("+16505550100");
  }

  private List<String> send(Fixtures.UpdateBuilder update, Instant at) {
    return describe(tracker.apply(notification(update, at)));
  }

  private static List<String> describe(Outcome outcome) {
    return outcome.events().stream()
        .filter(PresenceEvent.CallEvent.class::isInstance).map(PresenceEvent.CallEvent.class::cast)
        .map(e -> e.kind().label() + ":" + e.extensionId() + ":" + e.call().id())
        .toList();
  }

  private static Instant ms(long millis) {
    return at(0).plusMillis(millis);
  }

  @Test
  void inboundLegThatMergesWithinTheGracePeriodIsNeverAnnounced() {
    assertThat(send(update("101").calls(inboundLeg()), ms(0))).isEmpty();

    assertThat(send(update("101").calls(outboundLeg(), inboundLeg()), ms(200)))
        .containsExactly("call.new:101:ringout");
    assertThat(send(update("101").calls(), ms(60_000))).containsExactly("call.ended:101:ringout");
  }

  @Test
  void inboundCallIsAnnouncedByTheFirstInputAfterTheGracePeriod() {
    assertThat(send(update("101").calls(inboundLeg()), ms(0))).isEmpty();
    assertThat(send(update("102").calls(), ms(1499))).as("still within the grace period").isEmpty();

    assertThat(send(update("102").calls(), ms(1500)))
        .containsExactly("call.new:101:leg-in", "call.ringing:101:leg-in");
    assertThat(send(update("101").calls(inboundLeg().status(TelephonyStatus.CALL_CONNECTED)), ms(3000)))
        .containsExactly("call.updated:101:leg-in");
  }

  @Test
  void advancingInputTimeAnnouncesHeldCallsOfAQuietStream() {
    send(update("101").calls(inboundLeg()), ms(0));

    assertThat(describe(tracker.advanceTo(ms(1000)))).isEmpty();
    assertThat(describe(tracker.advanceTo(ms(1600)))).containsExactly("call.new:101:leg-in", "call.ringing:101:leg-in");
    assertThat(describe(tracker.advanceTo(ms(5000)))).as("announced once").isEmpty();
  }

  @Test
  void heldCallThatEndsUnmergedIsAnnouncedAndEndedAsMissed() {
    send(update("101").calls(inboundLeg()), ms(0));

    Outcome outcome = tracker.apply(notification(update("101").calls(), ms(800)));

    assertThat(describe(outcome)).containsExactly("call.new:101:leg-in", "call.ringing:101:leg-in", "call.ended:101:leg-in");
    assertThat(((PresenceEvent.CallEnded) outcome.events().get(outcome.events().size() - 1)).reason())
        .isEqualTo(EndReason.MISSED);
  }

  @Test
  void callsThatCannotBeRingOutLegsAreNotHeld() {
    assertThat(send(update("101").calls(outbound("20000").id("out")), ms(0))).containsExactly("call.new:101:out");
    assertThat(send(update("102").calls(inbound("s-abc").id("not-numeric")), ms(0)))
        .containsExactly("call.new:102:not-numeric");
  }

  @Test
  void sameInputsGiveTheSameEvents() {
    List<List<String>> first = replay();
    List<List<String>> second = replay();
    assertThat(first).isEqualTo(second);
  }

  private static List<List<String>> replay() {
    PresenceTracker fresh = new PresenceTracker(EngineOptions.builder().ringOutGrace(GRACE).build());
    return List.of(
        describe(fresh.apply(notification(update("101").calls(inboundLeg()), ms(0)))),
        describe(fresh.apply(notification(update("102").calls(inbound("31000").id("b")), ms(100)))),
        describe(fresh.apply(notification(update("103").calls(), ms(1550)))),
        describe(fresh.apply(notification(update("103").calls(), ms(1650)))));
  }

  @Test
  void withoutAGracePeriodTheLegIsAnnouncedAndEndsMerged() {
    PresenceTracker plain = new PresenceTracker(EngineOptions.defaults());
    assertThat(describe(plain.apply(notification(update("101").calls(inboundLeg()), ms(0)))))
        .containsExactly("call.new:101:leg-in", "call.ringing:101:leg-in");
    assertThat(describe(plain.apply(notification(update("101").calls(outboundLeg(), inboundLeg()), ms(200)))))
        .containsExactly("call.ended:101:leg-in", "call.new:101:ringout");
  }
}
