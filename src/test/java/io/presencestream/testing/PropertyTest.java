package io.presencestream.testing;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The property runner is deterministic, reproduces a failure from its seed and reports a small counterexample. */
class PropertyTest {

  @Test
  void runsEveryTryWhenThePropertyHolds() {
    List<Integer> seen = new ArrayList<>();
    forAll(Gen.ints(0, 9)).tries(321).check(seen::add);
    assertThat(seen).hasSize(321).allSatisfy(v -> assertThat(v).isBetween(0, 9));
  }

  @Test
  void triesTheSameValuesOnEveryRun() {
    List<List<Integer>> first = new ArrayList<>();
    List<List<Integer>> second = new ArrayList<>();
    for (List<List<Integer>> run : List.of(first, second)) {
      forAll(Gen.ints(-1000, 1000).list(0, 5)).tries(50).check(run::add);
    }
    assertThat(second).isEqualTo(first);
  }

  @Test
  void namesTheSeedOfTheFailingTryAndThatSeedReplaysItFirst() {
    Gen<Integer> values = Gen.ints(0, 1_000_000);
    AssertionError failure =
        catchThrowableOfType(AssertionError.class, () -> forAll(values).tries(1000).check(v -> assertThat(v % 7).isNotZero()));
    assertThat(failure).hasMessageContaining("PropertyTest#namesTheSeedOfTheFailingTryAndThatSeedReplaysItFirst")
        .hasMessageContaining("-D" + Property.SEED + "=0x");
    Matcher seed = Pattern.compile(Property.SEED + "=0x([0-9a-f]{16})").matcher(failure.getMessage());
    assertThat(seed.find()).isTrue();

    List<Integer> replayed = new ArrayList<>();
    System.setProperty(Property.SEED, "0x" + seed.group(1));
    try {
      catchThrowableOfType(AssertionError.class, () -> forAll(values).tries(1000).check(v -> {
        replayed.add(v);
        assertThat(v % 7).isNotZero();
      }));
    } finally {
      System.clearProperty(Property.SEED);
    }
    assertThat(replayed.get(0) % 7).as("the first try replays the failure").isZero();
    assertThat(failure).hasMessageContaining("failed on try").hasMessageContaining("" + replayed.get(0));
  }

  @Test
  void shrinksAFailingListToTheElementsThatMatter() {
    Gen<List<Integer>> lists = Gen.ints(0, 20).list(0, 40);
    AssertionError failure = catchThrowableOfType(AssertionError.class, () ->
        forAll(lists).tries(1000).check(list -> assertThat(list).doesNotContain(7, 13)));
    assertThat(failure.getMessage()).contains("shrunk in").containsPattern("counterexample[^:]*:\\R\\s+\\[(7|13)\\]");
  }

  @Test
  void shrinksStringsAndKeepsTheirMinimumLength() {
    Gen<String> strings = Gen.strings("abcxyz", 2, 30);
    AssertionError failure = catchThrowableOfType(AssertionError.class, () ->
        forAll(strings).tries(1000).check(s -> assertThat(s).doesNotContain("x")));
    assertThat(failure.getMessage()).containsPattern("counterexample[^:]*:\\R\\s+\"(x.|.x)\"");
  }

  @Test
  void numbersCoverTheirEdgesAndStayInRange() {
    for (long[] range : new long[][] {{Long.MIN_VALUE, Long.MAX_VALUE}, {Long.MIN_VALUE / 2, Long.MAX_VALUE / 2},
        {-719_528L, 2_932_896L}, {5, 9}, {-7, -3}, {42, 42}}) {
      Gen<Long> longs = Gen.longs(range[0], range[1]);
      SplittableRandom random = new SplittableRandom(1);
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 2000; i++) {
        long v = longs.next(random);
        assertThat(v).isBetween(range[0], range[1]);
        seen.add(v);
      }
      assertThat(seen).contains(range[0], range[1], Math.max(range[0], Math.min(range[1], 0)));
    }
  }

  @Test
  void anyCharIsNeverASurrogateNorANoncharacter() {
    SplittableRandom random = new SplittableRandom(1);
    Gen<Character> chars = Gen.anyChar();
    for (int i = 0; i < 100_000; i++) {
      char c = chars.next(random);
      assertThat(Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF').as("U+%04X", (int) c).isFalse();
    }
  }
}
