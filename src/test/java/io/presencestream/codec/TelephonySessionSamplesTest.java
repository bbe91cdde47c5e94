package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.Direction;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.Recording;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded telephony-session sample (src/test/resources/telephony-session-samples, provenance in its
 * PROVENANCE.md, and the telephony-session files among the presence samples) is classified here and decodes,
 * or is refused, accordingly. A new sample file fails {@link #everySampleFileIsClassified} until it is added.
 */
class TelephonySessionSamplesTest {

  enum Kind {
    /** One envelope or ServerNotification frame. */
    NOTIFICATION,
    /** A JSON array of envelopes, one call's stream. */
    STREAM,
    /** Well-formed, but not a telephony-session notification. */
    NOT_TELEPHONY_SESSION
  }

  static final Map<String, Kind> KINDS = new TreeMap<>();

  static {
    KINDS.put("COMPOSED_ws_frame_gone_attended_transfer.json", Kind.NOTIFICATION);
    KINDS.put("apidocs_account-telephony-sessions_pn_apns.json", Kind.NOT_TELEPHONY_SESSION);
    KINDS.put("apidocs_telephony-session-event.json", Kind.NOTIFICATION);
    KINDS.put("call-control-js_telephonySessionInboundProceedingMessage.json", Kind.NOTIFICATION);
    KINDS.put("call-control-js_telephonySessionOutboundDisconnectedMessage.json", Kind.NOTIFICATION);
    KINDS.put("call-control-js_telephonySessionOutboundSetupMessage.json", Kind.NOTIFICATION);
    KINDS.put("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json", Kind.STREAM);
    KINDS.put("csn-data_RingCentral-PSTN.CONVERTED.json", Kind.STREAM);
    KINDS.put("csn-data_RingCentral-RingCentral.CONVERTED.json", Kind.STREAM);
  }

  /** The telephony-session files among the presence samples (classified NOT_PRESENCE there). */
  static final Map<String, Kind> PRESENCE_FOLDER = Map.of(
      "fixtures/ringcentral-integration__mock__telephonySessions.json", Kind.NOTIFICATION,
      // the api-docs' event sample is an Apple push wrapper: event and body are inside pn_apns
      "fixtures/rc-api-docs__extension-telephony-sessions.json", Kind.NOT_TELEPHONY_SESSION,
      // a REST call session (GET …/telephony/sessions/{id}), not a notification
      "fixtures/ringcentral-mock__platform__telephonySession.json", Kind.NOT_TELEPHONY_SESSION);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = root();

  private final TelephonySessionCodec codec = TelephonySessionCodec.create();

  static List<String> samples() {
    List<String> all = new ArrayList<>(files());
    all.addAll(PRESENCE_FOLDER.keySet().stream().map(f -> "presence:" + f).sorted().toList());
    return all;
  }

  @Test
  void everySampleFileIsClassified() {
    assertThat(files()).containsExactlyInAnyOrderElementsOf(KINDS.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleDecodesAsItsKindOrIsRefusedWithTheRightReason(String name) throws Exception {
    byte[] bytes = bytes(name);
    Kind kind = name.startsWith("presence:") ? PRESENCE_FOLDER.get(name.substring(9)) : KINDS.get(name);
    switch (kind) {
      case NOTIFICATION -> {
        TelephonySessionNotification n = codec.decodeNotification(bytes);
        assertThat(n.telephonySessionId()).isNotBlank();
        assertThat(n.body().parties()).isNotEmpty().allSatisfy(p -> assertThat(p.code()).isNotNull());
        assertThat(codec.decodeNotification(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(n);
      }
      case STREAM -> {
        for (JsonNode envelope : JSON.readTree(bytes)) {
          TelephonySessionNotification n = codec.decodeNotification(JSON.writeValueAsBytes(envelope));
          assertThat(n.body().sequence()).isEqualTo(envelope.path("body").path("sequence").longValue());
          assertThat(n.body().parties()).hasSize(envelope.path("body").path("parties").size());
        }
      }
      case NOT_TELEPHONY_SESSION -> assertThat(catchThrowableOfType(
          () -> codec.decodeNotification(bytes), DecodeException.class).reason())
          .isEqualTo(Reason.NOT_TELEPHONY_SESSION);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void thePresenceDecoderRefusesEveryTelephonySessionSample(String name) {
    byte[] bytes = bytes(name);
    DecodeException e = catchThrowableOfType(() -> PresenceCodec.create().decodeMessage(bytes), DecodeException.class);
    assertThat(e).as("presence decoder on %s", name).isNotNull();
    assertThat(e.reason()).isIn(Reason.NOT_PRESENCE, Reason.WRONG_SHAPE);
  }

  @Test
  void theApiDocsSampleDecodesEveryField() {
    TelephonySessionNotification n = codec.decodeNotification(bytes("apidocs_telephony-session-event.json"));
    TelephonySessionUpdate body = n.body();
    assertThat(n.uuid()).isEqualTo("1823485288313944239");
    assertThat(n.event()).isEqualTo("/restapi/v1.0/account/809646016/extension/809646016/telephony/sessions");
    assertThat(n.timestamp()).isEqualTo(Instant.parse("2020-06-14T19:27:18.390Z"));
    assertThat(n.subscriptionId()).isEqualTo("53300e7c-5e69-42bf-ab4d-179aabc6e869");
    assertThat(n.ownerId()).isEqualTo("809646016");
    assertThat(body.sequence()).isEqualTo(3L);
    assertThat(body.sessionId()).isEqualTo("425008160016");
    assertThat(body.telephonySessionId()).isEqualTo("s-a6abd24ca6774373a8120a3390d3cbe8");
    assertThat(body.serverId()).isEqualTo("10.13.22.28.TAM");
    assertThat(body.eventTime()).isEqualTo(Instant.parse("2020-06-14T19:27:18.340Z"));
    assertThat(body.extensionId()).as("from the event path").isEqualTo("809646016");
    assertThat(body.origin().type()).isEqualTo(OriginType.CALL);
    Party party = body.parties().get(0);
    assertThat(party.id()).isEqualTo("p-a6abd24ca6774373a8120a3390d3cbe8-2");
    assertThat(party.accountId()).isEqualTo("809646016");
    assertThat(party.extensionId()).isEqualTo("809646016");
    assertThat(party.direction()).isEqualTo(Direction.INBOUND);
    assertThat(party.to().phoneNumber()).isEqualTo("+19043014558");
    assertThat(party.to().name()).isEqualTo("TESTER Babji");
    assertThat(party.to().extensionId()).isEqualTo("809646016");
    assertThat(party.from().phoneNumber()).isEqualTo("+14083388064");
    assertThat(party.from().name()).isNull();
    assertThat(party.code()).isEqualTo(PartyStatusCode.SETUP);
    assertThat(party.status().reason()).isNull();
    assertThat(party.missedCall()).isFalse();
    assertThat(party.standAlone()).isFalse();
    assertThat(party.muted()).isFalse();
    assertThat(party.recordings()).isNull();
  }

  @Test
  void theComposedFrameCarriesGonePeerOwnerRecordingsAndSipData() {
    TelephonySessionNotification n = codec.decodeNotification(bytes("COMPOSED_ws_frame_gone_attended_transfer.json"));
    assertThat(n.body().extensionId()).isEqualTo("809646016");
    assertThat(n.body().eventTime()).isEqualTo(Instant.parse("2023-10-20T14:02:11.487Z"));
    Party party = n.body().parties().get(0);
    assertThat(party.code()).isEqualTo(PartyStatusCode.GONE);
    assertThat(party.status().reason()).isEqualTo(PartyStatusReason.ATTENDED_TRANSFER);
    assertThat(party.status().peerId()).isEqualTo(new PeerId("429182871016",
        "s-a4a0d8227f986z17fbeac105cz80c720000", "p-a4a0d8227f986z17fbeac105cz80c720000-1"));
    assertThat(party.recordings()).containsExactly(new Recording("4205963015", false));
    assertThat(party.sipData().callId()).isEqualTo("a1b2c3d4e5@10.13.20.241");
    assertThat(party.muted()).isTrue();
    assertThat(party.conferenceRole()).isEqualTo("Participant");
  }

  @Test
  void anAccountLevelNotificationHasNoExtensionButItsPartiesMay() {
    JsonNode stream = readTree("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json");
    TelephonySessionNotification pstnParty = codec.decodeNotification(stream.get(0).toString());
    assertThat(pstnParty.event()).isEqualTo("/restapi/v1.0/account/809646016/telephony/sessions");
    assertThat(pstnParty.body().extensionId()).isNull();
    assertThat(pstnParty.body().parties().get(0).extensionId()).isNull();
    assertThat(pstnParty.body().parties().get(0).direction()).isEqualTo(Direction.OUTBOUND);
    TelephonySessionNotification ivr = codec.decodeNotification(stream.get(1).toString());
    assertThat(ivr.body().extensionId()).isEqualTo("62242421016");
  }

  @Test
  void theSdkFixtureWithAnOwnerTakesTheOwnersExtension() {
    // call-control-js's party shape: no extensionId of its own, an owner (formatParty takes the owner's)
    String json = """
        {"event":"/restapi/v1.0/account/170848004/telephony/sessions","body":{"telephonySessionId":"s-1",
         "parties":[{"id":"p-1","direction":"Inbound","status":{"code":"Proceeding"},
                     "owner":{"accountId":"170848004","extensionId":"170848004"}}]}}""";
    Party party = codec.decodeNotification(json).body().parties().get(0);
    assertThat(party.extensionId()).isEqualTo("170848004");
    assertThat(party.accountId()).isEqualTo("170848004");
  }

  // ---------------------------------------------------------------- files

  private static Path root() {
    try {
      return Path.of(TelephonySessionSamplesTest.class.getResource("/telephony-session-samples/PROVENANCE.md").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> files() {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    if (name.startsWith("presence:")) {
      return Samples.bytes(name.substring(9));
    }
    try {
      return Files.readAllBytes(ROOT.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readTree(String name) {
    try {
      return JSON.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
