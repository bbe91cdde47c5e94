package io.presencestream.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound for the {@code *BlockHoundCheck} tests and records, instead of throwing, every
 * blocking call it sees on a non-blocking thread (with its stack), so that a check can assert on all of
 * them at the end rather than fail somewhere inside a Reactor pipeline.
 *
 * <p>BlockHound installs once per JVM ({@code install()} is a no-op after the first call), so the
 * recording list is one per JVM too: whichever check installs first, every check in the JVM sees the
 * calls.
 */
public final class BlockHoundSupport {

  /** The JVM flag BlockHound needs on JDK 13+; the {@code blockhound} Surefire execution passes it. */
  public static final String REDEFINITION_FLAG = "-XX:+AllowRedefinitionToAddDeleteMethods";

  /** Why a check is skipped when {@link #REDEFINITION_FLAG} is missing. */
  public static final String SKIP_REASON =
      "run with " + REDEFINITION_FLAG + " (the blockhound Surefire execution does)";

  private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

  private BlockHoundSupport() {}

  /** Whether this JVM was started with {@link #REDEFINITION_FLAG}. */
  public static boolean redefinitionAllowed() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().contains(REDEFINITION_FLAG);
  }

  /**
   * Skips the calling tests (an assumption) unless the JVM allows redefinition, then installs BlockHound
   * with the Reactor integrations, recording blocking calls into {@link #blockingCalls()}. Logging a line
   * to stderr from an event loop is accepted: rare, and tiny writes.
   */
  public static void install() {
    assumeTrue(redefinitionAllowed(), SKIP_REASON);
    BlockHound.builder()
        .loadIntegrations()
        .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
        .blockingMethodCallback(method -> {
          StringBuilder trace = new StringBuilder(method.toString());
          for (StackTraceElement element : new Throwable().getStackTrace()) {
            trace.append("\n  at ").append(element);
          }
          blockingCalls.add(trace.toString());
        })
        .install();
  }

  /**
   * The blocking calls recorded so far in this JVM, each with its stack: the live list, so a check may
   * clear the calls it provoked on purpose.
   */
  public static List<String> blockingCalls() {
    return blockingCalls;
  }

  /** A blocking call (a 1 ms sleep) for checks that prove BlockHound is watching a given thread. */
  public static void sleepBriefly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
