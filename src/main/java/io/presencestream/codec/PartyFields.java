package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.Direction;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PeerId;
import io.presencestream.model.Recording;
import io.presencestream.model.SipData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A party's fields, collected while reading its keys in any order, and the readers of the objects inside a
 * party that presence-stream's event schema ({@link SessionJson}) takes from RingCentral's telephony-session
 * notifications ({@link TelephonySessionReader}) key for key. Only those keys are here: where the two forms
 * differ ({@code from}, {@code to}, {@code status}, RingCentral's {@code owner}) each reader
 * reads its own and sets the field.
 */
final class PartyFields {

  private static final EnumLabelReader<Direction> DIRECTION = new EnumLabelReader<>(Direction.values(), Direction.UNKNOWN);

  String id;
  String accountId;
  String extensionId;
  Direction direction;
  PartyEndpoint from;
  PartyEndpoint to;
  PartyStatus status;
  Boolean missedCall;
  Boolean standAlone;
  Boolean muted;
  Boolean queueCall;
  List<Recording> recordings;
  String conferenceRole;
  String ringOutRole;
  String ringMeRole;
  SipData sipData;

  /**
   * Reads {@code name} if it is one of the keys both forms spell and read alike.
   *
   * @return false when it is not (the caller reads or skips it)
   */
  boolean read(JsonParser p, JsonToken t, String name, Problems problems, String field) throws IOException {
    switch (name) {
      case "id" -> id = ParserValues.id(p, t, problems, field + ".id");
      case "accountId" -> accountId = ParserValues.id(p, t, problems, field + ".accountId");
      case "extensionId" -> extensionId = ParserValues.id(p, t, problems, field + ".extensionId");
      case "direction" -> direction = DIRECTION.read(p, t, problems, field + ".direction");
      case "missedCall" -> missedCall = ParserValues.bool(p, t, problems, field + ".missedCall");
      case "standAlone" -> standAlone = ParserValues.bool(p, t, problems, field + ".standAlone");
      case "muted" -> muted = ParserValues.bool(p, t, problems, field + ".muted");
      case "queueCall" -> queueCall = ParserValues.bool(p, t, problems, field + ".queueCall");
      case "conferenceRole" -> conferenceRole = ParserValues.string(p, t, problems, field + ".conferenceRole");
      case "ringOutRole" -> ringOutRole = ParserValues.string(p, t, problems, field + ".ringOutRole");
      case "ringMeRole" -> ringMeRole = ParserValues.string(p, t, problems, field + ".ringMeRole");
      case "sipData" -> {
        if (ParserValues.object(p, t, problems, field + ".sipData")) {
          sipData = sipData(p, problems, field + ".sipData");
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The party, with the account and extension the caller settled on (RingCentral's may come from its owner). */
  Party party(String account, String extension) {
    return new Party(id, account, extension, direction, from, to, status, missedCall, standAlone, muted, queueCall,
        recordings, conferenceRole, ringOutRole, ringMeRole, sipData);
  }

  /** A {@code peerId} (or a session event's {@code peer}); null for JSON null. */
  static PeerId peerId(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String sessionId = null;
    String telephonySessionId = null;
    String partyId = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "sessionId" -> sessionId = ParserValues.id(p, v, problems, field + ".sessionId");
        case "telephonySessionId" -> telephonySessionId = ParserValues.id(p, v, problems, field + ".telephonySessionId");
        case "partyId" -> partyId = ParserValues.id(p, v, problems, field + ".partyId");
        default -> p.skipChildren();
      }
    }
    return new PeerId(sessionId, telephonySessionId, partyId);
  }

  /** The rest of a {@code sipData} object whose start the caller has read; RingCentral's presence calls carry the same one. */
  static SipData sipData(JsonParser p, Problems problems, String field) throws IOException {
    String toTag = null;
    String fromTag = null;
    String remoteUri = null;
    String localUri = null;
    String callId = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "toTag" -> toTag = ParserValues.string(p, v, problems, field + ".toTag");
        case "fromTag" -> fromTag = ParserValues.string(p, v, problems, field + ".fromTag");
        case "remoteUri" -> remoteUri = ParserValues.string(p, v, problems, field + ".remoteUri");
        case "localUri" -> localUri = ParserValues.string(p, v, problems, field + ".localUri");
        case "callId" -> callId = ParserValues.string(p, v, problems, field + ".callId");
        default -> p.skipChildren();
      }
    }
    return new SipData(toTag, fromTag, remoteUri, localUri, callId);
  }

  /**
   * A party's {@code recordings}; null for JSON null. Our event schema never writes a null item, so there
   * it is a problem ({@code nullItemIsProblem}); RingCentral's notifications are read leniently.
   *
   * @throws IOException when the input cannot be read, or holds more than {@code max} recordings
   */
  static List<Recording> recordings(
      JsonParser p, JsonToken t, Problems problems, String field, int max, boolean nullItemIsProblem)
      throws IOException {
    if (!ParserValues.array(p, t, problems, field)) {
      return null;
    }
    List<Recording> recordings = new ArrayList<>(1);
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      if (recordings.size() >= max) {
        throw Malformed.tooLarge("more than " + max + " recordings of one party");
      }
      String item = field + "[" + recordings.size() + "]";
      if (!ParserValues.object(p, e, problems, item)) {
        if (nullItemIsProblem) {
          problems.add(item + " is null");
        }
        continue;
      }
      String id = null;
      Boolean active = null;
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "id" -> id = ParserValues.id(p, v, problems, item + ".id");
          case "active" -> active = ParserValues.bool(p, v, problems, item + ".active");
          default -> p.skipChildren();
        }
      }
      recordings.add(new Recording(id, active));
    }
    return recordings;
  }
}
