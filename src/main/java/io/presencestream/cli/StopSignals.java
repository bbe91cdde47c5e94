package io.presencestream.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop, so {@code run} can stop gracefully and exit 0 as
 * documented. Left to the JVM, a signal starts the shutdown hooks and the process exits with 128 + the
 * signal number (143, 130) whatever the hooks did. A second signal while stopping halts at once.
 * Where the signals cannot be taken (another owner, {@code -Xrs}), the JVM's own handling stays: the
 * shutdown hook still stops the daemon, only the exit code is the JVM's.
 * The signals are taken through {@link Signals}.
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
    return Signals.take(List.of("TERM", "INT"), this::received,
            (name, why) -> log.debug("cannot handle SIG{}: {}", name, why))
        .count() > 0;
  }

  private void received(String name, int number) {
    if (!requested.complete(name)) {
      // a second signal: the user does not want to wait for the graceful stop
      System.err.println("presence-stream: stopping at once (SIG" + name + " again)");
      Runtime.getRuntime().halt(128 + number);
    }
  }
}
