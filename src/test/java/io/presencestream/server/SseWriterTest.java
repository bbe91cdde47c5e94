package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * An SSE connection as the server writes it: the hub's batches straight to the channel, on its event
 * loop (here an embedded channel, whose tasks run when the test says), flushed once per turn.
 */
class SseWriterTest {

  private static final Pattern ID = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Connection> connections = new ArrayList<>();

  /** One connection: what reached the socket end of its pipeline, write by write, and its flushes. */
  private final class Connection {
    final List<ByteBuf> writes = new ArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();
    final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writes.add((ByteBuf) msg);
        ctx.write(msg, promise);
      }

      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes.incrementAndGet();
        ctx.flush();
      }
    });
    final SseWriter writer = new SseWriter(channel);
    final AtomicReference<Runnable> wakeUp = new AtomicReference<>();
    final AtomicBoolean ended = new AtomicBoolean();
    Disposable subscription;

    Connection(EventHub hub, Long lastEventId) {
      connections.add(this);
      writer.ended().subscribe(null, null, () -> ended.set(true));
      subscription = hub.stream(EventFilter.all(), lastEventId, writer, 64, wakeUp::set);
    }

    /** Runs the turns waiting on the connection's event loop. */
    Connection turn() {
      channel.runPendingTasks();
      return this;
    }

    String text() {
      StringBuilder all = new StringBuilder();
      writes.forEach(write -> all.append(write.toString(StandardCharsets.UTF_8)));
      return all.toString();
    }

    void full(boolean full) {
      channel.unsafe().outboundBuffer().setUserDefinedWritability(1, !full);
    }
  }

  private EventHub hub(int history, int buffer, OverflowPolicy policy) {
    ServerOptions options = ServerOptions.builder()
        .historySize(history)
        .clientBufferSize(buffer)
        .overflowPolicy(policy)
        .coalesceInterval(Duration.ZERO) // every pass at once: the turns run when the test says
        .build();
    return EventHub.create(options, TestEvents.encoder(), registry, 1);
  }

  @AfterEach
  void close() {
    connections.forEach(connection -> {
      connection.subscription.dispose();
      connection.channel.finishAndReleaseAll();
    });
  }

  /** The ids of the events in {@code frames}, in order. */
  static List<Long> ids(CharSequence frames) {
    List<Long> ids = new ArrayList<>();
    Matcher matcher = ID.matcher(frames);
    while (matcher.find()) {
      ids.add(Long.parseLong(matcher.group(1)));
    }
    return ids;
  }

  @Test
  void eventsAreWrittenInBatchesOfAtMostMaxBatchAndFlushedOncePerTurn() {
    EventHub hub = hub(0, 256, OverflowPolicy.DROP_OLDEST);
    Connection connection = new Connection(hub, null).turn();
    int flushesBefore = connection.flushes.get();

    for (int i = 0; i < 100; i++) {
      hub.accept(TestEvents.callNew("101", i));
    }
    connection.turn();

    assertThat(connection.writes).hasSize(2);
    assertThat(ids(connection.writes.get(0).toString(StandardCharsets.UTF_8))).hasSize(64).first().isEqualTo(1L);
    assertThat(ids(connection.writes.get(1).toString(StandardCharsets.UTF_8))).hasSize(36).first().isEqualTo(65L);
    assertThat(ids(connection.text())).isSorted().hasSize(100);
    assertThat(connection.text()).startsWith("id: 1\nevent: call.new\ndata: ").endsWith("\n\n");
    assertThat(connection.flushes.get() - flushesBefore).as("one flush for the turn's two writes").isEqualTo(1);
    assertThat(registry.counter("presence.sse.events.sent").count()).isEqualTo(100);
  }

  @Test
  void aBatchIsOneDirectBufferThatReturnsToThePoolOnceSent() {
    EventHub hub = hub(0, 256, OverflowPolicy.DROP_OLDEST);
    Connection first = new Connection(hub, null).turn();
    Connection second = new Connection(hub, null).turn();

    for (int i = 0; i < 3; i++) {
      hub.accept(TestEvents.callNew("101", i));
    }
    first.turn();
    second.turn();

    assertThat(first.writes).hasSize(1);
    ByteBuf written = first.writes.get(0);
    // the transport sends it as is: no copy of its own, no parts to gather
    assertThat(written.isDirect()).isTrue();
    assertThat(written.nioBufferCount()).isEqualTo(1);
    assertThat(ids(first.text())).containsExactly(1L, 2L, 3L);
    assertThat(second.text()).isEqualTo(first.text());

    ByteBuf copy = SharedBatchCopyTest.root(written);
    assertThat(copy.refCnt()).as("after the loop's task, held by the write alone").isEqualTo(1);
    first.channel.releaseOutbound();
    assertThat(copy.refCnt()).isZero();
  }

  @Test
  void aBatchThatCannotBeCopiedEndsItsConnectionAndNotTheTurn() {
    EventHub hub = hub(0, 8, OverflowPolicy.DROP_OLDEST);
    Connection connection = new Connection(hub, null).turn();
    byte[] big = new byte[1 << 25];
    byte[][] frames = new byte[64][];
    java.util.Arrays.fill(frames, big); // 2 GiB in all: more than one buffer holds

    connection.writer.nextFrames(frames, 64);

    assertThat(connection.channel.isOpen()).isFalse();
    assertThat(connection.ended).isTrue();
    assertThat(connection.writes).isEmpty();
  }

  @Test
  void theReplayAndItsGapComeFirstThenLiveEventsInTheSameWrite() {
    EventHub hub = hub(5, 256, OverflowPolicy.DROP_OLDEST);
    for (int i = 0; i < 10; i++) {
      hub.accept(TestEvents.presence("101", i)); // ids 1..10, history keeps 6..10
    }
    Connection connection = new Connection(hub, 2L);
    hub.accept(TestEvents.presence("101", 10));
    connection.turn();

    assertThat(connection.writes).hasSize(1);
    assertThat(connection.text())
        .startsWith("event: gap\ndata: {\"fromId\":3,\"toId\":5,\"missed\":3,\"reason\":\"history\"}\n\n");
    assertThat(ids(connection.text())).containsExactly(6L, 7L, 8L, 9L, 10L, 11L);
    assertNoMixedParts(connection.writes);
  }

  @Test
  void aFullConnectionLeavesEventsInTheHubUnderTheOverflowPolicyUntilItsWakeUp() {
    EventHub hub = hub(0, 8, OverflowPolicy.DROP_OLDEST);
    Connection connection = new Connection(hub, null).turn();
    connection.full(true);

    for (int i = 0; i < 20; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    connection.turn();

    assertThat(connection.writes).as("nothing written while the socket is full").isEmpty();
    assertThat(hub.maxClientBuffered()).isEqualTo(8);

    connection.full(false);
    connection.wakeUp.get().run();
    connection.turn();

    assertThat(connection.text())
        .startsWith("event: gap\ndata: {\"fromId\":1,\"toId\":12,\"missed\":12,\"reason\":\"overflow\"}");
    assertThat(ids(connection.text())).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertNoMixedParts(connection.writes);
  }

  /**
   * No write mixes heap and direct parts. Netty's FixedCompositeByteBuf decides whether it is direct from
   * all its parts but the first, and the epoll transport then sends each part from its address: a heap
   * gap frame first and direct ring frames after once made writev fail with EFAULT and closed the
   * connection.
   */
  private static void assertNoMixedParts(List<ByteBuf> writes) {
    for (ByteBuf write : writes) {
      ByteBuffer[] parts = write.nioBuffers();
      assertThat(parts).extracting(ByteBuffer::isDirect).containsOnly(parts[0].isDirect());
    }
  }

  @Test
  void anOverflowUnderDisconnectClosesTheConnectionAndEndsTheStream() {
    EventHub hub = hub(0, 4, OverflowPolicy.DISCONNECT);
    Connection connection = new Connection(hub, null).turn();
    connection.full(true);

    for (int i = 0; i < 10; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    connection.turn();

    assertThat(connection.channel.isOpen()).isFalse();
    assertThat(connection.ended).isTrue();
    assertThat(hub.clientCount()).isZero();
    assertThat(registry.get("presence.sse.disconnects").counter().count()).isEqualTo(1);
  }

  @Test
  void theFirstFrameGoesAtOnceAndHeartbeatsFollowOnlyWhileTheConnectionTakesThem() {
    EventHub hub = hub(0, 8, OverflowPolicy.DROP_OLDEST);
    Connection connection = new Connection(hub, null);
    connection.writer.open("retry: 3000\n\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(15));
    assertThat(connection.text()).isEqualTo("retry: 3000\n\n");

    connection.channel.advanceTimeBy(15, TimeUnit.SECONDS);
    connection.channel.runScheduledPendingTasks();
    assertThat(connection.text()).isEqualTo("retry: 3000\n\n" + SseFrames.HEARTBEAT);

    connection.full(true);
    connection.channel.advanceTimeBy(15, TimeUnit.SECONDS);
    connection.channel.runScheduledPendingTasks();
    assertThat(connection.text()).as("no heartbeat queued behind a full socket").isEqualTo("retry: 3000\n\n" + SseFrames.HEARTBEAT);
  }

  @Test
  void theStreamEndsWhenTheConnectionClosesOrTheHubCloses() {
    EventHub hub = hub(0, 8, OverflowPolicy.DROP_OLDEST);
    Connection closing = new Connection(hub, null);
    closing.writer.open(new byte[] {'\n'}, Duration.ofSeconds(15));
    Connection staying = new Connection(hub, null).turn();

    closing.channel.close();
    assertThat(closing.ended).isTrue();

    hub.close().subscribe();
    staying.turn();
    assertThat(staying.ended).isTrue();
    assertThat(staying.channel.isOpen()).as("the server ends the response; the writer does not close").isTrue();
  }
}
