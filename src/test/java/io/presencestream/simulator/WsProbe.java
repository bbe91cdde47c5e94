package io.presencestream.simulator;

import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/** A real WebSocket client (Reactor Netty) that records every text frame it receives. */
final class WsProbe implements AutoCloseable {

  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final Sinks.Many<String> outbox = Sinks.many().unicast().onBackpressureBuffer();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final AtomicInteger closeStatus = new AtomicInteger(-1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Disposable connection;

  private WsProbe(String url, Map<String, String> headers) {
    connection = HttpClient.create()
        .headers(h -> headers.forEach(h::set))
        .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(64 * 1024 * 1024).build())
        .uri(url)
        .handle((in, out) -> {
          in.receiveCloseStatus().subscribe(s -> closeStatus.set(s.code()));
          Mono<Void> reading = in.aggregateFrames(64 * 1024 * 1024)
              .receive()
              .asString()
              .doOnNext(frames::add)
              .then()
              .cache();
          return out.sendString(outbox.asFlux().takeUntilOther(reading.then(Mono.just(1)))).then().and(reading);
        })
        .doFinally(s -> ended.countDown())
        .subscribe(x -> {}, e -> { error.set(e); if (Boolean.getBoolean("probe.debug")) { e.printStackTrace(); } });
  }

  static WsProbe connect(String url) {
    return new WsProbe(url, Map.of());
  }

  static WsProbe connect(String url, Map<String, String> headers) {
    return new WsProbe(url, headers);
  }

  /** The next frame's text, failing after {@code timeout}. */
  String nextText(Duration timeout) {
    try {
      String f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (f == null) {
        throw new AssertionError("no frame within " + timeout + (error.get() == null ? "" : ", error " + error.get()));
      }
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Frame next(Duration timeout) {
    return CODEC.decodeFrame(nextText(timeout));
  }

  /** The next frame of the given type, skipping others (e.g. notifications while waiting for a reply). */
  Frame next(FrameType type, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (f.type() == type) {
        return f;
      }
    }
  }

  /** The frames that arrive within {@code window}. */
  List<String> drain(Duration window) {
    List<String> out = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return out;
        }
        String f = frames.poll(left, TimeUnit.NANOSECONDS);
        if (f != null) {
          out.add(f);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return out;
    }
  }

  void send(String text) {
    outbox.tryEmitNext(text);
  }

  /** Whether the connection ended within {@code timeout}. */
  boolean awaitEnd(Duration timeout) {
    try {
      return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Throwable error() {
    return error.get();
  }

  int closeStatus() {
    return closeStatus.get();
  }

  /** Drops the connection from the client side. */
  @Override
  public void close() {
    connection.dispose();
  }
}
