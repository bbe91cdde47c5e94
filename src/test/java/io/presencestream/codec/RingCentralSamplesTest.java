package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample RingCentral payload we have is classified here, and decodes (or is refused) accordingly.
 * A new sample file fails {@link #everySampleFileIsClassified} until it is added to the table.
 */
class RingCentralSamplesTest {

  /** What a sample is, hence which decoder must accept it (or how every decoder must refuse it). */
  enum Kind {
    /** A presence notification envelope or ServerNotification frame: {@code decodeMessage}. */
    NOTIFICATION,
    /** A JSON array of presence notification envelopes: {@code decodeMessage} on each. */
    NOTIFICATIONS,
    /** {@code GET …/extension/{id}/presence}: {@code decodeExtensionPresence}. */
    EXTENSION_PRESENCE,
    /** {@code GET …/account/~/presence}: {@code decodeAccountPresencePage}. */
    ACCOUNT_PAGE,
    /** A bare array of {@code activeCalls} entries: decodes inside its presence notification. */
    ACTIVE_CALLS,
    /** Not presence: every decoder says NOT_PRESENCE. */
    NOT_PRESENCE,
    /** Not valid JSON at all. */
    NOT_JSON
  }

  static final Map<String, Kind> KINDS = new TreeMap<>();

  static {
    KINDS.put("COMPOSED_rest_account_presence_page.json", Kind.ACCOUNT_PAGE);
    KINDS.put("COMPOSED_ws_clientRequest_create_presence_subscription.json", Kind.NOT_PRESENCE);
    KINDS.put("COMPOSED_ws_clientRequest_delete_subscription.json", Kind.NOT_PRESENCE);
    KINDS.put("COMPOSED_ws_clientRequest_update_subscription.json", Kind.NOT_PRESENCE);
    KINDS.put("COMPOSED_ws_error_frame_idle_timeout.json", Kind.NOT_PRESENCE);
    KINDS.put("COMPOSED_ws_serverNotification_detailedPresenceWithSip.json", Kind.NOTIFICATION);
    KINDS.put("apidocs_call-control-sessions_presence_ringing.NORMALIZED.json", Kind.NOTIFICATION);
    KINDS.put("apidocs_connection-details.json", Kind.NOT_PRESENCE);
    KINDS.put("apidocs_heart-beat-request.json", Kind.NOT_PRESENCE);
    KINDS.put("apidocs_heart-beat-response.json", Kind.NOT_PRESENCE);
    KINDS.put("apidocs_oauth_token_response.json", Kind.NOT_PRESENCE);
    KINDS.put("apidocs_pubnub_subscription_response_2013.json", Kind.NOT_PRESENCE);
    KINDS.put("apidocs_session-recovery.json", Kind.NOT_JSON); // contains a literal "..."
    KINDS.put("apidocs_subscription-request.json", Kind.NOT_PRESENCE);
    KINDS.put("apidocs_websocket-notification.json", Kind.NOT_PRESENCE); // message-store
    KINDS.put("apidocs_wstoken_response.json", Kind.NOT_PRESENCE);
    KINDS.put("community_presence_ringing_then_nocall_2016.CONVERTED.json", Kind.NOTIFICATIONS);
    KINDS.put("event_account-presence.json", Kind.NOTIFICATION);
    KINDS.put("event_detailed-extension-presence-with-sip.json", Kind.NOTIFICATION);
    KINDS.put("event_detailed-extension-presence.json", Kind.NOTIFICATION);
    KINDS.put("event_extension-presence-line.json", Kind.NOT_PRESENCE); // presence/line: monitored lines
    KINDS.put("event_extension-presence.json", Kind.NOTIFICATION);
    KINDS.put("php_test_connectionDetails.json", Kind.NOT_PRESENCE);
    KINDS.put("php_test_serverNotification_sms.json", Kind.NOT_PRESENCE);
    KINDS.put("php_test_subscriptionResponse_presence.json", Kind.NOT_PRESENCE);
    KINDS.put("python-issue68_WSG-902_error_body.json", Kind.NOT_PRESENCE);
    KINDS.put("rc-ws-recover-test_WSG-400_error_body.json", Kind.NOT_PRESENCE);
    KINDS.put("widgets_pubnub_subscription_response.json", Kind.NOT_PRESENCE);
    KINDS.put("widgets_rest_extension_presence.json", Kind.EXTENSION_PRESENCE);
    KINDS.put("widgets_ws_connectionDetails_recoveryFailed.json", Kind.NOT_PRESENCE);
    KINDS.put("widgets_ws_subscriptionResponse.json", Kind.NOT_PRESENCE);
    KINDS.put("widgets_ws_wstoken_response.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/rc-api-docs__account-presence.json", Kind.NOTIFICATION);
    KINDS.put("fixtures/rc-api-docs__detailed-extension-presence-with-sip.json", Kind.NOTIFICATION);
    KINDS.put("fixtures/rc-api-docs__detailed-extension-presence.json", Kind.NOTIFICATION);
    // presence/dnd is a separate event type (DND only, no sequence): not a detailed presence notification
    KINDS.put("fixtures/rc-api-docs__extension-dnd-status.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/rc-api-docs__extension-presence.json", Kind.NOTIFICATION);
    KINDS.put("fixtures/rc-api-docs__extension-telephony-sessions.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/ringcentral-integration__mock__activeCalls.json", Kind.NOT_PRESENCE); // REST active-calls
    KINDS.put("fixtures/ringcentral-integration__mock__presence.json", Kind.EXTENSION_PRESENCE);
    // the event says message-store (the body is presence-like): the event decides
    KINDS.put("fixtures/ringcentral-integration__mock__pubnub.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/ringcentral-integration__mock__telephonySessions.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/ringcentral-mock__platform__presence.json", Kind.EXTENSION_PRESENCE);
    KINDS.put("fixtures/ringcentral-mock__platform__telephonySession.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/ringcentral-mock__ws__serverNotification.json", Kind.NOTIFICATION);
    KINDS.put("fixtures/ringcentral-mock__ws__subscriptionResponse.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/widgets-test__ConferenceCallDialerPage__activeCalls.json", Kind.NOT_PRESENCE);
    KINDS.put("fixtures/widgets-test__ConferenceCallDialerPage__pubnubPresence.json", Kind.NOTIFICATION);
    KINDS.put("fixtures/widgets-test__calls__pubnubActiveCalls.json", Kind.ACTIVE_CALLS);
    KINDS.put("fixtures/widgets-test__calls__pubnubPresence.json", Kind.NOTIFICATION);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PresenceCodec codec = PresenceCodec.create();

  static List<String> samples() {
    return Samples.all();
  }

  @Test
  void everySampleFileIsClassified() {
    assertThat(Samples.all()).containsExactlyInAnyOrderElementsOf(KINDS.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleDecodesAsItsKindOrIsRefusedWithTheRightReason(String name) throws Exception {
    byte[] bytes = Samples.bytes(name);
    Kind kind = KINDS.get(name);
    assertThat(kind).as("classification of %s", name).isNotNull();
    switch (kind) {
      case NOTIFICATION:
        assertThat(codec.decodeMessage(bytes).extensionId()).isNotBlank();
        assertThat(codec.decodeMessage(Samples.text(name))).isEqualTo(codec.decodeMessage(bytes));
        break;
      case NOTIFICATIONS:
        for (JsonNode envelope : JSON.readTree(bytes)) {
          assertThat(codec.decodeMessage(JSON.writeValueAsBytes(envelope)).extensionId()).isNotBlank();
        }
        break;
      case EXTENSION_PRESENCE:
        assertThat(codec.decodeExtensionPresence(bytes).extensionId()).isNotBlank();
        break;
      case ACCOUNT_PAGE:
        assertThat(codec.decodeAccountPresencePage(bytes).records()).isNotEmpty();
        break;
      case ACTIVE_CALLS:
        break; // see decodesWidgetsActiveCallsInsideTheirPresenceNotification
      case NOT_PRESENCE:
        assertReason(() -> codec.decodeMessage(bytes), Reason.NOT_PRESENCE);
        assertReason(() -> codec.decodeExtensionPresence(bytes), Reason.NOT_PRESENCE, Reason.WRONG_SHAPE);
        assertReason(() -> codec.decodeAccountPresencePage(bytes), Reason.NOT_PRESENCE, Reason.WRONG_SHAPE);
        break;
      case NOT_JSON:
        assertReason(() -> codec.decodeMessage(bytes), Reason.NOT_JSON);
        assertReason(() -> codec.decodeExtensionPresence(bytes), Reason.NOT_JSON);
        assertReason(() -> codec.decodeAccountPresencePage(bytes), Reason.NOT_JSON);
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyDecoderEitherDecodesOrThrowsDecodeExceptionOnEverySample(String name) {
    byte[] bytes = Samples.bytes(name);
    for (Runnable decode :
        List.<Runnable>of(
            () -> codec.decodeMessage(bytes),
            () -> codec.decodeExtensionPresence(bytes),
            () -> codec.decodeAccountPresencePage(bytes))) {
      Throwable thrown = catchThrowable(decode::run);
      assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DecodeException.class));
    }
  }

  @Test
  void decodesBothCallsOfTheDetailedPresenceWithSipSample() {
    Notification n = codec.decodeMessage(Samples.bytes("event_detailed-extension-presence-with-sip.json"));

    assertThat(n.uuid()).isEqualTo("4956997212540532738");
    assertThat(n.event())
        .isEqualTo("/restapi/v1.0/account/37439510/extension/297277020/presence?detailedTelephonyState=true&sipData=true");
    assertThat(n.timestamp()).isEqualTo(Instant.parse("2019-07-09T16:17:38.286Z"));
    assertThat(n.subscriptionId()).isEqualTo("dfbca25e-4e2b-4c60-aa8d-47a83716fe23");
    assertThat(n.ownerId()).isEqualTo("297277020");

    PresenceUpdate body = n.body();
    assertThat(body.extensionId()).isEqualTo("297277020");
    assertThat(body.sequence()).isEqualTo(2013L);
    assertThat(body.telephonyStatus()).isEqualTo(TelephonyStatus.ON_HOLD);
    assertThat(body.presenceStatus()).isEqualTo(UserStatus.BUSY);
    assertThat(body.userStatus()).isEqualTo(UserStatus.AVAILABLE);
    assertThat(body.dndStatus()).isEqualTo(DndStatus.TAKE_ALL_CALLS);
    assertThat(body.meetingStatus()).isEqualTo(MeetingStatus.DISCONNECTED);
    assertThat(body.message()).isNull();
    assertThat(body.totalActiveCalls()).isEqualTo(2);
    assertThat(body.activeCalls()).hasSize(2);

    ActiveCall held = body.activeCalls().get(0);
    assertThat(held)
        .isEqualTo(
            new ActiveCall(
                "1nf2mhj51dp3asb3l0r5",
                Direction.OUTBOUND,
                "+16508370072",
                "Charlie Williams",
                "4591",
                "Alice Smith",
                Instant.parse("2019-07-09T16:17:27.975Z"),
                TelephonyStatus.ON_HOLD,
                null,
                "118139132021",
                "s-9cdb248614c94aa7ba68135f6c07b808",
                "p-9cdb248614c94aa7ba68135f6c07b808-1",
                true,
                new SipData(
                    "7lcee2ho88",
                    "10.14.20.199-5070-63fbd8da20314c",
                    "do-not-use-me-I-am-example",
                    "do-not-use-me-I-am-example",
                    null)));

    ActiveCall ringing = body.activeCalls().get(1);
    assertThat(ringing.id()).isEqualTo("s-e1e9696d863742758a18654dcc22a2fd");
    assertThat(ringing.direction()).isEqualTo(Direction.INBOUND);
    assertThat(ringing.telephonyStatus()).isEqualTo(TelephonyStatus.RINGING);
    assertThat(ringing.queueCall()).isFalse();
    assertThat(ringing.from()).isEqualTo("66666");
    assertThat(ringing.toName()).isEqualTo("Bob Brown");
    assertThat(ringing.sipData().toTag()).isEqualTo("blf");
    assertThat(ringing.startTime()).isEqualTo(Instant.parse("2019-07-09T16:17:37.705Z"));
  }

  @Test
  void decodesTheServerNotificationFrameLikeTheBareEnvelope() {
    Notification n = codec.decodeMessage(Samples.bytes("COMPOSED_ws_serverNotification_detailedPresenceWithSip.json"));

    assertThat(n.extensionId()).isEqualTo("297277020");
    assertThat(n.body().sequence()).isEqualTo(2013L);
    assertThat(n.body().totalActiveCalls()).isEqualTo(1);
    assertThat(n.body().activeCalls()).singleElement().satisfies(call -> {
      assertThat(call.direction()).isEqualTo(Direction.INBOUND);
      assertThat(call.telephonyStatus()).isEqualTo(TelephonyStatus.RINGING);
      assertThat(call.sessionId()).isEqualTo("118139217021");
    });
  }

  @Test
  void takesANumericExtensionIdAsItsDecimalString() {
    Notification n = codec.decodeMessage(Samples.bytes("apidocs_call-control-sessions_presence_ringing.NORMALIZED.json"));

    assertThat(n.extensionId()).isEqualTo("400144455008");
    assertThat(n.body().sequence()).isEqualTo(34470L);
    assertThat(n.body().meetingStatus()).as("absent").isNull();
    assertThat(n.body().activeCalls()).singleElement().satisfies(call -> {
      assertThat(call.from()).isEqualTo("103");
      assertThat(call.fromName()).isEqualTo("TheCat Jerry");
      assertThat(call.to()).isEqualTo("102");
      assertThat(call.partyId()).isEqualTo("cs171843418296416309-2");
    });
  }

  @Test
  void aNotificationWithoutActiveCallsCarriesNoCallInformation() {
    Notification n = codec.decodeMessage(Samples.bytes("event_extension-presence.json"));

    assertThat(n.extensionId()).isEqualTo("6610372004");
    assertThat(n.body().sequence()).isEqualTo(2698L);
    assertThat(n.body().telephonyStatus()).isEqualTo(TelephonyStatus.CALL_CONNECTED);
    assertThat(n.body().activeCalls()).as("absent, not empty").isNull();
    assertThat(n.body().totalActiveCalls()).isNull();
  }

  @Test
  void decodesTheCommunityRingingThenNoCallPair() throws Exception {
    List<Notification> pair = new ArrayList<>();
    for (JsonNode envelope : JSON.readTree(Samples.bytes("community_presence_ringing_then_nocall_2016.CONVERTED.json"))) {
      pair.add(codec.decodeMessage(JSON.writeValueAsString(envelope)));
    }

    assertThat(pair).extracting(n -> n.body().sequence()).containsExactly(107945L, 107946L);
    assertThat(pair).extracting(Notification::extensionId).containsOnly("133165004");
    assertThat(pair.get(0).ownerId()).as("absent").isNull();
    assertThat(pair.get(0).body().dndStatus()).isEqualTo(DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS);
    ActiveCall ringing = pair.get(0).body().activeCalls().get(0);
    ActiveCall ended = pair.get(1).body().activeCalls().get(0);
    assertThat(ringing.telephonyStatus()).isEqualTo(TelephonyStatus.RINGING);
    assertThat(ringing.terminationType()).isNull();
    assertThat(ringing.startTime()).as("absent").isNull();
    assertThat(ended.id()).isEqualTo(ringing.id());
    assertThat(ended.telephonyStatus()).isEqualTo(TelephonyStatus.NO_CALL);
    assertThat(ended.terminationType()).isEqualTo(TerminationType.FINAL);
  }

  @Test
  void decodesTheRestExtensionPresenceTakingTheIdFromTheExtensionObject() {
    PresenceUpdate p = codec.decodeExtensionPresence(Samples.bytes("widgets_rest_extension_presence.json"));

    assertThat(p)
        .isEqualTo(
            new PresenceUpdate(
                "208594004",
                null,
                UserStatus.AVAILABLE,
                DndStatus.TAKE_ALL_CALLS,
                UserStatus.AVAILABLE,
                TelephonyStatus.NO_CALL,
                null,
                null,
                0,
                null));
  }

  @Test
  void decodesTheRestAccountPresencePage() {
    AccountPresencePage page = codec.decodeAccountPresencePage(Samples.bytes("COMPOSED_rest_account_presence_page.json"));

    assertThat(page.page()).isEqualTo(1);
    assertThat(page.totalPages()).isEqualTo(1);
    assertThat(page.nextPageUri()).isNull();
    assertThat(page.records()).singleElement().satisfies(record -> {
      assertThat(record.extensionId()).isEqualTo("297277020");
      assertThat(record.sequence()).isNull();
      assertThat(record.telephonyStatus()).isEqualTo(TelephonyStatus.CALL_CONNECTED);
      assertThat(record.activeCalls()).singleElement().satisfies(call -> {
        assertThat(call.id()).isEqualTo("39247ebfdc324e3b96d7519672aec3e4");
        assertThat(call.startTime()).isEqualTo(Instant.parse("2016-02-18T09:37:24.322Z"));
        assertThat(call.sipData().localUri()).isEqualTo("sip:101@ringcentral.com");
        assertThat(call.sipData().callId()).isNull();
      });
    });
  }

  @Test
  void ignoresTheMisspelledMeetingsStatusOfTheWidgetsFixture() {
    Notification n = codec.decodeMessage(Samples.bytes("fixtures/widgets-test__calls__pubnubPresence.json"));

    assertThat(n.extensionId()).isEqualTo("160751006");
    assertThat(n.body().sequence()).isEqualTo(368997L);
    assertThat(n.body().meetingStatus()).isNull();
    assertThat(n.body().totalActiveCalls()).isEqualTo(2);
    assertThat(n.body().activeCalls()).isNull();
  }

  @Test
  void decodesWidgetsActiveCallsInsideTheirPresenceNotification() throws Exception {
    // The widgets test helper injects pubnubActiveCalls into pubnubPresence; we do the same.
    ObjectNode envelope = (ObjectNode) JSON.readTree(Samples.bytes("fixtures/widgets-test__calls__pubnubPresence.json"));
    ((ObjectNode) envelope.get("body")).set("activeCalls", JSON.readTree(Samples.bytes("fixtures/widgets-test__calls__pubnubActiveCalls.json")));

    Notification n = codec.decodeMessage(JSON.writeValueAsBytes(envelope));

    assertThat(n.body().activeCalls()).hasSize(4);
    assertThat(n.body().activeCalls())
        .extracting(ActiveCall::direction)
        .containsExactly(Direction.INBOUND, Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND);
    assertThat(n.body().activeCalls())
        .extracting(ActiveCall::telephonyStatus)
        .containsExactly(TelephonyStatus.ON_HOLD, TelephonyStatus.RINGING, TelephonyStatus.CALL_CONNECTED, TelephonyStatus.CALL_CONNECTED);
    assertThat(n.body().activeCalls().get(2).to()).isEqualTo("101");
  }

  @Test
  void refusesPresenceLineAndDndEventsAsNotPresence() {
    assertReason(() -> codec.decodeMessage(Samples.bytes("event_extension-presence-line.json")), Reason.NOT_PRESENCE);
    assertReason(() -> codec.decodeMessage(Samples.bytes("fixtures/rc-api-docs__extension-dnd-status.json")), Reason.NOT_PRESENCE);
  }

  @Test
  void refusesTheSessionRecoveryDocSampleAsNotJson() {
    assertThatThrownBy(() -> codec.decodeMessage(Samples.bytes("apidocs_session-recovery.json")))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NOT_JSON);
          assertThat(e.getMessage()).contains("line 17");
        });
  }

  private static void assertReason(Runnable decode, Reason... allowed) {
    Throwable thrown = catchThrowable(decode::run);
    assertThat(thrown).isInstanceOf(DecodeException.class);
    assertThat(((DecodeException) thrown).reason()).isIn((Object[]) allowed);
  }
}
