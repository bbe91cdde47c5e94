package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keep-alive in a channel pipeline, on Netty's embedded event loop with its time frozen. */
class KeepAliveTest {

  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final AtomicInteger heartbeats = new AtomicInteger();
  private final AtomicInteger deaths = new AtomicInteger();
  private EmbeddedChannel channel;

  @BeforeEach
  void pipeline() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(KeepAlive.NAME, new KeepAlive(INTERVAL, TIMEOUT, heartbeats::incrementAndGet, deaths::incrementAndGet));
  }

  @Test
  void sendsAHeartbeatAfterAQuietMinuteAndGivesUpWhenNothingAnswers() {
    advance(INTERVAL.minusSeconds(1));
    assertThat(heartbeats).hasValue(0);
    advance(Duration.ofSeconds(1));
    assertThat(heartbeats).hasValue(1);
    advance(TIMEOUT.minusMillis(1));
    assertThat(deaths).hasValue(0);
    advance(Duration.ofMillis(1));
    assertThat(deaths).hasValue(1);
  }

  @Test
  void everyFrameRestartsTheClockAndAnAnswerKeepsTheConnection() {
    advance(Duration.ofSeconds(50));
    frame();
    advance(Duration.ofSeconds(50));
    assertThat(heartbeats).hasValue(0);
    advance(Duration.ofSeconds(10));
    assertThat(heartbeats).hasValue(1);
    advance(Duration.ofSeconds(5));
    frame(); // the heartbeat's answer
    advance(Duration.ofSeconds(59));
    assertThat(deaths).hasValue(0);
    assertThat(heartbeats).hasValue(1);
  }

  @Test
  void pingsAreNotTrafficAndDoNotHideADeadGateway() {
    for (int i = 0; i < 4; i++) {
      advance(Duration.ofSeconds(15));
      channel.writeInbound(new PingWebSocketFrame());
    }
    assertThat(heartbeats).hasValue(1);
    advance(TIMEOUT);
    assertThat(deaths).hasValue(1);
  }

  @Test
  void framesPassThroughUntouched() {
    TextWebSocketFrame text = new TextWebSocketFrame("[{\"type\":\"Heartbeat\"}]");
    channel.writeInbound(text);
    assertThat((Object) channel.readInbound()).isSameAs(text);
    text.release();
  }

  private void frame() {
    channel.writeInbound(new TextWebSocketFrame("[{\"type\":\"Heartbeat\"}]"));
    ((TextWebSocketFrame) channel.readInbound()).release();
  }

  private void advance(Duration d) {
    channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
    channel.runPendingTasks();
    channel.runScheduledPendingTasks();
  }
}
