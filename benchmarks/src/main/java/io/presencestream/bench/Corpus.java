package io.presencestream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of RingCentral detailed-presence WebSocket frames ({@code [header, envelope]}), as the
 * client receives them, with the scenario mix of the simulator: inbound calls (ringing, connected, hold,
 * resume, park, end), outbound calls, RingOut calls (two legs whose session ids differ by 1000), queue
 * calls, availability and Do-not-Disturb changes without a call list, and truncated call lists
 * ({@code totalActiveCalls} above the list's length).
 *
 * <p>Why a generator of its own: the simulator's office model is package-private and produces records,
 * not bytes, and the codec's {@code encodeNotification} was not implemented when this was written. The
 * frames are written with Jackson in RingCentral's field order (see the samples in the reference
 * folder). Generated at run time, never committed; the same seed always gives the same bytes.
 */
public final class Corpus {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Instant EPOCH = Instant.parse("2026-11-26T09:00:00Z");
  private static final String ACCOUNT = "37439510";
  private static final String SUBSCRIPTION = "dfbca25e-4e2b-4c60-aa8d-47a83716fe23";
  private static final String[] NAMES = {
    "Alice Adams", "Bob Brown", "Charlie Williams", "Dana Jones", "Eve Garcia", "Frank Miller",
    "Grace Davis", "Heidi Lopez", "Ivan Wilson", "Judy Moore", "Mallory Taylor", "Oscar Thomas"
  };

  private final byte[][] frames;
  private final Instant[] receivedAt;
  private final int extensions;
  private final long bytes;

  private Corpus(byte[][] frames, Instant[] receivedAt, int extensions) {
    this.frames = frames;
    this.receivedAt = receivedAt;
    this.extensions = extensions;
    long total = 0;
    for (byte[] f : frames) {
      total += f.length;
    }
    this.bytes = total;
  }

  /** {@code notifications} frames over {@code extensions} extensions, the same for the same arguments. */
  public static Corpus generate(long seed, int extensions, int notifications) {
    if (extensions < 1 || notifications < 1) {
      throw new IllegalArgumentException("extensions and notifications must be positive");
    }
    Office office = new Office(new SplittableRandom(seed), extensions, false);
    byte[][] frames = new byte[notifications][];
    Instant[] received = new Instant[notifications];
    for (int i = 0; i < notifications; i++) {
      Office.Message m = office.next();
      frames[i] = m.frame;
      received[i] = m.receivedAt;
    }
    return new Corpus(frames, received, extensions);
  }

  /**
   * An endless seeded stream of frames over {@code extensions} extensions whose times are the wall clock
   * at generation (the load harness sends each frame as soon as it is made). Not thread-safe.
   */
  public static Generator generator(long seed, int extensions) {
    return new Generator(new Office(new SplittableRandom(seed), extensions, true));
  }

  /** See {@link #generator}. */
  public static final class Generator {
    private final Office office;

    private Generator(Office office) {
      this.office = office;
    }

    /** The next frame. */
    public byte[] next() {
      return office.next().frame;
    }
  }

  /** The frames, in order (do not modify). */
  public byte[][] frames() {
    return frames;
  }

  /** When each frame was "received" (input time for the engine, no clock reads while measuring). */
  public Instant[] receivedAt() {
    return receivedAt;
  }

  public int size() {
    return frames.length;
  }

  public int extensions() {
    return extensions;
  }

  /** Total bytes of all frames. */
  public long bytes() {
    return bytes;
  }

  /** The extension id of extension number {@code index} (ids look like RingCentral's). */
  public static String extensionId(int index) {
    return Long.toString(297_277_000L + index);
  }

  // ------------------------------------------------------------------ the office model

  /** Mutable state of the simulated office; one instance per generated corpus. */
  private static final class Office {

    private static final int MAX_CALLS = 4;

    static final class Message {
      final byte[] frame;
      final Instant receivedAt;

      Message(byte[] frame, Instant receivedAt) {
        this.frame = frame;
        this.receivedAt = receivedAt;
      }
    }

