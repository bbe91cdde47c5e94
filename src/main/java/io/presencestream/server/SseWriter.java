package io.presencestream.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One SSE connection as a {@link ClientOutput}: the hub's batches are written straight to the channel,
 * on its event loop, and flushed once per turn; heartbeats are written by a timer on the same loop.
 *
 * <p>Why not Reactor Netty's {@code send(Publisher)}: each batch then passed a {@code Flux.create}
 * queue, a merge with the heartbeats and the send operator's own queue, and was flushed by a task of
 * its own. With every event reaching each client alone (a few events a second per client), that
 * per-write work was what put our server behind nginx + nchan in events delivered per CPU second
 * (benchmarks/RESULTS.md, "SSE fan-out against nginx + nchan"). The response head is still Reactor
 * Netty's; the body ends when {@link #ended()} completes, and Reactor Netty then ends the response. The
 * body goes through the whole pipeline (the HTTP codec passes raw buffers of a response without chunked
 * framing on unchanged), so access logs, compression and byte counts see it as any response's.
 *
 * <p>Items are handed on only on the event loop ({@link #demand()} is 0 elsewhere): a turn taken on
 * another thread (the hub's writer making a far-behind client catch up) only moves events into the
 * client's buffer, so writes are never reordered across threads.
 */
final class SseWriter implements ClientOutput {

  private static final byte[] HEARTBEAT = SseFrames.HEARTBEAT.getBytes(StandardCharsets.UTF_8);

  private final Channel channel;
  private final Sinks.Empty<Void> ended = Sinks.empty();
  /** The hub's wake-up for this connection, run when the socket takes data again; null until it joins. */
  private final AtomicReference<Runnable> wakeUp = new AtomicReference<>();
  /** Written since the last flush; touched only in the stream's turns, which never overlap. */
  private boolean unflushed;
  private volatile boolean over;
  private volatile ScheduledFuture<?> heartbeats;

  SseWriter(Channel channel) {
    this.channel = channel;
  }

  /**
   * Writes the stream's first frame, starts the heartbeats and ends the stream when the connection
   * closes. Call once, after the response head was sent.
   */
  void open(byte[] firstFrame, Duration heartbeatInterval) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(firstFrame), channel.voidPromise());
    long every = heartbeatInterval.toNanos();
    heartbeats = channel.eventLoop().scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.NANOSECONDS);
    channel.closeFuture().addListener(closed -> complete());
  }

  /**
   * {@return a handler for the channel's pipeline that runs the hub's wake-up ({@link #wakeUpWith}) when
   * the socket takes data again} The hub reads for this connection only while it is writable.
   */
  ChannelHandler writabilityHandler() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Runnable wake = wakeUp.get();
        if (wake != null && ctx.channel().isWritable()) {
          wake.run();
        }
        ctx.fireChannelWritabilityChanged();
      }
    };
  }

  /** What the {@link #writabilityHandler} runs: the hub's wake-up for this connection's stream. */
  void wakeUpWith(Runnable wake) {
    wakeUp.set(wake);
  }

  /** {@return completes when the stream has ended: completed, failed, or the connection closed} */
  Mono<Void> ended() {
    return ended.asMono();
  }

  Channel channel() {
    return channel;
  }

  boolean writable() {
    return channel.isWritable();
  }

  private void heartbeat() {
    // A connection that takes nothing more gets no heartbeat: it would only wait behind what the client
    // does not read. After the end, Reactor Netty has ended (or is ending) the response.
    if (!over && channel.isWritable()) {
      channel.writeAndFlush(Unpooled.wrappedBuffer(HEARTBEAT), channel.voidPromise());
    }
  }

  @Override
  public long demand() {
    return !over && channel.eventLoop().inEventLoop() ? Long.MAX_VALUE : 0;
  }

  @Override
  public void next(Object item) {
    // A void promise: no future per write. A failed write reaches the pipeline's exception handler,
    // which closes the connection, and the close ends this stream.
    channel.write(item, channel.voidPromise());
    unflushed = true;
  }

  /**
   * The batch as a direct copy of its frames, shared with the loop's previous write if it had the very
   * same frames ({@link SharedBatchCopy}). Without direct memory for the copy this connection ends (its
   * client reconnects and resumes from its last id), as a failed write ended it when the transport made
   * the copy; the turn, and the loop's other connections, go on.
   */
  @Override
  public void nextFrames(byte[][] frames, int count) {
    assert channel.eventLoop().inEventLoop() : "items are handed on only on the connection's event loop";
    ByteBuf batch;
    try {
      batch = SharedBatchCopy.of(frames, count, channel);
    } catch (OutOfMemoryError | ArithmeticException e) {
      error(e);
      return;
    }
    next(batch);
  }

  @Override
  public void endOfTurn() {
    if (unflushed) {
      unflushed = false;
      channel.flush();
    }
  }

  @Override
  public void complete() {
    end();
  }

  @Override
  public void error(Throwable error) {
    // An overflow under DISCONNECT: close at once; a clean end would wait behind the unread data.
    end();
    channel.close();
  }

  private void end() {
    over = true;
    ScheduledFuture<?> timer = heartbeats;
    if (timer != null) {
      timer.cancel(false);
    }
    ended.tryEmitEmpty();
  }
}
