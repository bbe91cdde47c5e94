package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.Origin;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of RingCentral's telephony-session notifications in one streaming pass straight into the
 * model records; the envelope and frame around it are {@link EnvelopeReader}'s, shared with presence. Field
 * order free, unknown fields skipped, absent fields null, a value of the wrong type noted and reported as
 * WRONG_SHAPE only once the envelope is known to be a telephony-session notification (so a presence
 * notification is NOT_TELEPHONY_SESSION, not WRONG_SHAPE).
 */
final class TelephonySessionReader implements EnvelopeReader.Feed<TelephonySessionReader.Body, TelephonySessionNotification> {

  private static final String TELEPHONY_SESSIONS = "/telephony/sessions";

  private static final EnumLabelReader<OriginType> ORIGIN_TYPE =
      new EnumLabelReader<>(OriginType.values(), OriginType.UNKNOWN);
  private static final EnumLabelReader<PartyStatusReason> REASON =
      new EnumLabelReader<>(PartyStatusReason.values(), PartyStatusReason.UNKNOWN);

  private final CodecLimits limits;

  TelephonySessionReader(CodecLimits limits) {
    this.limits = limits;
  }

  /** A notification envelope, or a WebSocket frame {@code [header, envelope]} of type ServerNotification. */
  TelephonySessionNotification message(JsonParser p) throws IOException {
    return EnvelopeReader.read(p, this);
  }

  @Override
  public boolean ownsEvent(String event) {
    return isTelephonySessionsPath(event);
  }

  @Override
  public boolean claims(Body body) {
    return body.telephonySessionId != null;
  }

  @Override
  public TelephonySessionNotification notification(EnvelopeReader.Envelope e, Body body) {
    if (body.telephonySessionId == null || body.telephonySessionId.isEmpty()) {
      throw Malformed.shape("the telephony-session body has no telephonySessionId");
    }
    String extensionId = body.extensionId;
    if (extensionId == null && e.event() != null) {
      extensionId = RingCentralReader.idFromPath(e.event());
    }
    if (extensionId != null) {
      ExtensionIds.require(extensionId, "extensionId");
    }
    TelephonySessionUpdate update = new TelephonySessionUpdate(body.sequence, body.sessionId, body.telephonySessionId,
        body.serverId, body.eventTime, body.accountId, extensionId, body.origin, body.parties);
    return new TelephonySessionNotification(e.uuid(), e.event(), e.timestamp(), e.subscriptionId(), e.ownerId(), update);
  }

  @Override
  public Malformed foreign(String detail) {
    return Malformed.notTelephonySession(detail);
  }

  @Override
  public String noun() {
    return "telephony-session";
  }

  @Override
  public String identity() {
    return "telephonySessionId";
  }

  /** What the body said; filled while streaming. */
  static final class Body {
    Long sequence;
    String sessionId;
    String telephonySessionId;
    String serverId;
    Instant eventTime;
    String accountId;
    String extensionId;
    Origin origin;
    List<Party> parties;
  }