    static final class Leg {
      final String id;
      final String direction;
      final String from;
      final String fromName;
      final String to;
      final String toName;
      final long sessionId;
      final Instant startTime;
      final boolean queueCall;
      String status;
      String termination;

      Leg(String id, String direction, String from, String fromName, String to, String toName, long sessionId,
          Instant startTime, boolean queueCall, String status) {
        this.id = id;
        this.direction = direction;
        this.from = from;
        this.fromName = fromName;
        this.to = to;
        this.toName = toName;
        this.sessionId = sessionId;
        this.startTime = startTime;
        this.queueCall = queueCall;
        this.status = status;
      }
    }

    /** A call scenario: one leg, or the two legs of a RingOut. */
    static final class Scenario {
      final List<Leg> legs = new ArrayList<>(2);
      final boolean ringOut;
      int stage;

      Scenario(boolean ringOut) {
        this.ringOut = ringOut;
      }
    }

    static final class Extension {
      final String id;
      final String number;
      final String name;
      final String ownPhone;
      long sequence;
      String userStatus = "Available";
      String dndStatus = "TakeAllCalls";
      String meetingStatus = "Disconnected";
      final List<Scenario> scenarios = new ArrayList<>(MAX_CALLS);

      Extension(int index, SplittableRandom random) {
        this.id = extensionId(index);
        this.number = Integer.toString(101 + index);
        this.name = NAMES[index % NAMES.length];
        this.ownPhone = "+1650253" + String.format("%04d", index % 10_000);
        this.sequence = 1 + random.nextInt(5000);
      }
    }

    private final SplittableRandom random;
    private final Extension[] extensions;
    private long nextSession = 118_139_217_021L;
    private long nextUuid = 4_956_997_212_540_532_738L;
    private long clockMicros;
    private final boolean wallClock;

    Office(SplittableRandom random, int count, boolean wallClock) {
      this.random = random;
      this.wallClock = wallClock;
      this.extensions = new Extension[count];
      for (int i = 0; i < count; i++) {
        extensions[i] = new Extension(i, random);
      }
    }

    Message next() {
      if (wallClock) {
        Instant now = Instant.now();
        clockMicros = (now.getEpochSecond() - EPOCH.getEpochSecond()) * 1_000_000L + now.getNano() / 1000;
      } else {
        clockMicros += random.nextInt(200); // traffic of a few thousand notifications per second
      }
      Extension ext = extensions[random.nextInt(extensions.length)];
      boolean truncated = false;
      boolean withCalls = true;
      int roll = random.nextInt(100);
      if (!ext.scenarios.isEmpty()) {
        // a busy extension mostly moves its calls on; sometimes a second call comes in
        if (roll < 80) {
          advance(ext, ext.scenarios.get(random.nextInt(ext.scenarios.size())));
        } else if (roll < 86 && ext.scenarios.size() < MAX_CALLS) {
          startInbound(ext);
        } else if (roll < 95) {
          changePresence(ext);
          withCalls = random.nextInt(3) == 0;
        } else {
          truncated = true;
        }
      } else if (roll < 45) {
        startInbound(ext);
      } else if (roll < 60) {
        startOutbound(ext);
      } else if (roll < 70) {
        startRingOut(ext);
      } else {
        changePresence(ext);
        withCalls = random.nextInt(3) == 0; // presence changes usually come without a call list
      }
      ext.sequence++;
      Instant timestamp = EPOCH.plusNanos(clockMicros * 1000);
      byte[] frame = write(ext, timestamp, withCalls, truncated);
      // ended legs were sent once with NoCall/final; they are gone from now on
      ext.scenarios.removeIf(s -> s.legs.stream().allMatch(l -> "final".equals(l.termination)));
      return new Message(frame, timestamp.plusNanos(200_000 + random.nextInt(800_000)));
    }

    private Instant now() {
      return EPOCH.plusNanos(clockMicros * 1000).minusMillis(random.nextInt(500));
    }

    private String externalNumber() {
      return "+1" + (200 + random.nextInt(700)) + "555" + String.format("%04d", random.nextInt(10_000));
    }

