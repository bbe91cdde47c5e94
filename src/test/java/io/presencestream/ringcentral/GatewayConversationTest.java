package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.NotificationDecoder;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.ringcentral.GatewayConversation.Action;
import io.presencestream.ringcentral.GatewayConversation.Connected;
import io.presencestream.ringcentral.GatewayConversation.Fail;
import io.presencestream.ringcentral.GatewayConversation.FeedRefused;
import io.presencestream.ringcentral.GatewayConversation.FiltersDisabled;
import io.presencestream.ringcentral.GatewayConversation.InvalidateWsToken;
import io.presencestream.ringcentral.GatewayConversation.Notify;
import io.presencestream.ringcentral.GatewayConversation.RequestTimeout;
import io.presencestream.ringcentral.GatewayConversation.Send;
import io.presencestream.ringcentral.GatewayConversation.Snapshot;
import io.presencestream.ringcentral.GatewayConversation.SnapshotReason;
import io.presencestream.ringcentral.GatewayConversation.StartTimer;
import io.presencestream.ringcentral.GatewayConversation.Stop;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.Wsc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The gateway conversation, scripted frame by frame: what the gateway sends goes in, and every action
 * that comes out is expected in order, as r2dbc-postgresql's {@code TestClient} scripts a server with
 * {@code expectRequest(…).thenRespond(…)}. No socket, no clock: time is given with each event.
 */
class GatewayConversationTest {

  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> IDS = Set.of("101", "102");

  private final ProtocolCodec protocol = ProtocolCodec.create();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ClientMetrics metrics = new ClientMetrics(registry);
  private final AtomicInteger ids = new AtomicInteger();
  private final GatewayConversation conversation =
      new GatewayConversation(
          0,
          presence(IDS),
          protocol,
          NotificationDecoder.presence(PresenceCodec.create()),
          metrics,
          new Redactor(List.of("ws-secret")),
          REQUEST_TIMEOUT,
          Duration.ofSeconds(90),
          () -> "m" + ids.incrementAndGet());
  private final Script gateway = new Script(conversation);

  @Test
  void sendsNothingBeforeConnectionDetailsThenSubscribesAndAsksForTheInitialRead() {
    assertThat(conversation.onConnecting(T0)).as("no session to recover yet").isNull();
    gateway.idle().expectNothing();
    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();
    assertThat(metrics.connected.get()).isEqualTo(1);
  }

