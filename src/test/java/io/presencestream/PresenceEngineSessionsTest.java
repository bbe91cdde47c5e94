package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.SessionOptions;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.CallParty;
import io.presencestream.model.Direction;
import io.presencestream.model.EngineInput;
import io.presencestream.model.EventKind;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.SessionInputs;
import io.presencestream.testing.SessionInputs.ReadmeCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * The engine with both feeds: presence notifications and telephony-session notifications in one input
 * stream, one serial stage. Session events come in the same stream, in input order; a presence call of a
 * known session carries its party; a session change alone emits no call event; and presence alone reads
 * exactly as before.
 */
class PresenceEngineSessionsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** csn-data's RingCentral-RingCentral call: extension 979428016 calls 809646016, each subscribed for itself. */
  private static final String RECORDED = "csn-data_RingCentral-RingCentral.CONVERTED.json";
  private static final String CALLEE = "809646016";
  private static final String CALLER = "979428016";
  private static final String RECORDED_SESSION = "s-f9badb80011344259059d6894a30ace2";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PresenceCodec codec = PresenceCodec.create();

  private PresenceEngine engine(EngineOptions options) {
    return PresenceEngine.create(options, registry, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  private static List<PresenceEvent> run(PresenceEngine engine, List<? extends EngineInput> inputs) {
    return engine.process(Flux.fromIterable(inputs)).collectList().block(TIMEOUT);
  }

  // ------------------------------------------------------------ presence inputs of the recorded call

  private static ActiveCall recordedCall(TelephonyStatus status) {
    return new ActiveCall("c-429182360016", Direction.INBOUND, "11104", "Message Dispatcher", "11101", "TESTER Babji",
        null, status, TerminationType.FINAL, "429182360016", RECORDED_SESSION, RECORDED_SESSION.replace("s-", "p-") + "-2",
        false, null);
  }

  private static EngineInput presence(String extensionId, long sequence, String receivedAt, ActiveCall... calls) {
    Instant at = Instant.parse(receivedAt);
    TelephonyStatus telephony = calls.length == 0 ? TelephonyStatus.NO_CALL : calls[0].telephonyStatus();
    PresenceUpdate body = new PresenceUpdate(extensionId, sequence, UserStatus.AVAILABLE, null,
        calls.length == 0 ? UserStatus.AVAILABLE : UserStatus.BUSY, telephony, null, null, null, List.of(calls));
    return new EngineInput.NotificationReceived(
        new Notification("u-" + extensionId + "-" + sequence, "/presence", at, "sub", extensionId, body), at);
  }

  /** The recorded session notifications with the callee's presence notifications where they fall in time. */
  private static List<EngineInput> recordedCallWithPresence() {
    List<EngineInput.TelephonySessionReceived> session = SessionInputs.recorded(RECORDED);
    List<EngineInput> inputs = new ArrayList<>(session.subList(0, 4)); // seq 2-5: set up, ringing (14.398-14.519)
    inputs.add(presence(CALLEE, 1, "2020-06-23T01:17:14.600Z", recordedCall(TelephonyStatus.RINGING)));
    inputs.add(session.get(4)); // seq 6: the callee answers (21.193)
    inputs.add(presence(CALLEE, 2, "2020-06-23T01:17:21.300Z", recordedCall(TelephonyStatus.CALL_CONNECTED)));
    inputs.addAll(session.subList(5, 9)); // seq 7-10: the caller holds, resumes, both hang up (25.124-35.121)
    inputs.add(presence(CALLEE, 3, "2020-06-23T01:17:35.300Z"));
    return inputs;
  }

  // ------------------------------------------------------------ README call's presence

  private static ActiveCall readmeCall(TelephonyStatus status) {
    return new ActiveCall("s-e1e9696d863742758a18654dcc22a2fd", Direction.INBOUND, "+16505550123", "Charlie Williams",
        "101", "Bob Brown", Instant.parse("2026-11-26T10:00:00.250Z"), status, TerminationType.FINAL,
        ReadmeCall.SESSION_ID, ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, false, null);
  }

  // ------------------------------------------------------------ specifications

  @Test
  void sessionEventsComeInTheSameStreamInInputOrderBetweenThePresenceEvents() {
    List<PresenceEvent> events = run(engine(EngineOptions.defaults()), recordedCallWithPresence());

    // two extension-level subscriptions were recorded: the caller's and the callee's
    assertThat(events).extracting(e -> (e.extensionId().equals(CALLER) ? "caller " : "callee ") + e.kind().label())
        .containsExactly(
            "caller session.started", // seq 2: set up
            "callee session.started", // seq 3
            "caller party.updated", // seq 4: the caller's party is answered (it hears ringback)
            "callee party.updated", // seq 5: the callee's phone rings
            "callee presence", "callee call.new", "callee call.ringing",
            "callee party.updated", // seq 6: the callee answers
            "callee call.updated",
            "caller party.updated", "caller party.updated", // seq 7-8: the caller holds, resumes
            "caller party.updated", "caller session.ended", // seq 9: the caller hangs up
            "callee party.updated", "callee session.ended", // seq 10
            "callee presence", "callee call.ended");
    SessionEvent.SessionEnded ended = (SessionEvent.SessionEnded) events.get(14);
    assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED);
    assertThat(ended.durations().ring()).isEqualTo(Duration.ofMillis(21_084 - 14_410));
    assertThat(ended.durations().talk()).isEqualTo(Duration.ofMillis(35_061 - 21_084));
    assertThat(ended.at()).as("the platform's eventTime").isEqualTo(Instant.parse("2020-06-23T01:17:35.061Z"));
  }

  @Test
  void callEventsOfAKnownSessionCarryTheCalleesPartyFromRingingToHowItLeft() {
    List<PresenceEvent> events = run(engine(EngineOptions.defaults()), recordedCallWithPresence());

    List<CallParty> parties = events.stream()
        .filter(e -> e instanceof PresenceEvent.CallEvent)
        .filter(e -> e.extensionId().equals(CALLEE))
        .map(e -> ((PresenceEvent.CallEvent) e).call().party())
        .toList();
    assertThat(parties).extracting(CallParty::status).containsExactly(
        PartyStatusCode.PROCEEDING, PartyStatusCode.PROCEEDING, // call.new, call.ringing
        PartyStatusCode.ANSWERED, // call.updated
        PartyStatusCode.DISCONNECTED); // call.ended: the session ended first, the call says how its party left
    assertThat(parties).allSatisfy(p -> {
      assertThat(p.muted()).isFalse();
      assertThat(p.recording()).as("the recorded call reported no recordings").isNull();
    });
  }

  @Test
  void aSessionChangeAloneUpdatesThePartyOfTheCallInTheStateButEmitsNoCallEvent() {
    PresenceEngine engine = engine(EngineOptions.defaults());
    TestPublisher<EngineInput> inputs = TestPublisher.create();
    EngineInput ringing = presence("101", 1, "2026-11-26T10:00:00.300Z", readmeCall(TelephonyStatus.RINGING));
    EngineInput connected = presence("101", 2, "2026-11-26T10:00:04.512Z", readmeCall(TelephonyStatus.CALL_CONNECTED));

    engine.process(inputs)
        .as(StepVerifier::create)
        .then(() -> inputs.next(ReadmeCall.proceeding(), ringing, connected))
        .expectNextCount(4) // session.started, presence, call.new, call.ringing
        .assertNext(e -> assertThat(((PresenceEvent.CallUpdated) e).call().party())
            .as("presence said connected before the session feed said answered")
            .isEqualTo(new CallParty(PartyStatusCode.PROCEEDING, null, null, null, false)))
        // recording starts, reported by the session feed alone: its party.updated, and no call event
        .then(() -> inputs.next(ReadmeCall.answeredAndRecorded()))
        .assertNext(e -> {
          assertThat(e.kind()).isEqualTo(EventKind.PARTY_UPDATED);
          ExtensionState state = engine.state("101").orElseThrow();
          assertThat(state.calls()).singleElement().satisfies(call -> assertThat(call.party())
              .isEqualTo(new CallParty(PartyStatusCode.ANSWERED, null, null, true, false)));
          assertThat(state.updatedAt()).as("still presence's time").isEqualTo(Instant.parse("2026-11-26T10:00:04.512Z"));
        })
        // the hang-up reaches the session feed first: the session ends, the call still listed says how it left
        .then(() -> inputs.next(ReadmeCall.hungUp()))
        .assertNext(e -> assertThat(e.kind()).isEqualTo(EventKind.PARTY_UPDATED))
        .assertNext(e -> {
          assertThat(e.kind()).isEqualTo(EventKind.SESSION_ENDED);
          assertThat(engine.state("101").orElseThrow().calls()).singleElement()
              .satisfies(call -> assertThat(call.party()).isEqualTo(new CallParty(
                  PartyStatusCode.DISCONNECTED, PartyStatusReason.CALL_FINISHED, null, false, false)));
        })
        // then presence drops the call: its call.ended carries that party
        .then(() -> inputs.next(presence("101", 3, "2026-11-26T10:01:39.600Z")))
        .expectNextMatches(e -> e.kind() == EventKind.PRESENCE)
        .assertNext(e -> assertThat(((PresenceEvent.CallEnded) e).call().party().reason())
            .isEqualTo(PartyStatusReason.CALL_FINISHED))
        .then(inputs::complete)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void presenceEventsOfExtensionsWithoutSessionsAreByteForByteThoseOfPresenceAlone() {
    List<EngineInput> presenceOnly = List.of(
        presence("101", 1, "2026-11-26T10:00:00.300Z", readmeCall(TelephonyStatus.RINGING)),
        presence("101", 2, "2026-11-26T10:00:04.512Z", readmeCall(TelephonyStatus.CALL_CONNECTED)),
        presence("101", 3, "2026-11-26T10:01:40Z"));
    // the same, with another extension's telephony session going on meanwhile
    List<EngineInput> bothFeeds = new ArrayList<>(presenceOnly);
    List<EngineInput.TelephonySessionReceived> other = SessionInputs.recorded(RECORDED);
    bothFeeds.add(0, other.get(1));
    bothFeeds.add(2, other.get(4));
    bothFeeds.add(other.get(8));

    List<String> alone = run(engine(EngineOptions.defaults()), presenceOnly).stream().map(codec::encodeEvent).toList();
    List<String> beside = run(engine(EngineOptions.defaults()), bothFeeds).stream()
        .filter(e -> e.extensionId().equals("101")).map(codec::encodeEvent).toList();

    assertThat(beside).isEqualTo(alone).hasSize(6);
    assertThat(alone).noneMatch(json -> json.contains("\"party\""));
  }

  @Test
  void theEngineListsTheLiveSessionsOfEachExtensionAndCountsThem() {
    PresenceEngine engine = engine(EngineOptions.defaults());
    TestPublisher<EngineInput> inputs = TestPublisher.create();
    assertThat(engine.sessions()).isEmpty();

    engine.process(inputs)
        .as(StepVerifier::create)
        .then(() -> inputs.next(ReadmeCall.proceeding(), ReadmeCall.answeredAndRecorded()))
        .then(() -> SessionInputs.recorded(RECORDED).subList(0, 4).forEach(inputs::next))
        .expectNextCount(2 + 4) // 101: started, updated; the recorded callee and caller: started, updated each
        .then(() -> {
          assertThat(engine.sessions()).containsOnlyKeys("101", CALLEE, CALLER);
          assertThat(engine.sessions("101")).singleElement().satisfies(s -> {
            assertThat(s.telephonySessionId()).isEqualTo(ReadmeCall.TELEPHONY_SESSION_ID);
            assertThat(s.party().code()).isEqualTo(PartyStatusCode.ANSWERED);
          });
          assertThat(engine.sessions(CALLEE)).singleElement()
              .satisfies(s -> assertThat(s.party().code()).isEqualTo(PartyStatusCode.PROCEEDING));
          assertThat(engine.sessions("999")).isEmpty();
          assertThat(registry.get("presence.engine.sessions.active").gauge().value()).isEqualTo(3);
        })
        .then(() -> inputs.next(ReadmeCall.hungUp()))
        .expectNextCount(2) // party.updated, session.ended
        .then(() -> {
          assertThat(engine.sessions()).containsOnlyKeys(CALLEE, CALLER);
          assertThat(registry.get("presence.engine.sessions.active").gauge().value()).isEqualTo(2);
        })
        .then(inputs::complete)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(registry.get("presence.engine.sessions.active").gauge().value())
        .as("the ended stream gave its sessions back").isZero();

    // A new subscription starts with no session: the feed teaches it again (an end alone is a ghost).
    run(engine, List.of(SessionInputs.recorded(RECORDED).get(8)));
    assertThat(engine.sessions()).isEmpty();
    assertThat(registry.get("presence.engine.sessions.dropped").tag("reason", "ghost").counter().count()).isEqualTo(1);
  }

  @Test
  void notificationsNotAppliedAreCountedByReasonAndTheStreamGoesOn() {
    PresenceEngine engine = engine(EngineOptions.defaults());
    EngineInput.TelephonySessionReceived first = ReadmeCall.proceeding();

    List<PresenceEvent> events = run(engine, List.of(first, first, ReadmeCall.answeredAndRecorded()));

    assertThat(events).extracting(PresenceEvent::kind).containsExactly(EventKind.SESSION_STARTED, EventKind.PARTY_UPDATED);
    assertThat(registry.get("presence.engine.sessions.dropped").tag("reason", "duplicate_sequence").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("presence.engine.sessions.dropped").tag("reason", "stale_sequence").counter().count())
        .isZero();
    assertThat(registry.get("presence.engine.inputs.received").counter().count()).isEqualTo(3);
    assertThat(registry.get("presence.engine.inputs.applied").counter().count()).isEqualTo(2);
  }

  @Test
  void anInputTheSessionTrackerFailsOnIsCountedLoggedAndSkipped() {
    PresenceEngine engine = engine(EngineOptions.defaults());
    EngineInput broken = new EngineInput.TelephonySessionReceived(null, Instant.parse("2026-11-26T10:00:01Z"));

    List<PresenceEvent> events = run(engine, List.of(ReadmeCall.proceeding(), broken, ReadmeCall.answeredAndRecorded(),
        presence("101", 1, "2026-11-26T10:00:05Z", readmeCall(TelephonyStatus.CALL_CONNECTED))));

    assertThat(events).extracting(PresenceEvent::kind).containsExactly(EventKind.SESSION_STARTED, EventKind.PARTY_UPDATED,
        EventKind.PRESENCE, EventKind.CALL_NEW);
    assertThat(registry.get("presence.engine.errors").counter().count()).isEqualTo(1);
  }

  @Test
  void aCallMovedToAnotherDeviceEndsAfterTheConfiguredSwitchGraceWithoutAnotherNotificationOfItsExtension() {
    PresenceEngine engine = engine(EngineOptions.builder()
        .sessions(SessionOptions.builder().switchGrace(Duration.ofSeconds(5)).build())
        .build());
    EngineInput.TelephonySessionReceived switched = ReadmeCall.notification(3, "2026-11-26T10:00:10Z",
        "{\"code\":\"Disconnected\",\"reason\":\"CallSwitch\"}", "");

    List<PresenceEvent> events = run(engine, List.of(ReadmeCall.proceeding(), ReadmeCall.answeredAndRecorded(), switched,
        presence("102", 1, "2026-11-26T10:00:14Z"), // 4 s after the switch: the session still waits for 101's new party
        presence("102", 2, "2026-11-26T10:00:16Z"))); // 6 s after: it has ended

    assertThat(events).extracting(e -> e.extensionId() + " " + e.kind().label()).containsExactly(
        "101 session.started", "101 party.updated", "101 party.updated", "102 presence", "101 session.ended");
    assertThat(events.get(4).at()).as("on the platform's clock: the input time less the feed's 30 ms lag")
        .isEqualTo(Instant.parse("2026-11-26T10:00:15.970Z"));
    assertThat(engine.sessions()).isEmpty();
  }

  @Test
  void theEngineOptionsCarryTheSessionTrackersLimits() {
    PresenceEngine engine = engine(EngineOptions.builder()
        .sessions(SessionOptions.builder().maxSessionsPerExtension(1).build())
        .build());
    EngineInput another = SessionInputs.received(
        """
        {"uuid":"u-9","event":"/restapi/v1.0/account/37439510/extension/101/telephony/sessions",
         "timestamp":"2026-11-26T10:00:02.030Z","subscriptionId":"sub-1","ownerId":"101",
         "body":{"sequence":9,"sessionId":"118139217999","telephonySessionId":"s-another","eventTime":"2026-11-26T10:00:02Z",
           "parties":[{"id":"p-another-1","extensionId":"101","direction":"Inbound","status":{"code":"Proceeding"}}]}}
        """, Instant.parse("2026-11-26T10:00:02.030Z"));

    List<PresenceEvent> events = run(engine, List.of(ReadmeCall.proceeding(), another));

    assertThat(events).extracting(e -> e.kind().label() + " " + ((SessionEvent) e).session().telephonySessionId())
        .containsExactly("session.started " + ReadmeCall.TELEPHONY_SESSION_ID,
            "session.ended " + ReadmeCall.TELEPHONY_SESSION_ID, "session.started s-another");
    assertThat(((SessionEvent.SessionEnded) events.get(1)).result()).isEqualTo(SessionResult.EVICTED);
    assertThat(engine.sessions("101")).extracting(s -> s.telephonySessionId()).containsExactly("s-another");
  }
}
