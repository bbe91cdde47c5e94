package io.presencestream.simulator;

import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PeerId;
import io.presencestream.model.Recording;
import io.presencestream.model.SipData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the simulator's telephony-session JSON: the notification envelope and body, the REST session
 * ("Get Call Session Status"), the sessions part of the ground truth and RingCentral's
 * insufficient-permission error body. Field names and order follow the recorded notifications in
 * {@code src/test/resources/telephony-session-samples} (the envelope, {@code sequence, sessionId,
 * telephonySessionId, serverId, eventTime, parties, origin}, a party's {@code status} with
 * {@code rcc: false} and an empty {@code park}) and, for the REST session, the ringcentral-mock fixture
 * of {@code ../ringcentral-samples}.
 *
 * <p>Written here by hand, not with {@code TelephonySessionCodec.encodeNotification}: these bodies carry what
 * the model does not ({@code rcc}, an empty {@code park}, millisecond times, the REST session and truth
 * shapes), to look like the recorded ones; only the simulator writes them. Every value is a string, boolean
 * or number the simulator made, escaped as JSON requires.
 */
final class TelephonySessionJson {

  /** The platform server that "sends" the simulator's telephony sessions (recorded ones name a TAM). */
  static final String SERVER_ID = "10.62.26.1.TAM";

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TelephonySessionJson() {}

