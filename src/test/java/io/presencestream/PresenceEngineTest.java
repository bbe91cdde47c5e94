package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Availability;
import io.presencestream.model.Direction;
import io.presencestream.model.EngineInput;
import io.presencestream.model.EventKind;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.model.WebRtcSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class PresenceEngineTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PresenceEngine engine =
      PresenceEngine.create(EngineOptions.defaults(), registry, Clock.fixed(T0, ZoneOffset.UTC));

  private static ActiveCall call(String sessionId, TelephonyStatus status) {
    return new ActiveCall("c" + sessionId, Direction.INBOUND, "104", null, "101", null, null, status,
        TerminationType.FINAL, sessionId, null, null, false, new SipData(null, null, "sip:104@sip.example", null, null));
  }

  private static EngineInput notification(long sequence, long second, UserStatus user, Integer total, ActiveCall... calls) {
    PresenceUpdate body = new PresenceUpdate("101", sequence, user, null, null, null, null, null, total, List.of(calls));
    Instant at = T0.plusSeconds(second);
    return new EngineInput.NotificationReceived(new Notification("u" + sequence, "/presence", at, "s", "101", body), at);
  }

  private static String rawNotification(long sequence, String userStatus) {
    return "{\"uuid\":\"u" + sequence + "\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence"
        + "?detailedTelephonyState=true&sipData=true\",\"timestamp\":\"2026-11-26T10:00:00.000Z\","
        + "\"subscriptionId\":\"s\",\"ownerId\":\"101\",\"body\":{\"extensionId\":\"101\",\"sequence\":" + sequence
        + ",\"userStatus\":\"" + userStatus + "\",\"activeCalls\":[]}}";
  }

  @Test
  void processEmitsEventsInInputOrderAndCompletes() {
    engine.process(Flux.just(
            notification(1, 0, UserStatus.AVAILABLE, null),
            notification(2, 1, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.RINGING)),
            notification(3, 2, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.CALL_CONNECTED)),
            notification(4, 9, UserStatus.AVAILABLE, null)))
        .map(PresenceEvent::kind)
        .as(StepVerifier::create)
        .expectNext(EventKind.PRESENCE, EventKind.CALL_NEW, EventKind.CALL_RINGING, EventKind.CALL_UPDATED,
            EventKind.CALL_ENDED)
        .verifyComplete();

    assertThat(engine.state("101")).get().satisfies(state -> {
      assertThat(state.sequence()).isEqualTo(4L);
      assertThat(state.calls()).isEmpty();
    });
  }

  @Test
  void publishesStateAfterEveryAppliedInput() {
    engine.process(Flux.just(notification(1, 0, UserStatus.BUSY, null, call("1", TelephonyStatus.RINGING))))
        .as(StepVerifier::create)
        .expectNextCount(3)
        .verifyComplete();

    assertThat(engine.states()).containsOnlyKeys("101");
    assertThat(engine.state("101").orElseThrow().presence().status()).isEqualTo(Availability.BUSY);
    assertThat(engine.state("101").orElseThrow().calls()).hasSize(1);
  }

  @Test
  void badRawMessageInTheMiddleIsCountedAndDoesNotStopTheStream() {
    engine.events(Flux.just(rawNotification(1, "Available"), "{not json", "[1,2", rawNotification(2, "Busy")))
        .as(StepVerifier::create)
        .assertNext(e -> assertThat(((PresenceEvent.PresenceChanged) e).presence().status()).isEqualTo(Availability.AVAILABLE))
        .assertNext(e -> assertThat(((PresenceEvent.PresenceChanged) e).presence().status()).isEqualTo(Availability.BUSY))
        .expectComplete()
        .verify(TIMEOUT);

    double decodeErrors = registry.find("presence.engine.decode.errors").counters().stream()
        .mapToDouble(c -> c.count()).sum();
    assertThat(decodeErrors).isEqualTo(2);
  }

  @Test
  void rawMessagesAreStampedWithTheEnginesClock() {
    engine.events(Flux.just(rawNotification(1, "Available")))
        .as(StepVerifier::create)
        .assertNext(e -> assertThat(e.at()).isEqualTo(T0))
        .verifyComplete();
  }

  @Test
  void decodesByteMessagesToo() {
    engine.eventsFromBytes(Flux.just(rawNotification(1, "Offline").getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}))
        .as(StepVerifier::create)
        .assertNext(e -> assertThat(((PresenceEvent.PresenceChanged) e).presence().status()).isEqualTo(Availability.INVISIBLE))
        .verifyComplete();
  }

  @Test
  void resyncRequestsArriveOnTheirOwnStream() {
    StepVerifier resyncs = engine.resyncRequests().take(1).as(StepVerifier::create)
        .expectNext(new ResyncRequest("101", ResyncReason.TRUNCATED_CALL_LIST, T0.plusSeconds(1)))
        .expectComplete()
        .verifyLater();

    engine.process(Flux.just(notification(1, 0, UserStatus.AVAILABLE, null),
            notification(2, 1, UserStatus.AVAILABLE, 3, call("1", TelephonyStatus.RINGING))))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    resyncs.verify(TIMEOUT);
  }

  @Test
  void aResyncRequestEmittedWhileAnotherThreadDeliversOneIsQueuedNotLostAndNobodyWaits() throws Exception {
    java.util.concurrent.CountDownLatch firstDelivered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch releaseFirst = new java.util.concurrent.CountDownLatch(1);
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    engine.resyncRequests().subscribe(request -> {
      received.add(request.extensionId());
      if (request.extensionId().equals("101")) {
        firstDelivered.countDown();
        try {
          releaseFirst.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Thread first = new Thread(() -> engine.process(Flux.just(truncated("101"))).blockLast(TIMEOUT));
    first.start();
    assertThat(firstDelivered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    // The first stream's thread is inside the delivery of its request: the second neither waits nor loses its own.
    engine.process(Flux.just(truncated("102"))).then().block(TIMEOUT);
    assertThat(received).containsExactly("101");
    releaseFirst.countDown();
    first.join(TIMEOUT.toMillis());

    assertThat(received).containsExactly("101", "102");
    assertThat(registry.get("presence.engine.resync.dropped").counter().count()).isZero();
  }

  private static EngineInput truncated(String extensionId) {
    PresenceUpdate body = new PresenceUpdate(extensionId, 1L, null, null, null, null, null, null, 2, List.of());
    return new EngineInput.NotificationReceived(new Notification("u", "/presence", T0, "s", extensionId, body), T0);
  }

  @Test
  void slowResyncSubscriberKeepsTheNewestRequestsAndDropsAreCounted() {
    List<ResyncRequest> received = new java.util.ArrayList<>();
    reactor.core.publisher.BaseSubscriber<ResyncRequest> slow = new reactor.core.publisher.BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
        // no demand yet
      }

      @Override
      protected void hookOnNext(ResyncRequest request) {
        received.add(request);
      }
    };
    engine.resyncRequests().subscribe(slow);
    int overflow = 100;
    engine.process(Flux.range(0, PresenceEngine.RESYNC_BUFFER + overflow).map(i -> {
          PresenceUpdate truncated = new PresenceUpdate("e" + i, 1L, null, null, null, null, null, null, 2, List.of());
          return new EngineInput.NotificationReceived(new Notification("u", "/presence", T0, "s", "e" + i, truncated), T0);
        }))
        .then()
        .block(TIMEOUT);

    slow.request(Long.MAX_VALUE);
    assertThat(received).hasSize(PresenceEngine.RESYNC_BUFFER);
    assertThat(received.get(0).extensionId()).isEqualTo("e" + overflow);
    assertThat(registry.get("presence.engine.resync.dropped").counter().count()).isEqualTo(overflow);
    slow.dispose();
  }

  @Test
  void snapshotAnswersAResyncThroughTheSamePath() {
    PresenceUpdate snapshot = new PresenceUpdate("101", null, UserStatus.AVAILABLE, null, null, null, null, null, null,
        List.of(call("1", TelephonyStatus.CALL_CONNECTED)));
    engine.process(Flux.just(notification(7, 0, UserStatus.AVAILABLE, null),
            new EngineInput.SnapshotReceived(snapshot, T0.plusSeconds(1))))
        .map(PresenceEvent::kind)
        .as(StepVerifier::create)
        .expectNext(EventKind.PRESENCE, EventKind.CALL_NEW)
        .verifyComplete();
    assertThat(engine.state("101").orElseThrow().sequence()).isEqualTo(7L);
  }

  @Test
  void cancelReleasesTheSourceAndTheTracker() {
    TestPublisher<EngineInput> source = TestPublisher.create();
    engine.process(source)
        .as(StepVerifier::create)
        .then(() -> source.next(notification(1, 0, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.RINGING))))
        .expectNextCount(3)
        .thenCancel()
        .verify(TIMEOUT);

    source.assertCancelled();
    assertThat(registry.get("presence.engine.extensions.tracked").gauge().value()).isZero();
    assertThat(registry.get("presence.engine.calls.active").gauge().value()).isZero();
    // what was learnt stays queryable
    assertThat(engine.state("101")).isPresent();
  }

  @Test
  void sourceErrorIsPassedOn() {
    engine.process(Flux.concat(Flux.just(notification(1, 0, UserStatus.AVAILABLE, null)),
            Flux.error(new IllegalStateException("socket closed"))))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .expectErrorMessage("socket closed")
        .verify(TIMEOUT);
  }

  @Test
  void aNewSubscriptionContinuesFromTheKnownState() {
    engine.process(Flux.just(notification(1, 0, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.RINGING))))
        .then().block(TIMEOUT);

    engine.process(Flux.just(notification(1, 6, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.CALL_CONNECTED))))
        .map(PresenceEvent::kind)
        .as(StepVerifier::create)
        .expectNext(EventKind.CALL_UPDATED)
        .verifyComplete();
    assertThat(engine.state("101").orElseThrow().sequence()).isEqualTo(1L);
  }

  @Test
  void registeredWebRtcSessionJoinsTheRunningStream() {
    TestPublisher<EngineInput> source = TestPublisher.create();
    WebRtcSession session = new WebRtcSession("w1", "101", "sip-1", null, Direction.INBOUND, "104", "101",
        T0.plusSeconds(1), null);
    engine.process(source)
        .as(StepVerifier::create)
        .then(() -> source.next(notification(1, 0, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.RINGING))))
        .expectNextCount(3)
        .then(() -> engine.registerWebRtcSession(session))
        .then(() -> assertThat(engine.state("101").orElseThrow().calls().get(0).webRtcSessionId()).isEqualTo("w1"))
        .then(() -> engine.removeWebRtcSession("101", "w1"))
        .then(() -> assertThat(engine.state("101").orElseThrow().calls().get(0).webRtcSessionId()).isNull())
        .then(source::complete)
        .verifyComplete();
  }

  @Test
  void sessionRegisteredBeforeSubscribingIsUsedByTheNextStream() {
    engine.registerWebRtcSession(new WebRtcSession("w1", "101", "sip-1", null, Direction.INBOUND, "104", "101",
        T0, null));
    engine.process(Flux.just(notification(1, 0, UserStatus.AVAILABLE, null, call("1", TelephonyStatus.RINGING))))
        .then().block(TIMEOUT);
    assertThat(engine.state("101").orElseThrow().calls().get(0).webRtcSessionId()).isEqualTo("w1");
  }

  @Test
  void statesCanBeReadFromAnotherThreadWhileProcessing() throws Exception {
    int inputs = 5_000;
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Throwable> readerFailure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        while (!done.get()) {
          engine.states().values().forEach(state -> assertThat(state.calls().size()).isLessThanOrEqualTo(1));
          engine.state("101").ifPresent(state -> assertThat(state.presence()).isNotNull());
        }
      } catch (Throwable t) {
        readerFailure.set(t);
      }
    });
    reader.start();
    try {
      engine.process(Flux.range(1, inputs).publishOn(reactor.core.scheduler.Schedulers.parallel())
              .map(i -> notification(i, i, i % 2 == 0 ? UserStatus.AVAILABLE : UserStatus.BUSY, null,
                  call(String.valueOf(i % 3), TelephonyStatus.RINGING))))
          .then()
          .block(Duration.ofSeconds(30));
    } finally {
      done.set(true);
      reader.join(5_000);
    }
    assertThat(readerFailure.get()).isNull();
    assertThat(engine.state("101").orElseThrow().sequence()).isEqualTo((long) inputs);
  }

  @Test
  void closeCompletesResyncRequestsAndIsIdempotent() {
    StepVerifier resyncs = engine.resyncRequests().as(StepVerifier::create).expectComplete().verifyLater();
    engine.close().then(engine.close()).block(TIMEOUT);
    resyncs.verify(TIMEOUT);
  }

  @Test
  void closeIsLazy() {
    engine.close();
    StepVerifier resyncs = engine.resyncRequests().as(StepVerifier::create)
        .expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verifyLater();
    resyncs.verify(TIMEOUT);
  }
}
