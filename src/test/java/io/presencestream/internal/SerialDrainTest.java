package io.presencestream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialDrainTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 20_000;

  private record Item(int producer, int index) {}

  @Test
  void runsEveryItemOfEveryThreadOnceOneAtATimeInEachThreadsOrder() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    Map<Integer, Integer> lastIndex = new HashMap<>(); // drain-confined: needs no lock
    List<String> disorder = new ArrayList<>();
    int[] handled = new int[1];
    SerialDrain<Item> drain = new SerialDrain<>(item -> {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      Integer last = lastIndex.put(item.producer(), item.index());
      if (last != null && last + 1 != item.index()) {
        disorder.add(item + " after " + last);
      }
      handled[0]++;
      inside.decrementAndGet();
    });
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < THREADS; p++) {
      int producer = p;
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int i = 0; i < PER_THREAD; i++) {
          drain.offer(new Item(producer, i));
        }
      });
      t.start();
      producers.add(t);
    }
    go.countDown();
    for (Thread t : producers) {
      t.join(20_000);
    }

    assertThat(overlaps).hasValue(0);
    assertThat(disorder).isEmpty();
    assertThat(handled[0]).isEqualTo(THREADS * PER_THREAD);
  }

  @Test
  void anItemOfferedFromInsideTheHandlerRunsAfterTheCurrentOneOnTheSameThread() {
    List<String> trace = new ArrayList<>();
    SerialDrain<String>[] drain = new SerialDrain[1];
    drain[0] = new SerialDrain<>(item -> {
      trace.add("start " + item);
      if (item.equals("outer")) {
        drain[0].offer("inner");
      }
      trace.add("end " + item);
    });

    drain[0].offer("outer");

    assertThat(trace).containsExactly("start outer", "end outer", "start inner", "end inner");
  }

  @Test
  void aFailingItemDoesNotStopTheDrain() {
    List<String> handled = new ArrayList<>();
    SerialDrain<String> drain = new SerialDrain<>(item -> {
      if (item.equals("bad")) {
        throw new IllegalStateException("bad item");
      }
      handled.add(item);
    });

    drain.offer("bad");
    drain.offer("good");

    assertThat(handled).containsExactly("good");
  }
}
