package io.presencestream.ringcentral;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive of one connection, in its pipeline: after {@code interval} without an incoming data
 * frame send a heartbeat; if still no frame arrives within {@code timeout}, the connection is dead.
 * Netty's {@link IdleStateHandler} does the watching: a frame only records its time, and a timer runs
 * once per quiet period, not once per frame. WebSocket pings and pongs do not count: the gateway
 * answers pings even when it no longer delivers, and its own pings are not traffic either.
 *
 * <p>Runs on the connection's event loop only.
 */
final class KeepAlive extends IdleStateHandler {

  /** The handler's name in the pipeline. */
  static final String NAME = "presence.keepAlive";

  private final long timeoutNanos;
  private final Runnable sendHeartbeat;
  private final Runnable dead;
  private long frames;
  private Future<?> deadline;

  /**
   * @param sendHeartbeat sends a {@code Heartbeat} frame
   * @param dead gives the connection up
   */
  KeepAlive(Duration interval, Duration timeout, Runnable sendHeartbeat, Runnable dead) {
    super(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
    this.timeoutNanos = timeout.toNanos();
    this.sendHeartbeat = sendHeartbeat;
    this.dead = dead;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof PingWebSocketFrame || msg instanceof PongWebSocketFrame) {
      ctx.fireChannelRead(msg);
      return;
    }
    frames++;
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    if (event.state() != IdleState.READER_IDLE || !event.isFirst()) {
      return;
    }
    sendHeartbeat.run();
    long seen = frames;
    deadline =
        ctx.executor()
            .schedule(
                () -> {
                  if (frames == seen && ctx.channel().isActive()) {
                    dead.run();
                  }
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
    if (deadline != null) {
      deadline.cancel(false);
    }
    super.handlerRemoved(ctx);
  }
}
