package io.presencestream.testing;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Fails a test when threads of the JVM are deadlocked at its end, and prints their stacks. BlockHound
 * sees blocking calls on event loops but not two threads waiting for each other's monitor; this sees
 * exactly that ({@link ThreadMXBean#findDeadlockedThreads()} for monitors and {@code java.util.concurrent}
 * locks, {@link ThreadMXBean#findMonitorDeadlockedThreads()} for monitors alone).
 *
 * <p>Registered for every Jupiter test by extension autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties}), so no
 * integration test can forget it. Deadlocks already present when a test (or class) starts are not blamed
 * on it: a deadlocked thread never ends, and one test's deadlock must fail that test, not every later one.
 */
public final class DeadlockCheck implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DeadlockCheck.class);
  private static final String KNOWN = "deadlocked-before";

  @Override
  public void beforeAll(ExtensionContext context) {
    remember(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    remember(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    check(context, "test " + context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    check(context, "class " + context.getDisplayName());
  }

  private static void remember(ExtensionContext context) {
    context.getStore(NAMESPACE).put(KNOWN, deadlocked());
  }

  private static void check(ExtensionContext context, String where) {
    @SuppressWarnings("unchecked")
    Set<Long> before = context.getStore(NAMESPACE).getOrDefault(KNOWN, Set.class, Set.of());
    Set<Long> now = deadlocked();
    now.removeAll(before);
    if (!now.isEmpty()) {
      // The class's own check at its end must not report this test's deadlock a second time.
      context.getParent().ifPresent(parent -> {
        Set<Long> known = new HashSet<>(now);
        @SuppressWarnings("unchecked")
        Set<Long> classBefore = parent.getStore(NAMESPACE).getOrDefault(KNOWN, Set.class, Set.of());
        known.addAll(classBefore);
        parent.getStore(NAMESPACE).put(KNOWN, known);
      });
      String report = describe(now);
      System.err.println(report);
      throw new AssertionFailedError(report);
    }
  }

  /** Ids of the threads deadlocked now, on monitors or ownable synchronizers. */
  static Set<Long> deadlocked() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Set<Long> ids = new LinkedHashSet<>();
    for (long[] found : new long[][] {threads.findDeadlockedThreads(), threads.findMonitorDeadlockedThreads()}) {
      if (found != null) {
        Arrays.stream(found).forEach(ids::add);
      }
    }
    return new HashSet<>(ids);
  }

  /** Every deadlocked thread with the lock it waits for, who holds it, the locks it holds, its whole stack. */
  static String describe(Set<Long> ids) {
    ThreadInfo[] infos = ManagementFactory.getThreadMXBean()
        .getThreadInfo(ids.stream().mapToLong(Long::longValue).toArray(), true, true);
    StringBuilder out = new StringBuilder("deadlock: ").append(ids.size()).append(" threads wait for each other\n");
    for (ThreadInfo info : infos) {
      if (info == null) {
        continue;
      }
      out.append('"').append(info.getThreadName()).append("\" id=").append(info.getThreadId())
          .append(' ').append(info.getThreadState())
          .append(" waiting for ").append(info.getLockInfo())
          .append(" held by \"").append(info.getLockOwnerName()).append("\" id=").append(info.getLockOwnerId())
          .append('\n');
      StackTraceElement[] stack = info.getStackTrace();
      MonitorInfo[] monitors = info.getLockedMonitors();
      for (int depth = 0; depth < stack.length; depth++) {
        out.append("\tat ").append(stack[depth]).append('\n');
        for (MonitorInfo m : monitors) {
          if (m.getLockedStackDepth() == depth) {
            out.append("\t- locked ").append(m).append('\n');
          }
        }
      }
      LockInfo[] synchronizers = info.getLockedSynchronizers();
      if (synchronizers.length > 0) {
        out.append("\tholding ").append(Arrays.stream(synchronizers).map(String::valueOf)
            .collect(Collectors.joining(", "))).append('\n');
      }
    }
    return out.toString();
  }
}
