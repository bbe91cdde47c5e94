package io.presencestream.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop a replay after the line in hand, for as long as the
 * replay runs. Left to the JVM, a signal ends the process at once, with up to a buffer's worth of output
 * unwritten and the last line on stdout possibly cut in two. A second signal halts at once (the user does
 * not want to wait), with the JVM's usual exit code. The handlers in place before are put back on close.
 */
final class ReplaySignals {

  /** Where a request to stop comes from; the real command uses {@link #install}, tests their own trigger. */
  @FunctionalInterface
  interface Source {
    /**
     * Calls {@code stop} with the signal's number on the first request, until the returned handle is
     * closed.
     */
    Handle onInterrupt(IntConsumer stop);
  }

  /** Undoes {@link Source#onInterrupt}. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  private ReplaySignals() {}

  /**
   * Takes SIGINT and SIGTERM where the JVM lets it (not with {@code -Xrs}, for instance), through
   * {@link Signals}; never fails.
   */
  static Handle install(IntConsumer stop) {
    AtomicBoolean requested = new AtomicBoolean();
    Signals.Taken taken = Signals.take(List.of("INT", "TERM"), (name, number) -> {
      if (requested.compareAndSet(false, true)) {
        stop.accept(number);
      } else {
        System.err.println();
        System.err.println("replay: stopping at once (SIG" + name + " again)");
        Runtime.getRuntime().halt(128 + number);
      }
    }, (name, why) -> {
      // not ours to take: the JVM's own handling stays
    });
    return taken::restore;
  }
}
