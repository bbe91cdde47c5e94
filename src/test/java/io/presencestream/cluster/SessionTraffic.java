package io.presencestream.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EngineInput;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.Origin;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Telephony-session traffic with presence beside it, for the Kafka equivalence tests: the recorded
 * notifications of {@code src/test/resources/replay/sessions} and {@code telephony-session-samples} (see their
 * PROVENANCE.md) and generated account-level calls between several extensions; each followed by the
 * presence notification of every extension with a party in it, listing its calls with their
 * {@code telephonySessionId} and {@code partyId}, so that the engine fuses each call's party.
 */
final class SessionTraffic {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TelephonySessionCodec CODEC = TelephonySessionCodec.create();
  /** Between two inputs of a recorded file, and between two files (beyond the engine's sequence memory). */
  private static final Duration STEP = Duration.ofMillis(300);
  private static final Duration BETWEEN_FILES = Duration.ofMinutes(5);

  private SessionTraffic() {}

  /** The recorded streams, one file after the other, with presence. */
  static List<EngineInput> recorded(Instant start) {
    List<List<TelephonySessionNotification>> files = new ArrayList<>();
    for (String name : List.of("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json",
        "csn-data_RingCentral-PSTN.CONVERTED.json", "csn-data_RingCentral-RingCentral.CONVERTED.json")) {
      files.add(sampleStream(name));
    }
    files.addAll(replayFixtures());
    Presence presence = new Presence();
    List<EngineInput> inputs = new ArrayList<>();
    Instant fileStart = start;
    for (List<TelephonySessionNotification> file : files) {
      Instant first = file.stream().map(SessionTraffic::timeOf).filter(t -> t != null).findFirst().orElse(fileStart);
      Duration shift = Duration.between(first, fileStart);
      Instant at = fileStart;
      for (TelephonySessionNotification n : file) {
        TelephonySessionNotification moved = shifted(n, shift);
        inputs.add(new EngineInput.TelephonySessionReceived(moved, at));
        inputs.addAll(presence.after(moved, at.plusMillis(1)));
        at = at.plus(STEP);
      }
      fileStart = at.plus(BETWEEN_FILES);
    }
    return inputs;
  }

