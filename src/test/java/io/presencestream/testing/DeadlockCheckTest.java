package io.presencestream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The deadlock check, run for real: a test class is executed by a nested Jupiter engine configured by
 * the project's {@code junit-platform.properties} and {@code META-INF/services} (as every test of the
 * build is), and its results are inspected.
 */
class DeadlockCheckTest {

  @Test
  void failsATestThatLeavesTwoThreadsDeadlockedOnLocksAndPrintsTheirStacks() {
    try {
      EngineExecutionResults results = execute(LockDeadlock.class);
      Events tests = results.testEvents();

      tests.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
      results.containerEvents().assertStatistics(s -> s.failed(0)); // reported once, by the test
      Throwable failure = tests.failed().stream().findFirst().orElseThrow()
          .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow();
      assertThat(failure.getMessage())
          .startsWith("deadlock: 2 threads wait for each other")
          .contains("\"deliberate-lock-a\"", "\"deliberate-lock-b\"", "ReentrantLock")
          .contains(LockDeadlock.class.getName() + ".lambda$deadlocksTwoThreads");
    } finally {
      LockDeadlock.release();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> DeadlockCheck.deadlocked().isEmpty());
  }

  @Test
  void letsATestWithoutDeadlockPass() {
    Events tests = run(NoDeadlock.class);

    tests.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
  }

  /**
   * Monitors cannot be unlocked from outside, so this deadlock runs in a JVM of its own: the same
   * nested engine there must fail the test, and the monitors must be named in the report.
   */
  @Test
  void failsATestThatLeavesTwoThreadsDeadlockedOnMonitors() throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        MonitorDeadlockMain.class.getName())
        .redirectErrorStream(true)
        .start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.exitValue()).as(output).isEqualTo(0);
    assertThat(output)
        .contains("RESULT failed=1 succeeded=0")
        .contains("deadlock: 2 threads wait for each other", "\"deliberate-monitor-a\"", "\"deliberate-monitor-b\"")
        .contains("- locked java.lang.Object@");
  }

  /**
   * Runs a test class with the build's own {@code junit-platform.properties}: the extension comes from
   * autodetection, nothing here names it.
   */
  private static Events run(Class<?> testClass) {
    return execute(testClass).testEvents();
  }

  private static EngineExecutionResults execute(Class<?> testClass) {
    Properties build = new Properties();
    try (InputStream in = DeadlockCheckTest.class.getResourceAsStream("/junit-platform.properties")) {
      build.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> parameters = new HashMap<>();
    build.stringPropertyNames().forEach(k -> parameters.put(k, build.getProperty(k)));
    return EngineTestKit.engine("junit-jupiter")
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(parameters)
        .selectors(selectClass(testClass))
        .execute();
  }

  // ---------------------------------------------------------------- the test classes run by the nested engine

  /** Two threads take two locks in opposite order and wait for each other, interruptibly. */
  static class LockDeadlock {
    private static final ReentrantLock A = new ReentrantLock();
    private static final ReentrantLock B = new ReentrantLock();
    private static final List<Thread> THREADS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void deadlocksTwoThreads() throws InterruptedException {
      CountDownLatch bothHoldOne = new CountDownLatch(2);
      THREADS.add(start("deliberate-lock-a", () -> {
        A.lockInterruptibly();
        bothHoldOne.countDown();
        bothHoldOne.await();
        B.lockInterruptibly();
      }));
      THREADS.add(start("deliberate-lock-b", () -> {
        B.lockInterruptibly();
        bothHoldOne.countDown();
        bothHoldOne.await();
        A.lockInterruptibly();
      }));
      await().atMost(Duration.ofSeconds(10)).until(() -> !DeadlockCheck.deadlocked().isEmpty());
    }

    static void release() {
      THREADS.forEach(Thread::interrupt);
      THREADS.clear();
    }
  }

  static class NoDeadlock {
    @Test
    void takesTwoLocksInTheSameOrder() throws InterruptedException {
      Object a = new Object();
      Object b = new Object();
      Thread t = start("same-order", () -> {
        synchronized (a) {
          synchronized (b) {
            b.hashCode();
          }
        }
      });
      synchronized (a) {
        synchronized (b) {
          a.hashCode();
        }
      }
      t.join(10_000);
    }
  }

  /** Two threads take two monitors in opposite order; run only in a child JVM (see above). */
  static class MonitorDeadlock {
    @Test
    void deadlocksTwoThreadsOnMonitors() {
      Object a = new Object();
      Object b = new Object();
      CountDownLatch bothHoldOne = new CountDownLatch(2);
      start("deliberate-monitor-a", () -> {
        synchronized (a) {
          bothHoldOne.countDown();
          bothHoldOne.await();
          synchronized (b) {
            b.hashCode();
          }
        }
      });
      start("deliberate-monitor-b", () -> {
        synchronized (b) {
          bothHoldOne.countDown();
          bothHoldOne.await();
          synchronized (a) {
            a.hashCode();
          }
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> !DeadlockCheck.deadlocked().isEmpty());
    }
  }

  /** Entry point of the child JVM: runs {@link MonitorDeadlock} and prints the outcome and the failure. */
  static final class MonitorDeadlockMain {
    public static void main(String[] args) throws IOException {
      Events tests = run(MonitorDeadlock.class);
      System.out.println("RESULT failed=" + tests.failed().count() + " succeeded=" + tests.succeeded().count());
      tests.failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
          .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
          .ifPresent(t -> System.out.println(t.getMessage())));
      System.out.flush();
      Runtime.getRuntime().halt(0); // the deadlocked threads would keep the JVM alive
    }
  }

  private interface Body {
    void run() throws InterruptedException;
  }

  private static Thread start(String name, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
