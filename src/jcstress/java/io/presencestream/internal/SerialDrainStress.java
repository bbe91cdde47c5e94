package io.presencestream.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link SerialDrain} with two producers offering at once: every item is handled exactly once, the
 * handler never runs on two threads at a time, and each producer's items keep their order.
 */
@JCStressTest
@Outcome(id = "4, 0, 0", expect = ACCEPTABLE, desc = "all four handled, one at a time, each producer in order")
@Outcome(expect = FORBIDDEN, desc = "an item lost or repeated, handlers overlapped, or a producer's order broken")
@State
public class SerialDrainStress {

  private final AtomicInteger running = new AtomicInteger();
  // Drain-confined: written only by the handler, which SerialDrain runs one at a time.
  private int handled;
  private int overlaps;
  private int outOfOrder;
  private int lastOfA;
  private int lastOfB;

  private final SerialDrain<Integer> drain =
      new SerialDrain<>(
          item -> {
            if (running.incrementAndGet() != 1) {
              overlaps++;
            }
            handled++;
            // items 1, 2 come from producer A and 11, 12 from producer B
            if (item < 10) {
              outOfOrder += item < lastOfA ? 1 : 0;
              lastOfA = item;
            } else {
              outOfOrder += item < lastOfB ? 1 : 0;
              lastOfB = item;
            }
            running.decrementAndGet();
          });

  @Actor
  public void producerA() {
    drain.offer(1);
    drain.offer(2);
  }

  @Actor
  public void producerB() {
    drain.offer(11);
    drain.offer(12);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    // the arbiter runs after both actors returned: whoever drained last published its writes through
    // the drain's counter, which the arbiter's harness synchronises with
    r.r1 = handled;
    r.r2 = overlaps;
    r.r3 = outOfOrder;
  }
}
