package io.presencestream.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * Checks that a property holds for many generated values, from a plain JUnit test:
 *
 * <pre>{@code
 * @Test
 * void sameIsEqualityOfKeys() {
 *   forAll(calls(), calls()).tries(2000).check((a, b) ->
 *       assertThat(CallKey.same(a, b)).isEqualTo(CallKey.of(a).equals(CallKey.of(b))));
 * }
 * }</pre>
 *
 * <p><b>Deterministic.</b> Try {@code i} draws its values from {@code new SplittableRandom(base + i·γ)}
 * (γ the golden-ratio increment), where {@code base} is a hash of the test's class and method names: every
 * run tries the same values, so a failure in CI fails the same way on a laptop, and two properties over the
 * same generators still try different values.
 *
 * <p><b>Reproducible.</b> A failure names the seed of the failing try. With {@code
 * -Dpresence.property.seed=<that seed>} every property starts from it, so that try runs first; any other
 * seed explores values the default runs never try.
 *
 * <p><b>Small counterexamples.</b> The first failure stops the run. Its values are then {@linkplain
 * Gen#shrink shrunk} one at a time, keeping a smaller value whenever the property still fails with the same
 * type of error, and the smallest failing values are reported with that failure as the cause.
 */
public final class Property {

  /** The system property that sets the seed of every property's first try. */
  public static final String SEED = "presence.property.seed";

  /** Tries when none are given. */
  public static final int DEFAULT_TRIES = 1000;

  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private static final int MAX_SHRINK_RUNS = 2000;

  private Property() {}

  public static <A> ForAll1<A> forAll(Gen<A> a) {
    return new ForAll1<>(a, DEFAULT_TRIES);
  }

  public static <A, B> ForAll2<A, B> forAll(Gen<A> a, Gen<B> b) {
    return new ForAll2<>(a, b, DEFAULT_TRIES);
  }

  public static <A, B, C> ForAll3<A, B, C> forAll(Gen<A> a, Gen<B> b, Gen<C> c) {
    return new ForAll3<>(a, b, c, DEFAULT_TRIES);
  }

  /** A property of one value. */
  @FunctionalInterface
  public interface Check1<A> {
    void check(A a) throws Throwable;
  }

  /** A property of two values. */
  @FunctionalInterface
  public interface Check2<A, B> {
    void check(A a, B b) throws Throwable;
  }

  /** A property of three values. */
  @FunctionalInterface
  public interface Check3<A, B, C> {
    void check(A a, B b, C c) throws Throwable;
  }

  /** Values of one generator, to check a {@link Check1} over. */
  public static final class ForAll1<A> {
    private final Gen<A> a;
    private final int tries;

    private ForAll1(Gen<A> a, int tries) {
      this.a = a;
      this.tries = positive(tries);
    }

    public ForAll1<A> tries(int tries) {
      return new ForAll1<>(a, tries);
    }

    @SuppressWarnings("unchecked")
    public void check(Check1<? super A> property) {
      run(tries, List.of(a), v -> property.check((A) v[0]));
    }
  }

  /** Values of two generators, drawn independently, to check a {@link Check2} over. */
  public static final class ForAll2<A, B> {
    private final Gen<A> a;
    private final Gen<B> b;
    private final int tries;

    private ForAll2(Gen<A> a, Gen<B> b, int tries) {
      this.a = a;
      this.b = b;
      this.tries = positive(tries);
    }

    public ForAll2<A, B> tries(int tries) {
      return new ForAll2<>(a, b, tries);
    }

    @SuppressWarnings("unchecked")
    public void check(Check2<? super A, ? super B> property) {
      run(tries, List.of(a, b), v -> property.check((A) v[0], (B) v[1]));
    }
  }

  /** Values of three generators, drawn independently, to check a {@link Check3} over. */
  public static final class ForAll3<A, B, C> {
    private final Gen<A> a;
    private final Gen<B> b;
    private final Gen<C> c;
    private final int tries;

    private ForAll3(Gen<A> a, Gen<B> b, Gen<C> c, int tries) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.tries = positive(tries);
    }

    public ForAll3<A, B, C> tries(int tries) {
      return new ForAll3<>(a, b, c, tries);
    }

    @SuppressWarnings("unchecked")
    public void check(Check3<? super A, ? super B, ? super C> property) {
      run(tries, List.of(a, b, c), v -> property.check((A) v[0], (B) v[1], (C) v[2]));
    }
  }

  @FunctionalInterface
  private interface CheckAll {
    void check(Object[] values) throws Throwable;
  }

  private static int positive(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be positive: " + tries);
    }
    return tries;
  }

  private static void run(int tries, List<Gen<?>> gens, CheckAll property) {
    String name = callerName();
    long base = firstSeed(name);
    for (int i = 0; i < tries; i++) {
      long seed = base + i * GAMMA;
      SplittableRandom random = new SplittableRandom(seed);
      Object[] values = new Object[gens.size()];
      for (int g = 0; g < values.length; g++) {
        values[g] = gens.get(g).next(random);
      }
      Throwable failure = failureOf(property, values);
      if (failure != null) {
        throw shrunk(name, i, tries, seed, gens, property, values, failure);
      }
    }
  }

  private static Throwable failureOf(CheckAll property, Object[] values) {
    try {
      property.check(values);
      return null;
    } catch (TestAbortedException | OutOfMemoryError e) {
      throw e;
    } catch (Throwable e) {
      return e;
    }
  }

  @SuppressWarnings("unchecked")
  private static AssertionError shrunk(
      String name, int attempt, int tries, long seed, List<Gen<?>> gens, CheckAll property, Object[] values,
      Throwable failure) {
    Object[] smallest = values.clone();
    Throwable smallestFailure = failure;
    int steps = 0;
    int runs = 0;
    boolean shrinking = true;
    while (shrinking && runs < MAX_SHRINK_RUNS) {
      shrinking = false;
      for (int g = 0; g < smallest.length && !shrinking; g++) {
        Gen<Object> gen = (Gen<Object>) gens.get(g);
        Iterator<Object> candidates = gen.shrink(smallest[g]).iterator();
        while (candidates.hasNext() && runs < MAX_SHRINK_RUNS) {
          Object[] candidate = smallest.clone();
          candidate[g] = candidates.next();
          runs++;
          Throwable f = failureOf(property, candidate);
          if (f != null && f.getClass() == failure.getClass()) {
            smallest = candidate;
            smallestFailure = f;
            steps++;
            shrinking = true;
            break;
          }
        }
      }
    }
    String message =
        String.format(
            "property %s failed on try %d of %d, seed 0x%016x%n"
                + "  reproduce: mvn test -Dtest='%s' -D%s=0x%016x%n"
                + "  counterexample%s:%n%s%n"
                + "  failure: %s",
            name, attempt + 1, tries, seed, name.substring(name.lastIndexOf('.') + 1), SEED, seed,
            steps == 0 ? "" : " (shrunk in " + steps + " steps)",
            Arrays.stream(smallest).map(v -> describe(v, "    ")).collect(Collectors.joining(System.lineSeparator())),
            smallestFailure);
    return new AssertionError(message, smallestFailure);
  }

  /** {@code pkg.Class#method} of the test that called {@code check}. */
  private static String callerName() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().equals(Property.class.getName())
                        && !f.getClassName().startsWith(Property.class.getName() + "$"))
                    .findFirst()
                    .map(f -> f.getClassName() + "#" + enclosingMethod(f.getMethodName()))
                    .orElseThrow());
  }

  /** {@code test} for javac's {@code lambda$test$0}, so that a check inside a lambda names its test. */
  private static String enclosingMethod(String method) {
    if (method.startsWith("lambda$")) {
      int end = method.indexOf('$', "lambda$".length());
      return end < 0 ? method : method.substring("lambda$".length(), end);
    }
    return method;
  }

  private static long firstSeed(String name) {
    String given = System.getProperty(SEED);
    if (given != null && !given.isBlank()) {
      String s = given.strip().toLowerCase(java.util.Locale.ROOT);
      return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }
    // FNV-1a: a stable 64-bit hash, the same on every JVM
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }

  /** A value as a reader needs it: strings quoted with invisible characters escaped, one list element a line. */
  private static String describe(Object value, String indent) {
    if (value instanceof String) {
      return indent + quote((String) value);
    }
    if (value instanceof byte[]) {
      byte[] bytes = (byte[]) value;
      return indent + "byte[" + bytes.length + "] " + quote(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    if (value instanceof List && ((List<?>) value).size() > 1) {
      List<?> list = (List<?>) value;
      return indent + "[" + System.lineSeparator()
          + list.stream().map(e -> describe(e, indent + "  ")).collect(Collectors.joining("," + System.lineSeparator()))
          + System.lineSeparator() + indent + "]";
    }
    return indent + value;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.chars().forEach(c -> {
      if (c == '"' || c == '\\') {
        b.append('\\').append((char) c);
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.append((char) c);
      }
    });
    return b.append('"').toString();
  }
}
