package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Direction;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Origin;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which extensions the ingest writes a telephony-session notification for, and what it forgets when. */
class SessionRoutesTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private final AtomicInteger evicted = new AtomicInteger();
  private final SessionRoutes routes = new SessionRoutes(3, Duration.ofSeconds(60), evicted::incrementAndGet);

  private static Party party(String id, String extensionId, PartyStatusCode code) {
    return party(id, extensionId, new PartyStatus(code, null, null, null));
  }

  private static Party party(String id, String extensionId, PartyStatus status) {
    return new Party(id, "400", extensionId, Direction.INBOUND, null, null, status, null, null, null, null, null, null,
        null, null, null);
  }

  /** An account-level notification (extension null) or one of {@code extension}'s. */
  private static TelephonySessionNotification note(String extension, String session, long sequence, Party... parties) {
    return new TelephonySessionNotification("u", null, T0, "sub", "400", new TelephonySessionUpdate(sequence, "1",
        session, null, T0, "400", extension, Origin.CALL, List.of(parties)));
  }

  private List<String> route(TelephonySessionNotification n, long seconds) {
    return routes.route(n, T0.plusSeconds(seconds));
  }

  @Test
  void anExtensionsOwnNotificationIsForItAlone() {
    assertThat(route(note("101", "s-1", 1, party("p-1", "101", PartyStatusCode.SETUP), party("p-2", "102",
        PartyStatusCode.SETUP)), 0)).containsExactly("101");
  }

  @Test
  void anAccountLevelNotificationIsForItsPartiesExtensionsThenThoseSeenInTheSession() {
    assertThat(route(note(null, "s-1", 1, party("p-1", null, PartyStatusCode.SETUP),
        party("p-2", "102", PartyStatusCode.SETUP)), 0)).containsExactly("102");
    assertThat(route(note("103", "s-1", 2, party("p-3", "103", PartyStatusCode.SETUP)), 1)).containsExactly("103");
    // only the outside party: still for the extensions that may track the session
    assertThat(route(note(null, "s-1", 3, party("p-1", null, PartyStatusCode.ANSWERED)), 2))
        .containsExactly("102", "103");
    assertThat(route(note(null, "s-1", 4, party("p-4", "104", PartyStatusCode.SETUP),
        party("p-1", null, PartyStatusCode.HOLD)), 3)).containsExactly("104", "102", "103");
  }

  @Test
  void anAccountLevelNotificationOfASessionNobodyTracksIsForNoExtensionAndLeavesNothing() {
    assertThat(route(note(null, "s-1", 1, party("p-1", null, PartyStatusCode.SETUP)), 0)).isEmpty();
    assertThat(routes.size()).isZero();
  }

  @Test
  void aSessionWhosePartiesAllLeftIsForgottenAfterTheRetention() {
    route(note(null, "s-1", 1, party("p-1", null, PartyStatusCode.ANSWERED), party("p-2", "102",
        PartyStatusCode.ANSWERED)), 0);
    route(note(null, "s-1", 2, party("p-2", "102", PartyStatusCode.DISCONNECTED)), 1);
    route(note(null, "s-1", 3, party("p-1", null, PartyStatusCode.DISCONNECTED)), 2);

    assertThat(route(note(null, "s-1", 4, party("p-1", null, PartyStatusCode.DISCONNECTED)), 61))
        .as("a late notification within the retention still reaches 102").containsExactly("102");
    route(note(null, "s-2", 1, party("p-9", "109", PartyStatusCode.SETUP)), 63);
    assertThat(routes.size()).isEqualTo(1);
    assertThat(route(note(null, "s-1", 5, party("p-1", null, PartyStatusCode.DISCONNECTED)), 64)).isEmpty();
    assertThat(evicted).hasValue(0);
  }

  @Test
  void aStaleReportDoesNotEndASessionAndAPartyBackOnKeepsItAlive() {
    route(note(null, "s-1", 5, party("p-2", "102", PartyStatusCode.ANSWERED)), 0);
    route(note(null, "s-1", 4, party("p-2", "102", PartyStatusCode.DISCONNECTED)), 1);
    route(note(null, "s-1", 6, party("p-2", "102", new PartyStatus(PartyStatusCode.DISCONNECTED,
        PartyStatusReason.PICKUP, null, null))), 2);
    route(note(null, "s-1", 7, party("p-3", "102", PartyStatusCode.ANSWERED)), 3);
    route(note(null, "s-2", 1, party("p-9", "109", PartyStatusCode.SETUP)), 200);

    assertThat(route(note(null, "s-1", 8, party("p-1", null, PartyStatusCode.HOLD)), 201)).containsExactly("102");
  }

  @Test
  void beyondItsBoundTheLeastRecentlyNotifiedSessionIsForgottenAndCounted() {
    for (int s = 1; s <= 3; s++) {
      route(note(null, "s-" + s, 1, party("p-" + s, "10" + s, PartyStatusCode.SETUP)), s);
    }
    route(note(null, "s-1", 2, party("p-x", null, PartyStatusCode.SETUP)), 4); // s-1 notified again
    route(note(null, "s-4", 1, party("p-4", "104", PartyStatusCode.SETUP)), 5);

    assertThat(routes.size()).isEqualTo(3);
    assertThat(evicted).hasValue(1);
    assertThat(route(note(null, "s-2", 2, party("p-x", null, PartyStatusCode.SETUP)), 6)).as("s-2 forgotten").isEmpty();
    assertThat(route(note(null, "s-1", 3, party("p-x", null, PartyStatusCode.SETUP)), 7)).containsExactly("101");
  }

  @Test
  void aShareIsItsOwnOnlyShareAndAWholeNotificationGivesOnePerExtension() {
    EngineInput.TelephonySessionReceived whole = new EngineInput.TelephonySessionReceived(note(null, "s-1", 1,
        party("p-1", "101", PartyStatusCode.SETUP), party("p-2", "102", PartyStatusCode.SETUP)), T0);

    assertThat(routes.shares(whole)).containsExactly(whole.shareFor("101"), whole.shareFor("102"));
    assertThat(routes.shares(whole.shareFor("105"))).containsExactly(whole.shareFor("105"));
  }
}
