package io.presencestream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsAWholeNumberWithAUnitOrIso8601() {
    assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(Durations.parse(" 15 s ")).contains(Duration.ofSeconds(15));
    assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
    assertThat(Durations.parse("PT0.5S")).contains(Duration.ofMillis(500));
  }

  @Test
  void refusesWhatHasNoUnitOrCannotBeADuration() {
    for (String text : new String[] {"3", "1.5", "1.5s", "-1s", "PT-1S", "10d", "soon", "", "99999999999999999999h"}) {
      assertThat(Durations.parse(text)).as(text).isEmpty();
    }
    assertThat(Durations.parse(null)).isEmpty();
  }
}
