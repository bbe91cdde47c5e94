package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Call;
import io.presencestream.model.CallParty;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonySession;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.ScenarioPlayer;
import io.presencestream.simulator.SessionTruth;
import io.presencestream.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The daemon with both feeds on its simulator, watched from outside as a client would: {@code /api/sessions}
 * and the fused {@code party} of the calls in {@code /api/state} against the simulator's session truth
 * whenever the traffic pauses, with every kind of call live at some pause; {@code session.ended} over SSE
 * for each kind of call; and an app without {@code CallControl}, where presence goes on alone.
 */
@Timeout(180)
class DaemonTelephonySessionsIT {

  private static final PresenceCodec CODEC = PresenceCodec.create();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Daemon daemon;
  /** What the last agreeing comparison covered: sessions, parties and fused calls compared. */
  private int sessionsCompared;
  private int partiesCompared;
  private int fusedCallsCompared;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  private RingCentralSimulator startWithBothFeeds(int extensions, String engine) {
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: %d, eventsPerSecond: 0, seed: 11, feeds: [presence, telephony]}}
        contactCentre: {wrapUp: 0s}
        engine: %s
        server: {port: 0, sse: {clientBuffer: 10000, history: 10000}}
        """.formatted(extensions, engine), "test", Map.of()));
    RingCentralSimulator sim = daemon.simulator().orElseThrow();
    awaitTrue("every extension's state", () -> daemon.states().size() == extensions);
    awaitTrue("the telephony-session feed subscribed", () -> metrics().contains("presence_connection_feeds_active{feed=\"telephony\"} 1"));
    return sim;
  }

  @Test
  void sessionsAndFusedPartiesEqualTheSimulatorsTruthWheneverTrafficPauses() throws Exception {
    RingCentralSimulator sim = startWithBothFeeds(16, "{}");
    List<String> unplayed = new ArrayList<>(ScenarioPlayer.KINDS);
    unplayed.remove("burst"); // bursts of calls are random traffic's too; played whole below
    TreeSet<String> liveAtAPause = new TreeSet<>();
    int pauses = 0;
    while (!unplayed.isEmpty()) {
      // random traffic, paused as another process would pause it
      long steps = sim.stats().steps();
      assertThat(control(sim, "traffic?rate=40")).contains("40");
      await("random traffic").atMost(WAIT).until(() -> sim.stats().steps() >= steps + 25);
      assertThat(control(sim, "traffic?rate=0")).contains("\"rate\":0");
      // then as many of the kinds not yet seen live as there are free extensions, each stopped half-way
      List<ScenarioPlayer> halfWay = new ArrayList<>();
      for (String kind : List.copyOf(unplayed)) {
        ScenarioPlayer player;
        try {
          player = ScenarioPlayer.start(sim, kind);
        } catch (IllegalArgumentException tooFewFree) {
          continue;
        }
        unplayed.remove(kind);
        while (player.stepsRun() < Math.max(1, player.steps() / 2)) {
          player.advance();
        }
        halfWay.add(player);
        liveAtAPause.add(kind);
      }
      assertAgreesWithTheTruth(sim, "pause " + pauses++ + " with " + halfWay.stream().map(ScenarioPlayer::kind).toList());
      halfWay.forEach(ScenarioPlayer::finish);
      assertAgreesWithTheTruth(sim, "pause " + pauses++ + " after they ended");
    }
    ScenarioPlayer.play(sim, "burst");
    assertAgreesWithTheTruth(sim, "after a burst");
    assertThat(liveAtAPause).as("kinds of calls live at a pause").hasSize(ScenarioPlayer.KINDS.size() - 1);
    assertThat(pauses).isGreaterThanOrEqualTo(4);
  }

  /**
   * How each kind of call ends, for each extension in it: the scenario's extensions by their place in it
   * (0 the first: the callee of an inbound call, the caller of an outbound one, the transferor, the agent
   * rung first, …), {@code queue} the call queue's own party (the account-level feed reports it too).
   */
  private static final Map<String, List<String>> ENDINGS = Map.ofEntries(
      Map.entry("inbound", List.of("0 answered")),
      Map.entry("inbound-hold", List.of("0 answered")),
      Map.entry("inbound-missed", List.of("0 missed")),
      Map.entry("inbound-voicemail", List.of("0 voicemail")),
      Map.entry("outbound", List.of("0 answered")),
      Map.entry("outbound-hold", List.of("0 answered")),
      Map.entry("outbound-noanswer", List.of("0 no_answer")),
      Map.entry("outbound-busy", List.of("0 busy")),
      Map.entry("internal", List.of("0 answered", "1 answered")),
      Map.entry("internal-hold", List.of("0 answered", "1 answered")),
      // the caller gave up ringing (no reason): abandoned; the callee never answered: missed
      Map.entry("internal-unanswered", List.of("0 abandoned", "1 missed")),
      // the user's own phone's leg is merged into the leg to the destination, as presence merges them
      Map.entry("ringout", List.of("0 merged", "0 answered")),
      Map.entry("ringout-hold", List.of("0 merged", "0 answered")),
      Map.entry("parked", List.of("0 answered")),
      Map.entry("parked-resumed", List.of("0 answered")),
      Map.entry("queue", List.of("0 answered", "queue answered")),
      // the queue calls ring every member that can take them (ring-all) or one after the other (sequential): the
      // members rung beyond the ones listed end as the last one listed (see endingsOf)
      Map.entry("queue-agents", List.of("0 answered_elsewhere", "1 answered", "2… answered_elsewhere", "queue answered")),
      Map.entry("queue-sequential", List.of("0 missed", "1 answered", "queue answered")),
      Map.entry("queue-abandoned", List.of("0… missed", "queue answered")),
      Map.entry("queue-overflow", List.of("0 missed", "1 missed", "queue voicemail")),
      Map.entry("queue-waiting", List.of("0 answered", "1… answered_elsewhere", "queue answered")),
      Map.entry("transfer-blind", List.of("0 transferred", "1 answered")),
      // the transferor's two sessions (the caller's and the consultation) both end handed on
      Map.entry("transfer-attended", List.of("0 transferred", "0 transferred", "1 answered")),
      // ended once the switch grace passed without a new party of the first extension
      Map.entry("pickup", List.of("0 answered_elsewhere", "1 answered")),
      Map.entry("self", List.of("0 answered")));

  @Test
  void sessionEndedSaysHowEachKindOfCallEnded() throws Exception {
    RingCentralSimulator sim = startWithBothFeeds(8, "{sessions: {switchGrace: 1s}}");
    try (SseRecorder sse = SseRecorder.connect(daemon.url(), "kinds=session.ended", null)) {
      assertThat(sse.status()).isEqualTo(200);
      for (String kind : ScenarioPlayer.KINDS) {
        int before = sse.frames().size();
        ScenarioPlayer player = ScenarioPlayer.start(sim, kind);
        while (!player.done()) {
          player.advance();
          assertAgreesWithTheTruth(sim, kind + " step " + player.stepsRun());
        }
        if (kind.equals("pickup")) {
          // the engine's time moves with its inputs: the first one after the grace ends the picked-up session
          String colleague = player.extensionIds().get(1);
          await(kind).atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            ScenarioPlayer.touch(sim, colleague);
            return endings(sse, before, player).contains("0 answered_elsewhere");
          });
        }
        if (kind.equals("burst")) {
          await(kind).atMost(WAIT).untilAsserted(() -> assertThat(endings(sse, before, player))
              .hasSizeGreaterThan(2).containsOnly("0 answered", "0 missed").contains("0 answered", "0 missed"));
          continue;
        }
        await(kind).atMost(WAIT).untilAsserted(() ->
            assertThat(endings(sse, before, player)).as(kind).containsExactlyInAnyOrderElementsOf(endingsOf(kind, player)));
        List<SessionEvent.SessionEnded> ended = ended(sse, before);
        if (kind.equals("transfer-attended")) {
          assertThat(ended).filteredOn(e -> e.result() == SessionResult.TRANSFERRED)
              .as("where each of the transferor's parties went").allSatisfy(e -> assertThat(e.peer()).isNotNull());
        }
        if (kind.equals("transfer-blind")) {
          assertThat(ended).filteredOn(e -> e.result() == SessionResult.TRANSFERRED).singleElement()
              .satisfies(e -> assertThat(e.session().party().status().reason()).isEqualTo(PartyStatusReason.BLIND_TRANSFER));
        }
        if (kind.equals("inbound-voicemail")) {
          assertThat(ended).singleElement()
              .satisfies(e -> assertThat(e.session().party().status().reason()).isEqualTo(PartyStatusReason.VOICEMAIL));
        }
        if (kind.startsWith("ringout")) {
          assertThat(ended).filteredOn(e -> e.result() == SessionResult.MERGED).singleElement()
              .satisfies(e -> assertThat(e.peer()).as("the leg it was merged into").isNotNull());
        }
      }
      assertThat(sim.sessionTruth()).isEmpty();
      await("no session left").atMost(WAIT).untilAsserted(() ->
          assertThat(CODEC.decodeSessions(get(daemon.url().resolve("api/sessions")).body())).isEmpty());
    }
  }

  @Test
  void anAppWithoutCallControlGetsPresenceAndAReadyDaemonThatNamesTheRefusedFeed() throws Exception {
    try (RingCentralSimulator account = RingCentralSimulator.start(
        SimulatorOptions.builder().extensions(6).eventsPerSecond(0).callControl(false).build())) {
      daemon = Daemon.start(DaemonConfig.parse("""
          source: {ringcentral: {serverUrl: '%s', extensions: all, feeds: [presence, telephony]}}
          server: {port: 0}
          """.formatted(account.baseUrl()), "test",
          Map.of("RINGCENTRAL_CLIENT_ID", account.credentials().clientId(),
              "RINGCENTRAL_CLIENT_SECRET", account.credentials().clientSecret(),
              "RINGCENTRAL_JWT", account.credentials().jwt())));
      awaitTrue("every extension's state", () -> daemon.states().size() == 6);
      try (SseRecorder sse = SseRecorder.connect(daemon.url(), null, null)) {
        await("readiness naming the refused feed").atMost(WAIT).untilAsserted(() -> {
          HttpResponse<String> ready = get(daemon.url().resolve("health/ready"));
          assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
          JsonNode upstream = JSON.readTree(ready.body()).get("checks").get("upstream");
          assertThat(upstream.get("status").asText()).isEqualTo("UP");
          assertThat(upstream.get("detail").asText())
              .startsWith("connected, 6/6 extensions loaded (telephony sessions unavailable: ")
              .contains("CallControl");
        });
        assertThat(metrics()).contains("presence_connection_feeds_active{feed=\"telephony\"} 0")
            .contains("presence_connection_feeds_active{feed=\"presence\"} 1")
            .containsPattern("presence_connection_feed_refusals_total\\{scope=\"account\"\\} 1");

        for (String kind : List.of("inbound-hold", "transfer-blind", "queue-agents", "ringout")) {
          ScenarioPlayer.play(account, kind);
        }
        ScenarioPlayer.start(account, "inbound").advance(); // one call left ringing
        account.traffic().step(40);
        Map<String, ExtensionState> truth = new HashMap<>();
        account.groundTruth().forEach((id, state) -> truth.put(id, RingCentralSimulator.comparable(state)));
        await("presence to flow on alone").atMost(WAIT).untilAsserted(() -> {
          Map<String, ExtensionState> served = new HashMap<>();
          daemon.states().forEach((id, state) -> served.put(id, RingCentralSimulator.comparable(state)));
          assertThat(served).isEqualTo(truth);
        });
        assertThat(daemon.states().values()).flatExtracting(ExtensionState::calls).isNotEmpty()
            .allSatisfy(call -> assertThat(call.party()).isNull());
        assertThat(get(daemon.url().resolve("api/sessions")).body()).isEqualTo("[]");
        assertThat(sse.frames()).extracting(SseRecorder.Frame::event).contains("call.new", "call.ended")
            .noneMatch(kind -> kind.startsWith("session.") || kind.equals("party.updated"));
        assertThat(get(daemon.url().resolve("health/ready")).statusCode()).isEqualTo(200);
      }
    }
  }

  private static List<SessionEvent.SessionEnded> ended(SseRecorder sse, int from) {
    List<SseRecorder.Frame> frames = sse.frames();
    List<SessionEvent.SessionEnded> ended = new ArrayList<>();
    for (SseRecorder.Frame f : frames.subList(from, frames.size())) {
      assertThat(f.event()).isEqualTo("session.ended");
      ended.add((SessionEvent.SessionEnded) CODEC.decodeEvent(f.data()));
    }
    return ended;
  }

  /**
   * {@link #ENDINGS} of a kind for the extensions the player rang: an entry "N… result" stands for every place
   * from N to the last one the scenario holds (a ring-all queue rings as many members as can take the call).
   */
  private static List<String> endingsOf(String kind, ScenarioPlayer player) {
    List<String> out = new ArrayList<>();
    for (String ending : ENDINGS.get(kind)) {
      int dots = ending.indexOf('…');
      if (dots < 0) {
        out.add(ending);
        continue;
      }
      int from = Integer.parseInt(ending.substring(0, dots));
      for (int place = from; place < player.extensionIds().size(); place++) {
        out.add(place + ending.substring(dots + 1));
      }
    }
    return out;
  }

  /** The results since frame {@code from}, each as "place result" (see {@link #ENDINGS}). */
  private static List<String> endings(SseRecorder sse, int from, ScenarioPlayer player) {
    return ended(sse, from).stream().map(e -> {
      int place = player.extensionIds().indexOf(e.extensionId());
      return (place >= 0 ? String.valueOf(place) : ScenarioPlayer.QUEUE_ID.equals(e.extensionId())
          || ScenarioPlayer.SUPPORT_QUEUE_ID.equals(e.extensionId()) ? "queue" : e.extensionId())
          + " " + e.result().label();
    }).toList();
  }

  /**
   * What must agree, for every extension X: its sessions in {@code /api/sessions} are the truth's live
   * sessions of X (the rules of {@link ScenarioPlayer#expectedLive}), every party in them equals the
   * truth's party (no SIP data: the daemon subscribes without {@code sipData=true}); and every call of X
   * in {@code /api/state} equals the truth's call and carries the fused party of its session's party.
   */
  private void assertAgreesWithTheTruth(RingCentralSimulator sim, String when) {
    await(when).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(differences(sim)).as(when).isEmpty());
  }

  private List<String> differences(RingCentralSimulator sim) throws Exception {
    List<SessionTruth> truth = sim.sessionTruth();
    Map<String, ExtensionState> presenceTruth = sim.groundTruth();
    Map<String, Party> truthParties = new HashMap<>();
    truth.forEach(s -> s.parties().forEach(p -> truthParties.put(p.id(), ScenarioPlayer.withoutSipData(p))));
    Map<String, SessionTruth> byId = new HashMap<>();
    truth.forEach(s -> byId.put(s.telephonySessionId(), s));
    Map<String, List<TelephonySession>> served = new TreeMap<>();
    for (TelephonySession s : CODEC.decodeSessions(get(daemon.url().resolve("api/sessions")).body())) {
      served.computeIfAbsent(s.extensionId(), k -> new ArrayList<>()).add(s);
    }
    Map<String, ExtensionState> states = new HashMap<>();
    for (JsonNode node : JSON.readTree(get(daemon.url().resolve("api/state")).body())) {
      ExtensionState state = CODEC.decodeState(node.toString());
      states.put(state.extensionId(), state);
    }

    List<String> differences = new ArrayList<>();
    sessionsCompared = 0;
    partiesCompared = 0;
    fusedCallsCompared = 0;
    for (String x : new TreeSet<>(presenceTruth.keySet())) {
      Map<String, SessionTruth> expected = ScenarioPlayer.expectedLive(truth, x);
      Map<String, TelephonySession> actual = new LinkedHashMap<>();
      served.getOrDefault(x, List.of()).forEach(s -> actual.put(s.telephonySessionId(), s));
      for (String id : expected.keySet()) {
        if (!actual.containsKey(id)) {
          differences.add(x + ": live session " + id + " missing from /api/sessions: " + expected.get(id));
        }
      }
      for (TelephonySession view : actual.values()) {
        SessionTruth t = expected.get(view.telephonySessionId());
        if (t == null) {
          if (!ScenarioPlayer.waitingAfterPickup(view)) {
            differences.add(x + ": /api/sessions has " + view.telephonySessionId() + ", not live for it in the truth: " + view);
          }
          continue;
        }
        if (!view.sessionId().equals(t.sessionId()) || !view.origin().equals(t.origin())) {
          differences.add(x + ": session " + t.telephonySessionId() + " is " + view.sessionId() + "/" + view.origin()
              + ", truth " + t.sessionId() + "/" + t.origin());
        }
        sessionsCompared++;
        for (Party p : view.parties()) {
          partiesCompared++;
          if (!p.equals(truthParties.get(p.id()))) {
            differences.add(x + ": party " + p.id() + " of " + t.telephonySessionId() + "\n  served: " + p
                + "\n  truth:  " + truthParties.get(p.id()));
          }
        }
      }
      ExtensionState state = states.get(x);
      ExtensionState callTruth = presenceTruth.get(x);
      if (state == null || !RingCentralSimulator.comparable(state).equals(RingCentralSimulator.comparable(callTruth))) {
        differences.add(x + ": /api/state\n  served: " + state + "\n  truth:  " + callTruth);
        continue;
      }
      for (Call call : state.calls()) {
        SessionTruth t = byId.get(call.telephonySessionId());
        if (t == null) {
          continue; // its session ended already: the call keeps the party it was last given
        }
        Party party = t.parties().stream().filter(p -> p.id().equals(call.partyId())).findFirst()
            .orElseGet(() -> TelephonySession.ownParty(t.parties(), x));
        CallParty fused = party == null ? null : CallParty.of(party);
        fusedCallsCompared++;
        if (!java.util.Objects.equals(call.party(), fused)) {
          differences.add(x + ": call " + call.telephonySessionId() + "/" + call.partyId() + " carries party "
              + call.party() + ", truth " + fused);
        }
      }
    }
    return differences;
  }

  // --- helpers ---

  private String control(RingCentralSimulator sim, String what) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/" + what))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(what).isEqualTo(200);
    return res.body();
  }

  private String metrics() throws Exception {
    return get(daemon.url().resolve("metrics")).body();
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void awaitTrue(String what, Condition condition) {
    await(what).atMost(WAIT).until(condition::holds);
  }
}
