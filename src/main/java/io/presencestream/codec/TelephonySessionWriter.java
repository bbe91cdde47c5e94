package io.presencestream.codec;

import static io.presencestream.codec.RingCentralFields.bool;
import static io.presencestream.codec.RingCentralFields.label;
import static io.presencestream.codec.RingCentralFields.sipData;
import static io.presencestream.codec.RingCentralFields.string;
import static io.presencestream.codec.RingCentralFields.time;

import com.fasterxml.jackson.core.JsonGenerator;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PeerId;
import io.presencestream.model.Recording;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes a telephony-session notification in RingCentral's wire form, so that {@link TelephonySessionReader}
 * reads back the same {@link TelephonySessionNotification}: the envelope {@code uuid, event, timestamp,
 * subscriptionId, ownerId, body} and the body's fields in the order of the recorded notifications
 * ({@code src/test/resources/telephony-session-samples}). Absent (null) values are left out, as RingCentral
 * does; ids are strings, times ISO-8601 instants ({@link Instant#toString()}, so nothing is lost). What the
 * reader folds is written in its folded form: a party's extension as its {@code extensionId} (no
 * {@code owner}), an endpoint's number as {@code phoneNumber}, an absent origin as {@code Call}.
 */
final class TelephonySessionWriter {

  private TelephonySessionWriter() {}

  static void notification(JsonGenerator g, TelephonySessionNotification n) throws IOException {
    g.writeStartObject();
    string(g, "uuid", n.uuid());
    string(g, "event", n.event());
    time(g, "timestamp", n.timestamp());
    string(g, "subscriptionId", n.subscriptionId());
    string(g, "ownerId", n.ownerId());
    g.writeFieldName("body");
    body(g, n.body(), n.event());
    g.writeEndObject();
  }

  private static void body(JsonGenerator g, TelephonySessionUpdate b, String event) throws IOException {
    g.writeStartObject();
    if (b.sequence() != null) {
      g.writeNumberField("sequence", b.sequence());
    }
    string(g, "sessionId", b.sessionId());
    string(g, "telephonySessionId", b.telephonySessionId());
    string(g, "serverId", b.serverId());
    time(g, "eventTime", b.eventTime());
    string(g, "accountId", b.accountId());
    // RingCentral's bodies leave the extension to the event path; the body says it only when the path does not
    if (b.extensionId() != null && !pathNames(event, b.extensionId())) {
      g.writeStringField("extensionId", b.extensionId());
    }
    g.writeFieldName("parties");
    g.writeStartArray();
    for (Party p : b.parties()) {
      party(g, p);
    }
    g.writeEndArray();
    g.writeFieldName("origin");
    g.writeStartObject();
    label(g, "type", b.origin().type());
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * Whether the event path is the extension-level path of {@code extensionId}, which the reader takes it from
   * (it reads the digits after the path's last {@code /extension/}).
   */
  private static boolean pathNames(String event, String extensionId) {
    if (event == null || !extensionId.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int end = event.indexOf('?');
    String path = end < 0 ? event : event.substring(0, end);
    return path.endsWith("/extension/" + extensionId + "/telephony/sessions");
  }

  private static void party(JsonGenerator g, Party p) throws IOException {
    g.writeStartObject();
    string(g, "accountId", p.accountId());
    string(g, "extensionId", p.extensionId());
    g.writeStringField("id", p.id());
    label(g, "direction", p.direction());
    endpoint(g, "to", p.to());
    endpoint(g, "from", p.from());
    status(g, p.status());
    bool(g, "missedCall", p.missedCall());
    bool(g, "standAlone", p.standAlone());
    bool(g, "muted", p.muted());
    bool(g, "queueCall", p.queueCall());
    if (p.recordings() != null) {
      g.writeFieldName("recordings");
      g.writeStartArray();
      for (Recording r : p.recordings()) {
        g.writeStartObject();
        string(g, "id", r.id());
        bool(g, "active", r.active());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    string(g, "conferenceRole", p.conferenceRole());
    string(g, "ringOutRole", p.ringOutRole());
    string(g, "ringMeRole", p.ringMeRole());
    sipData(g, p.sipData());
    g.writeEndObject();
  }

  private static void endpoint(JsonGenerator g, String name, PartyEndpoint e) throws IOException {
    if (e == null) {
      return;
    }
    g.writeFieldName(name);
    g.writeStartObject();
    string(g, "phoneNumber", e.phoneNumber());
    string(g, "name", e.name());
    string(g, "extensionId", e.extensionId());
    string(g, "deviceId", e.deviceId());
    g.writeEndObject();
  }

  private static void status(JsonGenerator g, PartyStatus s) throws IOException {
    g.writeFieldName("status");
    g.writeStartObject();
    label(g, "code", s.code());
    label(g, "reason", s.reason());
    PeerId peer = s.peerId();
    if (peer != null) {
      g.writeFieldName("peerId");
      g.writeStartObject();
      string(g, "sessionId", peer.sessionId());
      string(g, "telephonySessionId", peer.telephonySessionId());
      string(g, "partyId", peer.partyId());
      g.writeEndObject();
    }
    string(g, "parkData", s.parkData());
    g.writeEndObject();
  }
}
