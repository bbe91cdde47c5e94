package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class KeepAliveTest {

  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @Test
  void sendsAHeartbeatAfterAQuietMinuteAndGivesUpWhenNothingAnswers() {
    AtomicInteger heartbeats = new AtomicInteger();
    Sinks.Many<Long> frames = Sinks.many().multicast().directBestEffort();
    StepVerifier.withVirtualTime(
            () ->
                KeepAlive.watchdog(
                    frames.asFlux(), INTERVAL, TIMEOUT, heartbeats::incrementAndGet,
                    () -> new TransientRingCentralException("dead"), Schedulers.parallel()))
        .expectSubscription()
        .thenAwait(INTERVAL.minusSeconds(1))
        .then(() -> assertThat(heartbeats).hasValue(0))
        .thenAwait(Duration.ofSeconds(1))
        .then(() -> assertThat(heartbeats).hasValue(1))
        .expectNoEvent(TIMEOUT.minusMillis(1))
        .thenAwait(Duration.ofMillis(1))
        .expectErrorMessage("dead")
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void everyFrameRestartsTheClockAndAnAnswerKeepsTheConnection() {
    AtomicInteger heartbeats = new AtomicInteger();
    Sinks.Many<Long> frames = Sinks.many().multicast().directBestEffort();
    StepVerifier.withVirtualTime(
            () ->
                KeepAlive.watchdog(
                    frames.asFlux(), INTERVAL, TIMEOUT, heartbeats::incrementAndGet,
                    () -> new TransientRingCentralException("dead"), Schedulers.parallel()))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(50))
        .then(() -> frames.tryEmitNext(1L))
        .thenAwait(Duration.ofSeconds(50))
        .then(() -> assertThat(heartbeats).hasValue(0))
        .thenAwait(Duration.ofSeconds(10))
        .then(() -> assertThat(heartbeats).hasValue(1))
        .thenAwait(Duration.ofSeconds(5))
        .then(() -> frames.tryEmitNext(2L)) // the heartbeat's answer
        .expectNoEvent(Duration.ofSeconds(59))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(heartbeats).hasValue(1);
  }
}
