package io.presencestream.codec;

import static io.presencestream.testing.Gen.ALPHA;
import static io.presencestream.testing.Gen.DIGITS;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.EndReason;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Leg;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.CallDurations;
import io.presencestream.model.CallParty;
import io.presencestream.model.Origin;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.Recording;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.Gen;
import java.time.Duration;
import java.time.Instant;

/** Generators of model values for the codec's properties: nasty strings, any enum value, nulls where allowed. */
final class ModelGenerators {

  private ModelGenerators() {}

  /** Any text, including quotes, backslashes, control characters, lone surrogates and non-BMP characters. */
  static Gen<String> text() {
    return Gen.oneOf(
        Gen.strings(Gen.anyChar(), 0, 12),
        Gen.strings("\"\\/\n\t\u0000\u001fé☎\ud800\udc00\u2028abc", 0, 8),
        Gen.of("", "101", "+14155550100", "Zoë Ünal", "\uD83D\uDCDE call", "</script>"));
  }

  static Gen<String> optionalText() {
    return text().orNull(0.25);
  }

  static Gen<String> id() {
    return Gen.oneOf(
        Gen.longs(1, 999_999_999_999L).map(String::valueOf),
        Gen.strings(ALPHA + DIGITS + "-_~", 1, 24));
  }

  /** Instants from 1970 to 2200 with nanosecond precision (RingCentral's wire form keeps all of it). */
  static Gen<Instant> instant() {
    Gen<Long> seconds = Gen.longs(0, 7_258_118_400L);
    Gen<Integer> nanos = Gen.ints(0, 999_999_999);
    return r -> Instant.ofEpochSecond(seconds.next(r), nanos.next(r));
  }

  /** Instants with millisecond precision: what presence-stream's own JSON keeps. */
  static Gen<Instant> instantMillis() {
    return Gen.longs(0, 7_258_118_400_000L).map(Instant::ofEpochMilli);
  }

  static Gen<SipData> sipData() {
    Gen<String> text = optionalText();
    return r -> new SipData(text.next(r), text.next(r), text.next(r), text.next(r), text.next(r));
  }

  static Gen<ActiveCall> activeCall() {
    Gen<String> text = optionalText();
    Gen<Direction> direction = Gen.of(Direction.class).orNull(0.2);
    Gen<Instant> start = instant().orNull(0.3);
    Gen<TelephonyStatus> status = Gen.of(TelephonyStatus.class).orNull(0.2);
    Gen<TerminationType> termination = Gen.of(TerminationType.class).orNull(0.5);
    Gen<Boolean> bool = Gen.of(true, false);
    Gen<SipData> sip = sipData().orNull(0.4);
    return r -> new ActiveCall(
        text.next(r), direction.next(r), text.next(r), text.next(r), text.next(r), text.next(r), start.next(r),
        status.next(r), termination.next(r), text.next(r), text.next(r), text.next(r), bool.next(r), sip.next(r));
  }

  static Gen<PresenceUpdate> presenceUpdate() {
    Gen<String> id = id();
    Gen<Long> sequence = Gen.longs(-5, Long.MAX_VALUE).orNull(0.2);
    Gen<UserStatus> user = Gen.of(UserStatus.class).orNull(0.2);
    Gen<DndStatus> dnd = Gen.of(DndStatus.class).orNull(0.2);
    Gen<TelephonyStatus> telephony = Gen.of(TelephonyStatus.class).orNull(0.2);
    Gen<MeetingStatus> meeting = Gen.of(MeetingStatus.class).orNull(0.3);
    Gen<String> message = optionalText();
    Gen<Integer> total = Gen.ints(0, 1000).orNull(0.3);
    Gen<java.util.List<ActiveCall>> calls = activeCall().list(0, 4).orNull(0.3);
    return r -> new PresenceUpdate(
        id.next(r), sequence.next(r), user.next(r), dnd.next(r), user.next(r), telephony.next(r), meeting.next(r),
        message.next(r), total.next(r), calls.next(r));
  }

