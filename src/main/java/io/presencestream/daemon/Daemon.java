package io.presencestream.daemon;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The running daemon: source → engine → SSE hub, HTTP server and sinks, started from a {@link DaemonConfig}.
 *
 * <pre>{@code
 * Daemon daemon = Daemon.start(DaemonConfig.loadDefault(System.getenv()));
 * System.out.println("open " + daemon.url());
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.shutdown(Duration.ofSeconds(20))));
 * daemon.awaitTermination();
 * }</pre>
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final URI url;
  private final Mono<Void> stop;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CompletableFuture<Throwable> terminated = new CompletableFuture<>();

  private Daemon(URI url, Mono<Void> stop) {
    this.url = url;
    this.stop = stop;
  }

  /**
   * Starts every component; returns once the HTTP server listens. If a part fails to start, what was
   * already started is stopped again and the error is thrown.
   */
  public static Daemon start(DaemonConfig config) {
    Objects.requireNonNull(config, "config");
    throw new UnsupportedOperationException("the daemon's wiring lands with the simulator, client and server");
  }

  /** The wallboard's URL (the HTTP server's address). */
  public URI url() {
    return url;
  }

  /**
   * Stops gracefully: the source first, then the sinks drain and flush, then connections close. Lazy and
   * idempotent: every subscription waits for the one shutdown.
   */
  public Mono<Void> close() {
    return Mono.defer(
            () -> {
              if (closing.compareAndSet(false, true)) {
                log.info("presence-stream: shutting down");
                return stop.doFinally(signal -> terminated.complete(null)).cache();
              }
              return Mono.fromFuture(terminated).then();
            });
  }

  /** {@link #close()} waiting at most {@code timeout}; what is not done by then is abandoned and logged. */
  public void shutdown(Duration timeout) {
    try {
      close().block(timeout);
      log.info("presence-stream: stopped");
    } catch (RuntimeException e) {
      log.warn("presence-stream: shutdown did not finish within {}: {}", timeout, e.toString());
      terminated.complete(null);
    }
  }

  /**
   * Blocks until the daemon has stopped: null after {@link #close()}, or the error that stopped it by
   * itself (e.g. a permanent RingCentral error such as revoked credentials).
   */
  public Throwable awaitTermination() {
    return terminated.join();
  }
}
