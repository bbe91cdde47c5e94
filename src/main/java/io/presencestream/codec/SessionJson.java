package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static io.presencestream.codec.EventJson.bool;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.CallDurations;
import io.presencestream.model.CallParty;
import io.presencestream.model.Labeled;
import io.presencestream.model.Origin;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.Recording;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonySession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The telephony-session parts of presence-stream's event schema (README "Event schema"): the fields of the
 * {@code session.started}, {@code party.updated} and {@code session.ended} events, a session as the engine
 * folded it ({@code SESSION}, also the body of {@code /api/sessions}), its parties, and the party fused into
 * a presence call. The same rules as {@link EventJson}: every key written, {@code null} for absent, times
 * ISO-8601 UTC with milliseconds, durations in whole milliseconds; words are RingCentral's ({@code Answered},
 * {@code CallFinished}, {@code RingOut}) and the session result ours ({@code answered_elsewhere}); reading takes
 * keys in any order, skips unknown ones and reads an unknown word as {@code Unknown}.
 */
final class SessionJson {

  private final CodecLimits limits;

  SessionJson(CodecLimits limits) {
    this.limits = limits;
  }

  // ---------------------------------------------------------------- writing

  /** The fields after {@code kind}, {@code extensionId} and {@code at}. */
  static void writeEventFields(JsonGenerator g, SessionEvent e) throws IOException {
    g.writeFieldName("session");
    writeSession(g, e.session());
    if (e instanceof SessionEvent.PartyUpdated u) {
      g.writeFieldName("party");
      writeParty(g, u.party());
      g.writeFieldName("previousParty");
      writeParty(g, u.previous());
    } else if (e instanceof SessionEvent.SessionEnded ended) {
      EventJson.label(g, "result", ended.result());
      g.writeFieldName("durations");
      CallDurations d = ended.durations();
      if (d == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        EventJson.millis(g, "ringMs", d.ring());
        EventJson.millis(g, "talkMs", d.talk());
        EventJson.millis(g, "holdMs", d.hold());
        g.writeEndObject();
      }
      g.writeFieldName("peer");
      writePeer(g, ended.peer());
    }
  }

  /** A JSON array of sessions, in the given order. */
  static void writeSessions(JsonGenerator g, Collection<TelephonySession> sessions) throws IOException {
    g.writeStartArray();
    for (TelephonySession s : sessions) {
      writeSession(g, s);
    }
    g.writeEndArray();
  }

