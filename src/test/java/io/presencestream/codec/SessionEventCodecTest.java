package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.engine.SessionOptions;
import io.presencestream.engine.SessionOutcome;
import io.presencestream.engine.SessionTracker;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallParty;
import io.presencestream.model.CallTransition;
import io.presencestream.model.Direction;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonyStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session events and a call's fused party in presence-stream's event schema: what the session tracker
 * makes of every recorded telephony-session sample encodes and decodes back to the same event, every key is
 * written (null for absent), a call without a party is written exactly as before, and bad input is a
 * {@link DecodeException}.
 */
class SessionEventCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

  private final PresenceCodec codec = PresenceCodec.create();
  private final TelephonySessionCodec sessions = TelephonySessionCodec.create();

  /** The sample files that hold notifications (one, or a stream of them). */
  static List<String> sampleFiles() {
    return TelephonySessionSamplesTest.KINDS.entrySet().stream()
        .filter(e -> e.getValue() != TelephonySessionSamplesTest.Kind.NOT_TELEPHONY_SESSION)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The recorded streams: each a call the tracker follows from start to end. */
  static List<String> streams() {
    return TelephonySessionSamplesTest.KINDS.entrySet().stream()
        .filter(e -> e.getValue() == TelephonySessionSamplesTest.Kind.STREAM)
        .map(Map.Entry::getKey)
        .toList();
  }

  private List<TelephonySessionNotification> notifications(String file) {
    try (InputStream in = getClass().getResourceAsStream("/telephony-session-samples/" + file)) {
      byte[] bytes = in.readAllBytes();
      if (TelephonySessionSamplesTest.KINDS.get(file) == TelephonySessionSamplesTest.Kind.NOTIFICATION) {
        return List.of(sessions.decodeNotification(bytes));
      }
      List<TelephonySessionNotification> all = new ArrayList<>();
      for (Iterator<JsonNode> it = JSON.readTree(bytes).elements(); it.hasNext(); ) {
        all.add(sessions.decodeNotification(it.next().toString()));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<SessionEvent> eventsOf(List<TelephonySessionNotification> notifications) {
    SessionTracker tracker = new SessionTracker(SessionOptions.defaults());
    List<SessionEvent> events = new ArrayList<>();
    for (TelephonySessionNotification n : notifications) {
      for (SessionOutcome outcome : tracker.apply(n)) {
        events.addAll(outcome.events());
      }
    }
    return events;
  }

  private List<SessionEvent> eventsOf(String file) {
    return eventsOf(notifications(file));
  }

  /**
   * The callee of csn-data's RingCentral-RingCentral call answers, then transfers it (our composed {@code Gone}
   * frame of the same session: attended transfer, recorded, muted, with SIP data).
   */
  private List<SessionEvent> transferred() {
    List<TelephonySessionNotification> call = new ArrayList<>(
        notifications("csn-data_RingCentral-RingCentral.CONVERTED.json").subList(0, 5));
    call.addAll(notifications("COMPOSED_ws_frame_gone_attended_transfer.json"));
    return eventsOf(call);
  }

  private static void assertRoundTrips(PresenceCodec codec, SessionEvent event) {
    String json = codec.encodeEvent(event);
    PresenceEvent decoded = codec.decodeEvent(json);
    assertThat(decoded).isEqualTo(event);
    assertThat(codec.encodeEvent(decoded)).isEqualTo(json);
    assertThat(codec.decodeEvent(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void everySessionEventOfTheRecordedCallsDecodesToItselfAndReencodesToTheSameBytes(String file) {
    List<SessionEvent> events = eventsOf(file);
    assertThat(events).as("the tracker makes events of %s", file).isNotEmpty();

    events.forEach(event -> assertRoundTrips(codec, event));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleFiles")
  void thePartiesOfEverySampleAsASessionViewDecodeToThemselves(String file) {
    List<TelephonySession> views = new ArrayList<>();
    for (TelephonySessionNotification n : notifications(file)) {
      views.add(new TelephonySession("101", n.body().telephonySessionId(), n.body().sessionId(), n.body().origin(),
          n.body().eventTime(), n.body().eventTime(), n.body().parties()));
    }

    assertThat(codec.decodeSessions(codec.encodeSessions(views))).isEqualTo(views);
  }

  @Test
  void aTransferredSessionEndsNamingWhereTheCallWent() {
    List<SessionEvent> events = transferred();
    SessionEvent.SessionEnded ended = (SessionEvent.SessionEnded) events.get(events.size() - 1);

    assertThat(ended.extensionId()).isEqualTo("809646016");
    assertThat(ended.result()).isEqualTo(SessionResult.TRANSFERRED);
    assertThat(ended.peer()).isEqualTo(new PeerId("429182871016", "s-a4a0d8227f986z17fbeac105cz80c720000",
        "p-a4a0d8227f986z17fbeac105cz80c720000-1"));
    events.forEach(event -> assertRoundTrips(codec, event));
    assertThat(CallParty.of(ended.session().party())).as("what a fused call of this party says")
        .isEqualTo(new CallParty(PartyStatusCode.GONE, PartyStatusReason.ATTENDED_TRANSFER, ended.peer(), false, true));
  }

  @Test
  void everyKeyIsWrittenWithNullForAbsentValues() throws Exception {
    SessionEvent.PartyUpdated updated = eventsOf("csn-data_RingCentral-RingCentral.CONVERTED.json").stream()
        .filter(SessionEvent.PartyUpdated.class::isInstance).map(SessionEvent.PartyUpdated.class::cast)
        .findFirst().orElseThrow();
    JsonNode tree = JSON.readTree(codec.encodeEvent(updated));

    assertThat(fieldNames(tree)).containsExactly("kind", "extensionId", "at", "session", "party", "previousParty");
    assertThat(fieldNames(tree.get("session"))).containsExactly(
        "extensionId", "telephonySessionId", "sessionId", "origin", "creationTime", "updatedAt", "parties");
    assertThat(fieldNames(tree.get("party"))).containsExactly("id", "accountId", "extensionId", "direction", "from",
        "to", "status", "missedCall", "standAlone", "muted", "queueCall", "recordings", "conferenceRole", "ringOutRole",
        "ringMeRole", "sipData");
    assertThat(fieldNames(tree.get("party").get("status"))).containsExactly("code", "reason", "peerId", "parkData");
    assertThat(tree.get("party").get("queueCall").isNull()).isTrue();
    assertThat(tree.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    SessionEvent.SessionEnded ended = eventsOf("csn-data_RingCentral-RingCentral.CONVERTED.json").stream()
        .filter(SessionEvent.SessionEnded.class::isInstance).map(SessionEvent.SessionEnded.class::cast)
        .findFirst().orElseThrow();
    JsonNode endedTree = JSON.readTree(codec.encodeEvent(ended));
    assertThat(fieldNames(endedTree)).containsExactly("kind", "extensionId", "at", "session", "result", "durations", "peer");
    assertThat(endedTree.get("result").asText()).isEqualTo("answered");
    assertThat(fieldNames(endedTree.get("durations"))).containsExactly("ringMs", "talkMs", "holdMs");
    assertThat(endedTree.get("durations").get("talkMs").isIntegralNumber()).isTrue();
    assertThat(endedTree.get("peer").isNull()).isTrue();
  }

  private static Call call(CallParty party) {
    return new Call("c-1", "1001", "s-1", "p-1", Direction.INBOUND, "+14155550100", "Ann", "101", null,
        TelephonyStatus.ON_HOLD, T.minusSeconds(30), Duration.ZERO, false, null, null, null, null, party);
  }

  @Test
  void aCallsPartyIsWrittenAfterItsOtherFieldsAndReadBack() throws Exception {
    CallParty gone = new CallParty(PartyStatusCode.GONE, PartyStatusReason.ATTENDED_TRANSFER,
        new PeerId("1002", "s-2", "p-2-1"), true, false);
    PresenceEvent event = new PresenceEvent.CallUpdated("101", T, call(gone), TelephonyStatus.CALL_CONNECTED,
        CallTransition.HELD);

    String json = codec.encodeEvent(event);

    JsonNode party = JSON.readTree(json).get("call").get("party");
    assertThat(fieldNames(party)).containsExactly("status", "reason", "peer", "recording", "muted");
    assertThat(party.toString()).isEqualTo("{\"status\":\"Gone\",\"reason\":\"AttendedTransfer\","
        + "\"peer\":{\"sessionId\":\"1002\",\"telephonySessionId\":\"s-2\",\"partyId\":\"p-2-1\"},"
        + "\"recording\":true,\"muted\":false}");
    assertThat(codec.decodeEvent(json)).isEqualTo(event);
    ExtensionState state = new ExtensionState("101", 7L,
        new PresenceState(Availability.BUSY, null, null, null, null, null, null), List.of(call(gone)), T);
    assertThat(codec.decodeState(codec.encodeState(state))).isEqualTo(state);
  }

  @Test
  void aCallWithoutPartyIsWrittenAsPresenceAloneAlwaysWroteIt() throws Exception {
    PresenceEvent event = new PresenceEvent.CallStarted("101", T, call(null));

    String json = codec.encodeEvent(event);

    assertThat(fieldNames(JSON.readTree(json).get("call"))).last().isEqualTo("webRtcSessionId");
    assertThat(codec.decodeEvent(json)).isEqualTo(event);
    assertThat(codec.decodeEvent(json.replace("\"webRtcSessionId\":null", "\"webRtcSessionId\":null,\"party\":null")))
        .as("an explicit null reads as no party").isEqualTo(event);
  }

  @Test
  void sessionsAreWrittenAsAnArrayInTheirOrderAndReadBack() {
    List<SessionEvent> events = eventsOf("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json");
    List<TelephonySession> views = events.stream().map(SessionEvent::session).toList();

    String json = codec.encodeSessions(views);

    assertThat(codec.decodeSessions(json)).isEqualTo(views);
    assertThat(codec.encodeSessions(List.of())).isEqualTo("[]");
    assertThat(json).startsWith("[{\"extensionId\":");
  }

  @Test
  void unknownKeysAreSkippedAndUnknownWordsReadAsUnknown() {
    String json = "{\"kind\":\"session.ended\",\"future\":{\"a\":[1]},\"extensionId\":\"101\",\"at\":\"2026-11-26T10:00:00.000Z\","
        + "\"result\":\"teleported\",\"durations\":{\"ringMs\":1,\"talkMs\":2,\"holdMs\":3,\"waitMs\":4},\"peer\":null,"
        + "\"session\":{\"extensionId\":\"101\",\"telephonySessionId\":\"s-1\",\"sessionId\":null,\"origin\":\"Holodeck\","
        + "\"creationTime\":null,\"updatedAt\":null,\"parties\":[{\"id\":\"p-1\",\"status\":{\"code\":\"Beamed\","
        + "\"reason\":\"Energized\"},\"mood\":\"good\"}]}}";

    SessionEvent.SessionEnded ended = (SessionEvent.SessionEnded) codec.decodeEvent(json);

    assertThat(ended.result()).isEqualTo(SessionResult.UNKNOWN);
    assertThat(ended.durations().hold()).isEqualTo(Duration.ofMillis(3));
    assertThat(ended.session().origin().type()).isEqualTo(io.presencestream.model.OriginType.UNKNOWN);
    assertThat(ended.session().parties()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(PartyStatusCode.UNKNOWN);
      assertThat(p.status().reason()).isEqualTo(PartyStatusReason.UNKNOWN);
    });
  }

  @Test
  void malformedSessionEventsAreDecodeExceptionsNamingWhatIsWrong() {
    String session = "{\"extensionId\":\"101\",\"telephonySessionId\":\"s-1\",\"parties\":[]}";
    String head = "{\"extensionId\":\"101\",\"at\":\"2026-11-26T10:00:00.000Z\",";

    assertThat(failure(head + "\"kind\":\"party.updated\",\"session\":" + session + "}"))
        .contains("needs a party");
    assertThat(failure(head + "\"kind\":\"session.started\"}")).contains("needs a session");
    assertThat(failure(head + "\"kind\":\"session.started\",\"session\":{\"extensionId\":\"101\",\"parties\":[]}}"))
        .contains("telephonySessionId");
    assertThat(failure(head + "\"kind\":\"session.started\",\"session\":{\"extensionId\":\"101\","
        + "\"telephonySessionId\":\"s-1\",\"parties\":[{\"id\":\"p-1\"}]}}")).contains("status");
    assertThat(failure(head + "\"kind\":\"session.ended\",\"session\":" + session
        + ",\"durations\":{\"ringMs\":-1,\"talkMs\":0,\"holdMs\":0}}")).contains("durations");
    assertThat(failure(head + "\"kind\":\"session.started\",\"session\":{\"extensionId\":\"101\","
        + "\"telephonySessionId\":\"s-1\",\"parties\":{}}}")).contains("parties");
    assertThat(catchThrowableOfType(() -> codec.decodeSessions("{}"), DecodeException.class).reason())
        .isEqualTo(DecodeException.Reason.WRONG_SHAPE);
  }

  private String failure(String json) {
    DecodeException e = catchThrowableOfType(() -> codec.decodeEvent(json), DecodeException.class);
    assertThat(e).as("decoding %s", json).isNotNull();
    assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    return e.getMessage();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
