package io.presencestream.ringcentral;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.I_Result;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** {@link SingleFlight} under races: callers share one run of the work, and dispose never strands a caller. */
public final class SingleFlightStress {

  private SingleFlightStress() {}

  /** The result of a caller: what it received by the time the arbiter looks. */
  static final int PENDING = 0;
  static final int VALUE = 1;
  static final int ERROR = 2;

  /** Two callers arrive at once while the work is in flight: the work runs once and both get its value. */
  @JCStressTest
  @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "one run of the work; both callers got its value")
  @Outcome(expect = FORBIDDEN, desc = "the work ran twice, or a caller did not get the value")
  @State
  public static class ConcurrentCallersShareOneRun {
    private final SingleFlight<String> flight = new SingleFlight<>();
    private final Sinks.One<String> token = Sinks.one();
    private final AtomicInteger runs = new AtomicInteger();
    private final Supplier<Mono<String>> work =
        () -> {
          runs.incrementAndGet();
          return token.asMono();
        };
    private volatile int first = PENDING;
    private volatile int second = PENDING;

    @Actor
    public void firstCaller() {
      flight.run(work).subscribe(v -> first = VALUE, e -> first = ERROR);
    }

    @Actor
    public void secondCaller() {
      flight.run(work).subscribe(v -> second = VALUE, e -> second = ERROR);
    }

    @Arbiter
    public void arbiter(III_Result r) {
      token.tryEmitValue("token");
      r.r1 = runs.get();
      r.r2 = first;
      r.r3 = second;
    }
  }

  /**
   * A caller races {@code dispose()}: whichever comes first, the caller ends with an error. Before the
   * fix, a caller that arrived after dispose waited forever (its work was disposed on arrival).
   */
  @JCStressTest
  @Outcome(id = "2", expect = ACCEPTABLE, desc = "the caller got an error (before or after dispose)")
  @Outcome(id = "0", expect = FORBIDDEN, desc = "the caller hangs: no signal after dispose")
  @Outcome(expect = FORBIDDEN, desc = "a value after dispose")
  @State
  public static class DisposeNeverStrandsACaller {
    private final SingleFlight<String> flight = new SingleFlight<>();
    private final Sinks.One<String> token = Sinks.one();
    private volatile int caller = PENDING;

    @Actor
    public void call() {
      flight.run(token::asMono).subscribe(v -> caller = VALUE, e -> caller = ERROR);
    }

    @Actor
    public void dispose() {
      flight.dispose();
    }

    @Arbiter
    public void arbiter(I_Result r) {
      token.tryEmitValue("token");
      r.r1 = caller;
    }
  }
}
