package io.presencestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Call;
import io.presencestream.model.CallParty;
import io.presencestream.model.Direction;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.testing.SessionInputs.ReadmeCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fusion of the session tracker's parties into presence calls, and what it costs when there is nothing to fuse. */
class SessionFeedTest {

  private static final Instant T = Instant.parse("2026-11-26T10:00:05Z");

  private final SessionFeed feed = new SessionFeed(SessionOptions.defaults(), EngineMetrics.noop());

  private static Call call(String telephonySessionId, String partyId, CallParty party) {
    return new Call("c-1", ReadmeCall.SESSION_ID, telephonySessionId, partyId, Direction.INBOUND, "+16505550123", null,
        "101", null, TelephonyStatus.CALL_CONNECTED, T.minusSeconds(5), Duration.ZERO, false, null, null, null, null,
        party);
  }

  @Test
  void withNothingToFuseThePresenceListIsReturnedAsItIsAndNoTimePasses() {
    List<Call> previous = List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, null));
    List<Call> calls = List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, null));

    assertThat(feed.fuse("101", calls, previous)).isSameAs(calls);
    assertThat(feed.advance(T)).isSameAs(List.of());
    assertThat(feed.sessions("101")).isEmpty();
  }

  @Test
  void aCallOfALiveSessionTakesItsPartyByPartyIdElseTheExtensionsOwn() {
    feed.apply(ReadmeCall.proceeding());
    feed.apply(ReadmeCall.answeredAndRecorded());
    CallParty answered = new CallParty(PartyStatusCode.ANSWERED, null, null, true, false);

    assertThat(feed.fuse("101", List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, null)), List.of()))
        .singleElement().extracting(Call::party).isEqualTo(answered);
    assertThat(feed.fuse("101", List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, "p-unknown", null)), List.of()))
        .as("an unknown party id: the extension's own party").singleElement().extracting(Call::party).isEqualTo(answered);
    List<Call> other = List.of(call("s-other", null, null));
    assertThat(feed.fuse("101", other, List.of())).as("another session: nothing known").isSameAs(other);
    List<Call> elsewhere = List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, null));
    assertThat(feed.fuse("102", elsewhere, List.of())).as("another extension's view").isSameAs(elsewhere);
  }

  @Test
  void aCallKeepsTheLastPartyItWasGivenOnceItsSessionIsGone() {
    CallParty left = new CallParty(PartyStatusCode.DISCONNECTED, PartyStatusReason.CALL_FINISHED, null, false, false);
    List<Call> previous = List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, left));
    // presence's next message builds the call afresh, without a party
    List<Call> calls = List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, null));

    assertThat(feed.fuse("101", calls, previous)).singleElement().extracting(Call::party).isEqualTo(left);
  }

  @Test
  void refusingGivesTheCallsOfTheSessionItsViewsPartyAndLeavesTheOthers() {
    List<Call> calls = List.of(call(ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, null), call("s-other", null, null));
    var view = feed.apply(ReadmeCall.proceeding()).events().get(0).session();

    List<Call> refused = SessionFeed.refuse(calls, view);

    assertThat(refused.get(0).party().status()).isEqualTo(PartyStatusCode.PROCEEDING);
    assertThat(refused.get(1)).isSameAs(calls.get(1));
    assertThat(SessionFeed.refuse(refused, view)).as("nothing new: the same list").isSameAs(refused);
  }
}
