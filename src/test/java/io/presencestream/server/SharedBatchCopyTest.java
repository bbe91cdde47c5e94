package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The copy of a batch in direct memory that an event loop's connections share: one per loop and batch,
 * held only until the loop's task is over, then owned by the writes alone.
 */
class SharedBatchCopyTest {

  private final SharedBatchCopy holder = new SharedBatchCopy();
  private final EmbeddedChannel a = new EmbeddedChannel();
  private final EmbeddedChannel b = new EmbeddedChannel();
  private final byte[][] frames = {bytes("id: 1\n\n"), bytes("id: 2\n\n")};

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The buffer the memory belongs to, under the duplicates and the leak detector's wrappers. */
  static ByteBuf root(ByteBuf buffer) {
    ByteBuf root = buffer;
    while (root.unwrap() != null) {
      root = root.unwrap();
    }
    return root;
  }

  @AfterEach
  void close() {
    a.finishAndReleaseAll();
    b.finishAndReleaseAll();
  }

  @Test
  void writesOfTheSameFramesInOneTaskShareOneCopyWhichTheWritesAloneHoldAfterTheTask() {
    ByteBuf first = holder.copyOf(frames, 2, a);
    ByteBuf second = holder.copyOf(frames.clone(), 2, b); // another connection's scratch array, the same frames

    assertThat(first.isDirect()).isTrue();
    assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("id: 1\n\nid: 2\n\n");
    assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("id: 1\n\nid: 2\n\n");
    ByteBuf copy = root(first);
    assertThat(second.memoryAddress()).as("the same memory").isEqualTo(first.memoryAddress());
    assertThat(copy.refCnt()).as("the holder's and the two writes'").isEqualTo(3);

    a.runPendingTasks(); // the task after the pass
    assertThat(copy.refCnt()).isEqualTo(2);
    first.release();
    second.release();
    assertThat(copy.refCnt()).isZero();
  }

  @Test
  void otherFramesGetANewCopyAndTheHolderLetsTheOldOneGo() {
    ByteBuf first = holder.copyOf(frames, 2, a);
    byte[][] others = {frames[0], bytes("id: 2\n\n")}; // the same count and first frame, equal bytes, another frame
    ByteBuf other = holder.copyOf(others, 2, a);
    ByteBuf fewer = holder.copyOf(frames, 1, a);

    assertThat(other.memoryAddress()).as("a frame of its own is a batch of its own").isNotEqualTo(first.memoryAddress());
    assertThat(fewer.memoryAddress()).isNotEqualTo(other.memoryAddress());
    assertThat(other.toString(StandardCharsets.UTF_8)).isEqualTo("id: 1\n\nid: 2\n\n");
    assertThat(fewer.toString(StandardCharsets.UTF_8)).isEqualTo("id: 1\n\n");
    assertThat(root(first).refCnt()).as("held by its write only").isEqualTo(1);
    assertThat(root(other).refCnt()).isEqualTo(1);
    ByteBuf fewerCopy = root(fewer);
    for (ByteBuf write : new ByteBuf[] {first, other, fewer}) {
      write.release();
    }
    a.runPendingTasks();
    assertThat(fewerCopy.refCnt()).isZero();
  }

  @Test
  void onALoopThatTakesNoMoreTasksTheHolderKeepsNothing() {
    DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
    LocalChannel channel = new LocalChannel();
    group.register(channel).syncUninterruptibly();
    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();

    ByteBuf write = holder.copyOf(frames, 2, channel);

    assertThat(write.toString(StandardCharsets.UTF_8)).isEqualTo("id: 1\n\nid: 2\n\n");
    ByteBuf copy = root(write);
    assertThat(copy.refCnt()).as("the write's reference only").isEqualTo(1);
    write.release();
    assertThat(copy.refCnt()).isZero();
  }
}