  @Test
  void takesTheSubscriptionIdFromTheReplyBodyWhenTheHeaderIsMissing() {
    conversation.onConnecting(T0);
    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(id -> frame("{\"type\":\"ClientRequest\",\"messageId\":\"" + id + "\",\"status\":200}",
            "{\"id\":\"sub-body\",\"status\":\"Active\"}"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected();
    gateway.receive(notification("sub-body", 2)).expectNotify("sub-body");
  }

  @Test
  void givesTheConnectionUpWhenTheSubscribeReplyCarriesNoId() {
    conversation.onConnecting(T0);
    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(id -> frame("{\"type\":\"ClientRequest\",\"messageId\":\"" + id + "\",\"status\":200}", null))
        .expectFail(error -> assertThat(error.getMessage()).contains("without a subscription id"))
        .expectNothing();
  }

  @Test
  void deliversTheNotificationsOfItsSubscriptionWithTheirArrivalTimeAndIgnoresOthers() {
    subscribed("sub-1");
    Instant arrival = T0.plusSeconds(5);
    assertThat(conversation.onFrame(notification("sub-1", 2), arrival))
        .singleElement()
        .isInstanceOfSatisfying(Notify.class, n -> {
          assertThat(n.input().receivedAt()).isEqualTo(arrival);
          assertThat(((EngineInput.NotificationReceived) n.input()).notification().subscriptionId()).isEqualTo("sub-1");
        });
    double ignored = metrics.notificationsIgnored.count();
    gateway.receive(notification("someone-elses", 3)).expectNothing();
    assertThat(metrics.notificationsIgnored.count()).isEqualTo(ignored + 1);
  }

  @Test
  void ignoresNotificationsThatArriveBeforeItsSubscriptionIsConfirmed() {
    conversation.onConnecting(T0);
    gateway.receive(details(1)).expectRequest("POST", "/restapi/v1.0/subscription", IDS);
    gateway.receive(notification("sub-1", 2)).expectNothing();
    assertThat(metrics.notificationsIgnored.count()).isEqualTo(1);
  }

  @Test
  void skipsAndCountsAFrameThatIsNotAGatewayFrame() {
    subscribed("sub-1");
    gateway.receive("not json at all").expectNothing();
    assertThat(metrics.garbageFrames.count()).isEqualTo(1);
  }

  @Test
  void recoversTheSessionWithTheNewestWscWithinTheRecoveryWindowWithoutSubscribingAgain() {
    subscribed("sub-1");
    gateway.receive(notification("sub-1", 5)).expectNotify("sub-1");
    gateway.receive(notification("sub-1", 3)).expectNotify("sub-1");
    conversation.onClosed(T0.plusSeconds(60));

    Wsc recovery = conversation.onConnecting(T0.plusSeconds(61));

    assertThat(recovery).isEqualTo(new Wsc("wsc-5", 5));
    gateway.receive(recoveredDetails(5)).expectConnected().expectNothing();
    gateway.receive(notification("sub-1", 6)).expectNotify("sub-1").expectNothing();
    assertThat(metrics.recoveriesSuccessful.count()).isEqualTo(1);
  }

  @Test
  void subscribesAfreshOnceTheRecoveryWindowHasPassed() {
    subscribed("sub-1");
    conversation.onClosed(T0.plusSeconds(10));

    assertThat(conversation.onConnecting(T0.plusSeconds(10 + 181))).isNull();

    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(reply(200, "sub-2"))
        .expectSnapshot(IDS, SnapshotReason.RECOVERY)
        .expectConnected();
    assertThat(metrics.recoveriesExpired.count()).isEqualTo(1);
  }

  @Test
  void takesTheRecoveryWindowFromConnectionDetails() {
    conversation.onConnecting(T0);
    gateway
        .receive(frame(
            "{\"type\":\"ConnectionDetails\",\"messageId\":\"d\",\"status\":200,\"wsc\":{\"token\":\"wsc-1\",\"sequence\":1}}",
            "{\"recoveryTimeout\":30}"))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected();
    conversation.onClosed(T0);

    assertThat(conversation.onConnecting(T0.plusSeconds(31))).isNull();
  }

  @Test
  void failedRecoveryWsg1003SubscribesAgainOnTheSameConnectionAndResynchronises() {
    subscribed("sub-1");
    conversation.onClosed(T0.plusSeconds(10));
    assertThat(conversation.onConnecting(T0.plusSeconds(11))).isNotNull();

    gateway
        .receive(frame(
            "{\"type\":\"ConnectionDetails\",\"messageId\":\"d\",\"status\":200,\"wsc\":{\"token\":\"wsc-new\",\"sequence\":1}}",
            "{\"recoveryState\":\"Failed\",\"recoveryErrorCode\":\"WSG-1003\"}"))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(reply(200, "sub-2"))
        .expectSnapshot(IDS, SnapshotReason.RECOVERY)
        .expectConnected();
    assertThat(metrics.recoveriesFailed.count()).isEqualTo(1);
  }

  @Test
  void failedRecoveryWsg1005SubscribesAgain() {
    subscribed("sub-1");
    conversation.onClosed(T0);
    conversation.onConnecting(T0.plusSeconds(1));
    gateway
        .receive(frame(
            "{\"type\":\"ConnectionDetails\",\"messageId\":\"d\",\"status\":200,\"wsc\":{\"token\":\"wsc-new\",\"sequence\":1}}",
            "{\"recoveryState\":\"Failed\",\"recoveryErrorCode\":\"WSG-1005\"}"))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS);
  }

  @Test
  void resynchronisesWhenTheRecoveryReplaySkipsNotifications() {
    subscribed("sub-1");
    gateway.receive(notification("sub-1", 4)).expectNotify("sub-1");
    conversation.onClosed(T0.plusSeconds(1));
    conversation.onConnecting(T0.plusSeconds(2));
    gateway.receive(recoveredDetails(4)).expectConnected();

    gateway.receive(notification("sub-1", 9)).expectSnapshot(IDS, SnapshotReason.RECOVERY).expectNotify("sub-1");
  }

  @Test
  void aRecoveryReplayThatContinuesWhereTheDropLeftOffNeedsNoRead() {
    subscribed("sub-1");
    gateway.receive(notification("sub-1", 4)).expectNotify("sub-1");
    conversation.onClosed(T0.plusSeconds(1));
    conversation.onConnecting(T0.plusSeconds(2));
    gateway.receive(recoveredDetails(4)).expectConnected();

    gateway.receive(notification("sub-1", 5)).expectNotify("sub-1").expectNothing();
  }

  @Test
  void updatesALiveSubscriptionInPlaceAndReadsOnlyTheAddedExtensions() {
    subscribed("sub-1");
    Set<String> more = Set.of("101", "102", "103");

    gateway
        .actions(conversation.onFiltersChanged(presence(more)))
        .expectRequest("PUT", "/restapi/v1.0/subscription/sub-1", more)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(Set.of("103"), SnapshotReason.EXTENSIONS_CHANGED)
        .expectNothing();
  }

  @Test
  void extensionsChangedWhileSubscribingAreSentOnceTheSubscriptionIsConfirmed() {
    conversation.onConnecting(T0);
    gateway.receive(details(1)).expectRequest("POST", "/restapi/v1.0/subscription", IDS);
    Set<String> fewer = Set.of("101");
    gateway.actions(conversation.onFiltersChanged(presence(fewer))).expectNothing();

    gateway
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectRequest("PUT", "/restapi/v1.0/subscription/sub-1", fewer)
        .thenRespond(reply(200, "sub-1"))
        .expectNothing();
  }

  @Test
  void subscribesAgainWhenTheServerForgotTheSubscriptionItWasAskedToUpdate() {
    subscribed("sub-1");
    Set<String> more = Set.of("101", "102", "103");
    gateway
        .actions(conversation.onFiltersChanged(presence(more)))
        .expectRequest("PUT", "/restapi/v1.0/subscription/sub-1", more)
        .thenRespond(error(404, "SUB-507", "Subscription not found"))
        .expectRequest("POST", "/restapi/v1.0/subscription", more)
        .thenRespond(reply(200, "sub-2"))
        .expectSnapshot(more, SnapshotReason.RECOVERY)
        .expectConnected();
  }

  @Test
  void gatewayErrorWsg400ForgetsTheSessionContextSoTheNextConnectionStartsANewSession() {
    subscribed("sub-1");
    gateway
        .receive(frame("{\"type\":\"Error\",\"messageId\":\"e\",\"status\":400}",
            "{\"errorCode\":\"WSG-400\",\"message\":\"Malformed WebSocket session context token\"}"))
        .expectFail(error -> {
          assertThat(error.errorCode()).isEqualTo("WSG-400");
          assertThat(error.isTransient()).isTrue();
        });
    conversation.onClosed(T0.plusSeconds(1));

    assertThat(conversation.onConnecting(T0.plusSeconds(2))).isNull();
  }

  @Test
  void gatewayTimeoutsWsg902AndWsg903EndTheConnectionWithTheirCodeAndKeepTheSession() {
    for (String code : List.of("WSG-902", "WSG-903")) {
      subscribed("sub-" + code);
      gateway
          .receive(frame("{\"type\":\"Error\",\"messageId\":\"e\",\"status\":400,\"wsc\":{\"token\":\"wsc-e\",\"sequence\":50}}",
              "{\"errorCode\":\"" + code + "\",\"message\":\"Idle timeout expired\"}"))
          .expectFail(error -> {
            assertThat(error.errorCode()).isEqualTo(code);
            assertThat(error.isTransient()).isTrue();
          });
      conversation.onClosed(T0);
      assertThat(conversation.onConnecting(T0.plusSeconds(1))).as(code).isEqualTo(new Wsc("wsc-e", 50));
      gateway.receive(recoveredDetails(51)).expectConnected();
      conversation.onClosed(T0);
    }
  }

  @Test
  void anErrorFrameAnsweringARequestIsThatRequestsReply() {
    conversation.onConnecting(T0);
    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(id -> frame("{\"type\":\"Error\",\"messageId\":\"" + id + "\",\"status\":403}",
            "{\"errorCode\":\"SUB-406\",\"message\":\"In order to call this API endpoint, user needs to have [ReadPresenceStatus] permission\"}"))
        .expectFail(error -> {
          assertThat(error).isInstanceOf(PermanentRingCentralException.class);
          assertThat(error.errorCode()).isEqualTo("SUB-406");
        });
  }

  @Test
  void anUnauthorisedReplyInvalidatesTheWsTokenBeforeGivingTheConnectionUp() {
    conversation.onConnecting(T0);
    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", IDS)
        .thenRespond(error(401, "CMN-401", "Unauthorized"))
        .expectInvalidateWsToken()
        .expectFail(error -> assertThat(error.httpStatus()).isEqualTo(401));
  }

  @Test
  void aSubscribeWithoutAnswerGivesTheConnectionUpWhenItsTimerRunsOut() {
    conversation.onConnecting(T0);
    gateway.receive(details(1)).expectRequest("POST", "/restapi/v1.0/subscription", IDS);

    gateway
        .actions(conversation.onTimer(gateway.lastTimer))
        .expectFail(error -> assertThat(error.getMessage()).isEqualTo("subscribe got no answer within 10000 ms"));
    assertThat(conversation.onTimer(gateway.lastTimer)).as("a timer that ran out counts once").isEmpty();
  }

  @Test
  void aReplyAfterItsTimerRanOutIsIgnored() {
    subscribed("sub-1");
    Set<String> more = Set.of("101", "102", "103");
    gateway.actions(conversation.onFiltersChanged(presence(more))).expectRequest("PUT", "/restapi/v1.0/subscription/sub-1", more);
    gateway.actions(conversation.onTimer(gateway.lastTimer)).expectFail(error -> assertThat(error.getMessage()).contains("subscription update"));

    gateway.thenRespond(reply(200, "sub-1")).expectNothing();
  }

  @Test
  void sendsAHeartbeatAfterAQuietPeriodAndGivesTheConnectionUpWhenItGoesUnanswered() {
    subscribed("sub-1");

    gateway.idle().expectSend(frame -> assertThat(frame.type()).isEqualTo(FrameType.HEARTBEAT));
    gateway.actions(conversation.onHeartbeatUnanswered())
        .expectFail(error -> assertThat(error.getMessage()).contains("heartbeat unanswered"));
    assertThat(metrics.heartbeatsSent.count()).isEqualTo(1);
    assertThat(metrics.heartbeatTimeouts.count()).isEqualTo(1);
  }

  @Test
  void cancelRemovesTheLiveSubscriptionAndStopsOnceTheServerAnswers() {
    subscribed("sub-1");

    gateway
        .actions(conversation.onCancel())
        .expectRequest("DELETE", "/restapi/v1.0/subscription/sub-1", null)
        .thenRespond(reply(200, null))
        .expectStop();
  }

  @Test
  void cancelStopsWhenTheUnsubscribeGoesUnansweredForTwoSeconds() {
    subscribed("sub-1");
    gateway.actions(conversation.onCancel()).expectRequest("DELETE", "/restapi/v1.0/subscription/sub-1", null);
    assertThat(gateway.lastTimerDelay).isEqualTo(Duration.ofSeconds(2));

    gateway.actions(conversation.onTimer(gateway.lastTimer)).expectStop();
  }

  @Test
  void cancelStopsWhenTheConnectionClosesDuringTheUnsubscribe() {
    subscribed("sub-1");
    gateway.actions(conversation.onCancel()).expectRequest("DELETE", "/restapi/v1.0/subscription/sub-1", null);

    gateway.actions(conversation.onClosed(T0)).expectStop();
  }

  @Test
  void cancelBeforeAnySubscriptionStopsAtOnce() {
    conversation.onConnecting(T0);
    gateway.receive(details(1)).expectRequest("POST", "/restapi/v1.0/subscription", IDS);

    gateway.actions(conversation.onCancel()).expectStop();
  }

  @Test
  void theConnectedGaugeCountsALiveSubscribedConnectionOnce() {
    subscribed("sub-1");
    assertThat(metrics.connected.get()).isEqualTo(1);
    conversation.onClosed(T0);
    assertThat(metrics.connected.get()).isZero();
  }

  // --- both feeds ---

  private static final GatewayFilter P101 = GatewayFilter.presence("101");
  private static final GatewayFilter P102 = GatewayFilter.presence("102");
  private static final GatewayFilter T101 = GatewayFilter.telephony("101");
  private static final GatewayFilter T102 = GatewayFilter.telephony("102");
  private static final Set<GatewayFilter> ACCOUNT_WIDE = ordered(GatewayFilter.ACCOUNT_TELEPHONY, P101, P102);
  private static final Set<GatewayFilter> PER_EXTENSION = ordered(P101, T101, P102, T102);

  private GatewayConversation withFeeds(Set<GatewayFilter> filters) {
    return new GatewayConversation(
        1,
        filters,
        protocol,
        NotificationDecoder.presenceAndTelephony(PresenceCodec.create(), TelephonySessionCodec.create()),
        metrics,
        new Redactor(List.of("ws-secret")),
        REQUEST_TIMEOUT,
        Duration.ofSeconds(90),
        () -> "m" + ids.incrementAndGet());
  }

  @Test
  void subscribesBothFeedsReadsOnlyPresenceAndDeliversTelephonySessionsAsTheirOwnInput() {
    GatewayConversation both = withFeeds(ACCOUNT_WIDE);
    Script g = new Script(both);
    both.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", ACCOUNT_WIDE)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();

    assertThat(both.onFrame(sessionNotification("sub-1", 2), T0.plusSeconds(3)))
        .singleElement()
        .isInstanceOfSatisfying(Notify.class, n -> assertThat(n.input())
            .isInstanceOfSatisfying(EngineInput.TelephonySessionReceived.class, t -> {
              assertThat(t.notification().telephonySessionId()).isEqualTo("s-1");
              assertThat(t.receivedAt()).isEqualTo(T0.plusSeconds(3));
            }));
    assertThat(both.onFrame(notification("sub-1", 3), T0)).singleElement().isInstanceOfSatisfying(Notify.class,
        n -> assertThat(n.input()).isInstanceOf(EngineInput.NotificationReceived.class));
    g.receive(sessionNotification("someone-elses", 4)).expectNothing();
  }

  @Test
  void aSubscriptionRefusedForItsTelephonyFilterIsToldAndWaitsForTheFiltersPlannedInstead() {
    GatewayConversation both = withFeeds(ACCOUNT_WIDE);
    Script g = new Script(both);
    both.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", ACCOUNT_WIDE)
        .thenRespond(error(403, "CMN-402", "Administrator permission required"))
        .expectFeedRefused(true)
        .expectNothing();
    assertThat(metrics.connected.get()).as("refused: not subscribed").isZero();

    g.actions(both.onFiltersChanged(PER_EXTENSION))
        .expectFilters("POST", "/restapi/v1.0/subscription", PER_EXTENSION)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();
  }

  @Test
  void aRefusalArrivingAfterTheFiltersChangedAsksAgainAtOnce() {
    GatewayConversation both = withFeeds(ACCOUNT_WIDE);
    Script g = new Script(both);
    both.onConnecting(T0);
    g.receive(details(1)).expectFilters("POST", "/restapi/v1.0/subscription", ACCOUNT_WIDE);
    g.actions(both.onFiltersChanged(PER_EXTENSION)).expectNothing();
    g.thenRespond(error(403, "CMN-402", "Administrator permission required"))
        .expectFeedRefused(true)
        .expectFilters("POST", "/restapi/v1.0/subscription", PER_EXTENSION)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();
  }

  @Test
  void aPresenceRefusalIsNotBlamedOnTheTelephonyFilters() {
    GatewayConversation both = withFeeds(PER_EXTENSION);
    Script g = new Script(both);
    both.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", PER_EXTENSION)
        .thenRespond(error(403, "SUB-403", "User disallowed to monitor his presence"))
        .expectFail(e -> assertThat(e.isTransient()).isFalse())
        .expectNothing();
  }

  @Test
  void aRefusedUpdateKeepsTheSubscriptionDeliveringUntilFiltersWithoutTelephonyAreSent() {
    GatewayConversation both = withFeeds(presence(IDS));
    Script g = new Script(both);
    both.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", presence(IDS))
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected();
    g.actions(both.onFiltersChanged(PER_EXTENSION))
        .expectFilters("PUT", "/restapi/v1.0/subscription/sub-1", PER_EXTENSION)
        .thenRespond(error(403, "CMN-401",
            "In order to call this API endpoint, application needs to have [CallControl] permission"))
        .expectFeedRefused(false)
        .expectNothing();
    g.receive(notification("sub-1", 2)).expectNotify("sub-1");

    g.actions(both.onFiltersChanged(presence(IDS)))
        .expectFilters("PUT", "/restapi/v1.0/subscription/sub-1", presence(IDS))
        .thenRespond(reply(200, "sub-1"))
        .expectNothing();
    assertThat(metrics.connected.get()).isEqualTo(1);
  }

  @Test
  void tellsWhichFiltersTheServerAcceptedButDisabled() {
    GatewayConversation both = withFeeds(PER_EXTENSION);
    Script g = new Script(both);
    String disabled = "/restapi/v1.0/account/~/extension/102/telephony/sessions";
    both.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", PER_EXTENSION)
        .thenRespond(id -> frame(
            "{\"type\":\"ClientRequest\",\"messageId\":\"" + id + "\",\"status\":200}",
            "{\"id\":\"sub-1\",\"status\":\"Active\",\"eventFilters\":[],\"disabledFilters\":[{\"filter\":\""
                + disabled + "\",\"reason\":\"FeatureNotAvailable\",\"message\":\"not for this extension type\"}]}"))
        .expectFiltersDisabled(disabled)
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();
  }

  @Test
  void anExtensionListNotificationIsToldAsADirectoryChangeOnlyToASubscriptionWithThatFilter() {
    Set<GatewayFilter> filters = ordered(GatewayFilter.EXTENSION_LIST, P101, P102);
    GatewayConversation withList = withFeeds(filters);
    Script g = new Script(withList);
    withList.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", filters)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();

    assertThat(withList.onFrame(extensionListNotification("sub-1", 2, "Delete"), T0))
        .singleElement()
        .isInstanceOfSatisfying(GatewayConversation.DirectoryChanged.class, changed -> {
          assertThat(changed.event().extensionId()).isEqualTo("103");
          assertThat(changed.event().eventType()).isEqualTo(ExtensionListEvent.Type.DELETE);
        });
    g.receive(extensionListNotification("someone-elses", 3, "Create")).expectNothing();
    assertThat(metrics.notificationsIgnored.count()).isEqualTo(1);

    // Without the filter it is what it always was: a notification of no feed, counted and skipped.
    GatewayConversation without = withFeeds(ordered(P101, P102));
    Script plain = new Script(without);
    without.onConnecting(T0);
    plain.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", ordered(P101, P102))
        .thenRespond(reply(200, "sub-2"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();
    plain.receive(extensionListNotification("sub-2", 2, "Create")).expectNothing();
    assertThat(registry.get("presence.connection.decode.errors").tag("reason", "not_presence").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aCallQueuePresenceNotificationIsToldAsAQueueChangeBesideTheExtensionList() {
    GatewayFilter sales = GatewayFilter.queuePresence("61000000004");
    Set<GatewayFilter> filters = ordered(GatewayFilter.EXTENSION_LIST, sales, P101, P102);
    GatewayConversation conversation = withFeeds(filters);
    Script g = new Script(conversation);
    conversation.onConnecting(T0);
    g.receive(details(1))
        .expectFilters("POST", "/restapi/v1.0/subscription", filters)
        .thenRespond(reply(200, "sub-1"))
        .expectSnapshot(IDS, SnapshotReason.INITIAL)
        .expectConnected()
        .expectNothing();

    assertThat(conversation.onFrame(queuePresenceNotification("sub-1", 2, "61000000004", "{\"id\":\"101\"}"), T0))
        .singleElement()
        .isInstanceOfSatisfying(GatewayConversation.QueuePresenceChanged.class, changed -> {
          assertThat(changed.event().queueId()).isEqualTo("61000000004");
          assertThat(changed.event().changes()).containsExactly(
              new io.presencestream.codec.CallQueuePresenceEvent.MemberChange("101", false));
        });
    assertThat(conversation.onFrame(extensionListNotification("sub-1", 3, "Delete"), T0))
        .as("the extension list still reaches the directory").singleElement()
        .isInstanceOf(GatewayConversation.DirectoryChanged.class);
    g.receive(queuePresenceNotification("someone-elses", 4, "61000000004", "{\"id\":\"101\"}")).expectNothing();
    assertThat(metrics.notificationsIgnored.count()).isEqualTo(1);
    g.receive(queuePresenceNotification("sub-1", 5, "61000000004", "\"not an object\"")).expectNothing();
    assertThat(registry.get("presence.connection.decode.errors").tag("reason", "wrong_shape").counter().count())
        .as("a bad one is counted and skipped").isEqualTo(1);
  }

  private static String queuePresenceNotification(String subscriptionId, long sequence, String queue, String member) {
    return frame(
        "{\"type\":\"ServerNotification\",\"messageId\":\"q" + sequence + "\",\"status\":200,"
            + "\"wsc\":{\"token\":\"wsc-" + sequence + "\",\"sequence\":" + sequence + "}}",
        "{\"uuid\":\"q" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/call-queues/" + queue + "/presence\","
            + "\"timestamp\":\"2026-01-01T09:00:01.000Z\",\"subscriptionId\":\"" + subscriptionId + "\","
            + "\"ownerId\":\"101\",\"body\":{\"records\":[{\"member\":" + member
            + ",\"acceptCurrentQueueCalls\":false}]}}");
  }

  private static String extensionListNotification(String subscriptionId, long sequence, String type) {
    return frame(
        "{\"type\":\"ServerNotification\",\"messageId\":\"x" + sequence + "\",\"status\":200,"
            + "\"wsc\":{\"token\":\"wsc-" + sequence + "\",\"sequence\":" + sequence + "}}",
        "{\"uuid\":\"x" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension\","
            + "\"timestamp\":\"2026-01-01T09:00:01.000Z\",\"subscriptionId\":\"" + subscriptionId + "\","
            + "\"ownerId\":\"101\",\"body\":{\"extensionId\":\"103\",\"eventType\":\"" + type + "\"}}");
  }

  private static Set<GatewayFilter> ordered(GatewayFilter... filters) {
    return new java.util.LinkedHashSet<>(List.of(filters));
  }

  private static String sessionNotification(String subscriptionId, long sequence) {
    return frame(
        "{\"type\":\"ServerNotification\",\"messageId\":\"t" + sequence + "\",\"status\":200,"
            + "\"wsc\":{\"token\":\"wsc-" + sequence + "\",\"sequence\":" + sequence + "}}",
        "{\"uuid\":\"t" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension/101/telephony/sessions\","
            + "\"timestamp\":\"2026-01-01T09:00:01.000Z\",\"subscriptionId\":\"" + subscriptionId + "\","
            + "\"body\":{\"sequence\":" + sequence + ",\"telephonySessionId\":\"s-1\",\"parties\":[{\"id\":\"p-1\","
            + "\"extensionId\":\"101\",\"direction\":\"Inbound\",\"status\":{\"code\":\"Proceeding\"}}]}}");
  }

  // --- the script ---

  private static Set<GatewayFilter> presence(Set<String> ids) {
    Set<GatewayFilter> filters = new java.util.LinkedHashSet<>();
    ids.forEach(id -> filters.add(GatewayFilter.presence(id)));
    return filters;
  }

  private void subscribed(String subscriptionId) {
    conversation.onConnecting(T0);
    gateway
        .receive(details(1))
        .expectRequest("POST", "/restapi/v1.0/subscription", GatewayFilter.presenceIds(conversation.filters()))
        .thenRespond(reply(200, subscriptionId))
        .expectSnapshot(GatewayFilter.presenceIds(conversation.filters()), null)
        .expectConnected()
        .expectNothing();
  }

  /** Builds a server frame answering the request with the given message id. */
  private interface Response {
    String to(String messageId);
  }

  private static Response reply(int status, String subscriptionId) {
    return id -> frame(
        "{\"type\":\"ClientRequest\",\"messageId\":\"" + id + "\",\"status\":" + status
            + (subscriptionId == null ? "" : ",\"headers\":{\"WSG-SubscriptionId\":\"" + subscriptionId + "\"}") + "}",
        null);
  }

  private static Response error(int status, String code, String message) {
    return id -> frame(
        "{\"type\":\"ClientRequest\",\"messageId\":\"" + id + "\",\"status\":" + status + "}",
        "{\"errorCode\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  private static String frame(String header, String body) {
    return body == null ? "[" + header + "]" : "[" + header + "," + body + "]";
  }

  private static String details(long sequence) {
    return frame(
        "{\"type\":\"ConnectionDetails\",\"messageId\":\"d\",\"status\":200,\"wsc\":{\"token\":\"wsc-" + sequence
            + "\",\"sequence\":" + sequence + "}}",
        "{\"creationTime\":\"2026-01-01T09:00:00.000+0000\",\"recoveryTimeout\":180,\"idleTimeout\":1800}");
  }

  private static String recoveredDetails(long sequence) {
    return frame(
        "{\"type\":\"ConnectionDetails\",\"messageId\":\"d\",\"status\":200,\"wsc\":{\"token\":\"wsc-" + sequence
            + "\",\"sequence\":" + sequence + "}}",
        "{\"recoveryState\":\"Successful\",\"recoveryTimeout\":180}");
  }

  private static String notification(String subscriptionId, long sequence) {
    return frame(
        "{\"type\":\"ServerNotification\",\"messageId\":\"n" + sequence + "\",\"status\":200,"
            + "\"wsc\":{\"token\":\"wsc-" + sequence + "\",\"sequence\":" + sequence + "}}",
        "{\"uuid\":\"n" + sequence + "\","
            + "\"event\":\"/restapi/v1.0/account/1/extension/101/presence?detailedTelephonyState=true&sipData=true\","
            + "\"timestamp\":\"2026-01-01T09:00:01.000Z\",\"subscriptionId\":\"" + subscriptionId + "\",\"ownerId\":\"101\","
            + "\"body\":{\"extensionId\":\"101\",\"telephonyStatus\":\"NoCall\",\"presenceStatus\":\"Available\","
            + "\"sequence\":" + sequence + "}}");
  }

  /** The gateway's side: feeds frames in and expects the conversation's actions one by one, in order. */
  private final class Script {
    private final GatewayConversation conversation;
    private final Deque<Action> actions = new ArrayDeque<>();
    private String lastRequestId;
    RequestTimeout lastTimer;
    Duration lastTimerDelay;

    Script(GatewayConversation conversation) {
      this.conversation = conversation;
    }

    Script receive(String text) {
      return actions(conversation.onFrame(text, T0));
    }

    Script idle() {
      return actions(conversation.onIdle());
    }

    Script actions(List<Action> produced) {
      actions.addAll(produced);
      return this;
    }

    /** The next action sends a request; its timer follows. {@code filterIds} null: a request without body. */
    Script expectRequest(String method, String path, Set<String> filterIds) {
      expectSend(frame -> {
        assertThat(frame.type()).isEqualTo(FrameType.CLIENT_REQUEST);
        assertThat(frame.header().method()).isEqualTo(method);
        assertThat(frame.header().path()).isEqualTo(path);
        if (filterIds == null) {
          assertThat(frame.body()).isNull();
        } else {
          SubscriptionRequest request = protocol.decodeSubscriptionRequest(frame.body());
          assertThat(request.eventFilters()).containsExactlyInAnyOrderElementsOf(GatewayConversation.paths(presence(filterIds)));
        }
        lastRequestId = frame.header().messageId();
      });
      Action timer = next();
      assertThat(timer).isInstanceOf(StartTimer.class);
      lastTimer = ((StartTimer) timer).timer();
      lastTimerDelay = ((StartTimer) timer).delay();
      assertThat(lastTimer.messageId()).isEqualTo(lastRequestId);
      return this;
    }

    /** The next action sends a subscription request for exactly these filters, in this order. */
    Script expectFilters(String method, String path, Set<GatewayFilter> filters) {
      expectSend(frame -> {
        assertThat(frame.header().method()).isEqualTo(method);
        assertThat(frame.header().path()).isEqualTo(path);
        assertThat(protocol.decodeSubscriptionRequest(frame.body()).eventFilters())
            .containsExactlyElementsOf(GatewayConversation.paths(filters));
        lastRequestId = frame.header().messageId();
      });
      assertThat(next()).isInstanceOf(StartTimer.class);
      return this;
    }

    Script expectFeedRefused(boolean accountLevel) {
      Action action = next();
      assertThat(action).isInstanceOfSatisfying(FeedRefused.class, r -> {
        assertThat(r.accountLevel()).isEqualTo(accountLevel);
        assertThat(r.error().httpStatus()).isEqualTo(403);
      });
      return this;
    }

    Script expectFiltersDisabled(String... filters) {
      Action action = next();
      assertThat(action).isInstanceOfSatisfying(FiltersDisabled.class,
          d -> assertThat(d.filters()).extracting(DisabledFilter::filter).containsExactly(filters));
      return this;
    }

    /** Answers the last request. */
    Script thenRespond(Response response) {
      return receive(response.to(lastRequestId));
    }

    Script expectSend(Consumer<Frame> check) {
      Action action = next();
      assertThat(action).isInstanceOf(Send.class);
      check.accept(protocol.decodeFrame(((Send) action).text()));
      return this;
    }

    /** {@code reason} null: any reason. */
    Script expectSnapshot(Set<String> extensionIds, SnapshotReason reason) {
      Action action = next();
      assertThat(action).isInstanceOf(Snapshot.class);
      Snapshot snapshot = (Snapshot) action;
      assertThat(snapshot.extensionIds()).containsExactlyInAnyOrderElementsOf(extensionIds);
      if (reason != null) {
        assertThat(snapshot.reason()).isEqualTo(reason);
      }
      return this;
    }

    Script expectNotify(String subscriptionId) {
      Action action = next();
      assertThat(action).isInstanceOf(Notify.class);
      assertThat(((EngineInput.NotificationReceived) ((Notify) action).input()).notification().subscriptionId())
          .isEqualTo(subscriptionId);
      return this;
    }

    Script expectConnected() {
      assertThat(next()).isInstanceOf(Connected.class);
      return this;
    }

    Script expectInvalidateWsToken() {
      assertThat(next()).isInstanceOf(InvalidateWsToken.class);
      return this;
    }

    Script expectFail(Consumer<RingCentralException> check) {
      Action action = next();
      assertThat(action).isInstanceOf(Fail.class);
      check.accept(((Fail) action).error());
      return this;
    }

    Script expectStop() {
      assertThat(next()).isInstanceOf(Stop.class);
      return this;
    }

    Script expectNothing() {
      assertThat(actions).as("actions left").isEmpty();
      return this;
    }

    private Action next() {
      assertThat(actions).as("an action").isNotEmpty();
      return actions.poll();
    }
  }
}
