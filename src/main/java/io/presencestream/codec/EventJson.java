package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallParty;
import io.presencestream.model.CallTransition;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.ContactCentreEvent.AlertCleared;
import io.presencestream.model.ContactCentreEvent.AlertRaised;
import io.presencestream.model.ContactCentreEvent.QueueCallEnded;
import io.presencestream.model.ContactCentreEvent.QueueStatsChanged;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EndReason;
import io.presencestream.model.EventKind;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Labeled;
import io.presencestream.model.Leg;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceEvent.CallEnded;
import io.presencestream.model.PresenceEvent.CallRinging;
import io.presencestream.model.PresenceEvent.CallStarted;
import io.presencestream.model.PresenceEvent.CallUpdated;
import io.presencestream.model.PresenceEvent.PresenceChanged;
import io.presencestream.model.PresenceState;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.QueueStats;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * presence-stream's own event and state JSON (the schema in README "Event schema"): every key always
 * written, {@code null} for absent (except a call's {@code party}, written only when known; the session
 * events' own parts are {@link SessionJson}'s); times ISO-8601 UTC with exactly three fraction digits; durations and
 * clock offsets as whole milliseconds; transitions lowercase. Reading accepts keys in any order, ignores
 * unknown keys (so a newer writer does not break an older reader) and treats a missing optional key as
 * null.
 */
final class EventJson {

  private final CodecLimits limits;
  private final SessionJson sessionJson;

  EventJson(CodecLimits limits) {
    this.limits = limits;
    this.sessionJson = new SessionJson(limits);
  }

  // ---------------------------------------------------------------- writing

  static void writeEvent(JsonGenerator g, PresenceEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", e.kind().label());
    string(g, "extensionId", e.extensionId());
    account(g, e.accountId());
    time(g, "at", e.at());
    if (e instanceof PresenceChanged p) {
      g.writeFieldName("presence");
      writePresence(g, p.presence());
      g.writeFieldName("previous");
      writePresence(g, p.previous());
    } else if (e instanceof CallStarted s) {
      g.writeFieldName("call");
      writeCall(g, s.call());
    } else if (e instanceof CallRinging r) {
      g.writeFieldName("call");
      writeCall(g, r.call());
    } else if (e instanceof CallUpdated u) {
      g.writeFieldName("call");
      writeCall(g, u.call());
      label(g, "previousStatus", u.previousStatus());
      string(g, "transition", u.transition() == null ? null : transitionLabel(u.transition()));
    } else if (e instanceof CallEnded c) {
      g.writeFieldName("call");
      writeCall(g, c.call());
      millis(g, "durationMs", c.duration());
      label(g, "endReason", c.reason());
      string(g, "mergedInto", c.mergedInto());
    } else if (e instanceof SessionEvent s) {
      SessionJson.writeEventFields(g, s);
    } else if (e instanceof ContactCentreEvent c) {
      writeContactCentreFields(g, c);
    } else {
      throw new IllegalArgumentException("unknown event type " + e.getClass().getName());
    }
    g.writeEndObject();
  }

  /** The contact-centre events' own keys, in docs/contact-centre.md's shapes. */
  private static void writeContactCentreFields(JsonGenerator g, ContactCentreEvent e) throws IOException {
    if (e instanceof AgentStateChanged a) {
      g.writeFieldName("agent");
      ContactCentreFields.writeAgent(g, a.agent(), null, false);
      g.writeFieldName("previous");
      ContactCentreFields.writeAgent(g, a.previous(), null, false);
    } else if (e instanceof QueueStatsChanged q) {
      g.writeFieldName("queue");
      ContactCentreFields.writeQueue(g, q.queue());
    } else if (e instanceof AlertRaised r) {
      g.writeFieldName("alert");
      ContactCentreFields.writeAlert(g, r.alert());
    } else if (e instanceof AlertCleared c) {
      g.writeFieldName("alert");
      ContactCentreFields.writeAlert(g, c.alert());
    } else if (e instanceof QueueCallEnded q) {
      g.writeFieldName("queueCall");
      ContactCentreFields.writeQueueCall(g, q.call());
    } else {
      throw new IllegalArgumentException("unknown event type " + e.getClass().getName());
    }
  }

  static void writeState(JsonGenerator g, ExtensionState s) throws IOException {
    g.writeStartObject();
    string(g, "extensionId", s.extensionId());
    account(g, s.accountId());
    writeStateAfterId(g, s);
    g.writeEndObject();
  }