    private String callId() {
      return "s-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    private void startInbound(Extension ext) {
      Scenario s = new Scenario(false);
      boolean queue = random.nextInt(10) == 0;
      s.legs.add(new Leg(callId(), "Inbound", externalNumber(), NAMES[random.nextInt(NAMES.length)],
          ext.number, ext.name, nextSession++, random.nextInt(10) < 7 ? now() : null, queue, "Ringing"));
      ext.scenarios.add(s);
    }

    private void startOutbound(Extension ext) {
      Scenario s = new Scenario(false);
      s.legs.add(new Leg(callId(), "Outbound", ext.number, ext.name, externalNumber(), null, nextSession++,
          random.nextInt(10) < 7 ? now() : null, false, "Ringing"));
      ext.scenarios.add(s);
    }

    /** The platform rings the user's own phone first (inbound leg), then dials the destination. */
    private void startRingOut(Extension ext) {
      Scenario s = new Scenario(true);
      long session = nextSession;
      nextSession += 2;
      String destination = externalNumber();
      // like the simulator, the user's own phone is written in national form on the inbound leg half the time
      String ownPhone = random.nextBoolean() ? ext.ownPhone : ext.ownPhone.substring(2);
      s.legs.add(new Leg(callId(), "Inbound", destination, null, ownPhone, ext.name, session, now(), false,
          "Ringing"));
      ext.scenarios.add(s);
      s.stage = 0;
      // the outbound leg appears on the next move of this scenario, 1000 session ids apart
      s.legs.add(new Leg(callId(), "Outbound", ext.ownPhone, ext.name, destination, null, session + 1000, null,
          false, null));
    }

    private void advance(Extension ext, Scenario s) {
      if (s.ringOut) {
        Leg in = s.legs.get(0);
        Leg out = s.legs.get(1);
        switch (s.stage++) {
          case 0 -> {
            in.status = "CallConnected";
            out.status = "Ringing";
          }
          case 1 -> out.status = "CallConnected";
          case 2 -> {
            if (random.nextBoolean()) {
              in.status = "OnHold";
            } else {
              end(in);
              end(out);
            }
          }
          case 3 -> in.status = "CallConnected";
          default -> {
            end(in);
            end(out);
          }
        }
        return;
      }
      Leg leg = s.legs.get(0);
      switch (leg.status) {
        case "Ringing" -> {
          if (random.nextInt(6) == 0) {
            end(leg); // missed or rejected
          } else {
            leg.status = "CallConnected";
          }
        }
        case "CallConnected" -> {
          int r = random.nextInt(10);
          if (r < 3) {
            leg.status = "OnHold";
          } else if (r < 4) {
            leg.status = "ParkedCall";
          } else {
            end(leg);
          }
        }
        case "OnHold" -> leg.status = random.nextInt(4) == 0 ? "NoCall" : "CallConnected";
        default -> end(leg);
      }
      if ("NoCall".equals(leg.status) && leg.termination == null) {
        end(leg);
      }
    }

    private static void end(Leg leg) {
      leg.status = "NoCall";
      leg.termination = "final";
    }

    private void changePresence(Extension ext) {
      int r = random.nextInt(10);
      if (r < 4) {
        ext.userStatus = ext.userStatus.equals("Available") ? "Busy" : "Available";
      } else if (r < 7) {
        ext.dndStatus = ext.dndStatus.equals("TakeAllCalls") ? "DoNotAcceptAnyCalls" : "TakeAllCalls";
        if (ext.dndStatus.equals("DoNotAcceptAnyCalls")) {
          ext.userStatus = "Busy";
        }
      } else if (r < 8) {
        ext.userStatus = ext.userStatus.equals("Offline") ? "Available" : "Offline";
      } else {
        ext.meetingStatus = ext.meetingStatus.equals("Connected") ? "Disconnected" : "Connected";
      }
    }