  /** One notification envelope about one party's change. */
  static byte[] notification(String event, String subscriptionId, String ownerId, Instant timestamp, SessionChange c,
      boolean sip) {
    StringBuilder b = new StringBuilder(900);
    b.append("{\"uuid\":");
    string(b, c.uuid());
    b.append(",\"event\":");
    string(b, event);
    b.append(",\"timestamp\":");
    string(b, MILLIS.format(timestamp));
    b.append(",\"subscriptionId\":");
    string(b, subscriptionId);
    b.append(",\"ownerId\":");
    string(b, ownerId);
    b.append(",\"body\":{\"sequence\":").append(c.sequence());
    b.append(",\"sessionId\":");
    string(b, c.sessionId());
    b.append(",\"telephonySessionId\":");
    string(b, c.telephonySessionId());
    b.append(",\"serverId\":");
    string(b, SERVER_ID);
    b.append(",\"eventTime\":");
    string(b, MILLIS.format(c.eventTime()));
    b.append(",\"parties\":[");
    notificationParty(b, c.party(), sip);
    b.append("],\"origin\":{\"type\":");
    string(b, c.origin().label());
    b.append("}}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code GET …/telephony/sessions/{id}}: the session with every party that joined. */
  static byte[] restSession(SessionTruth s) {
    StringBuilder b = new StringBuilder(400 + 500 * s.parties().size());
    b.append("{\"id\":");
    string(b, s.telephonySessionId());
    b.append(",\"origin\":{\"type\":");
    string(b, s.origin().type().label());
    b.append("},\"creationTime\":");
    string(b, DateTimeFormatter.ISO_INSTANT.format(s.creationTime().truncatedTo(ChronoUnit.SECONDS)));
    b.append(",\"parties\":[");
    for (int i = 0; i < s.parties().size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      restParty(b, s.parties().get(i));
    }
    b.append("]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The sessions part of {@code /_sim/truth?include=sessions}: an array, parties with SIP data. */
  static void truth(StringBuilder b, List<SessionTruth> sessions) {
    b.append('[');
    for (int i = 0; i < sessions.size(); i++) {
      SessionTruth s = sessions.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"telephonySessionId\":");
      string(b, s.telephonySessionId());
      b.append(",\"sessionId\":");
      string(b, s.sessionId());
      b.append(",\"origin\":{\"type\":");
      string(b, s.origin().type().label());
      b.append("},\"creationTime\":");
      string(b, MILLIS.format(s.creationTime()));
      b.append(",\"sequence\":").append(s.sequence());
      b.append(",\"parties\":[");
      for (int k = 0; k < s.parties().size(); k++) {
        if (k > 0) {
          b.append(',');
        }
        notificationParty(b, s.parties().get(k), true);
      }
      b.append("]}");
    }
    b.append(']');
  }

  /**
   * RingCentral's answer to a request the application or the user lacks a permission for, as the API guide
   * shows it ({@code docs/voice/call-log/access.md} of ringcentral-api-docs): {@code errorCode}
   * {@code InsufficientPermissions}, one error with the specific code and {@code permissionName}, and the
   * permission again at the top.
   *
   * @param code {@code CMN-401} (application permission) or {@code CMN-408} (user permission)
   */
  static byte[] insufficientPermissions(String code, String message, String permission) {
    StringBuilder b = new StringBuilder(400);
    b.append("{\"errorCode\":\"InsufficientPermissions\",\"message\":");
    string(b, message);
    b.append(",\"errors\":[{\"errorCode\":");
    string(b, code);
    b.append(",\"message\":");
    string(b, message);
    b.append(",\"permissionName\":");
    string(b, permission);
    b.append("}],\"permissionName\":");
    string(b, permission);
    b.append('}');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- parts

  private static void notificationParty(StringBuilder b, Party p, boolean sip) {
    b.append("{\"accountId\":");
    string(b, p.accountId());
    if (p.extensionId() != null) {
      b.append(",\"extensionId\":");
      string(b, p.extensionId());
    }
    b.append(",\"id\":");
    string(b, p.id());
    b.append(",\"direction\":");
    string(b, p.direction().label());
    b.append(",\"to\":");
    endpoint(b, p.to());
    b.append(",\"from\":");
    endpoint(b, p.from());
    b.append(",\"status\":");
    status(b, p.status(), true);
    b.append(",\"park\":{},\"missedCall\":").append(Boolean.TRUE.equals(p.missedCall()));
    b.append(",\"standAlone\":").append(Boolean.TRUE.equals(p.standAlone()));
    b.append(",\"muted\":").append(Boolean.TRUE.equals(p.muted()));
    extras(b, p);
    if (sip && p.sipData() != null) {
      b.append(",\"sipData\":");
      sipData(b, p.sipData());
    }
    b.append('}');
  }

  private static void restParty(StringBuilder b, Party p) {
    b.append("{\"id\":");
    string(b, p.id());
    b.append(",\"accountId\":");
    string(b, p.accountId());
    if (p.extensionId() != null) {
      b.append(",\"extensionId\":");
      string(b, p.extensionId());
    }
    b.append(",\"direction\":");
    string(b, p.direction().label());
    b.append(",\"from\":");
    endpoint(b, p.from());
    b.append(",\"to\":");
    endpoint(b, p.to());
    if (p.extensionId() != null) {
      b.append(",\"owner\":{\"accountId\":");
      string(b, p.accountId());
      b.append(",\"extensionId\":");
      string(b, p.extensionId());
      b.append('}');
    }
    b.append(",\"status\":");
    status(b, p.status(), false);
    b.append(",\"standAlone\":").append(Boolean.TRUE.equals(p.standAlone()));
    b.append(",\"muted\":").append(Boolean.TRUE.equals(p.muted()));
    extras(b, p);
    b.append('}');
  }

  private static void extras(StringBuilder b, Party p) {
    if (p.ringOutRole() != null) {
      b.append(",\"ringOutRole\":");
      string(b, p.ringOutRole());
    }
    if (p.recordings() != null) {
      b.append(",\"recordings\":[");
      for (int i = 0; i < p.recordings().size(); i++) {
        Recording r = p.recordings().get(i);
        if (i > 0) {
          b.append(',');
        }
        b.append("{\"id\":");
        string(b, r.id());
        b.append(",\"active\":").append(Boolean.TRUE.equals(r.active())).append('}');
      }
      b.append(']');
    }
  }

  private static void status(StringBuilder b, PartyStatus s, boolean notification) {
    b.append("{\"code\":");
    string(b, s.code().label());
    if (s.reason() != null) {
      b.append(",\"reason\":");
      string(b, s.reason().label());
    }
    if (s.peerId() != null) {
      PeerId peer = s.peerId();
      b.append(",\"peerId\":{\"sessionId\":");
      string(b, peer.sessionId());
      b.append(",\"telephonySessionId\":");
      string(b, peer.telephonySessionId());
      b.append(",\"partyId\":");
      string(b, peer.partyId());
      b.append('}');
    }
    if (s.parkData() != null) {
      b.append(",\"parkData\":");
      string(b, s.parkData());
    }
    if (notification) {
      b.append(",\"rcc\":false");
    }
    b.append('}');
  }

  private static void endpoint(StringBuilder b, PartyEndpoint e) {
    b.append('{');
    boolean first = field(b, true, "phoneNumber", e.phoneNumber());
    first = field(b, first, "name", e.name());
    first = field(b, first, "extensionId", e.extensionId());
    field(b, first, "deviceId", e.deviceId());
    b.append('}');
  }

  private static void sipData(StringBuilder b, SipData s) {
    b.append('{');
    boolean first = field(b, true, "toTag", s.toTag());
    first = field(b, first, "fromTag", s.fromTag());
    first = field(b, first, "remoteUri", s.remoteUri());
    first = field(b, first, "localUri", s.localUri());
    field(b, first, "callId", s.callId());
    b.append('}');
  }

  /** Writes {@code "name":"value"} unless the value is null; @return whether the next field is still the first */
  private static boolean field(StringBuilder b, boolean first, String name, String value) {
    if (value == null) {
      return first;
    }
    if (!first) {
      b.append(',');
    }
    b.append('"').append(name).append("\":");
    string(b, value);
    return false;
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