  @Override
  public Body body(JsonParser p, Problems problems) throws IOException {
    Body b = new Body();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "sequence" -> b.sequence = ParserValues.longValue(p, t, problems, "sequence");
        case "sessionId" -> b.sessionId = ParserValues.id(p, t, problems, "sessionId");
        case "telephonySessionId" -> b.telephonySessionId = ParserValues.id(p, t, problems, "telephonySessionId");
        case "serverId" -> b.serverId = ParserValues.string(p, t, problems, "serverId");
        case "eventTime" -> b.eventTime = ParserValues.time(p, t, problems, "eventTime");
        case "accountId" -> b.accountId = ParserValues.id(p, t, problems, "accountId");
        case "extensionId" -> b.extensionId = ParserValues.id(p, t, problems, "extensionId");
        case "origin" -> b.origin = origin(p, t, problems);
        case "parties" -> b.parties = parties(p, t, problems);
        default -> p.skipChildren();
      }
    }
    return b;
  }

  private static Origin origin(JsonParser p, JsonToken t, Problems problems) throws IOException {
    if (!ParserValues.object(p, t, problems, "origin")) {
      return null;
    }
    OriginType type = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if ("type".equals(name)) {
        type = ORIGIN_TYPE.read(p, v, problems, "origin.type");
      } else {
        p.skipChildren();
      }
    }
    return type == null ? null : new Origin(type);
  }

  private List<Party> parties(JsonParser p, JsonToken t, Problems problems) throws IOException {
    if (!ParserValues.array(p, t, problems, "parties")) {
      return null;
    }
    List<Party> parties = new ArrayList<>(2);
    JsonToken e;
    while ((e = p.nextToken()) != END_ARRAY) {
      // a session has a handful of parties; the active-call limit bounds them too
      if (parties.size() >= limits.maxActiveCalls()) {
        throw Malformed.tooLarge("more than " + limits.maxActiveCalls() + " parties in one message");
      }
      String field = "parties[" + parties.size() + "]";
      if (ParserValues.object(p, e, problems, field)) {
        Party party = party(p, problems, field);
        if (party != null) {
          parties.add(party);
        }
      } else if (e == JsonToken.VALUE_NULL) {
        problems.add(field + " is null");
      }
    }
    return parties;
  }

  /** One party; null (with a noted problem) when it has no id or no status. */
  private Party party(JsonParser p, Problems problems, String field) throws IOException {
    PartyFields f = new PartyFields();
    String ownerExtensionId = null;
    String ownerAccountId = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "owner" -> {
          if (ParserValues.object(p, t, problems, field + ".owner")) {
            String g;
            while ((g = p.nextFieldName()) != null) {
              JsonToken v = p.nextToken();
              if ("extensionId".equals(g)) {
                ownerExtensionId = ParserValues.id(p, v, problems, field + ".owner.extensionId");
              } else if ("accountId".equals(g)) {
                ownerAccountId = ParserValues.id(p, v, problems, field + ".owner.accountId");
              } else {
                p.skipChildren();
              }
            }
          }
        }
        case "from" -> f.from = endpoint(p, t, problems, field + ".from");
        case "to" -> f.to = endpoint(p, t, problems, field + ".to");
        case "status" -> f.status = status(p, t, problems, field + ".status");
        case "recordings" -> f.recordings = PartyFields.recordings(p, t, problems, field + ".recordings", limits.maxActiveCalls(), false);
        default -> {
          if (!f.read(p, t, name, problems, field)) {
            p.skipChildren();
          }
        }
      }
    }
    if (f.id == null || f.id.isEmpty()) {
      problems.add(field + " has no id");
      return null;
    }
    if (f.status == null) {
      problems.add(field + " has no status code");
      return null;
    }
    // RingCentral's SDK takes the owner's extension over the party's own field (formatParty)
    String extension = ownerExtensionId != null ? ownerExtensionId : f.extensionId;
    if (extension != null) {
      ExtensionIds.require(extension, field + ".extensionId");
    }
    return f.party(ownerAccountId != null ? ownerAccountId : f.accountId, extension);
  }

  private static PartyEndpoint endpoint(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return new PartyEndpoint(p.getText(), null, null, null);
    }
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String phoneNumber = null;
    String extensionNumber = null;
    String partyName = null;
    String extensionId = null;
    String deviceId = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "phoneNumber" -> phoneNumber = ParserValues.id(p, v, problems, field + ".phoneNumber");
        case "extensionNumber" -> extensionNumber = ParserValues.id(p, v, problems, field + ".extensionNumber");
        case "name" -> partyName = ParserValues.string(p, v, problems, field + ".name");
        case "extensionId" -> extensionId = ParserValues.id(p, v, problems, field + ".extensionId");
        case "deviceId" -> deviceId = ParserValues.id(p, v, problems, field + ".deviceId");
        default -> p.skipChildren();
      }
    }
    return new PartyEndpoint(phoneNumber != null ? phoneNumber : extensionNumber, partyName, extensionId, deviceId);
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
        // not an EnumLabelReader: two codes have a second spelling
        case "code" -> {
          String label = ParserValues.string(p, v, problems, field + ".code");
          code = PartyStatusCode.parse(label);
        }
        case "reason" -> reason = REASON.read(p, v, problems, field + ".reason");
        case "peerId" -> peerId = PartyFields.peerId(p, v, problems, field + ".peerId");
        case "parkData" -> parkData = ParserValues.id(p, v, problems, field + ".parkData");
        default -> p.skipChildren();
      }
    }
    return code == null ? null : new PartyStatus(code, reason, peerId, parkData);
  }

  /** Whether the path of an event filter (query ignored) ends in {@code /telephony/sessions}. */
  static boolean isTelephonySessionsPath(String event) {
    int end = event.indexOf('?');
    if (end < 0) {
      end = event.length();
    }
    int n = TELEPHONY_SESSIONS.length();
    return end >= n && event.regionMatches(end - n, TELEPHONY_SESSIONS, 0, n);
  }
}
