package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * An SSE connection and its wake group on a real event loop, a thread of its own (the embedded channel
 * of {@link SseWriterTest} runs everything on the test's thread, so it cannot show what happens off the
 * loop): the turns the hub's writer takes for a client far behind, and coalesced passes.
 */
class SseWriterRealLoopTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
  private final EventLoop loop = loops.next();
  private final StringBuffer received = new StringBuffer();
  private final List<Channel> channels = new ArrayList<>();

  @AfterEach
  void close() {
    channels.forEach(Channel::close);
    loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A connected pair on the loop: the server's end (returned) and a client end that collects the text. */
  private Channel connection() {
    LocalAddress address = new LocalAddress("sse-" + System.nanoTime());
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    channels.add(new ServerBootstrap()
        .group(loops)
        .channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel channel) {
            accepted.complete(channel);
          }
        })
        .bind(address)
        .syncUninterruptibly()
        .channel());
    channels.add(new Bootstrap()
        .group(loops)
        .channel(LocalChannel.class)
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            received.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
          }
        })
        .connect(address)
        .syncUninterruptibly()
        .channel());
    return accepted.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
  }

  private void awaitIds(int count) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (SseWriterTest.ids(received).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void eventsAClientFarBehindTakesOffItsLoopAreParkedThenWrittenByItsLoopInOrder() throws InterruptedException {
    ServerOptions options = ServerOptions.builder().historySize(0).clientBufferSize(2048).build();
    EventHub hub = EventHub.create(options, TestEvents.encoder(), new SimpleMeterRegistry(), 1);
    Channel channel = connection();
    SseWriter writer = new SseWriter(channel);
    channel.pipeline().addLast(writer.writabilityHandler());
    Disposable subscription = hub.stream(EventFilter.all(), null, writer, 64, writer::wakeUpWith);
    // Then the loop is kept busy elsewhere (after the turn the join queued), so that none of its turns
    // can read the events as they are published: only the turns the hub's writer takes, off the loop.
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    loop.execute(() -> {
      running.countDown();
      try {
        busy.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(running.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    int events = 1500; // more than a sweep interval of the hub's ring (1,024): the writer makes the client catch up
    for (int i = 0; i < events; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    int parked = hub.maxClientBuffered();
    busy.countDown();
    awaitIds(events);

    // The writer's catch-up at the ring's sweep interval (1,024 events) parked what the client had not read.
    assertThat(parked).as("turns taken off the loop only park events").isGreaterThanOrEqualTo(1024);
    assertThat(SseWriterTest.ids(received)).as("then the loop writes them all, in order")
        .hasSize(events).isSorted().doesNotHaveDuplicates();
    assertThat(hub.dropped()).isZero();
    subscription.dispose();
  }

  @Test
  void aSignalSoonAfterAPassBringsOneMorePassNoSoonerThanTheInterval() throws InterruptedException {
    long coalesce = TimeUnit.MILLISECONDS.toNanos(100);
    List<Long> passes = new CopyOnWriteArrayList<>();
    WakeGroup group = new WakeGroup(loop, coalesce);
    group.add(() -> passes.add(System.nanoTime()));

    group.signal(); // after a quiet spell: at once
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (passes.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    group.signal();
    group.signal();
    while (passes.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(2 * coalesce));

    assertThat(passes).as("two signals during the interval: one more pass").hasSize(2);
    // timed in the member, a little after each pass began: a millisecond's leeway for that
    assertThat(passes.get(1) - passes.get(0)).as("no sooner than the interval")
        .isGreaterThanOrEqualTo(coalesce - TimeUnit.MILLISECONDS.toNanos(1));
  }
}
