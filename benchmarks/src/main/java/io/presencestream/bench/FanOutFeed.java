package io.presencestream.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.PresenceEvent;
import io.presencestream.server.EventHub;
import io.presencestream.server.PresenceHttpServer;
import io.presencestream.server.ServerOptions;
import io.presencestream.server.StateProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.util.concurrent.Queues;

/**
 * One side of the SSE fan-out comparison ({@link FanOutBench}), a process of its own driven over stdin.
 * Both modes run the same paced feed: frames of the seeded {@link Corpus} generator through
 * {@link PresenceEngine#eventsFromBytes} (what the RingCentral client does per WebSocket frame), and
 * both encode each event the same way ({@link #stamped}: our event JSON plus a {@code "pub"} field, the
 * wall clock in microseconds when the event is handed to the fan-out).
 *
 * <ul>
 *   <li>{@code ours}: engine → {@link EventHub} → {@link PresenceHttpServer}, wired as the daemon wires
 *       them, in this process: the server under test also runs the engine and the feed. It prints
 *       {@code port=<port>} when listening; readers connect to {@code /events}.
 *   <li>{@code nchan <ws-url>}: the same engine and encoding, each encoded event published as one
 *       WebSocket text message to nchan's publisher endpoint (nginx is the server under test; this
 *       process is its publisher). It prints {@code port=0} once the publisher socket is open.
 * </ul>
 *
 * <p>Commands, one per line: {@code rate <notifications/s>} (0 stops the feed), {@code stats} (answers
 * one line {@code stats published=<events handed to the fan-out> notifications=<frames fed>
 * dropped=<events the fan-out dropped> clients=<subscribers or -1> acks=<publisher replies>
 * nanos=<System.nanoTime() when counted>}: the monotonic clock is the same in every process of the
 * machine, so the driver computes rates over the feed's own interval),
 * {@code quit}.
 */
public final class FanOutFeed {

  private static final int EXTENSIONS = Integer.getInteger("bench.extensions", 1000);

  private FanOutFeed() {}

