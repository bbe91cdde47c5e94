package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.Paging;
import io.presencestream.codec.protocol.RawJson;
import io.presencestream.codec.protocol.RecoveryState;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.SubscriptionResponse;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.codec.protocol.Wsc;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolCodecTest {

  private final ProtocolCodec codec = ProtocolCodec.create();
  private final ObjectMapper json = new ObjectMapper();

  private static byte[] sample(String name) {
    try (InputStream in = ProtocolCodecTest.class.getResourceAsStream("/protocol-samples/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsConnectionDetailsWithWscAndLimits() {
    Frame frame = codec.decodeFrame(sample("php_test_connectionDetails.json"));

    assertThat(frame.type()).isEqualTo(FrameType.CONNECTION_DETAILS);
    assertThat(frame.header().status()).isEqualTo(200);
    assertThat(frame.header().messageId()).isEqualTo("156eec30-f154-11ea-9629-005056bf7145");
    assertThat(frame.header().header("RCRequestId")).isEqualTo("156eec30-f154-11ea-9629-005056bf7145");
    assertThat(frame.header().wsc().sequence()).isEqualTo(1);
    assertThat(frame.header().wsc().token()).startsWith("RTFhRG5nfE9qc0Zt");

    ConnectionDetails details = codec.decodeConnectionDetails(frame.body());
    assertThat(details.creationTime()).isEqualTo(Instant.parse("2020-09-07T21:50:02.737Z"));
    assertThat(details.recoveryBufferSize()).isEqualTo(100);
    assertThat(details.recoveryTimeout()).isEqualTo(180);
    assertThat(details.idleTimeout()).isEqualTo(1800);
    assertThat(details.absoluteTimeout()).isEqualTo(86400);
    assertThat(details.maxConnectionsPerSession()).isEqualTo(50);
    assertThat(details.maxActiveRequests()).isEqualTo(10);
    assertThat(details.recoveryState()).isNull();
    assertThat(details.recovered()).isFalse();
  }

  @Test
  void readsFailedRecoveryWithItsErrorCode() {
    Frame frame = codec.decodeFrame(sample("widgets_ws_connectionDetails_recoveryFailed.json"));
    ConnectionDetails details = codec.decodeConnectionDetails(frame.body());

    assertThat(details.recoveryState()).isEqualTo(RecoveryState.FAILED);
    assertThat(details.recoveryErrorCode()).isEqualTo("WSG-1005");
  }

  @Test
  void readsSubscriptionReplyWithSubscriptionIdHeader() {
    Frame frame = codec.decodeFrame(sample("widgets_ws_subscriptionResponse.json"));

    assertThat(frame.type()).isEqualTo(FrameType.CLIENT_REQUEST);
    assertThat(frame.header().messageId()).isEqualTo("oMtcBl8rQ9mvrPHdP4TYxA/0");
    assertThat(frame.header().header(FrameHeader.SUBSCRIPTION_ID_HEADER))
        .isEqualTo("9c5bf39a-2c66-43e4-a927-737de24097b1");
    SubscriptionResponse reply = codec.decodeSubscriptionResponse(frame.body());
    assertThat(reply.id()).isEqualTo("9c5bf39a-2c66-43e4-a927-737de24097b1");
    assertThat(reply.status()).isEqualTo("Active");
    assertThat(reply.expiresIn()).isEqualTo(86399);
    assertThat(reply.eventFilters()).hasSize(4).first().asString().contains("/extension/472231004/presence");
    assertThat(reply.deliveryMode().transportType()).isEqualTo("WebSocket");
    assertThat(reply.deliveryMode().encryption()).isFalse();
    assertThat(reply.creationTime()).isEqualTo(Instant.parse("2021-07-02T13:04:51.695Z"));
  }

  @Test
  void readsClientRequestsOfEveryMethod() {
    Frame create = codec.decodeFrame(sample("COMPOSED_ws_clientRequest_create_presence_subscription.json"));
    Frame update = codec.decodeFrame(sample("COMPOSED_ws_clientRequest_update_subscription.json"));
    Frame delete = codec.decodeFrame(sample("COMPOSED_ws_clientRequest_delete_subscription.json"));
    Frame trailingSlash = codec.decodeFrame(sample("apidocs_subscription-request.json"));

    assertThat(create.header().method()).isEqualTo("POST");
    assertThat(create.header().path()).isEqualTo("/restapi/v1.0/subscription");
    assertThat(create.header().status()).isNull();
    SubscriptionRequest request = codec.decodeSubscriptionRequest(create.body());
    assertThat(request.eventFilters())
        .containsExactly(
            "/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true",
            "/restapi/v1.0/account/~/presence");
    assertThat(request.deliveryMode().transportType()).isEqualTo("WebSocket");
    assertThat(update.header().method()).isEqualTo("PUT");
    assertThat(codec.decodeSubscriptionRequest(update.body()).eventFilters()).hasSize(2);
    assertThat(delete.header().method()).isEqualTo("DELETE");
    assertThat(delete.hasBody()).isFalse();
    assertThat(trailingSlash.header().path()).isEqualTo("/restapi/v1.0/subscription/");
  }

  @Test
  void delimitsNotificationBodyByteForByte() throws IOException {
    byte[] raw = sample("COMPOSED_ws_serverNotification_detailedPresenceWithSip.json");
    Frame frame = codec.decodeFrame(raw);

    assertThat(frame.type()).isEqualTo(FrameType.SERVER_NOTIFICATION);
    assertThat(frame.header().messageId()).isEqualTo("4956997212540532738");
    assertThat(json.readTree(frame.body())).isEqualTo(json.readTree(raw).get(1));
    assertThat(frame.bodyText()).startsWith("{").endsWith("}");
  }

  @Test
  void delimitsBodiesHoldingMultiByteCharacters() throws IOException {
    String text = "[{\"type\":\"ServerNotification\",\"messageId\":\"m\"},{\"body\":{\"toName\":\"Zoë Müller ☎\"}}]";
    Frame frame = codec.decodeFrame(text);

    assertThat(frame.bodyText()).isEqualTo("{\"body\":{\"toName\":\"Zoë Müller ☎\"}}");
  }

  @Test
  void readsHeartbeatAndErrorFrames() {
    Frame heartbeat = codec.decodeFrame(sample("apidocs_heart-beat-request.json"));
    Frame error = codec.decodeFrame(sample("COMPOSED_ws_error_frame_idle_timeout.json"));

    assertThat(heartbeat.type()).isEqualTo(FrameType.HEARTBEAT);
    assertThat(heartbeat.header().messageId()).isEqualTo("<message_id>");
    assertThat(error.type()).isEqualTo(FrameType.ERROR);
    ErrorBody body = codec.decodeError(error.body());
    assertThat(body.errorCode()).isEqualTo("WSG-902");
    assertThat(body.message()).isEqualTo("Idle timeout expired");
    assertThat(codec.decodeError(sample("rc-ws-recover-test_WSG-400_error_body.json")).errorCode())
        .isEqualTo("WSG-400");
  }

  @Test
  void readsOAuthErrorsInEitherShape() {
    ErrorBody oauth =
        codec.decodeError(
            ("{\"error\":\"invalid_grant\",\"error_description\":\"Token is expired\","
                    + "\"errors\":[{\"errorCode\":\"OAU-211\",\"message\":\"Token is expired\"}]}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(oauth.errorCode()).isEqualTo("OAU-211");
    assertThat(oauth.message()).isEqualTo("Token is expired");
    assertThat(oauth.error()).isEqualTo("invalid_grant");
  }

  @Test
  void readsTokenResponsesWithoutPrintingTokens() {
    TokenResponse token = codec.decodeTokenResponse(sample("apidocs_oauth_token_response.json"));
    WsTokenResponse ws = codec.decodeWsTokenResponse(sample("widgets_ws_wstoken_response.json"));

    assertThat(token.accessToken()).isEqualTo("U1BCMDFUMDRKV1MwMXxzLFSvXdw5PHMsVLEn_MrtcyxUsw");
    assertThat(token.expiresIn()).isEqualTo(7199);
    assertThat(token.refreshTokenExpiresIn()).isEqualTo(604799);
    assertThat(token.ownerId()).isEqualTo("256440016");
    assertThat(token.toString()).doesNotContain("U1BCMDFUMDRK");
    assertThat(ws.uri()).isEqualTo("wss://ws-api-xmnup.rc-lab-mock-domain.com/ws");
    assertThat(ws.expiresIn()).isEqualTo(60);
    assertThat(ws.toString()).doesNotContain(ws.wsAccessToken());
    assertThat(new Wsc("secret-wsc", 3).toString()).doesNotContain("secret-wsc");
  }

  @Test
  void writesFramesTheWayItReadsThem() {
    FrameHeader header =
        FrameHeader.reply(
            "m-1", 200, Map.of(FrameHeader.SUBSCRIPTION_ID_HEADER, "sub-1"), new Wsc("tok", 42));
    SubscriptionResponse reply =
        new SubscriptionResponse(
            "sub-1",
            "/restapi/v1.0/subscription/sub-1",
            "Active",
            Instant.parse("2026-11-26T10:00:00Z"),
            Instant.parse("2026-11-27T10:00:00Z"),
            86399L,
            List.of("/restapi/v1.0/account/1/extension/2/presence?detailedTelephonyState=true&sipData=true"),
            new io.presencestream.codec.protocol.DeliveryMode("WebSocket", false));

    Frame decoded = codec.decodeFrame(codec.encodeFrame(header, reply));

    assertThat(decoded.header()).isEqualTo(header);
    assertThat(codec.decodeSubscriptionResponse(decoded.body())).isEqualTo(reply);
  }

  @Test
  void writesConnectionDetailsInTheGatewayTimeFormat() throws IOException {
    ConnectionDetails details =
        new ConnectionDetails(
            Instant.parse("2020-09-07T21:50:02.737Z"), 50, 100, 180, 1800, 86400, 10, RecoveryState.FAILED, "WSG-1003");

    byte[] frame =
        codec.encodeFrame(
            FrameHeader.server(FrameType.CONNECTION_DETAILS, "c-1", 200, Map.of(), new Wsc("t", 1)), details);

    assertThat(json.readTree(frame).get(1).get("creationTime").asText()).isEqualTo("2020-09-07T21:50:02.737+0000");
    assertThat(json.readTree(frame).get(0).get("headers").isObject()).isTrue();
    assertThat(codec.decodeConnectionDetails(codec.decodeFrame(frame).body())).isEqualTo(details);
  }

  @Test
  void writesClientFramesWithoutServerFields() throws IOException {
    byte[] heartbeat = codec.encodeFrame(FrameHeader.heartbeat("h-1"));

    assertThat(new String(heartbeat, StandardCharsets.UTF_8))
        .isEqualTo("[{\"type\":\"Heartbeat\",\"messageId\":\"h-1\"}]");
    assertThat(json.readTree(sample("apidocs_heart-beat-response.json")).get(0).size()).isEqualTo(json.readTree(heartbeat).get(0).size());
  }

  @Test
  void embedsRawNotificationBodies() throws IOException {
    byte[] envelope = "{\"uuid\":\"u-1\",\"body\":{\"extensionId\":\"101\"}}".getBytes(StandardCharsets.UTF_8);

    byte[] frame =
        codec.encodeFrame(
            FrameHeader.server(FrameType.SERVER_NOTIFICATION, "u-1", 200, Map.of(), null), new RawJson(envelope));

    assertThat(codec.decodeFrame(frame).body()).isEqualTo(envelope);
  }

  @Test
  void writesOAuthErrorsBothWays() throws IOException {
    byte[] body = codec.encode(ErrorBody.oauth("invalid_grant", "OAU-211", "Token is expired"));

    assertThat(json.readTree(body).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(json.readTree(body).get("error_description").asText()).isEqualTo("Token is expired");
    assertThat(json.readTree(body).get("errors").get(0).get("errorCode").asText()).isEqualTo("OAU-211");
    assertThat(codec.decodeError(body)).isEqualTo(ErrorBody.oauth("invalid_grant", "OAU-211", "Token is expired"));
  }

  @Test
  void roundTripsAnExtensionListNotificationAndReadsRingCentralsOwnShape() throws IOException {
    ExtensionListEvent event = new ExtensionListEvent("u-1", "/restapi/v1.0/account/37439510/extension",
        Instant.parse("2026-01-01T09:00:00Z"), "sub-1", "62000001004", "62000002004", ExtensionListEvent.Type.UPDATE,
        List.of("ExtensionInfo"));

    byte[] body = codec.encode(event);

    assertThat(json.readTree(body).get("body").get("eventType").asText()).isEqualTo("Update");
    assertThat(codec.decodeExtensionListEvent(body)).isEqualTo(event);
    // As the API guide shows it: ids as strings, hints absent for a Create, fields in any order.
    ExtensionListEvent created = codec.decodeExtensionListEvent(bytes(
        "{\"body\":{\"eventType\":\"Create\",\"extensionId\":\"62000003004\",\"ownerId\":\"62000001004\"},"
            + "\"event\":\"/restapi/v1.0/account/~/extension\",\"uuid\":\"x\",\"subscriptionId\":\"sub-1\"}"));
    assertThat(created.eventType()).isEqualTo(ExtensionListEvent.Type.CREATE);
    assertThat(created.ownerId()).isEqualTo("62000001004");
    assertThat(created.hints()).isEmpty();
    assertThat(ExtensionListEvent.Type.parse("SomethingNew")).as("an unknown change: read again").isEqualTo(ExtensionListEvent.Type.UPDATE);
  }

  @Test
  void anExtensionListNotificationOfAnotherFilterOrWithoutExtensionIsATypedError() {
    assertThat(problem(() -> codec.decodeExtensionListEvent(bytes(
        "{\"event\":\"/restapi/v1.0/account/~/extension/1/presence\",\"body\":{\"extensionId\":\"1\"}}"))).reason())
        .isEqualTo(DecodeException.Reason.NOT_PRESENCE);
    assertThat(problem(() -> codec.decodeExtensionListEvent(bytes(
        "{\"event\":\"/restapi/v1.0/account/~/extension\",\"body\":{\"eventType\":\"Delete\"}}"))).reason())
        .isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThat(problem(() -> codec.decodeExtensionListEvent(bytes(
        "{\"event\":\"/restapi/v1.0/account/~/extension\",\"body\":{\"extensionId\":\"a/b\"}}"))).reason())
        .isEqualTo(DecodeException.Reason.WRONG_SHAPE);
  }

  @Test
  void decodesOneExtensionOfTheDirectory() {
    ExtensionRecord record = codec.decodeExtensionInfo(bytes(
        "{\"uri\":\"x\",\"id\":62000002004,\"extensionNumber\":\"102\",\"name\":\"Alan Turing\","
            + "\"type\":\"User\",\"status\":\"Disabled\",\"account\":{\"id\":\"1\"}}"));
    assertThat(record).isEqualTo(new ExtensionRecord("62000002004", "102", "Alan Turing", "Disabled", "User"));
    assertThat(problem(() -> codec.decodeExtensionInfo(bytes("{\"name\":\"no id\"}"))).reason())
        .isEqualTo(DecodeException.Reason.WRONG_SHAPE);
  }

  @Test
  void roundTripsTheExtensionListWithNumericIds() throws IOException {
    ExtensionListPage page =
        new ExtensionListPage(
            "http://x/restapi/v1.0/account/~/extension?page=1&perPage=2",
            List.of(
                new ExtensionRecord("62000001", "101", "Ada Byron", "Enabled", "User"),
                new ExtensionRecord("62000002", "102", "Alan Turing", "Disabled", "User")),
            new Paging(1, 2, 0, 1, 3, 5),
            "http://x/restapi/v1.0/account/~/extension?page=2&perPage=2");

    byte[] body = codec.encode(page);

    assertThat(json.readTree(body).get("records").get(0).get("id").isNumber()).isTrue();
    assertThat(codec.decodeExtensionList(body)).isEqualTo(page);
    assertThat(page.records().get(0).isEnabledUser()).isTrue();
    assertThat(page.records().get(1).isEnabledUser()).isFalse();
  }

  @Test
  void rejectsWhatIsNotAFrameWithTypedErrorsThatDoNotQuoteTheInput() {
    assertThatThrownBy(() -> codec.decodeFrame("garbage secret-token"))
        .isInstanceOf(DecodeException.class)
        .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo(DecodeException.Reason.NOT_JSON))
        .hasMessageNotContaining("secret-token");
    assertThat(reason("{\"type\":\"Heartbeat\"}")).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThat(reason("[]")).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThat(reason("[{\"messageId\":\"x\"}]")).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThat(reason("[{\"type\":\"Heartbeat\"},{},{}]")).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThat(reason("[{\"type\":\"Heartbeat\"}] trailing")).isIn(DecodeException.Reason.WRONG_SHAPE, DecodeException.Reason.NOT_JSON);
    assertThat(reason("[{\"type\":\"Heartbeat\"}")).isEqualTo(DecodeException.Reason.NOT_JSON);
    assertThat(reason("[{\"type\":\"X\"}," + "[".repeat(200) + "]".repeat(200) + "]"))
        .isIn(DecodeException.Reason.TOO_DEEP, DecodeException.Reason.WRONG_SHAPE);
    assertThat(ProtocolCodec.create(100).decodeFrame("[{\"type\":\"Heartbeat\"}]").type()).isEqualTo(FrameType.HEARTBEAT);
    assertThatThrownBy(() -> ProtocolCodec.create(100).decodeFrame("[{\"type\":\"Heartbeat\",\"messageId\":\"" + "x".repeat(100) + "\"}]"))
        .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo(DecodeException.Reason.TOO_LARGE));
  }

  @Test
  void ignoresFieldsItDoesNotKnowAtAnyDepth() {
    TokenResponse token =
        codec.decodeTokenResponse(
            bytes("{\"access_token\":\"a\",\"expires_in\":\"3600\",\"new_field\":{\"x\":[1,{}]},\"flags\":[true]}"));
    ExtensionListPage page =
        codec.decodeExtensionList(
            bytes("{\"records\":[{\"id\":7,\"contact\":{\"email\":\"a@b\"},\"name\":\"Ada\"},null,{\"name\":\"no id\"}],"
                + "\"navigation\":{\"firstPage\":{\"uri\":\"f\"}}}"));

    assertThat(token.expiresIn()).isEqualTo(3600);
    assertThat(page.records()).containsExactly(new ExtensionRecord("7", null, "Ada", null, null));
    assertThat(page.nextPageUri()).isNull();
  }

  @Test
  void namesTheFieldOfAWrongTypeWithoutQuotingTheInput() {
    assertThat(problem(() -> codec.decodeExtensionList(bytes("{\"records\":[{\"id\":\"1\"},{\"id\":\"2\",\"name\":{\"k\":\"secret-name\"}}]}"))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE))
        .hasMessage("records[1].name is an object, expected a string");
    assertThat(problem(() -> codec.decodeTokenResponse(bytes("{\"access_token\":\"secret-token\",\"expires_in\":\"soon\"}"))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE))
        .hasMessageContaining("expires_in")
        .hasMessageNotContaining("secret-token")
        .hasMessageNotContaining("soon");
    assertThat(problem(() -> codec.decodeConnectionDetails(bytes("{\"recoveryTimeout\":99999999999}"))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE))
        .hasMessage("recoveryTimeout is out of range");
    assertThat(problem(() -> codec.decodeFrame("[{\"type\":\"ClientRequest\",\"status\":[200]}]")))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE))
        .hasMessageContaining("status");
  }

  @Test
  void acceptsOneJsonObjectPerBodyAndNothingElse() {
    assertThat(problem(() -> codec.decodeError(bytes("[{\"errorCode\":\"X\"}]"))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE))
        .hasMessage("expected a JSON object");
    assertThat(problem(() -> codec.decodeError(bytes("{\"errorCode\":\"X\"} {}"))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE));
    assertThat(problem(() -> codec.decodeWsTokenResponse(bytes("{\"uri\":\"wss://x\",\"ws_access_token\":\"secret\""))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_JSON))
        .hasMessageNotContaining("secret");
    assertThat(problem(() -> codec.decodeWsTokenResponse(bytes("{\"uri\":\"wss://x\"}"))))
        .hasMessage("ws token response without uri or ws_access_token");
    assertThat(problem(() -> codec.decodeError(bytes("{\"unknown\":" + "[".repeat(100) + "]".repeat(100) + "}"))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.TOO_DEEP));
  }

  @Test
  void joinsRepeatedTunnelledHeadersAndSkipsWhatIsNoHeaderValue() {
    Frame frame =
        codec.decodeFrame(
            "[{\"type\":\"ClientRequest\",\"status\":200,\"headers\":{\"Vary\":[\"a\",\"b\"],\"N\":null,\"O\":{},\"C\":3}}]");

    assertThat(frame.header().headers()).containsOnly(Map.entry("Vary", "a,b"), Map.entry("C", "3"));
  }

  @Test
  void keepsUnknownFrameTypesAsUnknown() {
    assertThat(codec.decodeFrame("[{\"type\":\"Telepathy\",\"messageId\":\"1\"}]").type()).isEqualTo(FrameType.UNKNOWN);
  }

  @Test
  void readsNotificationFramesOfOtherEventsWithoutTouchingTheirBody() {
    Frame frame = codec.decodeFrame(sample("php_test_serverNotification_sms.json"));
    Frame apidocs = codec.decodeFrame(sample("apidocs_websocket-notification.json"));

    assertThat(frame.type()).isEqualTo(FrameType.SERVER_NOTIFICATION);
    assertThat(frame.bodyText()).contains("message-store/instant");
    assertThat(apidocs.header().header("RCRequestId")).isEqualTo("265348d0-xxxx-xxxx-xxxx-005056a62c0c");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static DecodeException problem(Runnable decode) {
    try {
      decode.run();
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("decoded without a problem");
  }

  private DecodeException.Reason reason(String text) {
    try {
      codec.decodeFrame(text);
      throw new AssertionError("decoded " + text);
    } catch (DecodeException e) {
      return e.reason();
    }
  }
}
