package io.presencestream.engine;

import io.presencestream.model.Direction;
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
import java.time.Instant;
import java.util.List;

/** Short ways to write telephony-session notifications in tests. */
final class SessionFixtures {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private SessionFixtures() {}

  /** {@code T0} plus {@code millis}. */
  static Instant t(long millis) {
    return T0.plusMillis(millis);
  }

  /** A party of extension {@code extensionId} (null for an outside party) calling {@code from} → {@code to}. */
  static Party party(String id, String extensionId, Direction direction, String from, String to, PartyStatusCode code) {
    return new Party(id, extensionId == null ? null : "1", extensionId, direction, endpoint(from), endpoint(to),
        PartyStatus.of(code), null, false, false, null, null, null, null, null, null);
  }

  static PartyEndpoint endpoint(String number) {
    return number == null ? null : new PartyEndpoint(number, null, null, null);
  }

  /** {@code p} with another status. */
  static Party with(Party p, PartyStatusCode code) {
    return with(p, code, null);
  }

  /** {@code p} with another status and reason. */
  static Party with(Party p, PartyStatusCode code, PartyStatusReason reason) {
    return with(p, new PartyStatus(code, reason, null, null));
  }

  /** {@code p} gone to {@code peer}. */
  static Party gone(Party p, PartyStatusReason reason, PeerId peer) {
    return with(p, new PartyStatus(PartyStatusCode.GONE, reason, peer, null));
  }

  static Party with(Party p, PartyStatus status) {
    return new Party(p.id(), p.accountId(), p.extensionId(), p.direction(), p.from(), p.to(), status, p.missedCall(),
        p.standAlone(), p.muted(), p.queueCall(), p.recordings(), p.conferenceRole(), p.ringOutRole(), p.ringMeRole(),
        p.sipData());
  }

  /** Only the id and status of {@code p}: what a later report may carry. */
  static Party statusOnly(Party p, PartyStatusCode code) {
    return new Party(p.id(), null, null, null, null, null, PartyStatus.of(code), null, null, null, null, null, null,
        null, null, null);
  }

  /** An extension-level notification for {@code extensionId} (null: account level). */
  static TelephonySessionNotification note(String extensionId, String telephonySessionId, String sessionId,
      long sequence, long millis, OriginType origin, Party... parties) {
    String event = extensionId == null
        ? "/restapi/v1.0/account/1/telephony/sessions"
        : "/restapi/v1.0/account/1/extension/" + extensionId + "/telephony/sessions";
    TelephonySessionUpdate body = new TelephonySessionUpdate(sequence, sessionId, telephonySessionId, "srv",
        t(millis), "1", extensionId, new Origin(origin), List.of(parties));
    return new TelephonySessionNotification("u-" + sequence, event, t(millis + 50), "sub", "1", body);
  }

  /** An ordinary call's notification for {@code extensionId}. */
  static TelephonySessionNotification note(String extensionId, String telephonySessionId, long sequence, long millis,
      Party... parties) {
    return note(extensionId, telephonySessionId, "9000", sequence, millis, OriginType.CALL, parties);
  }
}
