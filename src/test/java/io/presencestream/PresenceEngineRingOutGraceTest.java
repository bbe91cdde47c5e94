package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** On a raw-message stream that goes quiet, the engine's clock ends a RingOut grace period. */
class PresenceEngineRingOutGraceTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static String ringingInboundCall() {
    return "{\"uuid\":\"u1\",\"event\":\"/restapi/v1.0/account/1/extension/101/presence"
        + "?detailedTelephonyState=true&sipData=true\",\"timestamp\":\"2026-11-26T10:00:00.000Z\","
        + "\"subscriptionId\":\"s\",\"ownerId\":\"101\",\"body\":{\"extensionId\":\"101\",\"sequence\":1,"
        + "\"activeCalls\":[{\"id\":\"c1\",\"direction\":\"Inbound\",\"from\":\"+16505550100\",\"to\":\"+16505550199\","
        + "\"telephonyStatus\":\"Ringing\",\"sessionId\":\"11000\"}]}}";
  }

  @Test
  void heldInboundCallIsAnnouncedWhenTheClockPassesTheGracePeriodWithoutAnotherMessage() {
    SteppingClock clock = new SteppingClock(T0);
    PresenceEngine engine = PresenceEngine.create(
        EngineOptions.builder().ringOutGrace(Duration.ofMillis(200)).build(), new SimpleMeterRegistry(), clock);

    engine.events(Flux.concat(Flux.just(ringingInboundCall()), Flux.never()))
        .filter(event -> event.kind() != EventKind.PRESENCE)
        .as(StepVerifier::create)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(300))
        .then(() -> clock.set(T0.plusMillis(200)))
        .assertNext(event -> {
          assertThat(event).isInstanceOf(PresenceEvent.CallStarted.class);
          assertThat(event.at()).isEqualTo(T0.plusMillis(200));
        })
        .assertNext(event -> assertThat(event.kind()).isEqualTo(EventKind.CALL_RINGING))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }
}
