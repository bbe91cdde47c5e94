package io.presencestream.codec;

import static io.presencestream.codec.RingCentralFields.label;
import static io.presencestream.codec.RingCentralFields.sipData;
import static io.presencestream.codec.RingCentralFields.string;
import static io.presencestream.codec.RingCentralFields.time;

import com.fasterxml.jackson.core.JsonGenerator;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes RingCentral's wire forms, as the simulator serves them. Absent (null) values are left out, as
 * RingCentral does; times are ISO-8601 instants ({@link Instant#toString()}, so nothing is lost).
 */
final class RingCentralWriter {

  private RingCentralWriter() {}

  static void notification(JsonGenerator g, Notification n) throws IOException {
    g.writeStartObject();
    string(g, "uuid", n.uuid());
    string(g, "event", n.event());
    time(g, "timestamp", n.timestamp());
    string(g, "subscriptionId", n.subscriptionId());
    string(g, "ownerId", n.ownerId());
    g.writeFieldName("body");
    PresenceUpdate body = n.body();
    g.writeStartObject();
    g.writeStringField("extensionId", body.extensionId());
    if (body.sequence() != null) {
      g.writeNumberField("sequence", body.sequence());
    }
    statusFields(g, body);
    if (body.totalActiveCalls() != null) {
      g.writeNumberField("totalActiveCalls", body.totalActiveCalls());
    }
    activeCalls(g, body.activeCalls());
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The REST form: {@code uri}, {@code extension {id, uri}}, the status fields and {@code activeCalls}. */
  static void extensionPresence(JsonGenerator g, PresenceUpdate p, String serverUrl, String accountId)
      throws IOException {
    String extensionUri = serverUrl + "/restapi/v1.0/account/" + accountId + "/extension/" + p.extensionId();
    g.writeStartObject();
    g.writeStringField("uri", extensionUri + "/presence");
    g.writeFieldName("extension");
    g.writeStartObject();
    g.writeStringField("uri", extensionUri);
    id(g, "id", p.extensionId());
    g.writeEndObject();
    statusFields(g, p);
    activeCalls(g, p.activeCalls());
    g.writeEndObject();
  }

  static void accountPage(JsonGenerator g, AccountPresencePage page, String serverUrl, String accountId)
      throws IOException {
    String pageUri =
        serverUrl
            + "/restapi/v1.0/account/"
            + accountId
            + "/presence?detailedTelephonyState=true&sipData=true&page="
            + page.page();
    g.writeStartObject();
    g.writeStringField("uri", pageUri);
    g.writeFieldName("records");
    g.writeStartArray();
    for (PresenceUpdate record : page.records()) {
      extensionPresence(g, record, serverUrl, accountId);
    }
    g.writeEndArray();
    g.writeFieldName("paging");
    g.writeStartObject();
    g.writeNumberField("page", page.page());
    g.writeNumberField("totalPages", page.totalPages());
    g.writeNumberField("pageStart", 0);
    g.writeNumberField("pageEnd", Math.max(page.records().size() - 1, 0));
    g.writeEndObject();
    g.writeFieldName("navigation");
    g.writeStartObject();
    if (page.nextPageUri() != null) {
      g.writeFieldName("nextPage");
      g.writeStartObject();
      g.writeStringField("uri", page.nextPageUri());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void statusFields(JsonGenerator g, PresenceUpdate p) throws IOException {
    label(g, "presenceStatus", p.presenceStatus());
    label(g, "telephonyStatus", p.telephonyStatus());
    label(g, "userStatus", p.userStatus());
    label(g, "dndStatus", p.dndStatus());
    label(g, "meetingStatus", p.meetingStatus());
    string(g, "message", p.message());
  }

  private static void activeCalls(JsonGenerator g, List<ActiveCall> calls) throws IOException {
    if (calls == null) {
      return; // "no information" is an absent list, not an empty one
    }
    g.writeFieldName("activeCalls");
    g.writeStartArray();
    for (ActiveCall c : calls) {
      g.writeStartObject();
      string(g, "id", c.id());
      label(g, "direction", c.direction());
      string(g, "from", c.from());
      string(g, "fromName", c.fromName());
      string(g, "to", c.to());
      string(g, "toName", c.toName());
      label(g, "telephonyStatus", c.telephonyStatus());
      label(g, "terminationType", c.terminationType());
      sipData(g, c.sipData());
      string(g, "sessionId", c.sessionId());
      time(g, "startTime", c.startTime());
      string(g, "partyId", c.partyId());
      string(g, "telephonySessionId", c.telephonySessionId());
      g.writeBooleanField("queueCall", c.queueCall());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** RingCentral writes extension ids in REST as numbers; ids that are not plain numbers stay strings. */
  private static void id(JsonGenerator g, String name, String id) throws IOException {
    if (isPlainLong(id)) {
      g.writeFieldName(name);
      g.writeNumber(id); // the digits as they are
    } else {
      g.writeStringField(name, id);
    }
  }

  private static boolean isPlainLong(String s) {
    if (s.isEmpty() || s.length() > 18 || (s.length() > 1 && s.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
