package io.presencestream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngineOptionsTest {

  @Test
  void theBuilderStartsFromTheDefaults() {
    assertThat(EngineOptions.builder().build())
        .isEqualTo(EngineOptions.defaults())
        .isEqualTo(new EngineOptions(32, 1000, Duration.ZERO));
  }

  @Test
  void everyBuilderMethodSetsItsOption() {
    assertThat(everyOptionChanged()).isEqualTo(new EngineOptions(4, 50, Duration.ofMillis(1500)));
  }

  @Test
  void mutateStartsFromTheOptionsItIsCalledOn() {
    EngineOptions options = everyOptionChanged();

    assertThat(options.mutate().build()).isEqualTo(options);
    EngineOptions graceless = options.mutate().ringOutGrace(Duration.ZERO).build();
    assertThat(graceless.ringOutGrace()).isZero();
    assertThat(graceless).usingRecursiveComparison().ignoringFields("ringOutGrace").isEqualTo(options);
    assertThat(options.ringOutGrace()).as("the original is untouched").isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theSessionTrackersOptionsDefaultToItsOwnAndAreKeptByMutate() {
    SessionOptions sessions = SessionOptions.builder().maxSessionsPerExtension(8).switchGrace(Duration.ofSeconds(3)).build();

    assertThat(EngineOptions.defaults().sessions()).isEqualTo(SessionOptions.defaults());
    assertThat(new EngineOptions(32, 1000, Duration.ZERO).sessions()).isEqualTo(SessionOptions.defaults());
    EngineOptions options = EngineOptions.builder().sessions(sessions).build();
    assertThat(options.sessions()).isEqualTo(sessions);
    assertThat(options.mutate().maxCallsPerExtension(4).build().sessions()).isEqualTo(sessions);
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid(b -> b.maxCallsPerExtension(0), IllegalArgumentException.class,
            "maxCallsPerExtension must be at least 1, was 0"),
        invalid(b -> b.sequenceResetThreshold(-3), IllegalArgumentException.class,
            "sequenceResetThreshold must be at least 1, was -3"),
        invalid(b -> b.ringOutGrace(Duration.ofSeconds(-1)), IllegalArgumentException.class,
            "ringOutGrace must not be negative, was PT-1S"),
        invalid(b -> b.ringOutGrace(null), NullPointerException.class,
            "ringOutGrace must not be null (Duration.ZERO for none)"),
        invalid(b -> b.sessions(null), NullPointerException.class,
            "sessions must not be null (SessionOptions.defaults() for the defaults)"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidOptions")
  void buildRejectsAnOptionOutOfRangeNamingIt(
      UnaryOperator<EngineOptions.Builder> change, Class<? extends RuntimeException> type, String message) {
    EngineOptions.Builder builder = change.apply(EngineOptions.builder());

    assertThatThrownBy(builder::build).isInstanceOf(type).hasMessage(message);
  }

  private static EngineOptions everyOptionChanged() {
    return EngineOptions.builder()
        .maxCallsPerExtension(4)
        .sequenceResetThreshold(50)
        .ringOutGrace(Duration.ofMillis(1500))
        .build();
  }

  private static Arguments invalid(
      UnaryOperator<EngineOptions.Builder> change, Class<? extends RuntimeException> type, String message) {
    return Arguments.of(change, type, message);
  }
}
