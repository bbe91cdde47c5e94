package io.presencestream.internal;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The event loop of the connection a response goes out on, as a {@link Scheduler}: where an answer computed
 * elsewhere (a worker, a timer) must be written.
 *
 * <p>Why: Reactor Netty (1.3.7) ends a request's operations when its response completes. Written from another
 * thread, that end can come after the client's next keep-alive request has already arrived; the server then
 * buffers that request, and in a later turn of the same dance it stops reading the connection: the client's
 * next request waits until its timeout (reactor/reactor-netty#4361, fixed after 1.3.7). Writing on the loop
 * ends the operations before the next request can be read. The daemon's HTTP handler and the simulator's REST
 * API both use it; {@code KeepAliveAfterAsyncAnswerIT} checks it.
 */
public final class ConnectionLoop {

  private ConnectionLoop() {}

  /**
   * The response's connection's event loop.
   *
   * @param response the response
   * @return a scheduler on that loop (it runs delayed tasks too; never dispose it: that would shut the loop
   *     down), or empty when the response has no connection
   */
  public static Optional<Scheduler> of(HttpServerResponse response) {
    ScheduledExecutorService[] loop = new ScheduledExecutorService[1];
    response.withConnection(connection -> loop[0] = connection.channel().eventLoop());
    return Optional.ofNullable(loop[0]).map(Schedulers::fromExecutorService);
  }
}
