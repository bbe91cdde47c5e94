package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.Notification;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.RecoveryState;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.SubscriptionResponse;
import io.presencestream.codec.protocol.WsTokenResponse;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated WebSocket gateway, with a real Reactor Netty WebSocket client. */
class SimulatorGatewayIT {

  private static final Duration T = SimClient.TIMEOUT;
  private static final Duration QUIET = Duration.ofMillis(300);

  private final PresenceCodec presence = PresenceCodec.create();
  private RingCentralSimulator sim;
  private SimClient client;

  private void start(SimulatorOptions.Builder options) {
    sim = RingCentralSimulator.start(options.eventsPerSecond(0).build());
    client = new SimClient(sim);
  }

  private void start() {
    start(SimulatorOptions.builder().extensions(12));
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private ConnectionDetails details(Frame f) {
    assertThat(f.type()).isEqualTo(FrameType.CONNECTION_DETAILS);
    return client.codec.decodeConnectionDetails(f.body());
  }

  @Test
  void connectionDetailsComeFirstWithAWscTokenAndTheLimits() {
    start(SimulatorOptions.builder().extensions(4).recoveryBufferSize(50).recoveryTimeout(Duration.ofSeconds(30)));
    try (WsProbe probe = client.connect()) {
      Frame first = probe.next(T);

      ConnectionDetails d = details(first);
      assertThat(first.header().status()).isEqualTo(200);
      assertThat(first.header().wsc()).isNotNull();
      assertThat(d.recoveryBufferSize()).isEqualTo(50);
      assertThat(d.recoveryTimeout()).isEqualTo(30);
      assertThat(d.idleTimeout()).isEqualTo(1800);
      assertThat(d.absoluteTimeout()).isEqualTo(86400);
      assertThat(d.recoveryState()).isNull();
      assertThat(d.creationTime()).isNotNull();
    }
  }

  @Test
  void acceptsTheWsTokenAsBearerHeaderAndRefusesBadTokens() {
    start();
    WsTokenResponse ws = client.wsToken(client.login().accessToken());
    try (WsProbe viaHeader = WsProbe.connect(ws.uri(), Map.of("Authorization", "Bearer " + ws.wsAccessToken()));
        WsProbe bad = WsProbe.connect(ws.uri() + "?access_token=nonsense")) {
      assertThat(viaHeader.next(T).type()).isEqualTo(FrameType.CONNECTION_DETAILS);
      assertThat(bad.awaitEnd(T)).isTrue();
      assertThat(bad.error()).isNotNull().hasMessageContaining("401");
    }
    assertThat(ws.uri()).isEqualTo(sim.webSocketUrl()).startsWith("ws://");
  }

  @Test
  void subscriptionReplacesTildeDropsUnknownFlagsAndRepliesWithTheSubscriptionIdHeader() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      Frame reply = client.subscribe(probe, List.of(
          "/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true&totallyMadeUp=1",
          "/restapi/v1.0/account/~/extension/~/message-store"));

      assertThat(reply.header().status()).isEqualTo(200);
      SubscriptionResponse sub = client.codec.decodeSubscriptionResponse(reply.body());
      assertThat(reply.header().header(FrameHeader.SUBSCRIPTION_ID_HEADER)).isEqualTo(sub.id());
      assertThat(sub.status()).isEqualTo("Active");
      assertThat(sub.eventFilters()).containsExactly("/restapi/v1.0/account/" + sim.options().accountId()
          + "/extension/" + sim.ownerExtensionId() + "/presence?detailedTelephonyState=true&sipData=true");
      assertThat(sub.deliveryMode().transportType()).isEqualTo("WebSocket");
      assertThat(sub.expiresIn()).isEqualTo(86399);
    }
  }

  @Test
  void subscriptionRequestsCanFailUpdateAndDelete() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      Frame invalid = client.subscribe(probe, List.of("/restapi/v1.0/account/~/extension/~/voicemail"));
      sim.faults().failSubscriptions(1, "SUB-505");
      Frame limited = client.subscribeAll(probe);
      Frame created = client.subscribeAll(probe);
      String id = client.codec.decodeSubscriptionResponse(created.body()).id();
      String owner = "/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true";
      probe.send(client.codec.encodeFrameText(FrameHeader.clientRequest("u-1", "PUT", "/restapi/v1.0/subscription/" + id),
          SubscriptionRequest.webSocket(List.of(owner))));
      Frame updated = client.reply(probe, "u-1");
      probe.send(client.codec.encodeFrameText(FrameHeader.clientRequest("u-2", "PUT", "/restapi/v1.0/subscription/nope"),
          SubscriptionRequest.webSocket(List.of(owner))));
      Frame unknown = client.reply(probe, "u-2");
      probe.send(client.codec.encodeFrameText(FrameHeader.clientRequest("d-1", "DELETE", "/restapi/v1.0/subscription/" + id), null));
      Frame deleted = client.reply(probe, "d-1");

      assertThat(invalid.header().status()).isEqualTo(400);
      assertThat(client.codec.decodeError(invalid.body()).errorCode()).isEqualTo("SUB-508");
      assertThat(limited.header().status()).isEqualTo(403);
      assertThat(client.codec.decodeError(limited.body()).errorCode()).isEqualTo("SUB-505");
      assertThat(updated.header().status()).isEqualTo(200);
      assertThat(client.codec.decodeSubscriptionResponse(updated.body()).eventFilters()).hasSize(1);
      assertThat(unknown.header().status()).isEqualTo(404);
      assertThat(deleted.header().status()).isEqualTo(204);
      sim.traffic().step(100);
      assertThat(probe.drain(QUIET)).isEmpty();
    }
  }

  @Test
  void heartbeatIsAnsweredWithTheSameMessageId() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      probe.send("[{\"type\":\"Heartbeat\",\"messageId\":\"hb-42\"}]");

      Frame answer = probe.next(T);

      assertThat(answer.type()).isEqualTo(FrameType.HEARTBEAT);
      assertThat(answer.header().messageId()).isEqualTo("hb-42");
    }
  }

  @Test
  void notificationsCarryTheSubscriptionIdAndAWscWithARisingSequence() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      String subscriptionId = client.codec.decodeSubscriptionResponse(client.subscribeAll(probe).body()).id();
      int produced = sim.traffic().step(40);

      List<String> frames = probe.drain(Duration.ofMillis(500));

      assertThat(frames).hasSize(produced);
      long lastWsc = 0;
      Map<String, Long> lastSequence = new HashMap<>();
      for (String text : frames) {
        Frame f = client.codec.decodeFrame(text);
        assertThat(f.type()).isEqualTo(FrameType.SERVER_NOTIFICATION);
        assertThat(f.header().wsc().sequence()).isGreaterThan(lastWsc);
        lastWsc = f.header().wsc().sequence();
        Notification n = presence.decodeMessage(text);
        assertThat(n.uuid()).isEqualTo(f.header().messageId());
        assertThat(n.subscriptionId()).isEqualTo(subscriptionId);
        assertThat(n.ownerId()).isEqualTo(sim.ownerExtensionId());
        assertThat(n.event()).contains("/extension/" + n.extensionId() + "/presence?detailedTelephonyState=true&sipData=true");
        Long previous = lastSequence.put(n.extensionId(), n.body().sequence());
        if (previous != null) {
          assertThat(n.body().sequence()).isEqualTo(previous + 1);
        }
      }
      lastSequence.forEach((ext, seq) -> assertThat(sim.groundTruth().get(ext).sequence()).isEqualTo(seq));
    }
  }

  @Test
  void aRingOutsOutboundLegArrivesStampedWithTheStepThatDialsIt() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-03T10:00:00Z"));
    start(SimulatorOptions.builder().extensions(4).clock(clock));
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      client.subscribeAll(probe);
      Scenario ringOut = sim.traffic().start("ringout");
      sim.traffic().advance(ringOut); // the user's phone rings (the inbound leg)
      probe.drain(Duration.ofMillis(300));
      clock.advance(Duration.ofSeconds(7)); // the traffic comes back to this call seconds later

      sim.traffic().advance(ringOut); // the user answers; the platform dials the destination
      List<String> frames = probe.drain(Duration.ofMillis(500));

      assertThat(frames).hasSize(1);
      List<ActiveCall> calls = presence.decodeMessage(frames.get(0)).body().activeCalls();
      assertThat(calls).extracting(ActiveCall::direction).containsExactlyInAnyOrder(Direction.INBOUND, Direction.OUTBOUND);
      assertThat(calls).filteredOn(c -> c.direction() == Direction.OUTBOUND).singleElement()
          .extracting(ActiveCall::startTime).isEqualTo(Instant.parse("2026-12-03T10:00:07Z"));
      assertThat(calls).filteredOn(c -> c.direction() == Direction.INBOUND).singleElement()
          .extracting(ActiveCall::startTime).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }
  }

  @Test
  void aSecondSubscriptionReplacesTheFirst() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      client.subscribeAll(probe);
      String second = client.codec.decodeSubscriptionResponse(client.subscribe(probe,
          List.of("/restapi/v1.0/account/~/presence?detailedTelephonyState=true")).body()).id();
      int produced = sim.traffic().step(20);

      List<String> frames = probe.drain(Duration.ofMillis(400));

      assertThat(frames).hasSize(produced);
      assertThat(frames).allSatisfy(t -> {
        Notification n = presence.decodeMessage(t);
        assertThat(n.subscriptionId()).isEqualTo(second);
        assertThat(n.body().activeCalls()).allMatch(c -> c.sipData() == null);
      });
    }
  }

  @Test
  void recoveryReplaysEveryMissedNotificationInOrder() {
    start();
    String access = client.login().accessToken();
    String wsc;
    Map<String, Long> last = new HashMap<>();
    try (WsProbe probe = client.connect(access, null)) {
      wsc = probe.next(T).header().wsc().token();
      client.subscribeAll(probe);
      sim.traffic().step(10);
      probe.drain(QUIET).forEach(t -> {
        Notification n = presence.decodeMessage(t);
        last.put(n.extensionId(), n.body().sequence());
      });
      sim.faults().dropConnections();
      assertThat(probe.awaitEnd(T)).isTrue();
    }
    int missed = sim.traffic().step(30);
    assertThat(missed).isBetween(1, 99);

    try (WsProbe again = client.connect(access, wsc)) {
      Frame first = again.next(T);
      ConnectionDetails d = details(first);
      List<String> replayed = again.drain(Duration.ofMillis(500));

      assertThat(d.recoveryState()).isEqualTo(RecoveryState.SUCCESSFUL);
      assertThat(first.header().wsc().token()).isEqualTo(wsc);
      assertThat(replayed).hasSize(missed);
      for (String t : replayed) {
        Notification n = presence.decodeMessage(t);
        Long previous = last.put(n.extensionId(), n.body().sequence());
        if (previous != null) {
          assertThat(n.body().sequence()).isEqualTo(previous + 1);
        }
      }
      last.forEach((ext, seq) -> assertThat(sim.groundTruth().get(ext).sequence()).isEqualTo(seq));
      sim.traffic().step(5);
      assertThat(again.drain(QUIET)).isNotEmpty();
      assertThat(sim.stats().recoveries()).isEqualTo(1);
    }
  }

  @Test
  void recoveryReplaysOnlyTheNewestWhenMoreThanTheBufferWasMissed() {
    start(SimulatorOptions.builder().extensions(6).recoveryBufferSize(10));
    String access = client.login().accessToken();
    String wsc;
    try (WsProbe probe = client.connect(access, null)) {
      wsc = probe.next(T).header().wsc().token();
      client.subscribeAll(probe);
      sim.faults().dropConnections();
      probe.awaitEnd(T);
    }
    int missed = sim.traffic().step(60);
    assertThat(missed).isGreaterThan(10);

    try (WsProbe again = client.connect(access, wsc)) {
      assertThat(details(again.next(T)).recovered()).isTrue();
      List<String> replayed = again.drain(Duration.ofMillis(500));

      assertThat(replayed).hasSize(10);
      Notification newest = presence.decodeMessage(replayed.get(9));
      assertThat(newest.body().sequence()).isEqualTo(sim.groundTruth().get(newest.extensionId()).sequence());
    }
  }

  @Test
  void refusedRecoveryFailsWithTheCodeAndNeedsANewSubscription() {
    start();
    String access = client.login().accessToken();
    String wsc;
    try (WsProbe probe = client.connect(access, null)) {
      wsc = probe.next(T).header().wsc().token();
      client.subscribeAll(probe);
      sim.faults().dropConnections();
      probe.awaitEnd(T);
    }
    sim.faults().refuseNextRecovery("WSG-1005");
    sim.traffic().step(10);

    try (WsProbe again = client.connect(access, wsc)) {
      Frame first = again.next(T);
      ConnectionDetails d = details(first);

      assertThat(d.recoveryState()).isEqualTo(RecoveryState.FAILED);
      assertThat(d.recoveryErrorCode()).isEqualTo("WSG-1005");
      assertThat(first.header().wsc().token()).isNotEqualTo(wsc);
      assertThat(again.drain(QUIET)).isEmpty();
      client.subscribeAll(again);
      int produced = sim.traffic().step(5);
      assertThat(again.drain(QUIET)).hasSize(produced);
    }
  }

  @Test
  void recoveryFromAnotherOAuthSessionFailsWithWsg1003() {
    start();
    String wsc;
    try (WsProbe probe = client.connect()) {
      wsc = probe.next(T).header().wsc().token();
      client.subscribeAll(probe);
      sim.faults().dropConnections();
      probe.awaitEnd(T);
    }
    try (WsProbe other = client.connect(client.login().accessToken(), wsc)) {
      ConnectionDetails d = details(other.next(T));

      assertThat(d.recoveryState()).isEqualTo(RecoveryState.FAILED);
      assertThat(d.recoveryErrorCode()).isEqualTo("WSG-1003");
    }
  }

  @Test
  void recoveryAfterTheRecoveryTimeoutFailsWithWsg1005() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
    start(SimulatorOptions.builder().extensions(4).recoveryTimeout(Duration.ofMillis(400)).clock(clock));
    String access = client.login().accessToken();
    String wsc;
    try (WsProbe probe = client.connect(access, null)) {
      wsc = probe.next(T).header().wsc().token();
      client.subscribeAll(probe);
      sim.faults().dropConnections();
      probe.awaitEnd(T);
    }
    clock.advance(Duration.ofMillis(401));

    try (WsProbe late = client.connect(access, wsc)) {
      ConnectionDetails d = details(late.next(T));
      assertThat(d.recoveryState()).isEqualTo(RecoveryState.FAILED);
      assertThat(d.recoveryErrorCode()).isEqualTo("WSG-1005");
    }
  }

  @Test
  void aMalformedWscGetsWsg400AndTheConnectionIsClosed() {
    start();
    try (WsProbe probe = client.connect(client.login().accessToken(), "%%%not-a-token")) {
      Frame error = probe.next(T);

      assertThat(error.type()).isEqualTo(FrameType.ERROR);
      ErrorBody body = client.codec.decodeError(error.body());
      assertThat(body.errorCode()).isEqualTo("WSG-400");
      assertThat(body.message()).isEqualTo("Malformed WebSocket session context token");
      assertThat(probe.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void idleConnectionsGetWsg902ButHeartbeatsKeepThemOpen() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
    start(SimulatorOptions.builder().extensions(4).idleTimeout(Duration.ofMillis(800)).clock(clock));
    try (WsProbe idle = client.connect(); WsProbe chatty = client.connect()) {
      idle.next(T);
      chatty.next(T);

      clock.advance(Duration.ofMillis(500));
      heartbeat(chatty, "hb-1"); // chatty's last frame: 500 ms in
      clock.advance(Duration.ofMillis(500)); // idle has been silent 1,000 ms, chatty 500 ms

      Frame error = idle.next(T);
      assertThat(error.type()).isEqualTo(FrameType.ERROR);
      assertThat(client.codec.decodeError(error.body()).errorCode()).isEqualTo("WSG-902");
      assertThat(idle.awaitEnd(T)).isTrue();
      // The clock stands still: no timeout check, however late it runs, may close chatty now.
      assertThat(chatty.drain(QUIET)).isEmpty();
      heartbeat(chatty, "hb-2");
      assertThat(chatty.awaitEnd(Duration.ofMillis(10))).isFalse();
    }
  }

  /**
   * Notifications decided on a traffic thread and replies decided on the connection's event loop are
   * numbered ({@code wsc} sequence) in the order the gateway decided them; they must reach the socket
   * in that order too, or a client that keeps the last {@code wsc} recovers from the wrong point.
   */
  @Test
  void framesLeaveInTheOrderOfTheirWscSequenceWhicheverThreadDecidedThem() throws InterruptedException {
    start(SimulatorOptions.builder().extensions(24));
    int requests = 300;
    try (WsProbe probe = client.connect()) {
      probe.next(T);
      client.subscribeAll(probe);
      Thread traffic = new Thread(() -> sim.traffic().step(requests), "test-traffic");
      traffic.start();
      for (int i = 0; i < requests; i++) {
        probe.send(client.codec.encodeFrameText(
            FrameHeader.clientRequest("get-" + i, "GET", "/restapi/v1.0/subscription/none"), null));
      }
      traffic.join(T.toMillis() * 4);
      long notifications = sim.stats().notificationsSent();
      assertThat(notifications).isPositive();

      List<Long> sequences = new java.util.ArrayList<>();
      int replies = 0;
      int notified = 0;
      while (replies < requests || notified < notifications) {
        Frame f = probe.next(T);
        sequences.add(f.header().wsc().sequence());
        if (f.type() == FrameType.CLIENT_REQUEST) {
          replies++;
        } else if (f.type() == FrameType.SERVER_NOTIFICATION) {
          notified++;
        }
      }
      for (int i = 1; i < sequences.size(); i++) {
        assertThat(sequences.get(i)).as("wsc sequence of frame %d after %d", i, sequences.get(i - 1))
            .isEqualTo(sequences.get(i - 1) + 1);
      }
    }
  }

  /** Sends a Heartbeat and waits for the gateway's answer to it. */
  private static void heartbeat(WsProbe probe, String id) {
    probe.send("[{\"type\":\"Heartbeat\",\"messageId\":\"" + id + "\"}]");
    assertThat(probe.next(FrameType.HEARTBEAT, T).header().messageId()).isEqualTo(id);
  }

  @Test
  void connectionsOlderThanTheAbsoluteTimeoutGetWsg903() {
    start(SimulatorOptions.builder().extensions(4).absoluteTimeout(Duration.ofMillis(600)));
    try (WsProbe probe = client.connect()) {
      probe.next(T);

      Frame error = probe.next(T);

      assertThat(client.codec.decodeError(error.body()).errorCode()).isEqualTo("WSG-903");
      assertThat(probe.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void garbageFramesArriveAndTheConnectionStaysUsable() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);

      assertThat(sim.faults().sendGarbageFrames()).isEqualTo(1);
      List<String> garbage = probe.drain(QUIET);
      probe.send("[{\"type\":\"Heartbeat\",\"messageId\":\"after\"}]");

      assertThat(garbage).hasSize(4).contains("this is not JSON {");
      assertThat(probe.next(T).header().messageId()).isEqualTo("after");
    }
  }

  @Test
  void serverSideTimeoutFaultsSendTheErrorAndClose() {
    start();
    try (WsProbe probe = client.connect()) {
      probe.next(T);

      assertThat(sim.faults().disconnectWith("WSG-902")).isEqualTo(1);

      assertThat(client.codec.decodeError(probe.next(T).body()).errorCode()).isEqualTo("WSG-902");
      assertThat(probe.awaitEnd(T)).isTrue();
    }
  }

  @Test
  void aStalledConnectionAnswersNothingAndItsNotificationsWaitForRecovery() {
    start();
    String access = client.login().accessToken();
    try (WsProbe probe = client.connect(access, null)) {
      String wsc = probe.next(T).header().wsc().token();
      client.subscribeAll(probe);

      assertThat(sim.faults().stall()).isEqualTo(1);
      probe.send("[{\"type\":\"Heartbeat\",\"messageId\":\"unanswered\"}]");
      int produced = sim.traffic().step(15);

      assertThat(probe.drain(Duration.ofMillis(500))).isEmpty();
      try (WsProbe again = client.connect(access, wsc)) {
        assertThat(details(again.next(T)).recovered()).isTrue();
        assertThat(again.drain(Duration.ofMillis(500))).hasSize(produced);
      }
      assertThat(probe.awaitEnd(T)).as("the stalled connection is closed once recovered elsewhere").isTrue();
    }
  }

  @Test
  void bigSubscriptionsFitInOneFrame() {
    start(SimulatorOptions.builder().extensions(3000));
    try (WsProbe probe = client.connect()) {
      probe.next(T);

      Frame reply = client.subscribeAll(probe);

      assertThat(reply.header().status()).isEqualTo(200);
      assertThat(reply.body().length).isGreaterThan(200_000);
      assertThat(client.codec.decodeSubscriptionResponse(reply.body()).eventFilters()).hasSize(3000);
    }
  }
}
