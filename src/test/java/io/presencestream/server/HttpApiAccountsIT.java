package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/**
 * {@code ?account=} over real HTTP: each endpoint that takes it serves the named account's share only, an
 * account not served is a typed {@code 400 unknown_account}, and a server of one account says it tells none apart.
 */
class HttpApiAccountsIT extends ServerTestSupport {

  /** Status and body of one response. */
  record Reply(int status, String body) {}

  private Reply get(String path) {
    return HttpClient.create()
        .get()
        .uri(url(path))
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> new Reply(response.status().code(), text)))
        .block(Duration.ofSeconds(30));
  }

  private static ExtensionState state(String id, String account) {
    return new ExtensionState(id, 1L, new PresenceState(io.presencestream.model.Availability.AVAILABLE, null, null, null, null, null, null), List.of(), Instant.EPOCH, account);
  }

  private static AccountProvider.View view(ExtensionState state, String number) {
    return new AccountProvider.View(
        StateProvider.of(id -> Optional.ofNullable(id.equals(state.extensionId()) ? state : null),
            () -> Map.of(state.extensionId(), state)),
        SessionProvider.none(),
        () -> List.of(new ExtensionInfo(state.extensionId(), number, "Ext " + number)));
  }

  private void twoAccounts() {
    ExtensionState east = state("62000001004", "1");
    ExtensionState west = state("63000001004", "2");
    states.put(east.extensionId(), east);
    states.put(west.extensionId(), west);
    directory.add(new ExtensionInfo(east.extensionId(), "101", "Ext 101"));
    directory.add(new ExtensionInfo(west.extensionId(), "101", "Ext 101"));
    Map<String, AccountProvider.View> views = Map.of("1", view(east, "101"), "2", view(west, "101"));
    accounts = AccountProvider.of(() -> List.of("1", "2"), id -> Optional.ofNullable(views.get(id)));
  }

  @Test
  void eachEndpointServesTheNamedAccountsShareOnly() {
    twoAccounts();
    start(testOptions());

    assertThat(get("/api/state").body()).contains("62000001004").contains("63000001004");
    assertThat(get("/api/state?account=2").body()).contains("63000001004").doesNotContain("62000001004");
    assertThat(get("/api/extensions?account=1").body()).contains("62000001004").doesNotContain("63000001004");
    // a number two accounts share names each account's own extension when the account is given
    assertThat(get("/api/state/101?account=2").body()).contains("63000001004");
    assertThat(get("/api/state/63000001004?account=2").status()).isEqualTo(200);
    assertThat(get("/api/sessions?account=2")).isEqualTo(new Reply(200, "[]"));
    assertThat(get("/api/state?account=").body()).as("an empty value is no filter").contains("62000001004");
  }

  @Test
  void anExtensionOfAnotherAccountIsUnknownInThisOne() {
    twoAccounts();
    start(testOptions());

    Reply other = get("/api/state/63000001004?account=1");

    assertThat(other.status()).isEqualTo(400);
    assertThat(other.body()).contains("\"unknown_extension\"");
  }

  @Test
  void anAccountNotServedIsATypedBadRequest() {
    twoAccounts();
    start(testOptions());

    for (String path : List.of("/api/state?account=9", "/api/state/101?account=9", "/api/sessions?account=9",
        "/api/sessions/101?account=9", "/api/extensions?account=9", "/events?account=9")) {
      Reply reply = get(path);
      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.body()).as(path)
          .isEqualTo("{\"error\":\"unknown_account\",\"message\":\"unknown account '9' (served: 1, 2)\"}");
    }
    assertThat(get("/api/state?account=1&account=2").body()).contains("\"bad_account\"");
    assertThat(get("/api/state?account=%00").body()).contains("\"unknown_account\"");
    assertThat(registry.get("presence.http.requests").tags("route", "state", "status", "400").counter().count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aServerOfOneAccountTellsNoneApart() {
    start(testOptions());

    Reply reply = get("/api/state?account=37439510");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).contains("unknown_account")
        .contains("this server does not tell accounts apart: it serves one, configured as source:");
  }
}