  static Gen<Notification> notification() {
    Gen<String> text = optionalText();
    Gen<String> event =
        Gen.of(
                "/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true",
                "/restapi/v1.0/account/37439510/extension/297277020/presence",
                "/restapi/v1.0/account/~/presence")
            .orNull(0.1);
    Gen<Instant> timestamp = instant().orNull(0.1);
    Gen<PresenceUpdate> body = presenceUpdate();
    // ownerId is an extension id: the codec refuses any other
    Gen<String> ownerId = id().orNull(0.25);
    return r -> new Notification(text.next(r), event.next(r), timestamp.next(r), text.next(r), ownerId.next(r), body.next(r));
  }

  static Gen<PresenceState> presenceState() {
    Gen<Availability> availability = Gen.of(Availability.class);
    Gen<UserStatus> user = Gen.of(UserStatus.class).orNull(0.2);
    Gen<DndStatus> dnd = Gen.of(DndStatus.class).orNull(0.2);
    Gen<TelephonyStatus> telephony = Gen.of(TelephonyStatus.class).orNull(0.2);
    Gen<MeetingStatus> meeting = Gen.of(MeetingStatus.class).orNull(0.2);
    Gen<String> message = optionalText();
    return r -> new PresenceState(
        availability.next(r), user.next(r), dnd.next(r), user.next(r), telephony.next(r), meeting.next(r), message.next(r));
  }

  static Gen<Leg> leg() {
    Gen<String> text = optionalText();
    Gen<Leg> leg = r -> new Leg(text.next(r), text.next(r));
    return leg.orNull(0.6);
  }

  static Gen<Call> call() {
    Gen<String> text = optionalText();
    Gen<Direction> direction = Gen.of(Direction.class).orNull(0.1);
    Gen<TelephonyStatus> status = Gen.of(TelephonyStatus.class).orNull(0.1);
    Gen<Instant> start = instantMillis().orNull(0.1);
    Gen<Duration> duration = Gen.longs(-86_400_000L, 0).map(Duration::ofMillis).orNull(0.1);
    Gen<Boolean> bool = Gen.of(true, false);
    Gen<SipData> sip = sipData().orNull(0.4);
    Gen<Leg> leg = leg();
    Gen<CallParty> party = callParty().orNull(0.6);
    return r -> new Call(
        text.next(r), text.next(r), text.next(r), text.next(r),
        direction.next(r), text.next(r), text.next(r), text.next(r), text.next(r),
        status.next(r), start.next(r), duration.next(r), bool.next(r), sip.next(r), leg.next(r), leg.next(r),
        text.next(r), party.next(r));
  }

  static Gen<PeerId> peer() {
    Gen<String> text = optionalText();
    return r -> new PeerId(text.next(r), text.next(r), text.next(r));
  }

  static Gen<CallParty> callParty() {
    Gen<PartyStatusCode> code = Gen.of(PartyStatusCode.class);
    Gen<PartyStatusReason> reason = Gen.of(PartyStatusReason.class).orNull(0.5);
    Gen<PeerId> peer = peer().orNull(0.7);
    Gen<Boolean> bool = Gen.of(true, false).orNull(0.3);
    return r -> new CallParty(code.next(r), reason.next(r), peer.next(r), bool.next(r), bool.next(r));
  }

  static Gen<Party> party() {
    Gen<String> text = optionalText();
    Gen<String> id = id();
    Gen<String> extension = id().orNull(0.3);
    Gen<Direction> direction = Gen.of(Direction.class).orNull(0.1);
    Gen<PartyEndpoint> endpoint = ((Gen<PartyEndpoint>) r -> new PartyEndpoint(
        text.next(r), text.next(r), extension.next(r), text.next(r))).orNull(0.2);
    Gen<PartyStatus> status = r -> new PartyStatus(Gen.of(PartyStatusCode.class).next(r),
        Gen.of(PartyStatusReason.class).orNull(0.5).next(r), peer().orNull(0.7).next(r), text.next(r));
    Gen<Boolean> bool = Gen.of(true, false).orNull(0.3);
    Gen<java.util.List<Recording>> recordings =
        ((Gen<Recording>) r -> new Recording(text.next(r), bool.next(r))).list(0, 2).orNull(0.5);
    Gen<SipData> sip = sipData().orNull(0.6);
    return r -> new Party(id.next(r), text.next(r), extension.next(r), direction.next(r), endpoint.next(r),
        endpoint.next(r), status.next(r), bool.next(r), bool.next(r), bool.next(r), bool.next(r), recordings.next(r),
        text.next(r), text.next(r), text.next(r), sip.next(r));
  }