  /** Each line of each replay fixture that decodes, file by file (sorted by name). */
  static List<List<TelephonySessionNotification>> replayFixtures() {
    Path dir;
    try {
      dir = Path.of(SessionTraffic.class.getResource("/replay/sessions/PROVENANCE.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<List<TelephonySessionNotification>> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        List<TelephonySessionNotification> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
          try {
            lines.add(CODEC.decodeNotification(line));
          } catch (DecodeException refused) {
            // bad-lines.jsonl: the lines a decoder refuses never reach an engine
          }
        }
        files.add(lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<TelephonySessionNotification> sampleStream(String name) {
    try (InputStream in = SessionTraffic.class.getResourceAsStream("/telephony-session-samples/" + name)) {
      List<TelephonySessionNotification> stream = new ArrayList<>();
      for (JsonNode envelope : JSON.readTree(in)) {
        stream.add(CODEC.decodeNotification(JSON.writeValueAsBytes(envelope)));
      }
      return stream;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant timeOf(TelephonySessionNotification n) {
    return n.timestamp() != null ? n.timestamp() : n.body().eventTime();
  }

  private static TelephonySessionNotification shifted(TelephonySessionNotification n, Duration d) {
    TelephonySessionUpdate b = n.body();
    return new TelephonySessionNotification(n.uuid(), n.event(), n.timestamp() == null ? null : n.timestamp().plus(d),
        n.subscriptionId(), n.ownerId(), new TelephonySessionUpdate(b.sequence(), b.sessionId(), b.telephonySessionId(),
        b.serverId(), b.eventTime() == null ? null : b.eventTime().plus(d), b.accountId(), b.extensionId(), b.origin(),
        b.parties()));
  }

  /**
   * Seeded calls between {@code extensions} extensions (ids 201…) and outside numbers: one to three sessions
   * at a time, two or three parties each, reported mostly at account level (no extension: the ingest must
   * split them) and sometimes at the level of one extension, with repeated, late and out-of-order
   * deliveries, holds, parks, voicemail, transfers ({@code Gone}) and hang-ups; with presence. No party
   * leaves with {@code Pickup} for a device that never reports: such a session ends by time passing
   * (the switch grace), which a processor sees with its partition's inputs only (README, Telephony
   * sessions over Kafka); the recorded {@code two-devices.jsonl} has a {@code Pickup} whose new party
   * does report.
   */
  static List<EngineInput> generated(long seed, int extensions, int notifications, Instant start) {
    Random r = new Random(seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < extensions; i++) {
      ids.add(Integer.toString(201 + i));
    }
    Presence presence = new Presence();
    List<EngineInput> inputs = new ArrayList<>();
    List<GenSession> live = new ArrayList<>();
    Instant now = start;
    int sessionNumber = 0;
    long sessionIdBase = 700_000_000L;
    TelephonySessionNotification previous = null;
    for (int n = 0; n < notifications; n++) {
      now = now.plusMillis(50 + r.nextInt(r.nextInt(10) == 0 ? 15_000 : 2_000));
      if (live.isEmpty() || (live.size() < 3 && r.nextInt(6) == 0)) {
        live.add(GenSession.start(r, ids, sessionNumber++, sessionIdBase + 1000L * r.nextInt(5)));
      }
      TelephonySessionNotification note;
      if (previous != null && r.nextInt(12) == 0) {
        note = previous; // a repeated delivery
      } else {
        GenSession s = live.get(r.nextInt(live.size()));
        note = s.next(r, now);
        if (s.over()) {
          live.remove(s);
        }
      }
      previous = note;
      inputs.add(new EngineInput.TelephonySessionReceived(note, now.plusMillis(30)));
      inputs.addAll(presence.after(note, now.plusMillis(31)));
    }
    // late deliveries: swap a few neighbouring session notifications (sequences out of order)
    for (int i = 2; i < inputs.size(); i++) {
      if (r.nextInt(15) == 0 && inputs.get(i) instanceof EngineInput.TelephonySessionReceived
          && inputs.get(i - 1) instanceof EngineInput.TelephonySessionReceived) {
        Collections.swap(inputs, i, i - 1);
      }
    }
    return inputs;
  }

  /** One generated call: its parties and what has happened to them. */
  private static final class GenSession {
    final String telephonySessionId;
    final String sessionId;
    final Origin origin;
    final List<Party> parties = new ArrayList<>();
    long sequence;
    int remaining;

    private GenSession(String telephonySessionId, String sessionId, Origin origin, int remaining) {
      this.telephonySessionId = telephonySessionId;
      this.sessionId = sessionId;
      this.origin = origin;
      this.remaining = remaining;
    }

    static GenSession start(Random r, List<String> ids, int number, long sessionId) {
      GenSession s = new GenSession("s-gen-" + number, Long.toString(sessionId + number),
          r.nextInt(8) == 0 ? new Origin(OriginType.RING_OUT) : Origin.CALL, 3 + r.nextInt(10));
      int count = 2 + r.nextInt(2);
      for (int i = 0; i < count; i++) {
        String extension = i == 0 && r.nextInt(3) == 0 ? null : ids.get(r.nextInt(ids.size()));
        Direction direction = i == 0 ? Direction.OUTBOUND : Direction.INBOUND;
        String phone = extension == null ? "+1650555" + (1000 + r.nextInt(9000)) : "+1650556" + extension;
        s.parties.add(new Party("p" + s.telephonySessionId.substring(1) + "-" + i, "400", extension, direction,
            new PartyEndpoint(i == 0 ? phone : "+16505551000", null, null, null),
            new PartyEndpoint(i == 0 ? "+16505552000" : phone, null, extension, null),
            PartyStatus.of(PartyStatusCode.SETUP), false, false, false, null, null, null, null, null, null));
      }
      return s;
    }

    boolean over() {
      return remaining <= 0;
    }

    TelephonySessionNotification next(Random r, Instant now) {
      remaining--;
      List<Party> reported = new ArrayList<>();
      for (int i = 0; i < parties.size(); i++) {
        if (reported.isEmpty() && i == parties.size() - 1 || r.nextInt(2) == 0) {
          Party moved = step(r, parties.get(i), over());
          parties.set(i, moved);
          reported.add(moved);
        }
      }
      sequence += 1 + r.nextInt(2);
      String extension = null;
      if (r.nextInt(4) == 0) {
        // extension level: one of the reported parties' extensions, or one that takes no part
        extension = reported.get(r.nextInt(reported.size())).extensionId();
        if (extension == null) {
          extension = "201";
        }
      }
      String event = extension == null
          ? "/restapi/v1.0/account/400/telephony/sessions"
          : "/restapi/v1.0/account/400/extension/" + extension + "/telephony/sessions";
      return new TelephonySessionNotification("u-" + telephonySessionId + "-" + sequence, event, now.plusMillis(10),
          "sub-1", "201", new TelephonySessionUpdate(sequence, sessionId, telephonySessionId, "10.0.0.1.TAM", now,
          "400", extension, origin, reported));
    }

    private Party step(Random r, Party p, boolean last) {
      PartyStatusCode code = p.code();
      if (code.isFinal()) {
        return p;
      }
      PartyStatus next;
      if (last) {
        next = r.nextInt(5) == 0
            ? new PartyStatus(PartyStatusCode.GONE, PartyStatusReason.BLIND_TRANSFER,
                new PeerId("9" + sessionId, telephonySessionId + "-t", "p-t-1"), null)
            : new PartyStatus(PartyStatusCode.DISCONNECTED, r.nextBoolean() ? null : PartyStatusReason.CALL_FINISHED,
                null, null);
      } else {
        next = switch (r.nextInt(7)) {
          case 0 -> PartyStatus.of(PartyStatusCode.PROCEEDING);
          case 1, 2 -> PartyStatus.of(PartyStatusCode.ANSWERED);
          case 3 -> PartyStatus.of(PartyStatusCode.HOLD);
          case 4 -> PartyStatus.of(PartyStatusCode.PARKED);
          case 5 -> PartyStatus.of(PartyStatusCode.VOICEMAIL);
          default -> PartyStatus.of(code);
        };
      }
      return new Party(p.id(), p.accountId(), p.extensionId(), p.direction(), p.from(), p.to(), next, p.missedCall(),
          p.standAlone(), r.nextInt(5) == 0, p.queueCall(), p.recordings(), null, null, null, null);
    }
  }

  /** Presence beside the session feed: each extension's calls, one per party of it still on. */
  private static final class Presence {
    final Map<String, Map<String, ActiveCall>> calls = new HashMap<>();
    final Map<String, Long> sequences = new HashMap<>();

    List<EngineInput> after(TelephonySessionNotification n, Instant at) {
      Map<String, Boolean> touched = new LinkedHashMap<>();
      for (Party p : n.body().parties()) {
        String extension = p.extensionId();
        if (extension == null) {
          continue;
        }
        Map<String, ActiveCall> own = calls.computeIfAbsent(extension, k -> new LinkedHashMap<>());
        TelephonyStatus status = switch (p.code()) {
          case SETUP, PROCEEDING -> TelephonyStatus.RINGING;
          case HOLD -> TelephonyStatus.ON_HOLD;
          case DISCONNECTED, GONE -> null;
          default -> TelephonyStatus.CALL_CONNECTED;
        };
        if (status == null) {
          own.remove(p.id());
        } else {
          own.put(p.id(), new ActiveCall("c-" + p.id(), p.direction() == null ? Direction.INBOUND : p.direction(),
              p.from() == null ? null : p.from().phoneNumber(), null, p.to() == null ? null : p.to().phoneNumber(), null,
              null, status, null, n.body().sessionId(), n.telephonySessionId(), p.id(), false, null));
        }
        touched.put(extension, true);
      }
      List<EngineInput> out = new ArrayList<>();
      for (String extension : touched.keySet()) {
        List<ActiveCall> list = List.copyOf(calls.get(extension).values());
        TelephonyStatus telephony = list.isEmpty() ? TelephonyStatus.NO_CALL : list.get(0).telephonyStatus();
        long sequence = sequences.merge(extension, 1L, Long::sum);
        PresenceUpdate update = new PresenceUpdate(extension, sequence, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
            list.isEmpty() ? UserStatus.AVAILABLE : UserStatus.BUSY, telephony, MeetingStatus.DISCONNECTED, null,
            list.size(), list);
        out.add(new EngineInput.NotificationReceived(new Notification("u-p-" + extension + "-" + sequence,
            "/restapi/v1.0/account/~/extension/" + extension + "/presence?detailedTelephonyState=true&sipData=true",
            at.minusMillis(20), "sub-1", "201", update), at));
      }
      return out;
    }
  }
}
