package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecLimitsTest {

  @Test
  void theBuilderStartsFromTheDefaults() {
    assertThat(CodecLimits.builder().build())
        .isEqualTo(CodecLimits.defaults())
        .isEqualTo(new CodecLimits(1 << 20, 32, 256, 1000));
  }

  @Test
  void everyBuilderMethodSetsItsLimit() {
    assertThat(everyLimitChanged()).isEqualTo(new CodecLimits(4096, 12, 8, 50));
  }

  @Test
  void mutateStartsFromTheLimitsItIsCalledOn() {
    CodecLimits limits = everyLimitChanged();

    assertThat(limits.mutate().build()).isEqualTo(limits);
    CodecLimits deeper = limits.mutate().maxDepth(40).build();
    assertThat(deeper.maxDepth()).isEqualTo(40);
    assertThat(deeper).usingRecursiveComparison().ignoringFields("maxDepth").isEqualTo(limits);
    assertThat(limits.maxDepth()).as("the original is untouched").isEqualTo(12);
  }

  static Stream<Arguments> invalidLimits() {
    return Stream.of(
        Arguments.of((UnaryOperator<CodecLimits.Builder>) b -> b.maxDocumentBytes(10),
            "maxDocumentBytes must be at least 64, was 10"),
        Arguments.of((UnaryOperator<CodecLimits.Builder>) b -> b.maxDepth(2), "maxDepth must be at least 8, was 2"),
        Arguments.of((UnaryOperator<CodecLimits.Builder>) b -> b.maxActiveCalls(0),
            "maxActiveCalls must be at least 1, was 0"),
        Arguments.of((UnaryOperator<CodecLimits.Builder>) b -> b.maxPageRecords(-1),
            "maxPageRecords must be at least 1, was -1"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidLimits")
  void buildRejectsALimitOutOfRangeNamingIt(UnaryOperator<CodecLimits.Builder> change, String message) {
    CodecLimits.Builder builder = change.apply(CodecLimits.builder());

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void aCodecKeepsItsLimits() {
    CodecLimits limits = CodecLimits.builder().maxActiveCalls(3).build();

    assertThat(PresenceCodec.create(limits).limits()).isEqualTo(limits);
  }

  private static CodecLimits everyLimitChanged() {
    return CodecLimits.builder().maxDocumentBytes(4096).maxDepth(12).maxActiveCalls(8).maxPageRecords(50).build();
  }
}
