package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class SingleFlightTest {

  private static final Duration SHORT = Duration.ofSeconds(2);

  @Test
  void callersArrivingDuringARunShareIt() {
    SingleFlight<String> flight = new SingleFlight<>();
    Sinks.One<String> work = Sinks.one();
    AtomicInteger runs = new AtomicInteger();

    Mono<String> first = flight.run(() -> { runs.incrementAndGet(); return work.asMono(); });
    Mono<String> second = flight.run(() -> { runs.incrementAndGet(); return work.asMono(); });

    StepVerifier.create(Mono.zip(first, second))
        .then(() -> work.tryEmitValue("token"))
        .assertNext(t -> assertThat(t.getT1()).isEqualTo("token").isEqualTo(t.getT2()))
        .verifyComplete();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aCallerWaitingWhenItIsDisposedGetsSourceClosed() {
    SingleFlight<String> flight = new SingleFlight<>();
    Mono<String> waiting = flight.run(Mono::never);

    StepVerifier.create(waiting)
        .then(flight::dispose)
        .expectError(SourceClosedException.class)
        .verify(SHORT);
  }

  @Test
  void aCallerArrivingAfterDisposeGetsSourceClosedInsteadOfWaitingForever() {
    SingleFlight<String> flight = new SingleFlight<>();
    flight.dispose();
    AtomicInteger runs = new AtomicInteger();

    StepVerifier.create(flight.run(() -> { runs.incrementAndGet(); return Mono.just("late"); }))
        .expectError(SourceClosedException.class)
        .verify(SHORT);
    StepVerifier.create(flight.run(Mono::never))
        .expectError(SourceClosedException.class)
        .verify(SHORT);
    assertThat(runs).as("no work starts after dispose").hasValue(0);
  }
}
