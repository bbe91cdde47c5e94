package io.presencestream.codec;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.model.Direction;
import io.presencestream.model.Origin;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.Recording;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import io.presencestream.testing.Gen;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link TelephonySessionCodec#encodeNotification}: what it writes decodes to an equal notification (every
 * recorded sample, every replay fixture line, generated notifications with every field and enum value), in
 * RingCentral's shape.
 */
class TelephonySessionEncodingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123456789Z");

  private final TelephonySessionCodec codec = TelephonySessionCodec.create();

  @Test
  void everyRecordedNotificationSurvivesEncodingUnchanged() throws IOException {
    List<TelephonySessionNotification> recorded = recorded();
    assertThat(recorded).hasSizeGreaterThan(60);

    for (TelephonySessionNotification n : recorded) {
      byte[] encoded = codec.encodeNotification(n);

      assertThat(codec.decodeNotification(encoded)).isEqualTo(n);
      assertThat(codec.encodeNotification(codec.decodeNotification(encoded))).isEqualTo(encoded);
    }
  }

  @Test
  void generatedNotificationsWithEveryFieldSurviveEncodingUnchanged() {
    forAll(notifications()).check(n -> assertThat(codec.decodeNotification(codec.encodeNotification(n))).isEqualTo(n));
  }

  @Test
  void writesRingCentralsShapeLeavingTheExtensionToTheEventPath() throws IOException {
    Party party = new Party("p-1", "400", "101", Direction.INBOUND, new PartyEndpoint("+16505550100", "Bob", "101", null),
        new PartyEndpoint("+16505550123", null, null, null), new PartyStatus(PartyStatusCode.GONE,
        PartyStatusReason.ATTENDED_TRANSFER, new PeerId("2002", "s-2", "p-2-1"), null), false, false, true, null,
        List.of(new Recording("r-1", true)), null, null, null, null);
    TelephonySessionNotification n = new TelephonySessionNotification("u-1",
        "/restapi/v1.0/account/~/extension/101/telephony/sessions?sipData=true", T0, "sub-1", "400",
        new TelephonySessionUpdate(9L, "1001", "s-1", "10.1.2.3.TAM", T0, null, "101", Origin.CALL, List.of(party)));

    JsonNode json = JSON.readTree(codec.encodeNotification(n));

    assertThat(json.fieldNames()).toIterable()
        .containsExactly("uuid", "event", "timestamp", "subscriptionId", "ownerId", "body");
    assertThat(json.path("body").fieldNames()).toIterable()
        .containsExactly("sequence", "sessionId", "telephonySessionId", "serverId", "eventTime", "parties", "origin");
    assertThat(json.path("body").path("sequence").isNumber()).isTrue();
    assertThat(json.path("timestamp").asText()).isEqualTo("2026-11-26T10:00:00.123456789Z");
    JsonNode p = json.path("body").path("parties").get(0);
    assertThat(p.path("status").toString())
        .isEqualTo("{\"code\":\"Gone\",\"reason\":\"AttendedTransfer\","
            + "\"peerId\":{\"sessionId\":\"2002\",\"telephonySessionId\":\"s-2\",\"partyId\":\"p-2-1\"}}");
    assertThat(p.path("from").toString()).isEqualTo("{\"phoneNumber\":\"+16505550100\",\"name\":\"Bob\",\"extensionId\":\"101\"}");
    assertThat(json.path("body").path("origin").toString()).isEqualTo("{\"type\":\"Call\"}");
  }

  @Test
  void anExtensionThePathDoesNotSayIsWrittenInTheBody() {
    TelephonySessionUpdate body = new TelephonySessionUpdate(1L, null, "s-1", null, T0, null, "102", null, List.of());
    TelephonySessionNotification otherPath = new TelephonySessionNotification(null,
        "/restapi/v1.0/account/~/extension/101/telephony/sessions", null, null, null, body);
    TelephonySessionNotification noEvent = new TelephonySessionNotification(null, null, null, null, null, body);
    TelephonySessionNotification accountLevel = new TelephonySessionNotification(null,
        "/restapi/v1.0/account/~/telephony/sessions", null, null, null,
        new TelephonySessionUpdate(1L, null, "s-1", null, T0, null, null, null, List.of()));

    for (TelephonySessionNotification n : List.of(otherPath, noEvent, accountLevel)) {
      assertThat(codec.decodeNotification(codec.encodeNotification(n))).isEqualTo(n);
    }
    assertThat(new String(codec.encodeNotification(otherPath), StandardCharsets.UTF_8)).contains("\"extensionId\":\"102\"");
    assertThat(new String(codec.encodeNotification(accountLevel), StandardCharsets.UTF_8)).doesNotContain("extensionId");
  }

  @Test
  void refusesNoNotification() {
    assertThatThrownBy(() -> codec.encodeNotification(null)).isInstanceOf(NullPointerException.class);
  }

  // ---------------------------------------------------------------- inputs

  /** The samples' notifications and streams, and every decodable line of the replay fixtures. */
  private List<TelephonySessionNotification> recorded() throws IOException {
    List<TelephonySessionNotification> all = new ArrayList<>();
    for (String file : List.of("apidocs_telephony-session-event.json", "COMPOSED_ws_frame_gone_attended_transfer.json",
        "call-control-js_telephonySessionInboundProceedingMessage.json",
        "call-control-js_telephonySessionOutboundDisconnectedMessage.json",
        "call-control-js_telephonySessionOutboundSetupMessage.json")) {
      all.add(codec.decodeNotification(resource("/telephony-session-samples/" + file)));
    }
    for (String file : List.of("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json",
        "csn-data_RingCentral-PSTN.CONVERTED.json", "csn-data_RingCentral-RingCentral.CONVERTED.json")) {
      for (JsonNode envelope : JSON.readTree(resource("/telephony-session-samples/" + file))) {
        all.add(codec.decodeNotification(JSON.writeValueAsBytes(envelope)));
      }
    }
    Path replay;
    try {
      replay = Path.of(getClass().getResource("/replay/sessions/PROVENANCE.md").toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(replay)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          try {
            all.add(codec.decodeNotification(line));
          } catch (DecodeException badLine) {
            // bad-lines.jsonl holds lines refused on purpose
          }
        }
      }
    }
    return all;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TelephonySessionEncodingTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static Gen<String> ids() {
    return Gen.oneOf(Gen.strings(Gen.DIGITS, 1, 12), Gen.strings(Gen.ALPHA + Gen.DIGITS + "-.", 1, 20));
  }

  /** Text with quotes, escapes and non-ASCII, where RingCentral puts names and roles. */
  private static Gen<String> texts() {
    return Gen.strings(Gen.anyChar(), 0, 12);
  }

  private static Gen<String> extensionIds() {
    return Gen.strings(Gen.DIGITS, 1, 11).map(s -> "1" + s);
  }

  private static Gen<Instant> times() {
    return Gen.longs(0, 4_000_000_000L).flatMap(s -> Gen.longs(0, 999_999_999L).map(n -> Instant.ofEpochSecond(s, n)));
  }

  private static Gen<Boolean> bools() {
    return Gen.of(Boolean.TRUE, Boolean.FALSE).orNull(0.3);
  }

  private static Gen<PartyEndpoint> endpoints() {
    return r -> new PartyEndpoint(texts().orNull(0.3).next(r), texts().orNull(0.5).next(r),
        extensionIds().orNull(0.5).next(r), ids().orNull(0.5).next(r));
  }

  private static Gen<Party> parties() {
    return r -> new Party(
        ids().next(r),
        ids().orNull(0.3).next(r),
        extensionIds().orNull(0.3).next(r),
        Gen.of(Direction.class).orNull(0.2).next(r),
        endpoints().orNull(0.3).next(r),
        endpoints().orNull(0.3).next(r),
        new PartyStatus(Gen.of(PartyStatusCode.class).next(r), Gen.of(PartyStatusReason.class).orNull(0.4).next(r),
            ((Gen<PeerId>) g -> new PeerId(ids().orNull(0.3).next(g), ids().orNull(0.3).next(g),
                ids().orNull(0.3).next(g))).orNull(0.6).next(r),
            ids().orNull(0.8).next(r)),
        bools().next(r), bools().next(r), bools().next(r), bools().next(r),
        ((Gen<Recording>) g -> new Recording(ids().orNull(0.2).next(g), bools().next(g))).list(0, 2).orNull(0.5).next(r),
        texts().orNull(0.7).next(r), texts().orNull(0.8).next(r), texts().orNull(0.8).next(r),
        ((Gen<SipData>) g -> new SipData(texts().orNull(0.3).next(g), texts().orNull(0.3).next(g),
            texts().orNull(0.3).next(g), texts().orNull(0.3).next(g), texts().orNull(0.3).next(g))).orNull(0.6).next(r));
  }

  private static Gen<TelephonySessionNotification> notifications() {
    return r -> {
      String extension = extensionIds().orNull(0.4).next(r);
      String event = switch (r.nextInt(4)) {
        case 0 -> null;
        case 1 -> "/restapi/v1.0/account/~/telephony/sessions";
        case 2 -> "/restapi/v1.0/account/~/extension/" + (extension == null ? "77" : extension) + "/telephony/sessions";
        default -> "/restapi/v1.0/account/400/extension/" + extensionIds().next(r) + "/telephony/sessions?sipData=true";
      };
      if (event != null && event.contains("/extension/") && extension == null) {
        extension = event.replaceAll(".*/extension/([0-9]+)/.*", "$1"); // the reader takes the path's
      }
      return new TelephonySessionNotification(ids().orNull(0.2).next(r), event, times().orNull(0.2).next(r),
          ids().orNull(0.2).next(r), extensionIds().orNull(0.3).next(r),
          new TelephonySessionUpdate(Gen.longs(0, Long.MAX_VALUE).orNull(0.2).next(r), ids().orNull(0.3).next(r),
              ids().next(r), texts().orNull(0.3).next(r), times().orNull(0.2).next(r), ids().orNull(0.5).next(r),
              extension, Gen.of(OriginType.class).map(Origin::new).next(r), parties().list(0, 4).next(r)));
    };
  }
}
