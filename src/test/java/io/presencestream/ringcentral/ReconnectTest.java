package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ReconnectTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 0, () -> 0.5);
  private final List<Duration> delays = new ArrayList<>();

  private static Mono<String> failingTimes(int failures, AtomicInteger calls, Throwable failure) {
    return Mono.defer(() -> calls.incrementAndGet() <= failures ? Mono.error(failure) : Mono.just("connected"));
  }

  @Test
  void waitsLongerAfterEachConsecutiveFailure() {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () -> {
              Reconnect reconnect = new Reconnect(backoff, Schedulers.parallel());
              return failingTimes(5, calls, new TransientRingCentralException("dropped"))
                  .retryWhen(reconnect.retry(() -> false, (f, n, d) -> delays.add(d)));
            })
        .expectSubscription()
        .expectNoEvent(Duration.ofSeconds(1 + 2 + 4 + 8 + 8).minusMillis(1))
        .thenAwait(Duration.ofMillis(1))
        .expectNext("connected")
        .verifyComplete();
    assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L);
  }

  @Test
  void startsFromTheFirstDelayAgainOnceConnected() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger again = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () -> {
              Reconnect reconnect = new Reconnect(backoff, Schedulers.parallel());
              Mono<String> first =
                  failingTimes(2, calls, new TransientRingCentralException("dropped"))
                      .retryWhen(reconnect.retry(() -> false, (f, n, d) -> delays.add(d)));
              Mono<String> second =
                  failingTimes(1, again, new TransientRingCentralException("dropped"))
                      .retryWhen(reconnect.retry(() -> false, (f, n, d) -> delays.add(d)));
              return first.doOnNext(connected -> reconnect.reset()).concatWith(second);
            })
        .thenAwait(Duration.ofSeconds(3))
        .expectNext("connected")
        .thenAwait(Duration.ofSeconds(1))
        .expectNext("connected")
        .verifyComplete();
    assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 1L);
  }

  @Test
  void honoursRetryAfterAndTreatsGatewayTimeoutsAsAFreshStart() {
    List<Throwable> failures =
        List.of(
            new TransientRingCentralException("dropped"),
            new TransientRingCentralException("dropped"),
            new TransientRingCentralException("rate limited", 429, "CMN-301", Duration.ofSeconds(30)),
            new TransientRingCentralException("idle", 0, "WSG-902", null));
    assertThat(delaysAfter(failures)).extracting(Duration::toSeconds).containsExactly(1L, 2L, 30L, 1L);
  }

  @Test
  void aRateLimitWaitsItsRetryAfterWithoutRaisingTheBackoff() {
    List<Throwable> failures =
        List.of(
            new TransientRingCentralException("dropped"),
            new TransientRingCentralException("rate limited", 429, "CMN-301", Duration.ofSeconds(5)),
            new TransientRingCentralException("rate limited", 429, "CMN-301", Duration.ofSeconds(5)),
            new TransientRingCentralException("dropped"));
    assertThat(delaysAfter(failures)).extracting(Duration::toSeconds).containsExactly(1L, 5L, 5L, 2L);
  }

  @Test
  void aStaleCredentialIsRetriedAtOnceButASecondOneInARowBacksOff() {
    List<Throwable> failures =
        List.of(
            new TransientRingCentralException("dropped"),
            new TransientRingCentralException("WebSocket upgrade refused with status 401", 401, null, null),
            new TransientRingCentralException("WebSocket upgrade refused with status 401", 401, null, null),
            new TransientRingCentralException("dropped"),
            new TransientRingCentralException("WebSocket upgrade refused with status 401", 401, null, null));
    assertThat(delaysAfter(failures)).extracting(Duration::toSeconds).containsExactly(1L, 0L, 2L, 4L, 0L);
  }

  /** Fails with {@code failures} in turn, then connects; the delays the reconnect waited. */
  private List<Duration> delaysAfter(List<Throwable> failures) {
    AtomicInteger calls = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () -> {
              Reconnect reconnect = new Reconnect(backoff, Schedulers.parallel());
              return Mono.defer(
                      () -> {
                        int n = calls.getAndIncrement();
                        return n < failures.size() ? Mono.<String>error(failures.get(n)) : Mono.just("connected");
                      })
                  .retryWhen(reconnect.retry(() -> false, (f, n, d) -> delays.add(d)));
            })
        .thenAwait(Duration.ofMinutes(1))
        .expectNext("connected")
        .verifyComplete();
    return delays;
  }

  @Test
  void givesUpAtOnceOnAPermanentError() {
    PermanentRingCentralException rejected = new PermanentRingCentralException("bad credentials", 400, "invalid_grant");
    StepVerifier.withVirtualTime(
            () ->
                Mono.error(rejected)
                    .retryWhen(new Reconnect(backoff, Schedulers.parallel()).retry(() -> false, (f, n, d) -> delays.add(d))))
        .expectErrorMatches(e -> e == rejected)
        .verify(Duration.ofSeconds(5));
    assertThat(delays).isEmpty();
  }
}