  /**
   * {@code accountId}, only when known: one account served the classic way ({@code source:}) writes exactly
   * what it wrote before accounts existed, so its consumers and stored records see no change.
   */
  private static void account(JsonGenerator g, String accountId) throws IOException {
    if (accountId != null) {
      g.writeStringField("accountId", accountId);
    }
  }

  /** A state prefixed with how a replayed notification was applied; see {@link PresenceCodec#encodeReplayLine}. */
  static void writeReplayLine(JsonGenerator g, int index, boolean applied, String dropReason, ExtensionState s)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", index);
    string(g, "extensionId", s.extensionId());
    g.writeBooleanField("applied", applied);
    string(g, "dropReason", dropReason);
    writeStateAfterId(g, s);
    g.writeEndObject();
  }

  private static void writeStateAfterId(JsonGenerator g, ExtensionState s) throws IOException {
    g.writeFieldName("sequence");
    if (s.sequence() == null) {
      g.writeNull();
    } else {
      g.writeNumber(s.sequence());
    }
    g.writeFieldName("presence");
    writePresence(g, s.presence());
    g.writeFieldName("calls");
    g.writeStartArray();
    for (Call c : s.calls()) {
      writeCall(g, c);
    }
    g.writeEndArray();
    time(g, "updatedAt", s.updatedAt());
  }

  private static void writePresence(JsonGenerator g, PresenceState p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("status", p.status().label());
    label(g, "userStatus", p.userStatus());
    label(g, "dndStatus", p.dndStatus());
    label(g, "presenceStatus", p.presenceStatus());
    label(g, "telephonyStatus", p.telephonyStatus());
    label(g, "meetingStatus", p.meetingStatus());
    string(g, "message", p.message());
    g.writeEndObject();
  }

  private static void writeCall(JsonGenerator g, Call c) throws IOException {
    if (c == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    string(g, "id", c.id());
    string(g, "sessionId", c.sessionId());
    string(g, "telephonySessionId", c.telephonySessionId());
    string(g, "partyId", c.partyId());
    label(g, "direction", c.direction());
    string(g, "from", c.from());
    string(g, "fromName", c.fromName());
    string(g, "to", c.to());
    string(g, "toName", c.toName());
    label(g, "telephonyStatus", c.telephonyStatus());
    time(g, "startTime", c.startTime());
    millis(g, "clockOffsetMs", c.clockOffset());
    g.writeBooleanField("queueCall", c.queueCall());
    g.writeFieldName("sipData");
    writeSipData(g, c.sipData());
    leg(g, "inboundLeg", c.inboundLeg());
    leg(g, "outboundLeg", c.outboundLeg());
    string(g, "webRtcSessionId", c.webRtcSessionId());
    if (c.party() != null) {
      // Written only when the telephony-session feed reported the call: presence alone writes what it always did.
      g.writeFieldName("party");
      SessionJson.writeCallParty(g, c.party());
    }
    g.writeEndObject();
  }

  static void writeSipData(JsonGenerator g, SipData s) throws IOException {
    if (s == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      string(g, "toTag", s.toTag());
      string(g, "fromTag", s.fromTag());
      string(g, "remoteUri", s.remoteUri());
      string(g, "localUri", s.localUri());
      string(g, "callId", s.callId());
      g.writeEndObject();
    }
  }

  private static void leg(JsonGenerator g, String name, Leg leg) throws IOException {
    g.writeFieldName(name);
    if (leg == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      string(g, "id", leg.id());
      string(g, "sessionId", leg.sessionId());
      g.writeEndObject();
    }
  }

  static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeBooleanField(name, value);
    }
  }

  static void label(JsonGenerator g, String name, Labeled value) throws IOException {
    string(g, name, value == null ? null : value.label());
  }

  static void time(JsonGenerator g, String name, Instant value) throws IOException {
    string(g, name, value == null ? null : Times.formatMillis(value));
  }

  static void millis(JsonGenerator g, String name, Duration value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, saturatedMillis(value));
    }
  }

  /**
   * Whole milliseconds, saturated at the range of a long. The decoders keep times within years 0000 to
   * 9999, so this only matters for an embedder feeding the engine its own extreme times: an event is
   * then written with a clamped number rather than failing to encode.
   */
  static long saturatedMillis(Duration value) {
    try {
      return value.toMillis();
    } catch (ArithmeticException e) {
      return value.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** {@code party_changed}: the enum name in lower case. */
  static String transitionLabel(CallTransition t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- reading

  PresenceEvent readEvent(JsonParser p) throws IOException {
    String[] account = new String[1];
    PresenceEvent event = readEvent(p, account);
    if (account[0] == null) {
      return event;
    }
    // an account id is a RingCentral id like an extension's: the same rule keeps it bounded and printable
    ExtensionIds.require(account[0], "accountId");
    return event.withAccountId(account[0]);
  }

  /** An event without its account; {@code account[0]} receives {@code accountId} when the record has one. */
  private PresenceEvent readEvent(JsonParser p, String[] account) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    if (t != START_OBJECT) {
      throw Malformed.shape("an event is an object, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    String kind = null;
    String extensionId = null;
    Instant at = null;
    PresenceState presence = null;
    PresenceState previous = null;
    // agent.state's "previous" is an AGENT, a presence event's a presence: read as the kind says, or kept
    // as tokens when "previous" comes before "kind" (our writers put kind first; others may not)
    AgentStatus previousAgent = null;
    TokenBuffer previousEarly = null;
    AgentStatus agent = null;
    QueueStats queue = null;
    Alert alert = null;
    QueueCallOutcome queueCall = null;
    Call call = null;
    TelephonyStatus previousStatus = null;
    String transition = null;
    Long durationMs = null;
    EndReason endReason = null;
    String mergedInto = null;
    SessionJson.EventFields session = new SessionJson.EventFields();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "kind":
          kind = ParserValues.string(p, v, problems, "kind");
          break;
        case "extensionId":
          extensionId = ParserValues.id(p, v, problems, "extensionId");
          break;
        case "accountId":
          account[0] = ParserValues.id(p, v, problems, "accountId");
          break;
        case "at":
          at = ParserValues.time(p, v, problems, "at");
          break;
        case "presence":
          presence = presence(p, v, problems, "presence");
          break;
        case "previous":
          if (kind == null && v == START_OBJECT) {
            previousEarly = TokenBuffer.asCopyOfValue(p);
          } else if (EventKind.AGENT_STATE.label().equals(kind)) {
            ContactCentreFields.AgentAndDay read = ContactCentreFields.readAgent(p, v, problems, "previous");
            previousAgent = read == null ? null : read.agent();
          } else {
            previous = presence(p, v, problems, "previous");
          }
          break;
        case "agent": {
          ContactCentreFields.AgentAndDay read = ContactCentreFields.readAgent(p, v, problems, "agent");
          agent = read == null ? null : read.agent();
          break;
        }
        case "queue":
          queue = ContactCentreFields.readQueue(p, v, problems, "queue");
          break;
        case "alert":
          alert = ContactCentreFields.readAlert(p, v, problems, "alert");
          break;
        case "queueCall":
          queueCall = ContactCentreFields.readQueueCall(p, v, problems, "queueCall");
          break;
        case "call":
          call = call(p, v, problems, "call");
          break;
        case "previousStatus":
          previousStatus = TelephonyStatus.parse(ParserValues.string(p, v, problems, "previousStatus"));
          break;
        case "transition":
          transition = ParserValues.string(p, v, problems, "transition");
          break;
        case "durationMs":
          durationMs = ParserValues.longValue(p, v, problems, "durationMs");
          break;
        case "endReason":
          endReason = EndReason.parse(ParserValues.string(p, v, problems, "endReason"));
          break;
        case "mergedInto":
          mergedInto = ParserValues.id(p, v, problems, "mergedInto");
          break;
        default:
          if (!sessionJson.readEventField(p, v, name, session, problems)) {
            p.skipChildren();
          }
      }
    }
    RingCentralReader.end(p);
    if (previousEarly != null) {
      try (JsonParser early = previousEarly.asParser()) {
        JsonToken first = early.nextToken();
        if (EventKind.AGENT_STATE.label().equals(kind)) {
          ContactCentreFields.AgentAndDay read = ContactCentreFields.readAgent(early, first, problems, "previous");
          previousAgent = read == null ? null : read.agent();
        } else {
          previous = presence(early, first, problems, "previous");
        }
      }
    }
    problems.throwIfAny();
    if (kind == null) {
      throw Malformed.shape("an event needs a kind");
    }
    if (extensionId == null || at == null) {
      throw Malformed.shape("an event needs extensionId and at");
    }
    ExtensionIds.require(extensionId, "extensionId");
    switch (kind) {
      case "presence":
        if (presence == null) {
          throw Malformed.shape("a presence event needs presence");
        }
        return new PresenceChanged(extensionId, at, presence, previous);
      case "call.new":
        return new CallStarted(extensionId, at, required(call, kind));
      case "call.ringing":
        return new CallRinging(extensionId, at, required(call, kind));
      case "call.updated":
        return new CallUpdated(extensionId, at, required(call, kind), previousStatus, transition(transition));
      case "call.ended":
        return new CallEnded(extensionId, at, required(call, kind),
            durationMs == null ? null : Duration.ofMillis(durationMs), endReason, mergedInto);
      case "session.started", "party.updated", "session.ended":
        return SessionJson.event(kind, extensionId, at, session);
      case "agent.state":
        if (agent == null) {
          throw Malformed.shape("an agent.state event needs agent");
        }
        return new AgentStateChanged(extensionId, at, agent, previousAgent);
      case "queue.stats":
        if (queue == null) {
          throw Malformed.shape("a queue.stats event needs queue");
        }
        return new QueueStatsChanged(extensionId, at, queue);
      case "alert.raised", "alert.cleared":
        if (alert == null) {
          throw Malformed.shape("an " + kind + " event needs alert");
        }
        return kind.equals("alert.raised") ? new AlertRaised(extensionId, at, alert) : new AlertCleared(extensionId, at, alert);
      case "queue.call.ended":
        if (queueCall == null) {
          throw Malformed.shape("a queue.call.ended event needs queueCall");
        }
        return new QueueCallEnded(extensionId, at, queueCall);
      default:
        throw Malformed.shape("unknown event kind " + RingCentralReader.bounded(kind));
    }
  }

  ExtensionState readState(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    if (t != START_OBJECT) {
      throw Malformed.shape("a state is an object, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    String extensionId = null;
    Long sequence = null;
    PresenceState presence = null;
    List<Call> calls = new ArrayList<>();
    Instant updatedAt = null;
    String accountId = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "extensionId":
          extensionId = ParserValues.id(p, v, problems, "extensionId");
          break;
        case "sequence":
          sequence = ParserValues.longValue(p, v, problems, "sequence");
          break;
        case "presence":
          presence = presence(p, v, problems, "presence");
          break;
        case "calls":
          calls.clear();
          if (ParserValues.array(p, v, problems, "calls")) {
            JsonToken e;
            while ((e = p.nextToken()) != END_ARRAY) {
              if (calls.size() >= limits.maxActiveCalls()) {
                throw Malformed.tooLarge("more than " + limits.maxActiveCalls() + " calls in one state");
              }
              Call c = call(p, e, problems, "calls[" + calls.size() + "]");
              if (c == null) {
                problems.add("calls[" + calls.size() + "] is null");
              } else {
                calls.add(c);
              }
            }
          }
          break;
        case "updatedAt":
          updatedAt = ParserValues.time(p, v, problems, "updatedAt");
          break;
        case "accountId":
          accountId = ParserValues.id(p, v, problems, "accountId");
          break;
        default:
          p.skipChildren();
      }
    }
    RingCentralReader.end(p);
    problems.throwIfAny();
    if (extensionId == null || extensionId.isEmpty()) {
      throw Malformed.shape("a state needs an extensionId");
    }
    ExtensionIds.require(extensionId, "extensionId");
    if (accountId != null) {
      ExtensionIds.require(accountId, "accountId");
    }
    return new ExtensionState(extensionId, sequence, presence, calls, updatedAt, accountId);
  }

  private static Call required(Call call, String kind) {
    if (call == null) {
      throw Malformed.shape("a " + kind + " event needs a call");
    }
    return call;
  }

  /** Lowercase transition; a word this version does not know is {@link CallTransition#OTHER}. */
  private static CallTransition transition(String word) {
    if (word == null) {
      return null;
    }
    for (CallTransition t : CallTransition.values()) {
      if (transitionLabel(t).equals(word)) {
        return t;
      }
    }
    return CallTransition.OTHER;
  }

  private static PresenceState presence(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String status = null;
    UserStatus userStatus = null;
    DndStatus dndStatus = null;
    UserStatus presenceStatus = null;
    TelephonyStatus telephonyStatus = null;
    MeetingStatus meetingStatus = null;
    String message = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "status":
          status = ParserValues.string(p, v, problems, field + ".status");
          break;
        case "userStatus":
          userStatus = UserStatus.parse(ParserValues.string(p, v, problems, field + ".userStatus"));
          break;
        case "dndStatus":
          dndStatus = DndStatus.parse(ParserValues.string(p, v, problems, field + ".dndStatus"));
          break;
        case "presenceStatus":
          presenceStatus = UserStatus.parse(ParserValues.string(p, v, problems, field + ".presenceStatus"));
          break;
        case "telephonyStatus":
          telephonyStatus = TelephonyStatus.parse(ParserValues.string(p, v, problems, field + ".telephonyStatus"));
          break;
        case "meetingStatus":
          meetingStatus = MeetingStatus.parse(ParserValues.string(p, v, problems, field + ".meetingStatus"));
          break;
        case "message":
          message = ParserValues.string(p, v, problems, field + ".message");
          break;
        default:
          p.skipChildren();
      }
    }
    Availability availability = availability(status);
    if (availability == null) {
      problems.add(field + ".status is " + (status == null ? "missing" : "not Available, Busy, DoNotDisturb or Invisible"));
      return null;
    }
    return new PresenceState(availability, userStatus, dndStatus, presenceStatus, telephonyStatus, meetingStatus, message);
  }

  private static Availability availability(String label) {
    if (label != null) {
      for (Availability a : Availability.values()) {
        if (a.label().equals(label)) {
          return a;
        }
      }
    }
    return null;
  }

  private static Call call(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String id = null;
    String sessionId = null;
    String telephonySessionId = null;
    String partyId = null;
    Direction direction = null;
    String from = null;
    String fromName = null;
    String to = null;
    String toName = null;
    TelephonyStatus telephonyStatus = null;
    Instant startTime = null;
    Long clockOffsetMs = null;
    boolean queueCall = false;
    SipData sipData = null;
    Leg inboundLeg = null;
    Leg outboundLeg = null;
    String webRtcSessionId = null;
    CallParty party = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "id":
          id = ParserValues.id(p, v, problems, field + ".id");
          break;
        case "sessionId":
          sessionId = ParserValues.id(p, v, problems, field + ".sessionId");
          break;
        case "telephonySessionId":
          telephonySessionId = ParserValues.id(p, v, problems, field + ".telephonySessionId");
          break;
        case "partyId":
          partyId = ParserValues.id(p, v, problems, field + ".partyId");
          break;
        case "direction":
          direction = Direction.parse(ParserValues.string(p, v, problems, field + ".direction"));
          break;
        case "from":
          from = ParserValues.string(p, v, problems, field + ".from");
          break;
        case "fromName":
          fromName = ParserValues.string(p, v, problems, field + ".fromName");
          break;
        case "to":
          to = ParserValues.string(p, v, problems, field + ".to");
          break;
        case "toName":
          toName = ParserValues.string(p, v, problems, field + ".toName");
          break;
        case "telephonyStatus":
          telephonyStatus = TelephonyStatus.parse(ParserValues.string(p, v, problems, field + ".telephonyStatus"));
          break;
        case "startTime":
          startTime = ParserValues.time(p, v, problems, field + ".startTime");
          break;
        case "clockOffsetMs":
          clockOffsetMs = ParserValues.longValue(p, v, problems, field + ".clockOffsetMs");
          break;
        case "queueCall":
          queueCall = Boolean.TRUE.equals(ParserValues.bool(p, v, problems, field + ".queueCall"));
          break;
        case "sipData":
          if (ParserValues.object(p, v, problems, field + ".sipData")) {
            sipData = PartyFields.sipData(p, problems, field + ".sipData");
          }
          break;
        case "inboundLeg":
          inboundLeg = leg(p, v, problems, field + ".inboundLeg");
          break;
        case "outboundLeg":
          outboundLeg = leg(p, v, problems, field + ".outboundLeg");
          break;
        case "webRtcSessionId":
          webRtcSessionId = ParserValues.string(p, v, problems, field + ".webRtcSessionId");
          break;
        case "party":
          party = SessionJson.callParty(p, v, problems, field + ".party");
          break;
        default:
          p.skipChildren();
      }
    }
    return new Call(
        id,
        sessionId,
        telephonySessionId,
        partyId,
        direction,
        from,
        fromName,
        to,
        toName,
        telephonyStatus,
        startTime,
        clockOffsetMs == null ? null : Duration.ofMillis(clockOffsetMs),
        queueCall,
        sipData,
        inboundLeg,
        outboundLeg,
        webRtcSessionId,
        party);
  }

  private static Leg leg(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String id = null;
    String sessionId = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if ("id".equals(name)) {
        id = ParserValues.id(p, v, problems, field + ".id");
      } else if ("sessionId".equals(name)) {
        sessionId = ParserValues.id(p, v, problems, field + ".sessionId");
      } else {
        p.skipChildren();
      }
    }
    return new Leg(id, sessionId);
  }
}
