package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RingCentral's presence JSON in one streaming pass straight into the model records: no tree,
 * no reflection. Field order is free (RingCentral's varies), unknown fields are skipped, absent fields
 * stay null. Throws {@link Malformed} for input that is not what it should be; Jackson's own exceptions
 * for input that is not JSON or breaks a stream constraint.
 */
final class RingCentralReader {

  private static final String PRESENCE = "/presence";
  private static final String EXTENSION = "/extension/";

  private static final EnumLabelReader<UserStatus> USER_STATUS = new EnumLabelReader<>(UserStatus.values(), UserStatus.UNKNOWN);
  private static final EnumLabelReader<DndStatus> DND_STATUS = new EnumLabelReader<>(DndStatus.values(), DndStatus.UNKNOWN);
  private static final EnumLabelReader<TelephonyStatus> TELEPHONY_STATUS =
      new EnumLabelReader<>(TelephonyStatus.values(), TelephonyStatus.UNKNOWN);
  private static final EnumLabelReader<MeetingStatus> MEETING_STATUS =
      new EnumLabelReader<>(MeetingStatus.values(), MeetingStatus.UNKNOWN);
  private static final EnumLabelReader<Direction> DIRECTION = new EnumLabelReader<>(Direction.values(), Direction.UNKNOWN);
  private static final EnumLabelReader<TerminationType> TERMINATION_TYPE =
      new EnumLabelReader<>(TerminationType.values(), TerminationType.UNKNOWN);

  private final CodecLimits limits;

  RingCentralReader(CodecLimits limits) {
    this.limits = limits;
  }

  // ---------------------------------------------------------------- notifications

  /** A notification envelope, or a WebSocket frame {@code [header, envelope]} of type ServerNotification. */
  Notification message(JsonParser p) throws IOException {
    return EnvelopeReader.read(p, feed);
  }

  /** Presence inside RingCentral's notification envelope. */
  EnvelopeReader.Feed<PresenceFields, Notification> feed() {
    return feed;
  }

  private final EnvelopeReader.Feed<PresenceFields, Notification> feed =
      new EnvelopeReader.Feed<>() {
        @Override
        public boolean ownsEvent(String event) {
          return isPresencePath(event);
        }

        @Override
        public PresenceFields body(JsonParser p, Problems problems) throws IOException {
          return presenceObject(p, problems);
        }

        @Override
        public boolean claims(PresenceFields body) {
          return body.extensionId != null;
        }

        @Override
        public Notification notification(EnvelopeReader.Envelope e, PresenceFields body) {
          String extensionId = body.resolveExtensionId(e.event());
          if (extensionId == null) {
            throw Malformed.shape("the presence body has no extensionId");
          }
          return new Notification(
              e.uuid(), e.event(), e.timestamp(), e.subscriptionId(), e.ownerId(), body.toUpdate(extensionId));
        }

        @Override
        public Malformed foreign(String detail) {
          return Malformed.notPresence(detail);
        }

        @Override
        public String noun() {
          return "presence";
        }

        @Override
        public String identity() {
          return "extensionId";
        }
      };

  // ---------------------------------------------------------------- REST

  /** {@code GET …/extension/{id}/presence}. */
  PresenceUpdate extensionPresence(JsonParser p) throws IOException {
    JsonToken t = first(p);
    if (t != START_OBJECT) {
      throw Malformed.shape("expected an extension presence object, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    PresenceFields fields = presenceObject(p, problems);
    end(p);
    return restRecord(fields, problems);
  }

  /** {@code GET …/account/~/presence}: records, paging, navigation. */
  AccountPresencePage accountPage(JsonParser p) throws IOException {
    JsonToken t = first(p);
    if (t != START_OBJECT) {
      throw Malformed.shape("expected an account presence page object, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    String uri = null;
    List<PresenceUpdate> records = null;
    Integer page = null;
    Integer totalPages = null;
    String nextPageUri = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "uri":
          uri = ParserValues.string(p, v, problems, "uri");
          break;
        case "records":
          if (ParserValues.array(p, v, problems, "records")) {
            records = new ArrayList<>();
            JsonToken e;
            while ((e = p.nextToken()) != END_ARRAY) {
              if (records.size() >= limits.maxPageRecords()) {
                throw Malformed.tooLarge("more than " + limits.maxPageRecords() + " records in one page");
              }
              if (ParserValues.object(p, e, problems, "records[" + records.size() + "]")) {
                records.add(restRecord(presenceObject(p, problems), problems));
              } else if (e == JsonToken.VALUE_NULL) {
                problems.add("records[" + records.size() + "] is null");
              }
            }
          }
          break;
        case "paging":
          if (ParserValues.object(p, v, problems, "paging")) {
            String f;
            while ((f = p.nextFieldName()) != null) {
              JsonToken pv = p.nextToken();
              if ("page".equals(f)) {
                page = ParserValues.intValue(p, pv, problems, "paging.page");
              } else if ("totalPages".equals(f)) {
                totalPages = ParserValues.intValue(p, pv, problems, "paging.totalPages");
              } else {
                p.skipChildren();
              }
            }
          }
          break;
        case "navigation":
          if (ParserValues.object(p, v, problems, "navigation")) {
            String f;
            while ((f = p.nextFieldName()) != null) {
              JsonToken nv = p.nextToken();
              if ("nextPage".equals(f) && ParserValues.object(p, nv, problems, "navigation.nextPage")) {
                String g;
                while ((g = p.nextFieldName()) != null) {
                  JsonToken uv = p.nextToken();
                  if ("uri".equals(g)) {
                    nextPageUri = ParserValues.string(p, uv, problems, "navigation.nextPage.uri");
                  } else {
                    p.skipChildren();
                  }
                }
              } else if (!"nextPage".equals(f)) {
                p.skipChildren();
              }
            }
          }
          break;
        default:
          p.skipChildren();
      }
    }
    end(p);
    if (uri != null && !isPresencePath(uri)) {
      throw Malformed.notPresence("a page of " + bounded(uri) + ", not of presence");
    }
    if (records == null) {
      throw problems.any() ? Malformed.shape(problems.first()) : Malformed.notPresence("no records: not a presence page");
    }
    problems.throwIfAny();
    int pageNumber = page == null ? 1 : page;
    // RingCentral's newer list APIs may leave totalPages out; then all we know is whether more follow.
    int pages = totalPages != null ? totalPages : nextPageUri == null ? pageNumber : pageNumber + 1;
    return new AccountPresencePage(records, pageNumber, pages, nextPageUri);
  }

  /** One REST presence object: the id from extensionId, extension.id or the uri. */
  private static PresenceUpdate restRecord(PresenceFields fields, Problems problems) {
    if (fields.uri != null && !isPresencePath(fields.uri)) {
      throw Malformed.notPresence(bounded(fields.uri) + " is not a presence resource");
    }
    String id = fields.resolveExtensionId(null);
    if (id == null) {
      if (!fields.sawPresenceField) {
        throw Malformed.notPresence("no extension id and no presence field");
      }
      problems.throwIfAny();
      throw Malformed.shape("presence without an extension id (no extensionId, extension.id or uri)");
    }
    problems.throwIfAny();
    return fields.toUpdate(id);
  }

  // ---------------------------------------------------------------- presence body

  /** What one presence object said; filled while streaming, turned into a record at the end. */
  static final class PresenceFields {
    String extensionId;
    String extensionObjectId;
    String uri;
    Long sequence;
    UserStatus userStatus;
    DndStatus dndStatus;
    UserStatus presenceStatus;
    TelephonyStatus telephonyStatus;
    MeetingStatus meetingStatus;
    String message;
    Integer totalActiveCalls;
    List<ActiveCall> activeCalls;
    boolean sawPresenceField;

    String resolveExtensionId(String event) {
      String id = nonEmpty(extensionId);
      if (id == null) {
        id = nonEmpty(extensionObjectId);
      }
      if (id == null && uri != null) {
        id = idFromPath(uri);
      }
      if (id == null && event != null) {
        id = idFromPath(event);
      }
      return id;
    }

    PresenceUpdate toUpdate(String id) {
      return new PresenceUpdate(
          ExtensionIds.require(id, "extensionId"),
          sequence,
          userStatus,
          dndStatus,
          presenceStatus,
          telephonyStatus,
          meetingStatus,
          message,
          totalActiveCalls,
          activeCalls);
    }
  }

  /** A presence body or REST presence object; the parser is on its START_OBJECT. */
  private PresenceFields presenceObject(JsonParser p, Problems problems) throws IOException {
    PresenceFields f = new PresenceFields();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "extensionId":
          f.extensionId = ParserValues.id(p, t, problems, "extensionId");
          break;
        case "sequence":
          f.sequence = ParserValues.longValue(p, t, problems, "sequence");
          break;
        case "userStatus":
          f.userStatus = USER_STATUS.read(p, t, problems, "userStatus");
          f.sawPresenceField = true;
          break;
        case "dndStatus":
          f.dndStatus = DND_STATUS.read(p, t, problems, "dndStatus");
          f.sawPresenceField = true;
          break;
        case "presenceStatus":
          f.presenceStatus = USER_STATUS.read(p, t, problems, "presenceStatus");
          f.sawPresenceField = true;
          break;
        case "telephonyStatus":
          f.telephonyStatus = TELEPHONY_STATUS.read(p, t, problems, "telephonyStatus");
          f.sawPresenceField = true;
          break;
        case "meetingStatus":
          f.meetingStatus = MEETING_STATUS.read(p, t, problems, "meetingStatus");
          f.sawPresenceField = true;
          break;
        case "message":
          f.message = ParserValues.string(p, t, problems, "message");
          break;
        case "totalActiveCalls":
          f.totalActiveCalls = ParserValues.intValue(p, t, problems, "totalActiveCalls");
          break;
        case "activeCalls":
          f.activeCalls = activeCalls(p, t, problems);
          f.sawPresenceField = true;
          break;
        case "extension":
          if (ParserValues.object(p, t, problems, "extension")) {
            String g;
            while ((g = p.nextFieldName()) != null) {
              JsonToken v = p.nextToken();
              if ("id".equals(g)) {
                f.extensionObjectId = ParserValues.id(p, v, problems, "extension.id");
              } else {
                p.skipChildren();
              }
            }
          }
          break;
        case "uri":
          f.uri = ParserValues.string(p, t, problems, "uri");
          break;
        default:
          p.skipChildren();
      }
    }
    return f;
  }

  private List<ActiveCall> activeCalls(JsonParser p, JsonToken t, Problems problems) throws IOException {
    if (!ParserValues.array(p, t, problems, "activeCalls")) {
      return null;
    }
    List<ActiveCall> calls = new ArrayList<>(4);
    JsonToken e;
    while ((e = p.nextToken()) != END_ARRAY) {
      if (calls.size() >= limits.maxActiveCalls()) {
        throw Malformed.tooLarge("more than " + limits.maxActiveCalls() + " active calls in one message");
      }
      if (ParserValues.object(p, e, problems, "activeCalls[" + calls.size() + "]")) {
        calls.add(activeCall(p, problems));
      } else if (e == JsonToken.VALUE_NULL) {
        problems.add("activeCalls[" + calls.size() + "] is null");
      }
    }
    return calls;
  }

  private static ActiveCall activeCall(JsonParser p, Problems problems) throws IOException {
    String id = null;
    Direction direction = null;
    Party from = null;
    String fromName = null;
    Party to = null;
    String toName = null;
    Instant startTime = null;
    TelephonyStatus telephonyStatus = null;
    TerminationType terminationType = null;
    String sessionId = null;
    String telephonySessionId = null;
    String partyId = null;
    boolean queueCall = false;
    SipData sipData = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "id":
          id = ParserValues.id(p, t, problems, "activeCalls.id");
          break;
        case "direction":
          direction = DIRECTION.read(p, t, problems, "activeCalls.direction");
          break;
        case "from":
          from = party(p, t, problems, "activeCalls.from");
          break;
        case "fromName":
          fromName = ParserValues.string(p, t, problems, "activeCalls.fromName");
          break;
        case "to":
          to = party(p, t, problems, "activeCalls.to");
          break;
        case "toName":
          toName = ParserValues.string(p, t, problems, "activeCalls.toName");
          break;
        case "startTime":
          startTime = ParserValues.time(p, t, problems, "activeCalls.startTime");
          break;
        case "telephonyStatus":
          telephonyStatus = TELEPHONY_STATUS.read(p, t, problems, "activeCalls.telephonyStatus");
          break;
        case "terminationType":
          terminationType = TERMINATION_TYPE.read(p, t, problems, "activeCalls.terminationType");
          break;
        case "sessionId":
          sessionId = ParserValues.id(p, t, problems, "activeCalls.sessionId");
          break;
        case "telephonySessionId":
          telephonySessionId = ParserValues.id(p, t, problems, "activeCalls.telephonySessionId");
          break;
        case "partyId":
          partyId = ParserValues.id(p, t, problems, "activeCalls.partyId");
          break;
        case "queueCall":
          queueCall = Boolean.TRUE.equals(ParserValues.bool(p, t, problems, "activeCalls.queueCall"));
          break;
        case "sipData":
          if (ParserValues.object(p, t, problems, "activeCalls.sipData")) {
            sipData = PartyFields.sipData(p, problems, "sipData");
          }
          break;
        default:
          p.skipChildren();
      }
    }
    return new ActiveCall(
        id,
        direction,
        from == null ? null : from.number,
        fromName != null ? fromName : from == null ? null : from.name,
        to == null ? null : to.number,
        toName != null ? toName : to == null ? null : to.name,
        startTime,
        telephonyStatus,
        terminationType,
        sessionId,
        telephonySessionId,
        partyId,
        queueCall,
        sipData);
  }

  /** {@code from}/{@code to}: a plain number, or {@code {phoneNumber, extensionNumber, name}}. */
  private static final class Party {
    final String number;
    final String name;

    Party(String number, String name) {
      this.number = number;
      this.name = name;
    }
  }

  private static Party party(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return new Party(p.getText(), null);
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != START_OBJECT) {
      ParserValues.mismatch(p, t, problems, field, "a string or an object");
      return null;
    }
    String phoneNumber = null;
    String extensionNumber = null;
    String partyName = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "phoneNumber":
          phoneNumber = ParserValues.id(p, v, problems, field + ".phoneNumber");
          break;
        case "extensionNumber":
          extensionNumber = ParserValues.id(p, v, problems, field + ".extensionNumber");
          break;
        case "name":
          partyName = ParserValues.string(p, v, problems, field + ".name");
          break;
        default:
          p.skipChildren();
      }
    }
    return new Party(phoneNumber != null ? phoneNumber : extensionNumber, partyName);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonToken first(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    return t;
  }

  /** The document must hold exactly one JSON value. */
  static void end(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "more than one JSON value");
    }
  }

  /**
   * Whether the path of a URI or event filter (query ignored) ends in {@code /presence} and is not a call
   * queue's ({@code …/call-queues/{id}/presence} is the Call Queue Member Presence event, of no extension).
   */
  static boolean isPresencePath(String uriOrEvent) {
    int end = uriOrEvent.indexOf('?');
    if (end < 0) {
      end = uriOrEvent.length();
    }
    return end >= PRESENCE.length() && uriOrEvent.regionMatches(end - PRESENCE.length(), PRESENCE, 0, PRESENCE.length())
        && !uriOrEvent.substring(0, end).contains("/call-queues/");
  }

  /** The numeric id after the last {@code /extension/} of a path, or null ({@code ~} is no id). */
  static String idFromPath(String path) {
    int at = path.lastIndexOf(EXTENSION);
    if (at < 0) {
      return null;
    }
    int from = at + EXTENSION.length();
    int to = from;
    while (to < path.length() && path.charAt(to) >= '0' && path.charAt(to) <= '9') {
      to++;
    }
    if (to == from || (to < path.length() && path.charAt(to) != '/' && path.charAt(to) != '?')) {
      return null;
    }
    return path.substring(from, to);
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Names from the input are quoted in messages only in bounded form. */
  static String bounded(String s) {
    return Excerpt.of(s.length() > 80 ? s.substring(0, 80) + "…" : s);
  }
}