  /**
   * Our event JSON with {@code ,"pub":<epoch µs>} before its closing brace: the publish time of this
   * event, read when it enters the fan-out (the hub's encoder runs in {@link EventHub#accept}; the nchan
   * publisher encodes right before sending). The same for both servers, so their latencies compare.
   */
  static Function<PresenceEvent, String> stamped(PresenceCodec codec) {
    return event -> {
      String json = codec.encodeEvent(event);
      Instant now = Instant.now();
      long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
      return json.substring(0, json.length() - 1) + ",\"pub\":" + micros + "}";
    };
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PresenceCodec codec = PresenceCodec.create();
    PresenceEngine engine = PresenceEngine.create(EngineOptions.defaults(), registry);
    Function<PresenceEvent, String> encoder = stamped(codec);
    AtomicLong published = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong acks = new AtomicLong();
    Consumer<PresenceEvent> fanOut;
    LongSupplier statsPublished;
    EventHub hub = null;
    int port;
    if (mode.equals("ours")) {
      ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0)
          .maxConnections(8192).maxConnectionsPerAddress(8192)
          .coalesceInterval(Duration.parse(System.getProperty("bench.coalesce", ServerOptions.DEFAULT_COALESCE_INTERVAL.toString())))
          .build();
      EventHub h = EventHub.create(options, encoder, registry);
      PresenceHttpServer server = PresenceHttpServer.builder(options)
          .hub(h)
          .states(StateProvider.of(engine::state, engine::states))
          .codec(codec)
          .directory(List::of)
          .metrics(registry)
          .start()
          .block(Duration.ofSeconds(30));
      long first = h.lastEventId();
      fanOut = h::accept;
      hub = h;
      port = server.port();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close().block(Duration.ofSeconds(5))));
      EventHub fh = h;
      statsPublished = () -> fh.lastEventId() - first;
    } else if (mode.equals("nchan")) {
      Sinks.Many<PresenceEvent> outbound =
          Sinks.many().unicast().onBackpressureBuffer(Queues.<PresenceEvent>get(1 << 16).get());
      CountDownLatch open = new CountDownLatch(1);
      HttpClient.create()
          .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
          .uri(args[1])
          .handle((in, out) -> {
            open.countDown();
            // encoded (and stamped) as the WebSocket connection takes it for writing: time spent in this
            // process's queue is not charged to nchan
            return out.sendString(outbound.asFlux().map(encoder)).then()
                .and(in.receiveFrames().doOnNext(frame -> acks.incrementAndGet()).then());
          })
          .subscribe(null, e -> {
            System.err.println("nchan publisher: " + e);
            open.countDown();
          });
      if (!open.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no WebSocket to the nchan publisher endpoint " + args[1]);
      }
      fanOut = event -> {
        if (outbound.tryEmitNext(event).isSuccess()) {
          published.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
      };
      port = 0;
      statsPublished = published::get;
    } else {
      throw new IllegalArgumentException("mode: ours or nchan");
    }

    Sinks.Many<byte[]> frames = Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>get(1 << 16).get());
    Disposable feed = engine.eventsFromBytes(frames.asFlux()).subscribe(fanOut);
    // The frames are generated ahead on a thread of their own ("bench-generator"), whose CPU the driver
    // leaves out of the server's: producing RingCentral's JSON is the harness's work, not the daemon's
    // (nchan's publisher generates them in its own process too).
    Corpus.Generator generator = Corpus.generator(42, EXTENSIONS);
    BlockingQueue<byte[]> ahead = new ArrayBlockingQueue<>(16_384);
    // Neither side blocks on the queue: a blocked producer would be woken (a futex call) by every take,
    // on the pacer's thread, whose CPU is the server's.
    Thread generating = new Thread(() -> {
      byte[] next = generator.next();
      while (true) {
        if (ahead.offer(next)) {
          next = generator.next();
        } else {
          LockSupport.parkNanos(2_000_000);
        }
      }
    }, "bench-generator");
    generating.setDaemon(true);
    generating.start();
    AtomicLong notifications = new AtomicLong();
    Pacer pacer = new Pacer(() -> {
      byte[] frame;
      while ((frame = ahead.poll()) == null) {
        LockSupport.parkNanos(100_000); // the generator fell behind: the rate fed shows it
      }
      if (frames.tryEmitNext(frame).isSuccess()) {
        notifications.incrementAndGet();
      }
    });
    Thread thread = new Thread(pacer, "bench-pacer");
    thread.setDaemon(true);
    thread.start();

    System.out.println("port=" + port);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      line = line.trim();
      if (line.startsWith("rate ")) {
        pacer.rate(Integer.parseInt(line.substring(5).trim()));
      } else if (line.equals("stats")) {
        long dropped = hub != null ? hub.dropped() : failed.get();
        int clients = hub != null ? hub.clientCount() : -1;
        System.out.println("stats published=" + statsPublished.getAsLong() + " notifications=" + notifications.get()
            + " dropped=" + dropped + " clients=" + clients + " acks=" + acks.get() + " nanos=" + System.nanoTime());
        System.out.flush();
      } else if (line.equals("quit")) {
        break;
      }
    }
    feed.dispose();
    System.exit(0);
  }

  /** Feeds {@code rate} frames a second from one thread, catching up in bursts; the rate can change. */
  static final class Pacer implements Runnable {
    private final Runnable step;
    private volatile int rate;
    private volatile long epoch;

    Pacer(Runnable step) {
      this.step = step;
    }

    void rate(int value) {
      rate = value;
      epoch++;
    }

    @Override
    public void run() {
      long seenEpoch = -1;
      long start = 0;
      long count = 0;
      while (true) {
        int r = rate;
        if (epoch != seenEpoch) {
          seenEpoch = epoch;
          start = System.nanoTime();
          count = 0;
        }
        if (r <= 0) {
          LockSupport.parkNanos(5_000_000);
          continue;
        }
        long due = (long) ((System.nanoTime() - start) / 1e9 * r);
        int burst = 0;
        while (count < due && burst < 1000) {
          step.run();
          count++;
          burst++;
        }
        if (count >= due) {
          // until the next frame is due: polling every 200 µs cost this thread more CPU at 200/s than the
          // engine did, and this process's CPU is the server's
          long next = start + (long) ((count + 1) * 1e9 / r);
          LockSupport.parkNanos(Math.max(100_000L, Math.min(next - System.nanoTime(), 100_000_000L)));
        }
      }
    }
  }
}
