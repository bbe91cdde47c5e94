package io.presencestream.cli;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop, so {@code run} can stop gracefully and exit 0 as
 * documented. Left to the JVM, a signal starts the shutdown hooks and the process exits with 128 + the
 * signal number (143, 130) whatever the hooks did. A second signal while stopping halts at once.
 * Where the signals cannot be taken (another owner, {@code -Xrs}), the JVM's own handling stays: the
 * shutdown hook still stops the daemon, only the exit code is the JVM's.
 */
final class StopSignals {

  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

  private final CompletableFuture<String> requested = new CompletableFuture<>();

  /** Completes with the signal's name ({@code TERM}, {@code INT}) once one arrived. */
  CompletableFuture<String> requested() {
    return requested;
  }

  /** Takes over SIGTERM and SIGINT; returns whether at least one was taken. */
  boolean install() {
    boolean any = false;
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), this::received);
        any = true;
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        log.debug("cannot handle SIG{}: {}", name, e.getMessage());
      }
    }
    return any;
  }

  private void received(Signal signal) {
    if (!requested.complete(signal.getName())) {
      // a second signal: the user does not want to wait for the graceful stop
      System.err.println("presence-stream: stopping at once (SIG" + signal.getName() + " again)");
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
  }
}
