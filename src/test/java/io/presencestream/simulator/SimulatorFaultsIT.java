package io.presencestream.simulator;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Notification;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** Faults as a client sees them on the wire, scripts of faults, and the slow-client policy. */
class SimulatorFaultsIT {

  private static final Duration T = SimClient.TIMEOUT;
  private final PresenceCodec presence = PresenceCodec.create();
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

  private WsProbe subscribed() {
    WsProbe probe = client.connect();
    probe.next(T);
    client.subscribeAll(probe);
    return probe;
  }

  @Test
  void staleReplayAndSequenceFaultsShowInTheSequencesSent() {
    start(SimulatorOptions.builder().extensions(4));
    try (WsProbe probe = subscribed()) {
      sim.traffic().step(30);
      probe.drain(Duration.ofMillis(300));
      String ext = sim.ownerExtensionId();
      long before = sim.groundTruth().get(ext).sequence() == null ? 0 : sim.groundTruth().get(ext).sequence();

      assertThat(sim.faults().replayStaleNotification()).isTrue();
      Notification stale = presence.decodeMessage(probe.nextText(T));
      assertThat(stale.body().sequence()).isLessThan(sim.groundTruth().get(stale.extensionId()).sequence());

      sim.faults().skipSequences(5);
      sim.traffic().setPresence(ext, null, null, "Skipped");
      assertThat(presence.decodeMessage(probe.nextText(T)).body().sequence()).isEqualTo(before + 6);

      sim.faults().resetSequences();
      sim.traffic().setPresence(ext, null, null, "Reset");
      assertThat(presence.decodeMessage(probe.nextText(T)).body().sequence()).isLessThan(before + 6 - 99_000);
    }
  }

  @Test
  void foreignNotificationsCarryAnotherSubscriptionId() {
    start(SimulatorOptions.builder().extensions(4));
    try (WsProbe probe = subscribed()) {
      sim.traffic().step(20);
      List<String> ours = probe.drain(Duration.ofMillis(300));
      String ourId = presence.decodeMessage(ours.get(0)).subscriptionId();

      assertThat(sim.faults().sendForeignNotification()).isEqualTo(1);

      assertThat(presence.decodeMessage(probe.nextText(T)).subscriptionId()).isNotEqualTo(ourId);
    }
  }

  @Test
  void aFaultScriptRunsItsEntriesInTime() {
    start(SimulatorOptions.builder().extensions(4));
    try (WsProbe probe = subscribed()) {
      Disposable script = sim.faults().schedule("100ms:garbage; 300ms:drop");

      assertThat(probe.nextText(T)).isEqualTo("this is not JSON {");
      assertThat(probe.awaitEnd(T)).isTrue();
      script.dispose();
    }
    assertThatThrownBy(() -> sim.faults().schedule("1s:explode")).hasMessageContaining("unknown fault");
    assertThatThrownBy(() -> sim.faults().schedule("drop")).hasMessageContaining("<delay>:<fault>");
    assertThatThrownBy(() -> sim.faults().apply("refuse-recovery=WSG-999")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultsByNameDoWhatTheirMethodsDo() {
    start(SimulatorOptions.builder().extensions(4));
    String token = client.login().accessToken();

    sim.faults().apply("429=1/3");
    SimClient.Response limited = client.get("/restapi/v1.0/account/~/extension", token);
    sim.faults().apply("expire-tokens");
    SimClient.Response expired = client.get("/restapi/v1.0/account/~/extension", token);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().get("Retry-After")).isEqualTo("3");
    assertThat(expired.status()).isEqualTo(401);
  }

  @Test
  void aClientThatStopsReadingIsClosedOnceItFallsTooFarBehind() throws Exception {
    start(SimulatorOptions.builder().extensions(24).outboundQueueLimit(32));
    WsTokenResponse ws = client.wsToken(client.login().accessToken());
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", sim.port()), 5000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /ws?access_token=" + ws.wsAccessToken() + " HTTP/1.1\r\nHost: 127.0.0.1:" + sim.port()
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(readHeaders(socket.getInputStream())).startsWith("HTTP/1.1 101");
      String subscribe = client.codec.encodeFrameText(FrameHeader.clientRequest("s-1", "POST", "/restapi/v1.0/subscription"),
          SubscriptionRequest.webSocket(sim.directory().stream()
              .map(e -> "/restapi/v1.0/account/~/extension/" + e.extensionId() + "/presence" + SimClient.PRESENCE_FLAGS)
              .toList()));
      out.write(maskedTextFrame(subscribe));
      out.flush();
      await().atMost(T).until(() -> sim.stats().subscribedConnections() == 1);

      // never read again: the socket buffers fill, then the server's queue
      for (int i = 0; i < 40 && sim.stats().slowClientsClosed() == 0; i++) {
        sim.traffic().step(500);
      }

      assertThat(sim.stats().slowClientsClosed()).isEqualTo(1);
      assertThat(sim.stats().connections()).isZero();
      assertThat(sim.stats().gatewaySessions()).as("the session stays recoverable").isEqualTo(1);
    }
  }

  @Test
  void pingsKeepAnAnsweringClientAliveAndCloseAPeerThatNeverPongs() throws Exception {
    start(SimulatorOptions.builder().extensions(4).pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(300)));
    WsTokenResponse ws = client.wsToken(client.login().accessToken());
    try (WsProbe answering = client.connect(); Socket silent = new Socket()) {
      answering.next(T);
      silent.connect(new InetSocketAddress("127.0.0.1", sim.port()), 5000);
      silent.setSoTimeout(5000);
      silent.getOutputStream().write(("GET /ws?access_token=" + ws.wsAccessToken() + " HTTP/1.1\r\nHost: 127.0.0.1:"
          + sim.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(readHeaders(silent.getInputStream())).startsWith("HTTP/1.1 101");
      await().atMost(T).until(() -> sim.stats().connections() == 2);

      // the silent socket reads (so it is not slow) but never answers a ping
      InputStream in = silent.getInputStream();
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      int read = 0;
      while (read >= 0 && System.nanoTime() < deadline) {
        read = in.read(new byte[1024]);
      }

      assertThat(read).as("the server closed the silent socket").isEqualTo(-1);
      assertThat(sim.stats().connections()).isEqualTo(1);
      assertThat(answering.awaitEnd(Duration.ofMillis(10))).isFalse();
    }
  }

  private static String readHeaders(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** A client text frame; clients must mask, and a zero mask keeps the payload as it is. */
  private static byte[] maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        frame.write((int) ((long) payload.length >> (8 * i)) & 0xff);
      }
    }
    frame.writeBytes(new byte[4]);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }
}
