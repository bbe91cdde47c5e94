package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a wake group spaces its passes over the connections of one event loop. */
class WakeGroupTest {

  private static final long COALESCE = TimeUnit.SECONDS.toNanos(30);

  /** An event loop stand-in that records what it was asked to run, and when, without running it. */
  private static final class RecordingLoop extends ScheduledThreadPoolExecutor {
    final List<Runnable> now = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    final List<Runnable> later = new ArrayList<>();

    RecordingLoop() {
      super(1);
    }

    @Override
    public void execute(Runnable task) {
      now.add(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      delays.add(unit.toNanos(delay));
      later.add(task);
      return null;
    }
  }

  private final RecordingLoop loop = new RecordingLoop();
  private final AtomicInteger turns = new AtomicInteger();

  @AfterEach
  void shutDown() {
    loop.shutdownNow();
  }

  private WakeGroup groupOfOne(long coalesceNanos) {
    WakeGroup group = new WakeGroup(loop, coalesceNanos);
    group.add(turns::incrementAndGet);
    return group;
  }

  @Test
  void theFirstEventAfterAQuietSpellIsPassedOnAtOnce() {
    WakeGroup group = groupOfOne(COALESCE);

    group.signal();

    assertThat(loop.now).hasSize(1);
    assertThat(loop.later).isEmpty();
  }

  @Test
  void eventsSoonAfterAPassWaitForTheRestOfTheIntervalInOnePass() {
    WakeGroup group = groupOfOne(COALESCE);
    group.signal();
    loop.now.remove(0).run();
    assertThat(turns).hasValue(1);

    group.signal();
    group.signal();
    group.signal();

    assertThat(loop.now).as("nothing runs at once within the interval").isEmpty();
    assertThat(loop.later).as("one delayed pass for the three events").hasSize(1);
    assertThat(loop.delays.get(0)).isPositive().isLessThanOrEqualTo(COALESCE);
    loop.later.remove(0).run();
    assertThat(turns).hasValue(2);
  }

  @Test
  void aSignalDuringAPassBringsOneMoreCoalescedPass() {
    WakeGroup group = new WakeGroup(loop, COALESCE);
    group.add(() -> {
      if (turns.incrementAndGet() == 1) {
        group.signal(); // an event published while the first pass runs
      }
    });
    group.signal();

    loop.now.remove(0).run();

    assertThat(turns).hasValue(1);
    assertThat(loop.later).as("the missed event waits for the interval, not for the next event").hasSize(1);
    loop.later.remove(0).run();
    assertThat(turns).hasValue(2);
    assertThat(loop.now).isEmpty();
    assertThat(loop.later).isEmpty();
  }

  @Test
  void withoutCoalescingEverySignalAfterAPassRunsAtOnce() {
    WakeGroup group = groupOfOne(0);
    group.signal();
    loop.now.remove(0).run();

    group.signal();

    assertThat(loop.now).hasSize(1);
    assertThat(loop.later).isEmpty();
  }

  @Test
  void anExecutorThatCannotScheduleIsNotCoalesced() {
    List<Runnable> ran = new ArrayList<>();
    WakeGroup group = new WakeGroup(ran::add, COALESCE);
    group.add(turns::incrementAndGet);
    group.signal();
    ran.remove(0).run();

    group.signal();

    assertThat(ran).hasSize(1);
  }
}
