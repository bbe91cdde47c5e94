package io.presencestream.ringcentral;

import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keep-alive of one connection: after {@code interval} without an incoming frame send a heartbeat;
 * if still nothing arrives within {@code timeout}, fail with {@code dead}. Every frame restarts the
 * clock. WebSocket pings do not help here: the gateway answers them even when it no longer delivers.
 */
final class KeepAlive {

  private KeepAlive() {}

  /**
   * Never completes; fails when the connection is taken for dead.
   *
   * @param activity one signal per incoming frame
   */
  static Mono<Void> watchdog(
      Flux<?> activity,
      Duration interval,
      Duration timeout,
      Runnable sendHeartbeat,
      Supplier<? extends Throwable> dead,
      Scheduler timer) {
    return activity
        .map(x -> Boolean.TRUE)
        .startWith(Boolean.TRUE)
        .switchMap(
            tick ->
                Mono.delay(interval, timer)
                    .then(Mono.fromRunnable(sendHeartbeat))
                    .then(Mono.delay(timeout, timer))
                    .then(Mono.error(dead)))
        .then();
  }
}
