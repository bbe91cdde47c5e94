package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ResyncDebouncerTest {

  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofSeconds(4);

  private static ResyncRequest resync(String id) {
    return new ResyncRequest(id, ResyncReason.TRUNCATED_CALL_LIST, Instant.EPOCH);
  }

  private static Flux<Set<String>> debounce(Flux<ResyncRequest> requests, AtomicInteger dropped, int maxPending) {
    return ResyncDebouncer.batches(requests, QUIET, MAX, maxPending, Schedulers.parallel(), dropped::incrementAndGet);
  }

  @Test
  void closesABatchAfterTwoQuietSeconds() {
    StepVerifier.withVirtualTime(
            () -> debounce(Flux.just(resync("101")).concatWith(Flux.never()), new AtomicInteger(), 100))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Set.of("101"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void coalescesRepeatedRequestsPerExtension() {
    Sinks.Many<ResyncRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.withVirtualTime(() -> debounce(requests.asFlux(), new AtomicInteger(), 100))
        .expectSubscription()
        .then(() -> requests.tryEmitNext(resync("101")))
        .thenAwait(Duration.ofMillis(500))
        .then(() -> requests.tryEmitNext(resync("102")))
        .then(() -> requests.tryEmitNext(resync("101")))
        .thenAwait(Duration.ofMillis(2000))
        .assertNext(batch -> assertThat(batch).containsExactly("101", "102"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aSteadyTrickleStillFlushesAfterFourSeconds() {
    Sinks.Many<ResyncRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.withVirtualTime(() -> debounce(requests.asFlux(), new AtomicInteger(), 100))
        .expectSubscription()
        .then(() -> requests.tryEmitNext(resync("101")))
        .thenAwait(Duration.ofMillis(1500))
        .then(() -> requests.tryEmitNext(resync("102")))
        .thenAwait(Duration.ofMillis(1500))
        .then(() -> requests.tryEmitNext(resync("103")))
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Set.of("101", "102", "103"))
        .then(() -> requests.tryEmitNext(resync("104")))
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(Set.of("104"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void requestsArrivingWhileTheConsumerIsBusyMergeIntoOneBatch() {
    Sinks.Many<ResyncRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.withVirtualTime(() -> debounce(requests.asFlux(), new AtomicInteger(), 100), 1)
        .expectSubscription()
        .then(() -> requests.tryEmitNext(resync("101")))
        .thenAwait(QUIET)
        .expectNext(Set.of("101"))
        .then(() -> requests.tryEmitNext(resync("102")))
        .thenAwait(Duration.ofSeconds(10))
        .then(() -> requests.tryEmitNext(resync("103")))
        .then(() -> requests.tryEmitNext(resync("102")))
        .expectNoEvent(Duration.ofSeconds(10))
        .thenRequest(1)
        .assertNext(batch -> assertThat(batch).containsExactly("102", "103"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void dropsAndCountsRequestsBeyondTheBound() {
    AtomicInteger dropped = new AtomicInteger();
    Sinks.Many<ResyncRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
    StepVerifier.withVirtualTime(() -> debounce(requests.asFlux(), dropped, 2))
        .expectSubscription()
        .then(() -> requests.tryEmitNext(resync("101")))
        .then(() -> requests.tryEmitNext(resync("102")))
        .then(() -> requests.tryEmitNext(resync("103")))
        .then(() -> requests.tryEmitNext(resync("101")))
        .thenAwait(QUIET)
        .expectNext(Set.of("101", "102"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(dropped).hasValue(1);
  }

  @Test
  void flushesWhatIsPendingWhenTheRequestsEnd() {
    StepVerifier.withVirtualTime(() -> debounce(Flux.just(resync("101"), resync("102")), new AtomicInteger(), 100))
        .expectNext(Set.of("101", "102"))
        .verifyComplete();
  }
}
