package io.presencestream.engine;

import static io.presencestream.engine.Fixtures.T0;
import static io.presencestream.engine.Fixtures.inbound;
import static io.presencestream.engine.Fixtures.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Call;
import io.presencestream.model.Leg;
import io.presencestream.model.TelephonyStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingOutLegsTest {

  private final RingOutLegs legs = new RingOutLegs(new PhoneNumbers());

  private static Call call(Fixtures.CallBuilder builder) {
    return StartTimes.knowing(List.of()).toCall(builder.build(), T0);
  }

  private static CallDraft draft(Fixtures.CallBuilder builder) {
    var active = builder.build();
    return new CallDraft(StartTimes.knowing(List.of()).toCall(active, T0), active.terminationType());
  }

  private static Fixtures.CallBuilder inboundLeg(String sessionId) {
    return inbound(sessionId).from("+16505550100").to("+16505550199");
  }

  private static Fixtures.CallBuilder outboundLeg(String sessionId) {
    return outbound(sessionId).from("+16505550199").to("+16505550100");
  }

  @Test
  void pairsLegsWhoseSessionIdsAreAThousandApartAndCrossMatch() {
    assertThat(legs.areTwoLegs(call(inboundLeg("118139133021")), call(outboundLeg("118139132021")))).isTrue();
  }

  @Test
  void pairsEveryGapFromOneToFourThousand() {
    for (long gap : new long[] {1000, 2000, 3000, 4000}) {
      assertThat(legs.areTwoLegs(call(inboundLeg(String.valueOf(10000 + gap))), call(outboundLeg("10000"))))
          .as("gap %d", gap).isTrue();
      assertThat(legs.areTwoLegs(call(inboundLeg("10000")), call(outboundLeg(String.valueOf(10000 + gap)))))
          .as("negative gap %d", gap).isTrue();
    }
  }

  @Test
  void doesNotPairOtherGaps() {
    for (long gap : new long[] {0, 1500, 5000}) {
      assertThat(legs.areTwoLegs(call(inboundLeg(String.valueOf(10000 + gap))), call(outboundLeg("10000"))))
          .as("gap %d", gap).isFalse();
    }
  }

  @Test
  void doesNotPairWhenOnlyOneCrossMatchHolds() {
    Call in = call(inbound("118139133021").from("+16505550100").to("+16505550111"));
    assertThat(legs.areTwoLegs(in, call(outboundLeg("118139132021")))).isFalse();
  }

  @Test
  void doesNotPairNonNumericSessionIds() {
    assertThat(legs.areTwoLegs(call(inboundLeg("s-abd")), call(outboundLeg("s-abc")))).isFalse();
  }

  @Test
  void doesNotPairTwoCallsOfTheSameDirection() {
    Call in = call(inboundLeg("11000"));
    Call alsoIn = call(inbound("10000").from("+16505550199").to("+16505550100"));
    assertThat(legs.areTwoLegs(in, alsoIn)).isFalse();
  }

  @Test
  void pairsNationalAndE164FormsOfTheSameNumbers() {
    Call in = call(inbound("11000").from("+16505550100").to("6505550199"));
    Call out = call(outbound("10000").from("+16505550199").to("6505550100"));
    assertThat(legs.areTwoLegs(in, out)).isTrue();
  }

  @Test
  void mergedCallIsBuiltFromOutboundLegAndHeldWhenInboundLegIsOnHold() {
    RingOutLegs.Merged merged = legs.merge(List.of(
        draft(outboundLeg("10000").status(TelephonyStatus.CALL_CONNECTED)),
        draft(inboundLeg("11000").status(TelephonyStatus.ON_HOLD))));

    assertThat(merged.mergedPairs()).isEqualTo(1);
    assertThat(merged.calls()).hasSize(1);
    Call call = merged.calls().get(0).call();
    assertThat(call.id()).isEqualTo("call-10000-Outbound");
    assertThat(call.sessionId()).isEqualTo("10000");
    assertThat(call.telephonyStatus()).isEqualTo(TelephonyStatus.ON_HOLD);
    assertThat(call.outboundLeg()).isEqualTo(new Leg("call-10000-Outbound", "10000"));
    assertThat(call.inboundLeg()).isEqualTo(new Leg("call-11000-Inbound", "11000"));
    assertThat(call.isRingOut()).isTrue();
  }

  @Test
  void eachOutboundLegPairsWithOneInboundLegOnly() {
    RingOutLegs.Merged merged = legs.merge(List.of(
        draft(outboundLeg("10000")), draft(inboundLeg("11000")), draft(inboundLeg("12000"))));

    assertThat(merged.calls()).extracting(d -> d.call().sessionId()).containsExactly("10000", "12000");
    assertThat(merged.calls().get(0).call().inboundLeg().sessionId()).isEqualTo("11000");
    assertThat(merged.calls().get(1).call().isRingOut()).isFalse();
  }

  @Test
  void mergedCallUsesTheE164FormOfTheInboundLegsFrom() {
    RingOutLegs.Merged merged = legs.merge(List.of(
        draft(outbound("10000").from("+16505550199").to("6505550100")),
        draft(inbound("11000").from("+16505550100").to("+16505550199"))));

    assertThat(merged.calls().get(0).call().to()).isEqualTo("+16505550100");
  }

  @Test
  void mergedCallKeepsOutboundToWhenInboundFromIsNotE164() {
    RingOutLegs.Merged merged = legs.merge(List.of(
        draft(outbound("10000").from("102").to("101")),
        draft(inbound("11000").from("101").to("102"))));

    assertThat(merged.calls()).hasSize(1);
    assertThat(merged.calls().get(0).call().to()).isEqualTo("101");
  }

  @Test
  void unpairedCallsAndCallsWithoutDirectionPassThroughUnchanged() {
    CallDraft noDirection = draft(inbound("20000").direction(null).from("1").to("2"));
    CallDraft lone = draft(inboundLeg("30000"));
    RingOutLegs.Merged merged = legs.merge(List.of(noDirection, lone));

    assertThat(merged.mergedPairs()).isZero();
    assertThat(merged.calls()).containsExactly(noDirection, lone);
  }
}
