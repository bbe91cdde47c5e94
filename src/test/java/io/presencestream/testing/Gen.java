package io.presencestream.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A generator of test values for {@link Property}: a function of a seeded random source, so that the same
 * seed always gives the same value. Compose with lambdas ({@code r -> new Leg(text.next(r), text.next(r))})
 * and the combinators here.
 *
 * <p>Numbers and sizes are drawn three ways at once: the edges of their range (min, max, and the value
 * nearest zero with its neighbours), values of small magnitude near zero, and values spread over the whole
 * range. Generators made by {@link #list}, {@link #strings} and {@link #bytes} also {@linkplain #shrink
 * shrink}: when a property fails, {@link Property} retries with shorter sequences to report a small
 * counterexample. {@link #map} and the other combinators do not carry shrinking over.
 */
@FunctionalInterface
public interface Gen<T> {

  /** The next value, drawn from {@code random} only. */
  T next(RandomGenerator random);

  /** Smaller values to try in place of {@code value} when a property fails with it, most promising first. */
  default Stream<T> shrink(T value) {
    return Stream.empty();
  }

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return r -> f.apply(next(r));
  }

  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    return r -> f.apply(next(r)).next(r);
  }

  /** {@code null} with the given probability, a value of this generator otherwise. */
  default Gen<T> orNull(double probability) {
    return r -> r.nextDouble() < probability ? null : next(r);
  }

  /** Lists of {@code minSize} to {@code maxSize} values of this generator; shrinks by dropping elements. */
  default Gen<List<T>> list(int minSize, int maxSize) {
    Gen<T> element = this;
    Gen<Integer> sizes = ints(minSize, maxSize);
    return new Gen<>() {
      @Override
      public List<T> next(RandomGenerator random) {
        int size = sizes.next(random);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(element.next(random));
        }
        return list;
      }

      @Override
      public Stream<List<T>> shrink(List<T> value) {
        return shorter(value.size(), minSize).map(keep -> keep.mapToObj(value::get).collect(ArrayList::new, List::add, List::addAll));
      }
    };
  }

  // ------------------------------------------------------------------------------------------ choices

  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> list = new ArrayList<>(values.length);
    for (T value : values) {
      list.add(value);
    }
    return of(list);
  }

  static <T> Gen<T> of(List<? extends T> values) {
    List<? extends T> copy = new ArrayList<>(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    return r -> copy.get(r.nextInt(copy.size()));
  }

  static <E extends Enum<E>> Gen<E> of(Class<E> type) {
    return of(type.getEnumConstants());
  }

  /** A value of one of the generators, each chosen equally often. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> all = new ArrayList<>(gens.length);
    for (Gen<? extends T> gen : gens) {
      all.add(Objects.requireNonNull(gen));
    }
    return r -> all.get(r.nextInt(all.size())).next(r);
  }

  /** A value of one of the generators, chosen in proportion to its weight. */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> all = new ArrayList<>(choices.length);
    for (Weighted<? extends T> choice : choices) {
      all.add(Objects.requireNonNull(choice));
    }
    int total = all.stream().mapToInt(Weighted::weight).sum();
    return r -> {
      int pick = r.nextInt(total);
      for (Weighted<? extends T> choice : all) {
        pick -= choice.weight();
        if (pick < 0) {
          return choice.gen().next(r);
        }
      }
      throw new AssertionError("unreachable");
    };
  }

  static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** A generator with a weight, for {@link #frequency}. */
  record Weighted<T>(int weight, Gen<T> gen) {
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight must be positive: " + weight);
      }
      Objects.requireNonNull(gen);
    }
  }

  // ------------------------------------------------------------------------------------------ numbers

  /** Longs from {@code min} to {@code max}, both included: edges, small magnitudes and the whole range. */
  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException(min + " > " + max);
    }
    long target = Math.max(min, Math.min(max, 0));
    long[] edges = edges(min, max, target);
    return r -> {
      double mode = r.nextDouble();
      if (mode < 0.1) {
        return edges[r.nextInt(edges.length)];
      }
      if (mode < 0.55) {
        // 1 to 63 bits away from the target: every scale as likely as every other
        long delta = r.nextLong() >>> (1 + r.nextInt(63));
        // differences as unsigned: max - target and target - min fit in 64 bits even when they overflow a long
        if (r.nextBoolean() && Long.compareUnsigned(delta, max - target) <= 0) {
          return target + delta;
        }
        if (Long.compareUnsigned(delta, target - min) <= 0) {
          return target - delta;
        }
      }
      return uniform(r, min, max);
    };
  }

  private static long[] edges(long min, long max, long target) {
    List<Long> edges = new ArrayList<>(List.of(min, max, target));
    if (target > min) {
      edges.add(target - 1);
    }
    if (target < max) {
      edges.add(target + 1);
    }
    return edges.stream().distinct().mapToLong(Long::longValue).toArray();
  }

  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  private static long uniform(RandomGenerator r, long min, long max) {
    if (max < Long.MAX_VALUE) {
      return r.nextLong(min, max + 1);
    }
    if (min > Long.MIN_VALUE) {
      return r.nextLong(min - 1, max) + 1;
    }
    return r.nextLong();
  }

  // ------------------------------------------------------------------------------------------ text

  /** Any UTF-16 code unit but surrogates (which alone are no text) and the noncharacters U+FFFE, U+FFFF. */
  static Gen<Character> anyChar() {
    Gen<Character> edges = chars("\u0000 \uFFFD");
    return r -> {
      if (r.nextDouble() < 0.05) {
        return edges.next(r);
      }
      int c = r.nextInt(0xFFFE - 0x800);
      return (char) (c < 0xD800 ? c : c + 0x800);
    };
  }

  /** One of the characters of {@code chars}, each equally likely. */
  static Gen<Character> chars(String chars) {
    if (chars.isEmpty()) {
      throw new IllegalArgumentException("no characters");
    }
    return r -> chars.charAt(r.nextInt(chars.length()));
  }

  static Gen<Character> charRange(char first, char last) {
    return r -> (char) r.nextInt(first, last + 1);
  }

  static final String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";

  /** Strings of {@code minLength} to {@code maxLength} characters of {@code chars}; shrinks by dropping characters. */
  static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    Gen<List<Character>> lists = chars.list(minLength, maxLength);
    return new Gen<>() {
      @Override
      public String next(RandomGenerator random) {
        List<Character> list = lists.next(random);
        StringBuilder s = new StringBuilder(list.size());
        list.forEach(s::append);
        return s.toString();
      }

      @Override
      public Stream<String> shrink(String value) {
        return shorter(value.length(), minLength)
            .map(keep -> keep.collect(StringBuilder::new, (s, i) -> s.append(value.charAt(i)), StringBuilder::append).toString());
      }
    };
  }

  static Gen<String> strings(String chars, int minLength, int maxLength) {
    return strings(chars(chars), minLength, maxLength);
  }

  /** Any bytes, {@code 0} to {@code maxLength} of them; shrinks by dropping bytes. */
  static Gen<byte[]> bytes(int maxLength) {
    Gen<Integer> lengths = ints(0, maxLength);
    return new Gen<>() {
      @Override
      public byte[] next(RandomGenerator random) {
        byte[] b = new byte[lengths.next(random)];
        random.nextBytes(b);
        return b;
      }

      @Override
      public Stream<byte[]> shrink(byte[] value) {
        return shorter(value.length, 0).map(keep -> {
          int[] indexes = keep.toArray();
          byte[] b = new byte[indexes.length];
          for (int i = 0; i < indexes.length; i++) {
            b[i] = value[indexes[i]];
          }
          return b;
        });
      }
    };
  }

  /**
   * The index sets of shorter sequences than {@code length} (never below {@code minLength}): all but the
   * first half, all but the second half, then without each chunk of quarters, eighths, … down to single
   * elements. Delta debugging's order: big cuts first, so that a long counterexample shrinks in few steps.
   */
  private static Stream<IntStream> shorter(int length, int minLength) {
    if (length <= minLength) {
      return Stream.empty();
    }
    List<int[]> cuts = new ArrayList<>();
    for (int chunk = Math.max(1, length / 2); ; chunk /= 2) {
      for (int from = 0; from < length; from += chunk) {
        int to = Math.min(length, from + chunk);
        if (length - (to - from) >= minLength) {
          cuts.add(new int[] {from, to});
        }
      }
      if (chunk == 1) {
        break;
      }
    }
    return cuts.stream().map(cut -> IntStream.concat(IntStream.range(0, cut[0]), IntStream.range(cut[1], length)));
  }
}
