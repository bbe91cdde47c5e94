package io.presencestream.engine;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EngineInput;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Readable builders for engine inputs in tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private Fixtures() {}

  static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  static CallBuilder inbound(String sessionId) {
    return new CallBuilder(sessionId, Direction.INBOUND);
  }

  static CallBuilder outbound(String sessionId) {
    return new CallBuilder(sessionId, Direction.OUTBOUND);
  }

  static UpdateBuilder update(String extensionId) {
    return new UpdateBuilder(extensionId);
  }

  static EngineInput.NotificationReceived notification(UpdateBuilder update, Instant receivedAt) {
    return new EngineInput.NotificationReceived(
        new Notification("uuid-" + receivedAt.toEpochMilli(),
            "/restapi/v1.0/account/1/extension/" + update.extensionId + "/presence?detailedTelephonyState=true&sipData=true",
            receivedAt, "sub-1", update.extensionId, update.build()),
        receivedAt);
  }

  static EngineInput.SnapshotReceived snapshot(UpdateBuilder update, Instant receivedAt) {
    return new EngineInput.SnapshotReceived(update.build(), receivedAt);
  }

  static final class CallBuilder {
    private String id;
    private final String sessionId;
    private Direction direction;
    private String from;
    private String fromName;
    private String to;
    private String toName;
    private Instant startTime;
    private TelephonyStatus status = TelephonyStatus.CALL_CONNECTED;
    private TerminationType termination = TerminationType.FINAL;
    private String telephonySessionId;
    private String partyId;
    private SipData sipData;

    CallBuilder(String sessionId, Direction direction) {
      this.sessionId = sessionId;
      this.direction = direction;
      this.id = "call-" + sessionId + "-" + (direction == null ? "x" : direction.label());
    }

    CallBuilder id(String value) { id = value; return this; }
    CallBuilder direction(Direction value) { direction = value; return this; }
    CallBuilder from(String value) { from = value; return this; }
    CallBuilder fromName(String value) { fromName = value; return this; }
    CallBuilder to(String value) { to = value; return this; }
    CallBuilder toName(String value) { toName = value; return this; }
    CallBuilder startTime(Instant value) { startTime = value; return this; }
    CallBuilder status(TelephonyStatus value) { status = value; return this; }
    CallBuilder termination(TerminationType value) { termination = value; return this; }
    CallBuilder telephonySession(String value, String party) { telephonySessionId = value; partyId = party; return this; }
    CallBuilder remoteUri(String value) { sipData = new SipData("tt", "ft", value, "sip:local@example", null); return this; }

    ActiveCall build() {
      return new ActiveCall(id, direction, from, fromName, to, toName, startTime, status, termination, sessionId,
          telephonySessionId, partyId, false, sipData);
    }
  }

  static final class UpdateBuilder {
    private final String extensionId;
    private Long sequence;
    private UserStatus userStatus;
    private DndStatus dndStatus;
    private UserStatus presenceStatus;
    private TelephonyStatus telephonyStatus;
    private MeetingStatus meetingStatus;
    private String message;
    private Integer totalActiveCalls;
    private List<ActiveCall> activeCalls;

    UpdateBuilder(String extensionId) {
      this.extensionId = extensionId;
    }

    UpdateBuilder sequence(long value) { sequence = value; return this; }
    UpdateBuilder user(UserStatus value) { userStatus = value; return this; }
    UpdateBuilder dnd(DndStatus value) { dndStatus = value; return this; }
    UpdateBuilder presenceStatus(UserStatus value) { presenceStatus = value; return this; }
    UpdateBuilder telephony(TelephonyStatus value) { telephonyStatus = value; return this; }
    UpdateBuilder meeting(MeetingStatus value) { meetingStatus = value; return this; }
    UpdateBuilder message(String value) { message = value; return this; }
    UpdateBuilder total(int value) { totalActiveCalls = value; return this; }

    UpdateBuilder calls(CallBuilder... calls) {
      activeCalls = Arrays.stream(calls).map(CallBuilder::build).toList();
      return this;
    }

    UpdateBuilder calls(List<ActiveCall> calls) {
      activeCalls = calls;
      return this;
    }

    PresenceUpdate build() {
      return new PresenceUpdate(extensionId, sequence, userStatus, dndStatus, presenceStatus, telephonyStatus,
          meetingStatus, message, totalActiveCalls, activeCalls);
    }
  }
}
