package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.RecoveryState;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.model.DndStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Telephony-session notifications of the simulator over real WebSocket subscriptions: for every kind of
 * call, what a subscriber receives, decoded with {@link TelephonySessionCodec} and folded with the
 * engine's {@code SessionTracker}, agrees with {@code GET /_sim/truth?include=sessions} and carries the
 * ids of the presence calls the same subscription receives; per-extension and account-level delivery; the
 * 403 answers of an app without {@code CallControl} and of a user without the account-level filter; the
 * REST call session.
 */
class SimulatorTelephonySessionsIT {

  private static final Duration T = SimClient.TIMEOUT;
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final String BASE = "/restapi/v1.0/account/~";
  private static final String ACCOUNT_SESSIONS = BASE + "/telephony/sessions?sipData=true";
  private static final String NO_CALL_CONTROL = "{\"errorCode\":\"InsufficientPermissions\",\"message\":\"In order to call "
      + "this API endpoint, application needs to have [CallControl] permission\",\"errors\":[{\"errorCode\":\"CMN-401\","
      + "\"message\":\"In order to call this API endpoint, application needs to have [CallControl] permission\","
      + "\"permissionName\":\"CallControl\"}],\"permissionName\":\"CallControl\"}";

  private final TelephonySessionCodec sessions = TelephonySessionCodec.create();
  private final PresenceCodec presence = PresenceCodec.create();
  private final ObjectMapper json = new ObjectMapper();
  private RingCentralSimulator sim;
  private SimClient client;

  private void start(SimulatorOptions.Builder options) {
    sim = RingCentralSimulator.start(options.eventsPerSecond(0).build());
    client = new SimClient(sim);
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  /** What one subscription received in one step. */
  private record Received(List<TelephonySessionNotification> sessions, List<Notification> presence) {}

  /** The frames of {@code count} notifications, split into telephony sessions and presence. */
  private Received receive(WsProbe probe, long count) {
    List<TelephonySessionNotification> telephony = new ArrayList<>();
    List<Notification> presenceNotifications = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      String text = probe.nextText(T);
      Frame frame = client.codec.decodeFrame(text);
      assertThat(frame.type()).isEqualTo(FrameType.SERVER_NOTIFICATION);
      try {
        TelephonySessionNotification n = sessions.decodeNotification(text);
        assertThat(n.uuid()).isEqualTo(frame.header().messageId());
        telephony.add(n);
      } catch (DecodeException notTelephony) {
        assertThat(notTelephony.reason()).isEqualTo(DecodeException.Reason.NOT_TELEPHONY_SESSION);
        presenceNotifications.add(presence.decodeMessage(text));
      }
    }
    return new Received(telephony, presenceNotifications);
  }

  /** Runs one step of a played scenario and returns what the (single) subscription received. */
  private Received advance(Scenario scenario, WsProbe probe) {
    long before = sim.stats().notificationsSent();
    sim.traffic().advance(scenario);
    return receive(probe, sim.stats().notificationsSent() - before);
  }

  private List<String> userIds() {
    return sim.directory().stream().map(e -> e.extensionId()).toList();
  }

  private JsonNode truthWithSessions() throws Exception {
    SimClient.Response res = client.request(HttpMethod.GET, "/_sim/truth?include=sessions", null, null);
    assertThat(res.status()).isEqualTo(200);
    return json.readTree(res.body());
  }

