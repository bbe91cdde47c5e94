package io.presencestream.simulator;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.RawJson;
import io.presencestream.codec.protocol.Wsc;
import io.presencestream.model.Notification;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Writes a replay corpus from the simulator's own office: the notifications a seeded {@link Office}
 * produces step by step (its scenario mix: inbound, outbound, RingOut, queue, internal and self calls,
 * presence and DND changes, bursts), each as the WebSocket frame {@code [header, envelope]} the gateway
 * sends, one per line. Every 97th step also sends a stale notification again, as the simulator's
 * {@code stale} fault does, so the replay drops some lines as a live client would.
 *
 * <p>In the simulator's package because the office is package-private: the corpus is the simulator's
 * traffic itself, not an imitation of it. The same arguments always give the same bytes (the office
 * draws from its seed and reads only the stepping clock below).
 *
 * <pre>{@code java -cp … io.presencestream.simulator.SimulatorCorpus corpus.jsonl 100000 [extensions] [seed]}</pre>
 */
public final class SimulatorCorpus {

  private static final String SUBSCRIPTION = "2d8f8e5c-4ae3-4c1b-9e0e-6c3f1b7a0d21";
  private static final String EVENT_FLAGS = "?detailedTelephonyState=true&sipData=true";

  private SimulatorCorpus() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SimulatorCorpus FILE NOTIFICATIONS [EXTENSIONS] [SEED]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int notifications = Integer.parseInt(args[1]);
    int extensions = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261202L;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      long bytes = write(out, notifications, extensions, seed);
      System.err.printf("corpus: %d notifications over %d extensions (seed %d), %d bytes -> %s%n",
          notifications, extensions, seed, bytes, file);
    }
  }

  /** Writes {@code notifications} frame lines to {@code out}; returns the bytes written. */
  public static long write(OutputStream out, int notifications, int extensions, long seed) throws IOException {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
    Office office = new Office(SimulatorOptions.builder().seed(seed).extensions(extensions).eventsPerSecond(0)
        .clock(clock).build());
    PresenceCodec presence = PresenceCodec.create();
    ProtocolCodec protocol = ProtocolCodec.create();
    String account = SimulatorOptions.builder().build().accountId();
    String owner = office.owner().id;
    long wscSequence = 0;
    long bytes = 0;
    int written = 0;
    for (long step = 1; written < notifications; step++) {
      clock.advance(Duration.ofMillis(50)); // 20 steps a second, the simulator's default pace
      java.util.List<SimNotification> produced = new java.util.ArrayList<>(office.step());
      if (step % 97 == 0) {
        SimNotification stale = office.staleReplay();
        if (stale != null) {
          produced.add(stale);
        }
      }
      for (SimNotification n : produced) {
        if (written == notifications) {
          break;
        }
        String event = "/restapi/v1.0/account/" + account + "/extension/" + n.extensionId() + "/presence"
            + EVENT_FLAGS;
        Notification envelope = new Notification(n.uuid(), event, n.timestamp(), SUBSCRIPTION, owner, n.body());
        FrameHeader header = FrameHeader.server(FrameType.SERVER_NOTIFICATION, n.uuid(), 200,
            Map.of("RCRequestId", n.uuid()), new Wsc("wsc-corpus", ++wscSequence));
        byte[] frame = protocol.encodeFrame(header, new RawJson(presence.encodeNotification(envelope)));
        out.write(frame);
        out.write('\n');
        bytes += frame.length + 1;
        written++;
      }
    }
    return bytes;
  }

  /** A clock that moves only when told, so the office's timestamps are a function of the step count. */
  private static final class SteppingClock extends Clock {
    private Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
