package io.presencestream.server;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.presencestream.codec.HttpJson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import reactor.netty.NettyPipeline;

/**
 * What a connection may hold before it has proved anything (a complete request, a token):
 *
 * <ul>
 *   <li>Beyond {@code maxConnections} in total, or {@code maxConnectionsPerAddress} from one address, a
 *       connection is marked over limit: its requests are answered {@code 503} with {@code Retry-After},
 *       except {@code /health/*}, so a liveness probe still gets through. Such connections may use
 *       {@link #HEALTH_RESERVE} extra slots; beyond those, a connection is answered {@code 503} at once
 *       and closed (never reset).
 *   <li>A request head (line and headers) must arrive within {@code requestHeadTimeout}, else
 *       {@code 408} and close: headers trickled to hold a slot do not hold it long.
 *   <li>A request Netty cannot decode (line or headers too long, malformed) gets the documented JSON
 *       error body with {@code 414}, {@code 431} or {@code 400}.
 * </ul>
 */
final class ConnectionGuard {

  /** Connections beyond the limits that may still be opened, for health checks. */
  static final int HEALTH_RESERVE = 8;

  static final AttributeKey<Boolean> OVER_LIMIT = AttributeKey.valueOf("presence.overLimit");

  private final ServerOptions options;
  private final AtomicInteger open;
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final Counter rejected;
  private final IntConsumer countStatus;

  ConnectionGuard(ServerOptions options, AtomicInteger open, Counter rejected, IntConsumer countStatus) {
    this.options = options;
    this.open = open;
    this.rejected = rejected;
    this.countStatus = countStatus;
  }

  /** Called for each new connection, on its event loop, before it is active. */
  void init(Channel channel, SocketAddress remote) {
    SocketAddress peer = remote != null ? remote : channel.remoteAddress();
    InetAddress address = peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
    int total = open.incrementAndGet();
    int fromAddress = address == null ? 1 : perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    channel.closeFuture().addListener(f -> release(address));
    ChannelPipeline pipeline = channel.pipeline();
    if (total > options.maxConnections() + HEALTH_RESERVE) {
      rejected.increment();
      pipeline.addFirst("presence-refuse", new Refuse());
      return;
    }
    if (total > options.maxConnections() || fromAddress > options.maxConnectionsPerAddress()) {
      rejected.increment();
      channel.attr(OVER_LIMIT).set(Boolean.TRUE);
    }
    HeadTimeout timeout = new HeadTimeout(options.requestHeadTimeout().toNanos());
    pipeline.addFirst("presence-head-timeout", timeout);
    if (pipeline.get(NettyPipeline.HttpCodec) != null) {
      pipeline.addAfter(NettyPipeline.HttpCodec, "presence-request-watch", new RequestWatch(timeout));
    }
  }

  private void release(InetAddress address) {
    open.decrementAndGet();
    if (address != null) {
      perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }
  }

  static boolean overLimit(Channel channel) {
    return Boolean.TRUE.equals(channel.attr(OVER_LIMIT).get());
  }

  static String errorJson(String code, String message) {
    return HttpJson.error(code, message);
  }

  /** A complete response in bytes, for handlers in front of the HTTP codec. */
  private static ByteBuf raw(HttpResponseStatus status, String json, boolean retryAfter) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\n"
        + (retryAfter ? "Retry-After: 1\r\n" : "")
        + "Content-Type: application/json\r\nCache-Control: no-cache\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    return Unpooled.wrappedBuffer(headBytes, body);
  }

  /** Beyond limits and reserve: a 503 at once, whatever the client sends, then close. */
  private final class Refuse extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      countStatus.accept(503);
      ctx.writeAndFlush(raw(HttpResponseStatus.SERVICE_UNAVAILABLE, errorJson("too_many_connections", "the server has too many open connections; retry later"), true))
          .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }
  }

  /** In front of the codec: a timer from the first byte of a request head (or the connection's start). */
  private final class HeadTimeout extends ChannelDuplexHandler {
    private final long nanos;
    private ScheduledFuture<?> timer;
    private boolean inRequest;
    private ChannelHandlerContext context;

    HeadTimeout(long nanos) {
      this.nanos = nanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      context = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      arm(ctx);
      super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (!inRequest && timer == null) {
        arm(ctx);
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      cancel();
      super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
      timer = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
      timer = null;
      if (inRequest || !ctx.channel().isActive()) {
        return;
      }
      countStatus.accept(408);
      ctx.writeAndFlush(raw(HttpResponseStatus.REQUEST_TIMEOUT, errorJson("request_timeout", "the request head did not arrive in time"), false))
          .addListener(ChannelFutureListener.CLOSE);
    }

    void headReceived() {
      cancel();
      inRequest = true;
    }

    void requestEnded() {
      inRequest = false;
    }

    private void cancel() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }

  /** Behind the codec: ends the head timer, and answers what the codec could not decode. */
  private final class RequestWatch extends ChannelInboundHandlerAdapter {
    private final HeadTimeout timeout;
    private boolean failed;

    RequestWatch(HeadTimeout timeout) {
      this.timeout = timeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (failed) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
        failed = true;
        timeout.headReceived();
        Throwable cause = http.decoderResult().cause();
        ReferenceCountUtil.release(msg);
        HttpResponseStatus status;
        String json;
        if (cause instanceof TooLongHttpLineException) {
          status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
          json = errorJson("request_too_large", "the request line is longer than " + options.maxRequestBytes() + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
          status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
          json = errorJson("request_too_large", "the request headers are larger than " + options.maxRequestBytes() + " bytes");
        } else {
          status = HttpResponseStatus.BAD_REQUEST;
          json = errorJson("bad_request", "the request is not valid HTTP");
        }
        countStatus.accept(status.code());
        FullHttpResponse response =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
            .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (msg instanceof HttpRequest) {
        timeout.headReceived();
      }
      if (msg instanceof LastHttpContent) {
        timeout.requestEnded();
      }
      super.channelRead(ctx, msg);
    }
  }
}
