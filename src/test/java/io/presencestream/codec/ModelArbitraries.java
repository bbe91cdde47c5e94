package io.presencestream.codec;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
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
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Generators of model values for the codec's properties: nasty strings, any enum value, nulls where allowed. */
final class ModelArbitraries {

  private ModelArbitraries() {}

  /** Any text, including quotes, backslashes, control characters and non-BMP characters. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("\"\\/\n\t\u0000\u001fé☎\ud800\udc00\u2028").withCharRange('a', 'c').ofMaxLength(8),
        Arbitraries.of("", "101", "+14155550100", "Zoë Ünal", "\uD83D\uDCDE call", "</script>"));
  }

  static Arbitrary<String> optionalText() {
    return text().injectNull(0.25);
  }

  static Arbitrary<String> id() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 999_999_999_999L).map(String::valueOf),
        Arbitraries.strings().alpha().numeric().withChars("-_~").ofMinLength(1).ofMaxLength(24));
  }

  /** Instants from 1970 to 2200 with nanosecond precision (RingCentral's wire form keeps all of it). */
  static Arbitrary<Instant> instant() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 7_258_118_400L), Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  /** Instants with millisecond precision: what presence-stream's own JSON keeps. */
  static Arbitrary<Instant> instantMillis() {
    return Arbitraries.longs().between(0, 7_258_118_400_000L).map(Instant::ofEpochMilli);
  }

  static Arbitrary<SipData> sipData() {
    return Combinators.combine(optionalText(), optionalText(), optionalText(), optionalText(), optionalText())
        .as(SipData::new);
  }

  static Arbitrary<ActiveCall> activeCall() {
    return Builders.withBuilder(ActiveCallBuilder::new)
        .use(optionalText()).in((b, v) -> b.with(0, v))
        .use(Arbitraries.of(Direction.class).injectNull(0.2)).in((b, v) -> b.with(1, v))
        .use(optionalText()).in((b, v) -> b.with(2, v))
        .use(optionalText()).in((b, v) -> b.with(3, v))
        .use(optionalText()).in((b, v) -> b.with(4, v))
        .use(optionalText()).in((b, v) -> b.with(5, v))
        .use(instant().injectNull(0.3)).in((b, v) -> b.with(6, v))
        .use(Arbitraries.of(TelephonyStatus.class).injectNull(0.2)).in((b, v) -> b.with(7, v))
        .use(Arbitraries.of(TerminationType.class).injectNull(0.5)).in((b, v) -> b.with(8, v))
        .use(optionalText()).in((b, v) -> b.with(9, v))
        .use(optionalText()).in((b, v) -> b.with(10, v))
        .use(optionalText()).in((b, v) -> b.with(11, v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.with(12, v))
        .use(sipData().injectNull(0.4)).in((b, v) -> b.with(13, v))
        .build(ActiveCallBuilder::build);
  }

  /** Collects positional values; jqwik's combinators stop at eight parameters. */
  static final class ActiveCallBuilder {
    private final Object[] v = new Object[14];

    ActiveCallBuilder with(int i, Object value) {
      v[i] = value;
      return this;
    }

    ActiveCall build() {
      return new ActiveCall(
          (String) v[0], (Direction) v[1], (String) v[2], (String) v[3], (String) v[4], (String) v[5],
          (Instant) v[6], (TelephonyStatus) v[7], (TerminationType) v[8], (String) v[9], (String) v[10],
          (String) v[11], (Boolean) v[12], (SipData) v[13]);
    }
  }

  static Arbitrary<PresenceUpdate> presenceUpdate() {
    Arbitrary<Object[]> statuses =
        Combinators.combine(
                Arbitraries.of(UserStatus.class).injectNull(0.2),
                Arbitraries.of(DndStatus.class).injectNull(0.2),
                Arbitraries.of(UserStatus.class).injectNull(0.2),
                Arbitraries.of(TelephonyStatus.class).injectNull(0.2),
                Arbitraries.of(MeetingStatus.class).injectNull(0.3),
                optionalText())
            .as((a, b, c, d, e, f) -> new Object[] {a, b, c, d, e, f});
    return Combinators.combine(
            id(),
            Arbitraries.longs().between(-5, Long.MAX_VALUE).injectNull(0.2),
            statuses,
            Arbitraries.integers().between(0, 1000).injectNull(0.3),
            activeCall().list().ofMaxSize(4).injectNull(0.3))
        .as(
            (id, seq, s, total, calls) ->
                new PresenceUpdate(
                    id, seq, (UserStatus) s[0], (DndStatus) s[1], (UserStatus) s[2], (TelephonyStatus) s[3],
                    (MeetingStatus) s[4], (String) s[5], total, calls));
  }

  static Arbitrary<Notification> notification() {
    Arbitrary<String> event =
        Arbitraries.of(
                "/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true",
                "/restapi/v1.0/account/37439510/extension/297277020/presence",
                "/restapi/v1.0/account/~/presence")
            .injectNull(0.1);
    return Combinators.combine(
            // ownerId is an extension id: the codec refuses any other
            optionalText(), event, instant().injectNull(0.1), optionalText(), id().injectNull(0.25), presenceUpdate())
        .as(Notification::new);
  }

  static Arbitrary<PresenceState> presenceState() {
    return Combinators.combine(
            Arbitraries.of(Availability.class),
            Arbitraries.of(UserStatus.class).injectNull(0.2),
            Arbitraries.of(DndStatus.class).injectNull(0.2),
            Arbitraries.of(UserStatus.class).injectNull(0.2),
            Arbitraries.of(TelephonyStatus.class).injectNull(0.2),
            Arbitraries.of(MeetingStatus.class).injectNull(0.2),
            optionalText())
        .as(PresenceState::new);
  }

  static Arbitrary<Leg> leg() {
    return Combinators.combine(optionalText(), optionalText()).as(Leg::new).injectNull(0.6);
  }

  static Arbitrary<Call> call() {
    Arbitrary<Object[]> ids =
        Combinators.combine(optionalText(), optionalText(), optionalText(), optionalText())
            .as((a, b, c, d) -> new Object[] {a, b, c, d});
    Arbitrary<Object[]> parties =
        Combinators.combine(
                Arbitraries.of(Direction.class).injectNull(0.1), optionalText(), optionalText(), optionalText(), optionalText())
            .as((a, b, c, d, e) -> new Object[] {a, b, c, d, e});
    Arbitrary<Object[]> rest =
        Combinators.combine(
                Arbitraries.of(TelephonyStatus.class).injectNull(0.1),
                instantMillis().injectNull(0.1),
                Arbitraries.longs().between(-86_400_000L, 0).map(Duration::ofMillis).injectNull(0.1),
                Arbitraries.of(true, false),
                sipData().injectNull(0.4),
                leg(),
                leg(),
                optionalText())
            .as((a, b, c, d, e, f, g, h) -> new Object[] {a, b, c, d, e, f, g, h});
    return Combinators.combine(ids, parties, rest)
        .as(
            (i, p, r) ->
                new Call(
                    (String) i[0], (String) i[1], (String) i[2], (String) i[3],
                    (Direction) p[0], (String) p[1], (String) p[2], (String) p[3], (String) p[4],
                    (TelephonyStatus) r[0], (Instant) r[1], (Duration) r[2], (Boolean) r[3], (SipData) r[4],
                    (Leg) r[5], (Leg) r[6], (String) r[7]));
  }

  static Arbitrary<PresenceEvent> event() {
    Arbitrary<String> ext = id();
    Arbitrary<Instant> at = instantMillis();
    return Arbitraries.oneOf(
        Combinators.combine(ext, at, presenceState(), presenceState().injectNull(0.3)).as(PresenceEvent.PresenceChanged::new),
        Combinators.combine(ext, at, call()).as(PresenceEvent.CallStarted::new),
        Combinators.combine(ext, at, call()).as(PresenceEvent.CallRinging::new),
        Combinators.combine(
                ext, at, call(), Arbitraries.of(TelephonyStatus.class).injectNull(0.1), Arbitraries.of(CallTransition.class).injectNull(0.05))
            .as(PresenceEvent.CallUpdated::new),
        Combinators.combine(ext, at, call(), Arbitraries.longs().between(0, 86_400_000L).map(Duration::ofMillis).injectNull(0.05))
            .as(PresenceEvent.CallEnded::new));
  }

  static Arbitrary<ExtensionState> state() {
    return Combinators.combine(
            id(),
            Arbitraries.longs().injectNull(0.2),
            presenceState().injectNull(0.1),
            call().list().ofMaxSize(4),
            instantMillis().injectNull(0.1))
        .as(ExtensionState::new);
  }
}