  @Test
  void everyKindOfCallOverARealSubscriptionAgreesWithTheTruthAndCarriesThePresenceCallsIds() throws Exception {
    start(SimulatorOptions.builder().extensions(8));
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      List<String> filters = new ArrayList<>(List.of(ACCOUNT_SESSIONS));
      userIds().forEach(id -> filters.add(BASE + "/extension/" + id + "/presence" + SimClient.PRESENCE_FLAGS));
      Frame reply = client.subscribe(probe, filters);
      assertThat(reply.header().status()).isEqualTo(200);
      String subscriptionId = client.codec.decodeSubscriptionResponse(reply.body()).id();
      assertThat(client.codec.decodeSubscriptionResponse(reply.body()).eventFilters())
          .contains("/restapi/v1.0/account/" + sim.options().accountId() + "/telephony/sessions?sipData=true");

      SessionAgreement agreement = new SessionAgreement();
      Set<String> partiesSeen = new HashSet<>();
      Set<String> reasonsSeen = new HashSet<>();
      for (String kind : ScenarioGenerator.KINDS) {
        Scenario scenario = sim.traffic().start(kind);
        int step = 0;
        while (!scenario.done()) {
          Received r = advance(scenario, probe);
          String when = kind + " step " + step++;
          for (TelephonySessionNotification n : r.sessions()) {
            assertThat(n.subscriptionId()).isEqualTo(subscriptionId);
            assertThat(n.ownerId()).isEqualTo(sim.ownerExtensionId());
            Party p = n.body().parties().get(0);
            assertThat(n.body().extensionId()).as("extension of the event path").isEqualTo(p.extensionId());
            partiesSeen.add(n.telephonySessionId() + "/" + n.body().sessionId() + "/" + p.id() + "/" + p.extensionId());
            if (p.status().reason() != null) {
              reasonsSeen.add(p.status().reason().label());
            }
            agreement.apply(n);
          }
          // the presence calls of this step are parties of the sessions, with the same ids
          for (Notification n : r.presence()) {
            for (ActiveCall c : n.body().activeCalls()) {
              if (c.telephonyStatus() != TelephonyStatus.NO_CALL) {
                String owner = c.terminationType() == TerminationType.INTERMEDIATE ? CallScenarios.QUEUE_ID : n.extensionId();
                assertThat(partiesSeen).as("%s: presence call %s of %s", when, c.partyId(), n.extensionId())
                    .contains(c.telephonySessionId() + "/" + c.sessionId() + "/" + c.partyId() + "/" + owner);
              }
            }
          }
          List<SessionTruth> truth = sim.sessionTruth();
          agreement.assertAgrees(truth, userIds(), true, when);
          assertTruthJson(truthWithSessions(), truth);
        }
      }
      assertThat(reasonsSeen).contains("BlindTransfer", "AttendedTransfer", "Pickup", "TargetBusy", "NoAnswer",
          "AgentAnswered", "Voicemail");
      assertThat(sim.sessionTruth()).isEmpty();
    }
  }

  @Test
  void randomTrafficOverARealSubscriptionAgreesWithTheTruth() throws Exception {
    start(SimulatorOptions.builder().extensions(16).seed(77));
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      assertThat(client.subscribe(probe, List.of(ACCOUNT_SESSIONS)).header().status()).isEqualTo(200);
      SessionAgreement agreement = new SessionAgreement();
      for (int round = 0; round < 8; round++) {
        long before = sim.stats().notificationsSent();
        sim.traffic().step(60);
        Received r = receive(probe, sim.stats().notificationsSent() - before);
        assertThat(r.presence()).isEmpty();
        r.sessions().forEach(agreement::apply);
        agreement.assertAgrees(sim.sessionTruth(), userIds(), true, "round " + round);
        assertTruthJson(truthWithSessions(), sim.sessionTruth());
      }
      assertThat(agreement.notifications).isGreaterThan(300);
    }
  }

  @Test
  void aPerExtensionSubscriptionGetsExactlyItsExtensionsPartiesAndTheAccountLevelOneEveryParty() {
    // wrap-up off: x answers the internal call and must still be offered the queue call right after it
    start(SimulatorOptions.builder().extensions(8).wrapUp(java.time.Duration.ZERO));
    String x = firstAvailable();
    try (WsProbe own = client.connect(); WsProbe account = client.connect()) {
      own.next(T);
      account.next(T);
      assertThat(client.subscribe(own, List.of(BASE + "/extension/" + x + "/telephony/sessions")).header().status())
          .isEqualTo(200);
      assertThat(client.subscribe(account, List.of(ACCOUNT_SESSIONS)).header().status()).isEqualTo(200);
      SessionAgreement agreement = new SessionAgreement();
      for (String kind : List.of("inbound-hold", "internal", "transfer-blind", "queue-agents", "ringout", "pickup")) {
        sim.traffic().play(kind);
      }
      List<TelephonySessionNotification> ownReceived = decode(own.drain(QUIET));
      List<TelephonySessionNotification> all = decode(account.drain(QUIET));

      String prefix = "/restapi/v1.0/account/" + sim.options().accountId();
      assertThat(ownReceived).isNotEmpty().allSatisfy(n -> {
        assertThat(n.event()).isEqualTo(prefix + "/extension/" + x + "/telephony/sessions");
        assertThat(n.body().parties()).singleElement().satisfies(p -> {
          assertThat(p.extensionId()).isEqualTo(x);
          assertThat(p.sipData()).as("no sipData=true in the filter").isNull();
        });
      });
      List<String> expected = all.stream().filter(n -> x.equals(n.body().parties().get(0).extensionId()))
          .map(TelephonySessionNotification::uuid).toList();
      assertThat(ownReceived).extracting(TelephonySessionNotification::uuid).containsExactlyElementsOf(expected);
      assertThat(all).anySatisfy(n -> {
        assertThat(n.body().parties().get(0).extensionId()).isNull();
        assertThat(n.event()).isEqualTo(prefix + "/telephony/sessions?sipData=true");
      });
      assertThat(all).anySatisfy(n -> assertThat(n.body().parties().get(0).sipData()).isNotNull());
      assertThat(all.stream().map(n -> n.body().parties().get(0).extensionId()).distinct().count()).isGreaterThan(3);
      ownReceived.forEach(agreement::apply);
      agreement.assertAgrees(sim.sessionTruth(), List.of(x), false, "after the calls");
      assertThat(agreement.ended).as("sessions the extension saw end").hasSizeGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void anAppWithoutCallControlIsRefusedEveryTelephonyFilterWith403AndKeepsPresence() throws Exception {
    start(SimulatorOptions.builder().extensions(6).callControl(false));
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      Frame refused = client.subscribe(probe, List.of(BASE + "/extension/~/presence" + SimClient.PRESENCE_FLAGS,
          BASE + "/extension/~/telephony/sessions"));
      Frame accountRefused = client.subscribe(probe, List.of(BASE + "/telephony/sessions"));
      Frame presenceOnly = client.subscribeAll(probe);

      assertThat(refused.header().status()).isEqualTo(403);
      assertThat(json.readTree(refused.body())).isEqualTo(json.readTree(NO_CALL_CONTROL));
      assertThat(client.codec.decodeError(refused.body()).errorCode()).isEqualTo("InsufficientPermissions");
      assertThat(accountRefused.header().status()).isEqualTo(403);
      assertThat(presenceOnly.header().status()).isEqualTo(200);
      long before = sim.stats().notificationsSent();
      int produced = sim.traffic().step(40);
      assertThat(sim.stats().notificationsSent() - before).isEqualTo(produced);
      assertThat(receive(probe, produced).sessions()).isEmpty();

      SimClient.Response rest = client.get(BASE + "/telephony/sessions/s-anything", client.login().accessToken());
      assertThat(rest.status()).isEqualTo(403);
      assertThat(json.readTree(rest.body())).isEqualTo(json.readTree(NO_CALL_CONTROL));
    }
    synchronized (sim.lock()) {
      assertThat(sim.office().sessionChangesRecorded()).isZero();
    }
  }

  @Test
  void aUserNotAllowedTheAccountLevelFilterIsRefusedItWholeButGetsPerExtensionSessions() throws Exception {
    start(SimulatorOptions.builder().extensions(6).accountTelephonySessions(false));
    String x = firstAvailable();
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      Frame accountLevel = client.subscribe(probe, List.of(ACCOUNT_SESSIONS));
      Frame mixed = client.subscribe(probe, List.of(BASE + "/extension/" + x + "/telephony/sessions", ACCOUNT_SESSIONS));
      Frame perExtension = client.subscribe(probe, List.of(BASE + "/extension/" + x + "/telephony/sessions?sipData=true"));
      String id = client.codec.decodeSubscriptionResponse(perExtension.body()).id();
      probe.send(client.codec.encodeFrameText(FrameHeader.clientRequest("put-1", "PUT", "/restapi/v1.0/subscription/" + id),
          SubscriptionRequest.webSocket(List.of(ACCOUNT_SESSIONS))));
      Frame update = client.reply(probe, "put-1");

      assertThat(accountLevel.header().status()).isEqualTo(403);
      assertThat(json.readTree(accountLevel.body())).isEqualTo(json.readTree(
          "{\"errorCode\":\"CMN-402\",\"message\":\"Administrator permission required\",\"errors\":[{\"errorCode\":"
              + "\"CMN-402\",\"message\":\"Administrator permission required\"}]}"));
      assertThat(mixed.header().status()).as("refused whole").isEqualTo(403);
      assertThat(perExtension.header().status()).isEqualTo(200);
      assertThat(update.header().status()).isEqualTo(403);
      long before = sim.stats().notificationsSent();
      sim.traffic().play("inbound");
      Received r = receive(probe, sim.stats().notificationsSent() - before);
      assertThat(r.sessions()).as("the per-extension subscription survived the refused update")
          .allSatisfy(n -> assertThat(n.body().parties().get(0).extensionId()).isEqualTo(x))
          .extracting(n -> n.body().parties().get(0).code())
          .containsExactly(PartyStatusCode.SETUP, PartyStatusCode.PROCEEDING, PartyStatusCode.ANSWERED,
              PartyStatusCode.DISCONNECTED);
    }
  }

  @Test
  void restCallSessionIsTheLiveSessionWithGonePartiesAndTheirPeersThen404OnceOver() throws Exception {
    start(SimulatorOptions.builder().extensions(6));
    String token = client.login().accessToken();
    Scenario attended = sim.traffic().start("transfer-attended");
    for (int i = 0; i < 4; i++) {
      sim.traffic().advance(attended); // rings, answered, held while consulting, consultation answered
    }
    List<SessionTruth> live = sim.sessionTruth();
    assertThat(live).hasSize(2);
    SessionTruth first = live.get(0);
    SessionTruth consult = live.get(1);
    JsonNode before = json.readTree(client.get(BASE + "/telephony/sessions/" + first.telephonySessionId(), token).body());
    assertRestSession(before, first);

    sim.traffic().advance(attended); // the transfer completes
    SimClient.Response res = client.get(BASE + "/telephony/sessions/" + first.telephonySessionId(), token);
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.headers().get("Content-Type")).startsWith("application/json");
    JsonNode after = json.readTree(res.body());
    SessionTruth transferred = sim.sessionTruth().get(0);
    assertRestSession(after, transferred);
    Party gone = transferred.parties().stream().filter(p -> p.code() == PartyStatusCode.GONE).findFirst().orElseThrow();
    assertThat(gone.status().reason()).isEqualTo(PartyStatusReason.ATTENDED_TRANSFER);
    Party target = consult.parties().stream().filter(p -> p.direction() == io.presencestream.model.Direction.INBOUND)
        .findFirst().orElseThrow();
    JsonNode peer = partyNode(after, gone.id()).get("status").get("peerId");
    assertThat(peer.get("telephonySessionId").asText()).isEqualTo(consult.telephonySessionId());
    assertThat(peer.get("sessionId").asText()).isEqualTo(consult.sessionId());
    assertThat(peer.get("partyId").asText()).isEqualTo(target.id());

    sim.traffic().advance(attended); // everybody hangs up
    SimClient.Response over = client.get(BASE + "/telephony/sessions/" + first.telephonySessionId(), token);
    SimClient.Response unknown = client.get(BASE + "/telephony/sessions/s-nope", token);
    SimClient.Response anonymous = client.get(BASE + "/telephony/sessions/" + first.telephonySessionId(), null);
    assertThat(over.status()).isEqualTo(404);
    assertThat(client.codec.decodeError(over.body()).errorCode()).isEqualTo("CMN-102");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void withoutATelephonySubscriberNothingIsRecordedAndTheTruthArrayIsUnchanged() throws Exception {
    start(SimulatorOptions.builder().extensions(10));
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      client.subscribeAll(probe);
      long before = sim.stats().notificationsSent();
      int produced = sim.traffic().step(200);
      assertThat(sim.stats().notificationsSent() - before).isEqualTo(produced);
      synchronized (sim.lock()) {
        assertThat(sim.office().sessionChangesRecorded()).isZero();
      }
      assertThat(sim.sessionTruth()).isNotEmpty();

      SimClient.Response plain = client.request(HttpMethod.GET, "/_sim/truth", null, null);
      JsonNode withSessions = truthWithSessions();
      assertThat(json.readTree(plain.body()).isArray()).isTrue();
      assertThat(withSessions.get("extensions")).isEqualTo(json.readTree(plain.body()));
      assertTruthJson(withSessions, sim.sessionTruth());
      SimClient.Response bad = client.request(HttpMethod.GET, "/_sim/truth?include=calls", null, null);
      assertThat(bad.status()).isEqualTo(400);
    }
  }

  @Test
  void aRecoveryReplaysTheMissedTelephonySessionNotificationsToo() {
    start(SimulatorOptions.builder().extensions(8));
    String access = client.login().accessToken();
    String wsc;
    SessionAgreement agreement = new SessionAgreement();
    try (WsProbe probe = client.connect(access, null)) {
      wsc = probe.next(T).header().wsc().token();
      client.subscribe(probe, List.of(ACCOUNT_SESSIONS));
      long before = sim.stats().notificationsSent();
      sim.traffic().step(20);
      receive(probe, sim.stats().notificationsSent() - before).sessions().forEach(agreement::apply);
      sim.faults().dropConnections();
      assertThat(probe.awaitEnd(T)).isTrue();
    }
    long before = sim.stats().notificationsSent();
    sim.traffic().step(15);
    long missed = sim.stats().notificationsSent() - before;
    assertThat(missed).isBetween(1L, 100L);
    try (WsProbe again = client.connect(access, wsc)) {
      ConnectionDetails d = client.codec.decodeConnectionDetails(again.next(T).body());
      assertThat(d.recoveryState()).isEqualTo(RecoveryState.SUCCESSFUL);
      receive(again, missed).sessions().forEach(agreement::apply);
      agreement.assertAgrees(sim.sessionTruth(), userIds(), true, "after the recovery");
    }
  }

  // ---------------------------------------------------------------- helpers

  private List<TelephonySessionNotification> decode(List<String> frames) {
    return frames.stream().map(sessions::decodeNotification).toList();
  }

  /** The extension {@code play} puts a scenario on first: the first that is neither offline nor on DND. */
  private String firstAvailable() {
    for (var e : sim.directory()) {
      ExtensionState s = sim.groundTruth().get(e.extensionId());
      boolean dnd = s.presence().userStatus() == UserStatus.BUSY && s.presence().dndStatus() == DndStatus.DO_NOT_ACCEPT_ANY_CALLS;
      if (s.presence().userStatus() != UserStatus.OFFLINE && !dnd) {
        return e.extensionId();
      }
    }
    throw new AssertionError("no available extension");
  }

  /** The sessions part of {@code /_sim/truth?include=sessions} says what {@link RingCentralSimulator#sessionTruth()} says. */
  private static void assertTruthJson(JsonNode truth, List<SessionTruth> expected) {
    JsonNode served = truth.get("sessions");
    assertThat(served).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      SessionTruth s = expected.get(i);
      JsonNode node = served.get(i);
      assertThat(node.get("telephonySessionId").asText()).isEqualTo(s.telephonySessionId());
      assertThat(node.get("sessionId").asText()).isEqualTo(s.sessionId());
      assertThat(node.get("origin").get("type").asText()).isEqualTo(s.origin().type().label());
      assertThat(node.get("sequence").asLong()).isEqualTo(s.sequence());
      assertThat(node.get("parties")).hasSize(s.parties().size());
      for (int k = 0; k < s.parties().size(); k++) {
        Party p = s.parties().get(k);
        JsonNode party = node.get("parties").get(k);
        assertThat(party.get("id").asText()).isEqualTo(p.id());
        assertThat(party.path("extensionId").isMissingNode() ? null : party.get("extensionId").asText()).isEqualTo(p.extensionId());
        assertThat(party.get("status").get("code").asText()).isEqualTo(p.code().label());
        assertThat(party.get("status").path("reason").isMissingNode() ? null : party.get("status").get("reason").asText())
            .isEqualTo(p.status().reason() == null ? null : p.status().reason().label());
        if (p.status().peerId() != null) {
          assertThat(party.get("status").get("peerId").get("partyId").asText()).isEqualTo(p.status().peerId().partyId());
        }
      }
    }
  }

  private static void assertRestSession(JsonNode body, SessionTruth s) {
    assertThat(body.get("id").asText()).isEqualTo(s.telephonySessionId());
    assertThat(body.get("origin").get("type").asText()).isEqualTo(s.origin().type().label());
    assertThat(body.get("creationTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(body.get("parties")).hasSize(s.parties().size());
    for (Party p : s.parties()) {
      JsonNode party = partyNode(body, p.id());
      assertThat(party.get("direction").asText()).isEqualTo(p.direction().label());
      assertThat(party.get("status").get("code").asText()).isEqualTo(p.code().label());
      assertThat(party.get("from").get("phoneNumber").asText()).isEqualTo(p.from().phoneNumber());
      assertThat(party.get("to").get("phoneNumber").asText()).isEqualTo(p.to().phoneNumber());
      if (p.extensionId() != null) {
        assertThat(party.get("owner").get("extensionId").asText()).isEqualTo(p.extensionId());
      } else {
        assertThat(party.has("owner")).isFalse();
      }
    }
  }

  private static JsonNode partyNode(JsonNode body, String partyId) {
    for (JsonNode party : body.get("parties")) {
      if (party.get("id").asText().equals(partyId)) {
        return party;
      }
    }
    throw new AssertionError("no party " + partyId + " in " + body);
  }
}
