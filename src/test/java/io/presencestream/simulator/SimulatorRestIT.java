package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.AccountPresencePage;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth and REST of the simulator, over real sockets. */
class SimulatorRestIT {

  private RingCentralSimulator sim;
  private SimClient client;
  private final PresenceCodec presence = PresenceCodec.create();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    sim = RingCentralSimulator.start(SimulatorOptions.builder().extensions(24).eventsPerSecond(0).maxSessions(2).build());
    client = new SimClient(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void jwtLoginNeedsTheClientCredentialsAndTheConfiguredJwt() {
    SimClient.Response noClient = client.request(HttpMethod.POST, "/restapi/oauth/token", null,
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=x");
    SimClient.Response badJwt = client.tokenRequest(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=not-the-jwt");
    SimClient.Response badGrant = client.tokenRequest("grant_type=password&username=x");

    assertThat(noClient.status()).isEqualTo(401);
    assertThat(client.codec.decodeError(noClient.body()).error()).isEqualTo("invalid_client");
    assertThat(badJwt.status()).isEqualTo(400);
    assertThat(client.codec.decodeError(badJwt.body()).error()).isEqualTo("invalid_grant");
    assertThat(badGrant.status()).isEqualTo(400);

    TokenResponse token = client.login();
    assertThat(token.tokenType()).isEqualTo("bearer");
    assertThat(token.expiresIn()).isEqualTo(3600);
    assertThat(token.ownerId()).isEqualTo(sim.ownerExtensionId());
    assertThat(client.get("/restapi/v1.0/account/~/extension/~", token.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void refreshTokensAreSingleUseAndKeepTheSession() {
    TokenResponse first = client.login();

    SimClient.Response refreshed = client.refresh(first.refreshToken());
    SimClient.Response again = client.refresh(first.refreshToken());

    assertThat(refreshed.status()).isEqualTo(200);
    TokenResponse second = client.codec.decodeTokenResponse(refreshed.body());
    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(again.status()).isEqualTo(400);
    assertThat(client.codec.decodeError(again.body()).errorCode()).isEqualTo("OAU-211");
    assertThat(client.get("/restapi/v1.0/account/~/extension", second.accessToken()).status()).isEqualTo(200);
    assertThat(sim.stats().refreshes()).isEqualTo(1);
  }

  @Test
  void aLoginBeyondTheSessionLimitRevokesTheOldestSession() {
    TokenResponse oldest = client.login();
    client.login();
    TokenResponse newest = client.login();

    assertThat(client.get("/restapi/v1.0/account/~/extension", oldest.accessToken()).status()).isEqualTo(401);
    assertThat(client.refresh(oldest.refreshToken()).status()).isEqualTo(400);
    assertThat(client.get("/restapi/v1.0/account/~/extension", newest.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void restNeedsAValidBearerTokenAndSaysWhenItExpired() {
    TokenResponse token = client.login();
    assertThat(client.get("/restapi/v1.0/account/~/extension", null).status()).isEqualTo(401);
    assertThat(client.get("/restapi/v1.0/account/~/extension", "made-up").status()).isEqualTo(401);

    sim.faults().expireTokens();

    SimClient.Response expired = client.get("/restapi/v1.0/account/~/extension", token.accessToken());
    assertThat(expired.status()).isEqualTo(401);
    assertThat(client.codec.decodeError(expired.body()).message()).isEqualTo("Access token expired");
    TokenResponse refreshed = client.codec.decodeTokenResponse(client.refresh(token.refreshToken()).body());
    assertThat(client.get("/restapi/v1.0/account/~/extension", refreshed.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void revokedSessionsNeedANewJwtLogin() {
    TokenResponse token = client.login();

    sim.faults().revokeSessions();

    assertThat(client.refresh(token.refreshToken()).status()).isEqualTo(400);
    assertThat(client.get("/restapi/v1.0/account/~/extension", token.accessToken()).status()).isEqualTo(401);
    assertThat(client.get("/restapi/v1.0/account/~/extension", client.login().accessToken()).status()).isEqualTo(200);
  }

  @Test
  void rateLimitAnswers429WithRetryAfterThenRecovers() {
    TokenResponse token = client.login();
    sim.faults().rateLimit(2, Duration.ofSeconds(7));

    SimClient.Response first = client.get("/restapi/v1.0/account/~/presence", token.accessToken());
    SimClient.Response second = client.tokenRequest("grant_type=refresh_token&refresh_token=" + token.refreshToken());
    SimClient.Response third = client.get("/restapi/v1.0/account/~/presence", token.accessToken());

    assertThat(first.status()).isEqualTo(429);
    assertThat(first.headers().get("Retry-After")).isEqualTo("7");
    ErrorBody error = client.codec.decodeError(first.body());
    assertThat(error.errorCode()).isEqualTo("CMN-301");
    assertThat(second.status()).isEqualTo(429);
    assertThat(third.status()).isEqualTo(200);
    assertThat(sim.stats().rateLimited()).isEqualTo(2);
  }

  @Test
  void enforcedRateLimitsCountPerGroupAndFreeUpAfterTheWindow() {
    SteppingClock clock = new SteppingClock(java.time.Instant.parse("2026-11-26T09:00:00Z"));
    try (RingCentralSimulator limited = RingCentralSimulator.start(SimulatorOptions.builder()
        .extensions(4).eventsPerSecond(0).enforceRateLimits(true).clock(clock).build())) {
      SimClient c = new SimClient(limited);
      String token = c.login().accessToken(); // Auth 1 of 5
      for (int i = 0; i < 4; i++) {
        c.wsToken(token);
      }
      SimClient.Response sixthAuth = c.request(HttpMethod.POST, "/restapi/oauth/wstoken", "Bearer " + token, "");
      List<Integer> heavy = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        heavy.add(c.get("/restapi/v1.0/account/~/presence", token).status());
      }
      SimClient.Response light = c.get("/restapi/v1.0/account/~/extension/~/presence", token);

      assertThat(sixthAuth.status()).isEqualTo(429);
      assertThat(sixthAuth.headers().get("X-Rate-Limit-Group")).isEqualTo("auth");
      assertThat(Integer.parseInt(sixthAuth.headers().get("Retry-After"))).isBetween(1, 60);
      assertThat(c.codec.decodeError(sixthAuth.body()).errorCode()).isEqualTo("CMN-301");
      assertThat(heavy.subList(0, 10)).containsOnly(200);
      assertThat(heavy.get(10)).isEqualTo(429);
      assertThat(light.status()).isEqualTo(200);
      assertThat(light.headers().get("X-Rate-Limit-Remaining")).isEqualTo("49");

      clock.advance(Duration.ofSeconds(61));
      assertThat(c.get("/restapi/v1.0/account/~/presence", token).status()).isEqualTo(200);
      assertThat(c.request(HttpMethod.POST, "/restapi/oauth/wstoken", "Bearer " + token, "").status()).isEqualTo(200);
    }
  }

  @Test
  void extensionListPagesThroughEveryEntryAndFiltersEnabledUsers() {
    String token = client.login().accessToken();
    List<ExtensionRecord> all = new ArrayList<>();
    String next = "/restapi/v1.0/account/~/extension?perPage=10";
    int pages = 0;
    while (next != null && pages < 10) {
      ExtensionListPage page = client.codec.decodeExtensionList(client.get(next, token).body());
      all.addAll(page.records());
      next = page.nextPageUri();
      pages++;
    }
    ExtensionListPage users = client.codec.decodeExtensionList(
        client.get("/restapi/v1.0/account/~/extension?status=Enabled&type=User&perPage=1000", token).body());

    assertThat(pages).isEqualTo(3);
    assertThat(all).as("24 users, two queues, a disabled user").hasSize(27).extracting(ExtensionRecord::id).doesNotHaveDuplicates();
    assertThat(all).filteredOn(r -> !r.isEnabledUser()).extracting(ExtensionRecord::type).contains("Department");
    assertThat(users.records()).hasSize(24).allMatch(ExtensionRecord::isEnabledUser);
    assertThat(users.records()).extracting(ExtensionRecord::id)
        .containsExactlyElementsOf(sim.directory().stream().map(e -> e.extensionId()).toList());
    assertThat(users.paging().totalElements()).isEqualTo(24);
  }

  @Test
  void extensionPresenceMatchesTheGroundTruthWithEveryRawCall() {
    sim.traffic().step(300);
    String token = client.login().accessToken();

    for (var e : sim.directory()) {
      SimClient.Response r = client.get("/restapi/v1.0/account/~/extension/" + e.extensionId() + "/presence"
          + SimClient.PRESENCE_FLAGS, token);
      assertThat(r.status()).isEqualTo(200);
      PresenceUpdate p = presence.decodeExtensionPresence(r.body());
      var truth = sim.groundTruth().get(e.extensionId());
      assertThat(p.extensionId()).isEqualTo(e.extensionId());
      assertThat(p.sequence()).isNull();
      assertThat(p.userStatus()).isEqualTo(truth.presence().userStatus());
      assertThat(p.dndStatus()).isEqualTo(truth.presence().dndStatus());
      assertThat(p.telephonyStatus()).isEqualTo(truth.presence().telephonyStatus());
      assertThat(p.activeCalls()).hasSizeGreaterThanOrEqualTo(truth.calls().size());
    }
  }

  @Test
  void tildeMeansTheJwtUserAndUnknownExtensionsAre404() {
    String token = client.login().accessToken();

    PresenceUpdate mine = presence.decodeExtensionPresence(
        client.get("/restapi/v1.0/account/~/extension/~/presence", token).body());
    SimClient.Response unknown = client.get("/restapi/v1.0/account/~/extension/123/presence", token);

    assertThat(mine.extensionId()).isEqualTo(sim.ownerExtensionId());
    assertThat(mine.activeCalls()).isNull();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(client.codec.decodeError(unknown.body()).errorCode()).isEqualTo("CMN-102");
  }

  @Test
  void bulkPresenceAnswersMultipartWithOnePartPerIdAndRefusesMoreThan30() throws Exception {
    String token = client.login().accessToken();
    List<String> ids = sim.directory().stream().limit(3).map(e -> e.extensionId()).toList();

    SimClient.Response bulk = client.get("/restapi/v1.0/account/~/extension/" + String.join(",", ids) + "/presence"
        + SimClient.PRESENCE_FLAGS, token);
    String many = sim.directory().stream().map(e -> e.extensionId()).collect(Collectors.joining(","))
        + "," + sim.directory().stream().limit(7).map(e -> e.extensionId()).collect(Collectors.joining(","));

    assertThat(bulk.status()).isEqualTo(207);
    String type = bulk.headers().get("Content-Type");
    assertThat(type).startsWith("multipart/mixed; boundary=");
    String boundary = type.substring(type.indexOf("boundary=") + 9);
    List<String> parts = new ArrayList<>();
    for (String part : bulk.text().split("--" + boundary)) {
      int body = part.indexOf("\r\n\r\n");
      if (body >= 0) {
        parts.add(part.substring(body + 4).trim());
      }
    }
    assertThat(parts).hasSize(4);
    JsonNode summary = json.readTree(parts.get(0));
    assertThat(summary.get("response")).hasSize(3);
    assertThat(summary.get("response").get(0).get("status").asInt()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(presence.decodeExtensionPresence(parts.get(i + 1).getBytes()).extensionId()).isEqualTo(ids.get(i));
    }
    assertThat(client.get("/restapi/v1.0/account/~/extension/" + many + "/presence", token).status()).isEqualTo(400);
  }

  @Test
  void accountPresencePagesFollowNavigationToTheEnd() {
    sim.traffic().step(100);
    String token = client.login().accessToken();
    Set<String> seen = new HashSet<>();
    String next = "/restapi/v1.0/account/~/presence" + SimClient.PRESENCE_FLAGS + "&page=1&perPage=10";
    int pages = 0;
    while (next != null && pages < 10) {
      SimClient.Response r = client.get(next, token);
      assertThat(r.status()).isEqualTo(200);
      AccountPresencePage page = presence.decodeAccountPresencePage(r.body());
      page.records().forEach(p -> seen.add(p.extensionId()));
      assertThat(page.records()).allMatch(p -> p.activeCalls() != null);
      next = page.nextPageUri();
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(sim.groundTruth().keySet());
  }

  @Test
  void accountPresenceCapsPerPageAt1000() throws Exception {
    String token = client.login().accessToken();

    JsonNode page = json.readTree(client.get("/restapi/v1.0/account/~/presence?perPage=5000", token).body());

    assertThat(page.get("paging").get("perPage").asInt()).isEqualTo(1000);
    assertThat(page.get("records")).hasSize(24);
    assertThat(page.get("navigation").has("nextPage")).isFalse();
  }
}