  static Gen<TelephonySession> session() {
    Gen<String> id = id();
    Gen<String> sessionId = id().orNull(0.2);
    Gen<Origin> origin = Gen.of(OriginType.class).map(Origin::new).orNull(0.1);
    Gen<Instant> time = instantMillis().orNull(0.1);
    Gen<java.util.List<Party>> parties = party().list(0, 3);
    return r -> new TelephonySession(id.next(r), id.next(r), sessionId.next(r), origin.next(r), time.next(r),
        time.next(r), parties.next(r));
  }

  static Gen<PresenceEvent> event() {
    Gen<String> ext = id();
    Gen<Instant> at = instantMillis();
    Gen<PresenceState> state = presenceState();
    Gen<PresenceState> previous = presenceState().orNull(0.3);
    Gen<Call> call = call();
    Gen<TelephonyStatus> status = Gen.of(TelephonyStatus.class).orNull(0.1);
    Gen<CallTransition> transition = Gen.of(CallTransition.class).orNull(0.05);
    Gen<Duration> duration = Gen.longs(0, 86_400_000L).map(Duration::ofMillis).orNull(0.05);
    Gen<EndReason> endReason = Gen.of(EndReason.class).orNull(0.1);
    Gen<String> mergedInto = id().orNull(0.7);
    Gen<TelephonySession> session = session();
    Gen<Party> party = party();
    Gen<Party> previousParty = party().orNull(0.3);
    Gen<SessionResult> result = Gen.of(SessionResult.class).orNull(0.05);
    Gen<Duration> phase = Gen.longs(0, 86_400_000L).map(Duration::ofMillis);
    Gen<CallDurations> durations =
        ((Gen<CallDurations>) r -> new CallDurations(phase.next(r), phase.next(r), phase.next(r))).orNull(0.05);
    Gen<PeerId> peer = peer().orNull(0.6);
    return Gen.oneOf(
        r -> new SessionEvent.SessionStarted(ext.next(r), at.next(r), session.next(r)),
        r -> new SessionEvent.PartyUpdated(ext.next(r), at.next(r), session.next(r), party.next(r), previousParty.next(r)),
        r -> new SessionEvent.SessionEnded(
            ext.next(r), at.next(r), session.next(r), result.next(r), durations.next(r), peer.next(r)),
        r -> new PresenceEvent.PresenceChanged(ext.next(r), at.next(r), state.next(r), previous.next(r)),
        r -> new PresenceEvent.CallStarted(ext.next(r), at.next(r), call.next(r)),
        r -> new PresenceEvent.CallRinging(ext.next(r), at.next(r), call.next(r)),
        r -> new PresenceEvent.CallUpdated(ext.next(r), at.next(r), call.next(r), status.next(r), transition.next(r)),
        r -> new PresenceEvent.CallEnded(
            ext.next(r), at.next(r), call.next(r), duration.next(r), endReason.next(r), mergedInto.next(r)));
  }

  static Gen<ExtensionState> state() {
    Gen<String> id = id();
    Gen<Long> sequence = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).orNull(0.2);
    Gen<PresenceState> presence = presenceState().orNull(0.1);
    Gen<java.util.List<Call>> calls = call().list(0, 4);
    Gen<Instant> updated = instantMillis().orNull(0.1);
    return r -> new ExtensionState(id.next(r), sequence.next(r), presence.next(r), calls.next(r), updated.next(r));
  }
}