    private static String telephonyStatus(List<Leg> legs) {
      String best = "NoCall";
      int rank = 0;
      for (Leg l : legs) {
        int r = switch (l.status) {
          case "Ringing" -> 4;
          case "CallConnected" -> 3;
          case "OnHold" -> 2;
          case "ParkedCall" -> 1;
          default -> 0;
        };
        if (r > rank) {
          rank = r;
          best = l.status;
        }
      }
      return best;
    }

    private byte[] write(Extension ext, Instant timestamp, boolean withCalls, boolean truncated) {
      List<Leg> legs = new ArrayList<>(MAX_CALLS * 2);
      for (Scenario s : ext.scenarios) {
        for (Leg l : s.legs) {
          if (l.status != null) {
            legs.add(l);
          }
        }
      }
      int listed = truncated ? legs.size() - 1 : legs.size();
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      String uuid = Long.toString(nextUuid++);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringField("type", "ServerNotification");
        g.writeStringField("messageId", uuid);
        g.writeNumberField("status", 200);
        g.writeObjectFieldStart("headers");
        g.writeStringField("RCRequestId", uuid.substring(0, 8) + "-0000-0000-0000-005056a62c0c");
        g.writeEndObject();
        g.writeEndObject();

        g.writeStartObject();
        g.writeStringField("uuid", uuid);
        g.writeStringField("event", "/restapi/v1.0/account/" + ACCOUNT + "/extension/" + ext.id
            + "/presence?detailedTelephonyState=true&sipData=true");
        g.writeStringField("timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
        g.writeStringField("subscriptionId", SUBSCRIPTION);
        g.writeStringField("ownerId", ext.id);
        g.writeObjectFieldStart("body");
        g.writeStringField("extensionId", ext.id);
        g.writeStringField("telephonyStatus", telephonyStatus(legs));
        if (withCalls) {
          g.writeArrayFieldStart("activeCalls");
          for (int i = 0; i < listed; i++) {
            writeCall(g, legs.get(i), ext);
          }
          g.writeEndArray();
        }
        g.writeNumberField("sequence", ext.sequence);
        g.writeStringField("presenceStatus", legs.isEmpty() ? ext.userStatus : "Busy");
        g.writeStringField("userStatus", ext.userStatus);
        g.writeStringField("dndStatus", ext.dndStatus);
        g.writeStringField("meetingStatus", ext.meetingStatus);
        g.writeBooleanField("allowSeeMyPresence", true);
        g.writeBooleanField("ringOnMonitoredCall", false);
        g.writeBooleanField("pickUpCallsOnHold", false);
        if (withCalls) {
          g.writeNumberField("totalActiveCalls", legs.size());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    private static void writeCall(JsonGenerator g, Leg l, Extension ext) throws IOException {
      g.writeStartObject();
      g.writeStringField("id", l.id);
      g.writeStringField("direction", l.direction);
      g.writeBooleanField("queueCall", l.queueCall);
      if (l.fromName != null) {
        g.writeStringField("fromName", l.fromName);
      }
      g.writeStringField("from", l.from);
      if (l.toName != null) {
        g.writeStringField("toName", l.toName);
      }
      g.writeStringField("to", l.to);
      g.writeStringField("telephonyStatus", l.status);
      if (l.termination != null) {
        g.writeStringField("terminationType", l.termination);
      }
      g.writeObjectFieldStart("sipData");
      g.writeStringField("toTag", "blf");
      g.writeStringField("fromTag", "p-" + l.id.substring(2) + "-2");
      g.writeStringField("remoteUri", "sip:" + l.from + "@ringcentral.com");
      g.writeStringField("localUri", "sip:" + ext.number + "@ringcentral.com");
      g.writeEndObject();
      g.writeStringField("sessionId", Long.toString(l.sessionId));
      if (l.startTime != null) {
        g.writeStringField("startTime", l.startTime.truncatedTo(ChronoUnit.MILLIS).toString());
      }
      g.writeStringField("partyId", "p-" + l.id.substring(2) + "-2");
      g.writeStringField("telephonySessionId", l.id);
      g.writeEndObject();
    }
  }
}