  static void writeSession(JsonGenerator g, TelephonySession s) throws IOException {
    g.writeStartObject();
    EventJson.string(g, "extensionId", s.extensionId());
    EventJson.string(g, "telephonySessionId", s.telephonySessionId());
    EventJson.string(g, "sessionId", s.sessionId());
    EventJson.label(g, "origin", s.origin() == null ? null : s.origin().type());
    EventJson.time(g, "creationTime", s.creationTime());
    EventJson.time(g, "updatedAt", s.updatedAt());
    g.writeFieldName("parties");
    g.writeStartArray();
    for (Party p : s.parties()) {
      writeParty(g, p);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writeCallParty(JsonGenerator g, CallParty p) throws IOException {
    g.writeStartObject();
    EventJson.label(g, "status", p.status());
    EventJson.label(g, "reason", p.reason());
    g.writeFieldName("peer");
    writePeer(g, p.peer());
    bool(g, "recording", p.recording());
    bool(g, "muted", p.muted());
    g.writeEndObject();
  }

  private static void writeParty(JsonGenerator g, Party p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    EventJson.string(g, "id", p.id());
    EventJson.string(g, "accountId", p.accountId());
    EventJson.string(g, "extensionId", p.extensionId());
    EventJson.label(g, "direction", p.direction());
    g.writeFieldName("from");
    writeEndpoint(g, p.from());
    g.writeFieldName("to");
    writeEndpoint(g, p.to());
    g.writeFieldName("status");
    g.writeStartObject();
    EventJson.label(g, "code", p.status().code());
    EventJson.label(g, "reason", p.status().reason());
    g.writeFieldName("peerId");
    writePeer(g, p.status().peerId());
    EventJson.string(g, "parkData", p.status().parkData());
    g.writeEndObject();
    bool(g, "missedCall", p.missedCall());
    bool(g, "standAlone", p.standAlone());
    bool(g, "muted", p.muted());
    bool(g, "queueCall", p.queueCall());
    g.writeFieldName("recordings");
    if (p.recordings() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (Recording r : p.recordings()) {
        g.writeStartObject();
        EventJson.string(g, "id", r.id());
        bool(g, "active", r.active());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    EventJson.string(g, "conferenceRole", p.conferenceRole());
    EventJson.string(g, "ringOutRole", p.ringOutRole());
    EventJson.string(g, "ringMeRole", p.ringMeRole());
    g.writeFieldName("sipData");
    EventJson.writeSipData(g, p.sipData());
    g.writeEndObject();
  }

  private static void writeEndpoint(JsonGenerator g, PartyEndpoint e) throws IOException {
    if (e == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    EventJson.string(g, "phoneNumber", e.phoneNumber());
    EventJson.string(g, "name", e.name());
    EventJson.string(g, "extensionId", e.extensionId());
    EventJson.string(g, "deviceId", e.deviceId());
    g.writeEndObject();
  }

  private static void writePeer(JsonGenerator g, PeerId peer) throws IOException {
    if (peer == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    EventJson.string(g, "sessionId", peer.sessionId());
    EventJson.string(g, "telephonySessionId", peer.telephonySessionId());
    EventJson.string(g, "partyId", peer.partyId());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- reading

  /** The session events' fields, collected while {@link EventJson#readEvent} reads keys in any order. */
  static final class EventFields {
    TelephonySession session;
    Party party;
    Party previousParty;
    SessionResult result;
    CallDurations durations;
    PeerId peer;
  }

  /**
   * Reads {@code name} if it is one of the session events' own keys.
   *
   * @return false when it is not (the caller skips it)
   */
  boolean readEventField(JsonParser p, JsonToken v, String name, EventFields fields, Problems problems)
      throws IOException {
    switch (name) {
      case "session" -> fields.session = session(p, v, problems, "session");
      case "party" -> fields.party = party(p, v, problems, "party");
      case "previousParty" -> fields.previousParty = party(p, v, problems, "previousParty");
      case "result" -> fields.result = parse(SessionResult.values(), ParserValues.string(p, v, problems, "result"),
          SessionResult.UNKNOWN);
      case "durations" -> fields.durations = durations(p, v, problems);
      case "peer" -> fields.peer = PartyFields.peerId(p, v, problems, "peer");
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The session event of {@code kind} ({@code session.started}, {@code party.updated}, {@code session.ended}). */
  static PresenceEvent event(String kind, String extensionId, Instant at, EventFields f) {
    if (f.session == null) {
      throw Malformed.shape("a " + kind + " event needs a session");
    }
    return switch (kind) {
      case "session.started" -> new SessionEvent.SessionStarted(extensionId, at, f.session);
      case "party.updated" -> {
        if (f.party == null) {
          throw Malformed.shape("a party.updated event needs a party");
        }
        yield new SessionEvent.PartyUpdated(extensionId, at, f.session, f.party, f.previousParty);
      }
      case "session.ended" -> new SessionEvent.SessionEnded(extensionId, at, f.session, f.result, f.durations, f.peer);
      default -> throw new IllegalArgumentException("not a session event kind: " + kind);
    };
  }

  /** A top-level JSON array of sessions, as {@link #writeSessions} writes it. */
  List<TelephonySession> readSessions(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    if (t != JsonToken.START_ARRAY) {
      throw Malformed.shape("sessions are an array, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    List<TelephonySession> sessions = new ArrayList<>();
    JsonToken e;
    while ((e = p.nextToken()) != END_ARRAY) {
      if (sessions.size() >= limits.maxPageRecords()) {
        throw Malformed.tooLarge("more than " + limits.maxPageRecords() + " sessions in one list");
      }
      TelephonySession s = session(p, e, problems, "[" + sessions.size() + "]");
      if (s == null) {
        problems.add("[" + sessions.size() + "] is null");
      }
      sessions.add(s);
    }
    RingCentralReader.end(p);
    problems.throwIfAny();
    return sessions;
  }

  private TelephonySession session(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String extensionId = null;
    String telephonySessionId = null;
    String sessionId = null;
    OriginType origin = null;
    Instant creationTime = null;
    Instant updatedAt = null;
    List<Party> parties = new ArrayList<>(2);
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "extensionId" -> extensionId = ParserValues.id(p, v, problems, field + ".extensionId");
        case "telephonySessionId" ->
            telephonySessionId = ParserValues.id(p, v, problems, field + ".telephonySessionId");
        case "sessionId" -> sessionId = ParserValues.id(p, v, problems, field + ".sessionId");
        case "origin" -> origin = parse(OriginType.values(), ParserValues.string(p, v, problems, field + ".origin"),
            OriginType.UNKNOWN);
        case "creationTime" -> creationTime = ParserValues.time(p, v, problems, field + ".creationTime");
        case "updatedAt" -> updatedAt = ParserValues.time(p, v, problems, field + ".updatedAt");
        case "parties" -> {
          parties.clear();
          if (ParserValues.array(p, v, problems, field + ".parties")) {
            JsonToken e;
            while ((e = p.nextToken()) != END_ARRAY) {
              if (parties.size() >= limits.maxActiveCalls()) {
                throw Malformed.tooLarge("more than " + limits.maxActiveCalls() + " parties in one session");
              }
              String at = field + ".parties[" + parties.size() + "]";
              Party party = party(p, e, problems, at);
              if (party == null) {
                problems.add(at + " is null");
              } else {
                parties.add(party);
              }
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (problems.any()) {
      return null;
    }
    if (extensionId == null || telephonySessionId == null) {
      problems.add(field + " needs extensionId and telephonySessionId");
      return null;
    }
    ExtensionIds.require(extensionId, field + ".extensionId");
    return new TelephonySession(extensionId, telephonySessionId, sessionId, origin == null ? null : new Origin(origin),
        creationTime, updatedAt, parties);
  }

  private Party party(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    PartyFields f = new PartyFields();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "from" -> f.from = endpoint(p, v, problems, field + ".from");
        case "to" -> f.to = endpoint(p, v, problems, field + ".to");
        case "status" -> f.status = status(p, v, problems, field + ".status");
        case "recordings" -> f.recordings = PartyFields.recordings(p, v, problems, field + ".recordings", limits.maxActiveCalls(), true);
        default -> {
          if (!f.read(p, v, name, problems, field)) {
            p.skipChildren();
          }
        }
      }
    }
    if (problems.any()) {
      return null;
    }
    if (f.id == null || f.id.isEmpty() || f.status == null) {
      problems.add(field + " needs an id and a status");
      return null;
    }
    if (f.extensionId != null) {
      ExtensionIds.require(f.extensionId, field + ".extensionId");
    }
    return f.party(f.accountId, f.extensionId);
  }

  private static PartyStatus status(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    PartyStatusCode code = null;
    PartyStatusReason reason = null;
    PeerId peerId = null;
    String parkData = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "code" -> code = PartyStatusCode.parse(ParserValues.string(p, v, problems, field + ".code"));
        case "reason" -> reason = parse(PartyStatusReason.values(),
            ParserValues.string(p, v, problems, field + ".reason"), PartyStatusReason.UNKNOWN);
        case "peerId" -> peerId = PartyFields.peerId(p, v, problems, field + ".peerId");
        case "parkData" -> parkData = ParserValues.string(p, v, problems, field + ".parkData");
        default -> p.skipChildren();
      }
    }
    if (code == null) {
      problems.add(field + ".code is missing");
      return null;
    }
    return new PartyStatus(code, reason, peerId, parkData);
  }

  /** A call's fused party; null for JSON null. */
  static CallParty callParty(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    PartyStatusCode status = null;
    PartyStatusReason reason = null;
    PeerId peer = null;
    Boolean recording = null;
    Boolean muted = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "status" -> status = PartyStatusCode.parse(ParserValues.string(p, v, problems, field + ".status"));
        case "reason" -> reason = parse(PartyStatusReason.values(),
            ParserValues.string(p, v, problems, field + ".reason"), PartyStatusReason.UNKNOWN);
        case "peer" -> peer = PartyFields.peerId(p, v, problems, field + ".peer");
        case "recording" -> recording = ParserValues.bool(p, v, problems, field + ".recording");
        case "muted" -> muted = ParserValues.bool(p, v, problems, field + ".muted");
        default -> p.skipChildren();
      }
    }
    if (status == null) {
      problems.add(field + ".status is missing");
      return null;
    }
    return new CallParty(status, reason, peer, recording, muted);
  }

  private static PartyEndpoint endpoint(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String phoneNumber = null;
    String name = null;
    String extensionId = null;
    String deviceId = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "phoneNumber" -> phoneNumber = ParserValues.string(p, v, problems, field + ".phoneNumber");
        case "name" -> name = ParserValues.string(p, v, problems, field + ".name");
        case "extensionId" -> extensionId = ParserValues.id(p, v, problems, field + ".extensionId");
        case "deviceId" -> deviceId = ParserValues.id(p, v, problems, field + ".deviceId");
        default -> p.skipChildren();
      }
    }
    return new PartyEndpoint(phoneNumber, name, extensionId, deviceId);
  }

  private static CallDurations durations(JsonParser p, JsonToken t, Problems problems) throws IOException {
    if (!ParserValues.object(p, t, problems, "durations")) {
      return null;
    }
    Long ring = null;
    Long talk = null;
    Long hold = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "ringMs" -> ring = ParserValues.longValue(p, v, problems, "durations.ringMs");
        case "talkMs" -> talk = ParserValues.longValue(p, v, problems, "durations.talkMs");
        case "holdMs" -> hold = ParserValues.longValue(p, v, problems, "durations.holdMs");
        default -> p.skipChildren();
      }
    }
    if (ring == null || talk == null || hold == null || ring < 0 || talk < 0 || hold < 0) {
      problems.add("durations needs ringMs, talkMs and holdMs, none negative");
      return null;
    }
    return new CallDurations(Duration.ofMillis(ring), Duration.ofMillis(talk), Duration.ofMillis(hold));
  }

  private static <E extends Enum<E> & Labeled> E parse(E[] values, String label, E unknown) {
    return Labeled.parse(values, label, unknown);
  }
}
