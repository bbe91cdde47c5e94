package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromTheMinimumUpToTheCeilingWithoutJitter() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(120), 0, () -> 0.5);

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.delay(8)).isEqualTo(Duration.ofSeconds(120));
    assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void jitterSpreadsDelaysAroundTheBaseButNeverPastTheCeiling() {
    SplittableRandom random = new SplittableRandom(42);
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, random::nextDouble);

    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.delay(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
      assertThat(backoff.delay(20)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
  }

  @Test
  void aRateLimitedFailureWaitsAtLeastItsRetryAfter() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0, () -> 0.5);
    TransientRingCentralException limited =
        new TransientRingCentralException("rate limited", 429, "CMN-301", Duration.ofSeconds(7));

    assertThat(backoff.delay(1, limited)).isEqualTo(Duration.ofSeconds(7));
    assertThat(backoff.delay(1, new TransientRingCentralException("dropped"))).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void attemptsCountFromOne() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0, () -> 0.5);

    assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
