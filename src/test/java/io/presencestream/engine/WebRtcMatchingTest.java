package io.presencestream.engine;

import static io.presencestream.engine.Fixtures.at;
import static io.presencestream.engine.Fixtures.inbound;
import static io.presencestream.engine.Fixtures.notification;
import static io.presencestream.engine.Fixtures.outbound;
import static io.presencestream.engine.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PartyData;
import io.presencestream.model.WebRtcSession;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebRtcMatchingTest {

  private final PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());

  private static Call call(Fixtures.CallBuilder builder, Instant startTime) {
    return StartTimes.knowing(List.of()).toCall(builder.build(), startTime);
  }

  private static WebRtcSession inboundSession(String id, String from, Instant creationTime) {
    return new WebRtcSession(id, "101", "sip-call-" + id, null, Direction.INBOUND, from, "101", creationTime, null);
  }

  private void register(WebRtcSession session) {
    tracker.apply(new EngineInput.WebRtcSessionRegistered(session, session.creationTime()));
  }

  private List<Call> calls() {
    return tracker.state("101").orElseThrow().calls();
  }

  @Test
  void matchesInboundSessionByRemoteUriWithinSixteenSeconds() {
    Call presenceCall = call(inbound("1").remoteUri("sip:104@sip.ringcentral.com"), at(0));
    assertThat(WebRtcMatcher.matches(presenceCall, inboundSession("w1", "104", at(0).plusMillis(16_000)))).isTrue();
    assertThat(WebRtcMatcher.matches(presenceCall, inboundSession("w1", "104", at(0).minusMillis(16_000)))).isTrue();
  }

  @Test
  void doesNotMatchSixteenSecondsAndOneMillisecondApart() {
    Call presenceCall = call(inbound("1").remoteUri("sip:104@sip.ringcentral.com"), at(0));
    assertThat(WebRtcMatcher.matches(presenceCall, inboundSession("w1", "104", at(0).plusMillis(16_001)))).isFalse();
  }

  @Test
  void doesNotMatchWhenDirectionDiffers() {
    Call presenceCall = call(outbound("1").remoteUri("sip:104@sip.ringcentral.com"), at(0));
    assertThat(WebRtcMatcher.matches(presenceCall, inboundSession("w1", "104", at(0)))).isFalse();
  }

  @Test
  void doesNotMatchWhenRemoteUriDoesNotContainTheRemoteUser() {
    Call presenceCall = call(inbound("1").remoteUri("sip:105@sip.ringcentral.com"), at(0));
    assertThat(WebRtcMatcher.matches(presenceCall, inboundSession("w1", "104", at(0)))).isFalse();
  }

  @Test
  void outboundSessionUsesItsAnswerTimeAndTheCalleeUser() {
    Call presenceCall = call(outbound("1").remoteUri("sip:+16505550100@sip"), at(0));
    WebRtcSession answeredLate = new WebRtcSession("w1", "101", "x", null, Direction.OUTBOUND, "101", "+16505550100",
        at(-60), at(5));
    WebRtcSession notAnswered = new WebRtcSession("w2", "101", "y", null, Direction.OUTBOUND, "101", "+16505550100",
        at(-60), null);
    assertThat(WebRtcMatcher.matches(presenceCall, answeredLate)).isTrue();
    assertThat(WebRtcMatcher.matches(presenceCall, notAnswered)).isFalse();
  }

  @Test
  void matchesByPartyDataWhenBothSidesHaveIt() {
    Call presenceCall = call(inbound("1").telephonySession("s-1", "p-1"), at(0));
    WebRtcSession byParty = new WebRtcSession("w1", "101", "other", new PartyData("s-1", "p-1"), Direction.INBOUND,
        null, null, at(600), null);
    WebRtcSession wrongSession = new WebRtcSession("w2", "101", "call-1-Inbound", new PartyData("s-2", "p-1"),
        Direction.INBOUND, null, null, at(0), null);
    WebRtcSession byCallId = new WebRtcSession("w3", "101", "call-1-Inbound", new PartyData("s-1", "p-9"),
        Direction.INBOUND, null, null, at(0), null);
    assertThat(WebRtcMatcher.matches(presenceCall, byParty)).isTrue();
    assertThat(WebRtcMatcher.matches(presenceCall, wrongSession)).isFalse();
    assertThat(WebRtcMatcher.matches(presenceCall, byCallId)).isTrue();
  }

  @Test
  void matchesBySipCallIdWithoutPartyData() {
    Call presenceCall = call(outbound("1").id("abc"), at(0));
    WebRtcSession session = new WebRtcSession("w1", "101", "abc", null, Direction.INBOUND, null, null, at(3600), null);
    assertThat(WebRtcMatcher.matches(presenceCall, session)).isTrue();
  }

  @Test
  void matchesConferenceCallWhenSessionIdStartsWithCallId() {
    Call conference = call(outbound("1").id("conf-7").toName("Conference"), at(0));
    WebRtcSession session = new WebRtcSession("conf-7-abc", "101", "x", null, Direction.OUTBOUND, "101", "conf",
        at(0), null);
    WebRtcSession other = new WebRtcSession("zzz", "101", "x", null, Direction.OUTBOUND, "101", "conf", at(0), null);
    assertThat(WebRtcMatcher.matches(conference, session)).isTrue();
    assertThat(WebRtcMatcher.matches(conference, other)).isFalse();
  }

  @Test
  void matchedCallCarriesTheSessionId() {
    register(inboundSession("w1", "104", at(1)));
    tracker.apply(notification(update("101").calls(inbound("1").remoteUri("sip:104@x")), at(0)));
    assertThat(calls()).singleElement().extracting(Call::webRtcSessionId).isEqualTo("w1");
  }

  @Test
  void registeringASessionLaterMatchesAnExistingCall() {
    tracker.apply(notification(update("101").calls(inbound("1").remoteUri("sip:104@x")), at(0)));
    register(inboundSession("w1", "104", at(1)));
    assertThat(calls().get(0).webRtcSessionId()).isEqualTo("w1");

    tracker.apply(new EngineInput.WebRtcSessionRemoved("101", "w1", at(2)));
    assertThat(calls().get(0).webRtcSessionId()).isNull();
  }

  @Test
  void closestInTimeWinsAndASessionIsUsedForOneCallOnly() {
    register(inboundSession("w1", "104", at(10)));
    tracker.apply(notification(update("101").calls(
        inbound("1").remoteUri("sip:104@x").startTime(at(0)),
        inbound("2").remoteUri("sip:104@x").startTime(at(9))), at(12)));

    assertThat(calls()).filteredOn(c -> c.webRtcSessionId() != null).extracting(Call::sessionId).containsExactly("2");
  }

  @Test
  void keepsAnEarlierMatchWhileItHolds() {
    register(inboundSession("w1", "104", at(10)));
    tracker.apply(notification(update("101").sequence(1).calls(
        inbound("1").remoteUri("sip:104@x").startTime(at(0))), at(1)));
    tracker.apply(notification(update("101").sequence(2).calls(
        inbound("1").remoteUri("sip:104@x").startTime(at(0)),
        inbound("2").remoteUri("sip:104@x").startTime(at(10))), at(10)));

    assertThat(calls()).filteredOn(c -> c.webRtcSessionId() != null).extracting(Call::sessionId).containsExactly("1");
  }

  @Test
  void twoSessionsGoToTwoCalls() {
    register(inboundSession("w1", "104", at(0)));
    register(inboundSession("w2", "104", at(9)));
    tracker.apply(notification(update("101").calls(
        inbound("1").remoteUri("sip:104@x").startTime(at(0)),
        inbound("2").remoteUri("sip:104@x").startTime(at(9))), at(12)));

    assertThat(calls()).extracting(c -> c.sessionId() + "=" + c.webRtcSessionId()).containsExactlyInAnyOrder("1=w1", "2=w2");
  }
}
