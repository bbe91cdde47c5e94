package io.presencestream.server;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link WakeGroup}'s work-in-progress protocol: two writers publish and signal at once on an executor
 * that runs the pass on the signalling thread. Every publication is seen by a pass that starts after it
 * (no lost wake-up), and passes never overlap (members are turned one pass at a time).
 */
@JCStressTest
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "the last pass saw both publications; passes never overlapped")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "a wake-up was lost: a publication was never seen")
@Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "two passes ran at once")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class WakeGroupStress implements WakeGroup.Member {

  private final WakeGroup group = new WakeGroup(Runnable::run, 0);
  private final AtomicInteger inTurn = new AtomicInteger();
  private volatile int first;
  private volatile int second;
  private volatile int seen;
  private volatile int overlapped;

  public WakeGroupStress() {
    group.add(this);
  }

  @Override
  public void turn() {
    if (inTurn.incrementAndGet() != 1) {
      overlapped = 1;
    }
    seen = first + second;
    inTurn.decrementAndGet();
  }

  @Actor
  public void firstWriter() {
    first = 1;
    group.signal();
  }

  @Actor
  public void secondWriter() {
    second = 1;
    group.signal();
  }

  @Arbiter
  public void arbiter(II_Result r) {
    r.r1 = seen;
    r.r2 = overlapped;
  }
}
