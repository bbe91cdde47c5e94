package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The contact-centre node's clock: the replay's instant while it replays, the wall clock less the delay once live. */
class CatchUpClockTest {

  private static final Instant MIDNIGHT = Instant.parse("2026-12-03T00:00:00Z");
  private static final Clock WALL = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void followsTheReplayNeverBackwardsThenTheWallClockLessTheDelay() {
    CatchUpClock clock = new CatchUpClock(WALL, Duration.ofSeconds(2), MIDNIGHT, true);
    assertThat(clock.instant()).as("before the first replayed event: the replay's start").isEqualTo(MIDNIGHT);
    clock.replayed(MIDNIGHT.plusSeconds(600));
    clock.replayed(MIDNIGHT.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(MIDNIGHT.plusSeconds(600));
    clock.goLive();
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-03T11:59:58Z"));
  }

  @Test
  void whatTheViewDerivesUpToTheReplaysLastInstantIsAReplay() {
    CatchUpClock clock = new CatchUpClock(WALL, Duration.ZERO, MIDNIGHT, true);
    clock.replayed(MIDNIGHT.plusSeconds(600));
    assertThat(clock.isReplay(MIDNIGHT.plusSeconds(900))).as("anything before going live").isTrue();
    clock.goLive();
    assertThat(clock.isReplay(MIDNIGHT.plusSeconds(600))).as("a replayed input applied after the switch").isTrue();
    assertThat(clock.isReplay(MIDNIGHT.plusSeconds(601))).isFalse();
  }

  @Test
  void withoutAReplayOnlyWhatCameBeforeGoingLiveIsWithheld() {
    CatchUpClock clock = new CatchUpClock(WALL, Duration.ZERO, WALL.instant(), false);
    assertThat(clock.isReplay(MIDNIGHT)).isTrue();
    clock.goLive();
    assertThat(clock.isReplay(MIDNIGHT)).as("latest: nothing was replayed").isFalse();
  }

  @Test
  void todayStartsAtMidnightInTheViewsZone() {
    assertThat(CatchUpClock.startOfToday(ZoneId.of("America/New_York"), WALL))
        .isEqualTo(Instant.parse("2026-12-03T05:00:00Z"));
    assertThat(CatchUpClock.startOfToday(ZoneOffset.UTC, WALL)).isEqualTo(MIDNIGHT);
  }
}
