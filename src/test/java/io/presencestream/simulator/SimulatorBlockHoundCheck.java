package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.testing.BlockHoundSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the simulator under BlockHound: OAuth, REST (call sessions too), the gateway with presence and
 * telephony-session filters, recovery, traffic and faults make no blocking call on event loops or on the
 * simulator's own scheduler. Runs in the {@code blockhound} Surefire execution
 * ({@code -XX:+AllowRedefinitionToAddDeleteMethods}); alone: {@code mvn test -Dtest=SimulatorBlockHoundCheck -DargLine=-XX:+AllowRedefinitionToAddDeleteMethods}.
 */
class SimulatorBlockHoundCheck {

  private static final List<String> blockingCalls = BlockHoundSupport.blockingCalls();
  private static final Duration T = SimClient.TIMEOUT;

  @BeforeAll
  static void installBlockHound() {
    BlockHoundSupport.install();
  }

  @Test
  void detectsABlockingCallOnTheSimulatorsScheduler() {
    try (RingCentralSimulator sim = RingCentralSimulator.start(SimulatorOptions.builder().extensions(2).eventsPerSecond(0).build())) {
      int before = blockingCalls.size();
      reactor.core.scheduler.Scheduler single = reactor.core.scheduler.Schedulers.newSingle("probe");
      try {
        reactor.core.publisher.Mono.fromRunnable(BlockHoundSupport::sleepBriefly)
            .subscribeOn(single)
            .block(T);
      } finally {
        single.dispose();
      }
      assertThat(blockingCalls).hasSizeGreaterThan(before);
      blockingCalls.subList(before, blockingCalls.size()).clear();
    }
  }

  @Test
  void simulatorNeverBlocksNonBlockingThreads() throws Exception {
    try (RingCentralSimulator sim = RingCentralSimulator.start(
        SimulatorOptions.builder().extensions(12).eventsPerSecond(50).idleTimeout(Duration.ofSeconds(2)).build())) {
      SimClient client = new SimClient(sim);
      TokenResponse token = client.login();
      client.refresh(token.refreshToken());
      TokenResponse fresh = client.login();
      client.get("/restapi/v1.0/account/~/extension?perPage=5", fresh.accessToken());
      client.get("/restapi/v1.0/account/~/presence?detailedTelephonyState=true&sipData=true", fresh.accessToken());
      String two = String.join(",", sim.directory().subList(0, 2).stream().map(e -> e.extensionId()).toList());
      client.get("/restapi/v1.0/account/~/extension/" + two + "/presence", fresh.accessToken());
      sim.faults().rateLimit(1, Duration.ofSeconds(1));
      client.get("/restapi/v1.0/account/~/extension/~/presence", fresh.accessToken());

      String wsc;
      try (WsProbe probe = client.connect(fresh.accessToken(), null)) {
        wsc = probe.next(T).header().wsc().token();
        List<String> filters = new ArrayList<>(List.of("/restapi/v1.0/account/~/telephony/sessions?sipData=true"));
        sim.directory().forEach(e -> filters.add("/restapi/v1.0/account/~/extension/" + e.extensionId() + "/presence"
            + SimClient.PRESENCE_FLAGS));
        client.subscribe(probe, filters);
        await().atMost(T).until(() -> !sim.sessionTruth().isEmpty());
        client.get("/restapi/v1.0/account/~/telephony/sessions/" + sim.sessionTruth().get(0).telephonySessionId(),
            fresh.accessToken());
        client.get("/_sim/truth?include=sessions", null);
        probe.send("[{\"type\":\"Heartbeat\",\"messageId\":\"hb\"}]");
        probe.next(FrameType.HEARTBEAT, T);
        sim.faults().sendGarbageFrames();
        sim.faults().replayStaleNotification();
        probe.drain(Duration.ofMillis(300));
        sim.faults().dropConnections();
        probe.awaitEnd(T);
      }
      try (WsProbe again = client.connect(fresh.accessToken(), wsc)) {
        assertThat(again.next(FrameType.CONNECTION_DETAILS, T).header().wsc().token()).isEqualTo(wsc);
        again.drain(Duration.ofMillis(400));
        sim.faults().stall();
        sim.faults().disconnectWith("WSG-903");
      }
      try (WsProbe idle = client.connect(fresh.accessToken(), "%%bad")) {
        idle.awaitEnd(T);
      }
      try (WsProbe idle = client.connect(fresh.accessToken(), null)) {
        idle.next(FrameType.ERROR, Duration.ofSeconds(5));
      }
    }
    assertThat(blockingCalls).isEmpty();
  }
}
