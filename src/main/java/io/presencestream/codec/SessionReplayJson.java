package io.presencestream.codec;

import static io.presencestream.codec.EventJson.bool;
import static io.presencestream.codec.EventJson.label;
import static io.presencestream.codec.EventJson.string;

import com.fasterxml.jackson.core.JsonGenerator;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PeerId;
import io.presencestream.model.TelephonySession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * The lines of {@code replay --emit sessions} (schema in README "Replay"), written straight to a generator:
 * every key always written in a fixed order, {@code null} for absent, parties sorted by id, so the same
 * input always gives the same bytes. Times are left out on purpose: a session line shows what the tracker
 * holds, and its times only repeat the input's.
 */
final class SessionReplayJson {

  private static final Comparator<Party> BY_ID = Comparator.comparing(Party::id);

  private SessionReplayJson() {}

  /** A line for a notification that decoded; see {@link TelephonySessionCodec#encodeReplayLine}. */
  static void writeLine(JsonGenerator g, int index, String ownerId, String telephonySessionId, boolean applied,
      String dropReason, TelephonySession session) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", index);
    string(g, "ownerId", ownerId);
    string(g, "telephonySessionId", telephonySessionId);
    g.writeBooleanField("applied", applied);
    string(g, "dropReason", dropReason);
    g.writeNullField("error");
    g.writeFieldName("session");
    writeSession(g, session);
    g.writeEndObject();
  }

  /** A line for an input line that did not decode; see {@link TelephonySessionCodec#encodeReplayError}. */
  static void writeError(JsonGenerator g, int index, DecodeException error) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", index);
    g.writeNullField("ownerId");
    g.writeNullField("telephonySessionId");
    g.writeBooleanField("applied", false);
    g.writeNullField("dropReason");
    g.writeFieldName("error");
    g.writeStartObject();
    string(g, "reason", error.reason() == null ? null : error.reason().name().toLowerCase(Locale.ROOT));
    string(g, "message", error.getMessage());
    g.writeEndObject();
    g.writeNullField("session");
    g.writeEndObject();
  }

  private static void writeSession(JsonGenerator g, TelephonySession s) throws IOException {
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    string(g, "telephonySessionId", s.telephonySessionId());
    string(g, "sessionId", s.sessionId());
    label(g, "origin", s.origin() == null ? null : s.origin().type());
    g.writeFieldName("party");
    writeParty(g, s.party());
    g.writeFieldName("parties");
    g.writeStartArray();
    Party[] parties = s.parties().toArray(new Party[0]);
    Arrays.sort(parties, BY_ID);
    for (Party p : parties) {
      writeParty(g, p);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeParty(JsonGenerator g, Party p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    string(g, "id", p.id());
    string(g, "extensionId", p.extensionId());
    label(g, "direction", p.direction());
    label(g, "status", p.code());
    label(g, "reason", p.status().reason());
    string(g, "from", number(p.from()));
    string(g, "to", number(p.to()));
    bool(g, "missedCall", p.missedCall());
    bool(g, "standAlone", p.standAlone());
    bool(g, "muted", p.muted());
    PeerId peer = p.status().peerId();
    string(g, "peerTelephonySessionId", peer == null ? null : peer.telephonySessionId());
    g.writeEndObject();
  }

  private static String number(PartyEndpoint endpoint) {
    return endpoint == null ? null : endpoint.phoneNumber();
  }
}
