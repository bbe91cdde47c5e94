package io.presencestream.bench;

import io.netty.buffer.ByteBuf;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.daemon.Daemon;
import io.presencestream.engine.EngineOptions;
import io.presencestream.server.EventHub;
import io.presencestream.server.PresenceHttpServer;
import io.presencestream.server.ServerOptions;
import io.presencestream.server.StateProvider;
import io.presencestream.daemon.DaemonConfig;
import io.presencestream.simulator.SimulatorTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * End to end on loopback, in one JVM: the built-in simulator's traffic → WebSocket → RingCentral client →
 * engine → SSE hub → HTTP server → N SSE readers (Reactor Netty {@link HttpClient}). The daemon is started
 * from YAML exactly as {@code run} starts it; only the simulator's own timer is off: this harness steps
 * the simulator's traffic generator itself at a paced rate, raised level by level until saturation.
 *
 * <p>Latency: the simulator stamps a new call's {@code startTime} with its clock (millisecond precision)
 * in the step that puts it on its extension and sends the first notification carrying it, and the engine
 * keeps the server's start time, so for every {@code call.new} event "SSE receive time − call.startTime" is
 * simulator send → SSE receive (same JVM, same clock; the millisecond truncation overstates it by 0–1 ms;
 * queue calls are left out: one handed to an agent keeps the queue call's earlier start time). That holds
 * only for calls a notification carries: the simulator's bursts (more calls on one extension than a
 * notification holds) leave some calls out of the truncated list, and the engine learns those through its
 * debounced REST resync ({@code resyncDelay} 2 s quiet, {@code resyncMaxDelay} 4 s), seconds later by
 * design. So the traffic is played without bursts (a burst's draw plays an inbound call), and
 * {@code -Dbench.bursts=true} plays them, to see that path. For every event, "receive − at" is client
 * receive → SSE receive. All readers count events; at most
 * {@link #LATENCY_READERS} of them also parse frames for latency (parsing in every one of 1,000 readers
 * would measure the readers, not the server).
 *
 * <p>Feed {@code -Dbench.feed=pipeline}: when the simulator → WebSocket client leg cannot run, the same
 * engine → hub → HTTP server → readers path is fed with frames from the seeded {@link Corpus} generator
 * through {@link PresenceEngine#eventsFromBytes} (what the client does with each WebSocket frame). The
 * engine stamps each input with the wall clock as it decodes it, so "receive − at" is then send → SSE
 * receive.
 *
 * <p>Usage: {@code EndToEnd <out.json> sweep <clients,…> <rates,…> <seconds>} or
 * {@code EndToEnd <out.json> stall <clients> <rate> <baselineSeconds> <stallSeconds>}.
 */
public final class EndToEnd {

  static final int LATENCY_READERS = 8;
  static final boolean PIPELINE_FEED = "pipeline".equals(System.getProperty("bench.feed", "simulator"));
  private static final int EXTENSIONS = Integer.getInteger("bench.extensions", 1000);
  /** Whether the simulator plays bursts (truncated call lists, learned by a debounced resync: see above). */
  private static final boolean BURSTS = Boolean.getBoolean("bench.bursts");

  private EndToEnd() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    String json;
    if (args[1].equals("sweep")) {
      json = sweep(ints(args[2]), ints(args[3]), Integer.parseInt(args[4]), out);
    } else if (args[1].equals("stall")) {
      json = stall(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
    } else {
      throw new IllegalArgumentException("sweep or stall");
    }
    Files.writeString(out, json);
    System.exit(0); // leave no non-daemon thread behind
  }

  private static int[] ints(String csv) {
    String[] parts = csv.split(",");
    int[] values = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Integer.parseInt(parts[i].trim());
    }
    return values;
  }

  // ------------------------------------------------------------------ scenarios

  static String sweep(int[] clientCounts, int[] rates, int seconds, Path out) throws Exception {
    List<String> rows = new ArrayList<>();
    for (int clients : clientCounts) {
      try (Rig rig = Rig.start(clients)) {
        // JIT warm-up of every part (not recorded)
        rig.run(Math.max(rates[0] / 2, 100), Duration.ofSeconds(4), Duration.ofSeconds(1));
        for (int rate : rates) {
          Level level = rig.run(rate, Duration.ofSeconds(2), Duration.ofSeconds(seconds));
          System.out.println(level.describe());
          rows.add(level.json());
          // written after every level, so a later failure keeps what was measured
          Files.writeString(out, "[\n" + String.join(",\n", rows) + "\n]\n");
          if (level.saturated()) {
            break;
          }
        }
      }
    }
    return "[\n" + String.join(",\n", rows) + "\n]\n";
  }

  static String stall(int clients, int rate, int baselineSeconds, int stallSeconds) throws Exception {
    try (Rig rig = Rig.start(clients)) {
      rig.run(rate, Duration.ofSeconds(15), Duration.ofSeconds(1)); // JIT warm-up, not recorded
      long heapBefore = HeapPerExtension.settledHeap();
      Level baseline = rig.run(rate, Duration.ofSeconds(3), Duration.ofSeconds(baselineSeconds));
      System.out.println("without a stalled client: " + baseline.describe());
      long heapBaseline = HeapPerExtension.settledHeap();
      try (StalledClient stalled = StalledClient.connect(rig.port())) {
        Level withStall = rig.run(rate, Duration.ofSeconds(3), Duration.ofSeconds(stallSeconds));
        System.out.println("with one stalled client: " + withStall.describe());
        long heapStalled = HeapPerExtension.settledHeap();
        int maxBuffered = rig.hub.maxClientBuffered();
        long hubDropped = rig.hub.dropped();
        stalled.close();
        Thread.sleep(1000);
        long heapAfter = HeapPerExtension.settledHeap();
        String s = String.format(Locale.ROOT,
            "{\"clients\": %d, \"rate\": %d, \"baseline\": %s,\n \"stalled\": %s,\n"
                + " \"heapBeforeBytes\": %d, \"heapAfterBaselineBytes\": %d, \"heapWithStalledClientBytes\": %d,"
                + " \"heapAfterStalledClosedBytes\": %d, \"stalledClientBytesRead\": %d,"
                + " \"hubMaxClientBuffered\": %d, \"hubDroppedEvents\": %d}\n",
            clients, rate, baseline.json(), withStall.json(), heapBefore, heapBaseline, heapStalled, heapAfter,
            stalled.bytesRead(), maxBuffered, hubDropped);
        System.out.printf("heap after GC: before %,d, after baseline %,d, with stalled client %,d, after it closed %,d;"
                + " hub max buffered %d, dropped %d%n",
            heapBefore, heapBaseline, heapStalled, heapAfter, maxBuffered, hubDropped);
        return s;
      }
    }
  }

  // ------------------------------------------------------------------ the rig

  /** The system under test (the daemon on the simulator, or the pipeline) plus N connected SSE readers. */
  static final class Rig implements AutoCloseable {
    final EventHub hub;
    final IntSupplier step;
    final URI url;
    final Mono<Void> stop;
    final IntSupplier tracked;
    final List<Reader> readers = new ArrayList<>();
    final Disposable.Composite subscriptions = Disposables.composite();
    final ConnectionProvider provider;

    private Rig(EventHub hub, IntSupplier step, URI url, Mono<Void> stop, IntSupplier tracked,
        ConnectionProvider provider) {
      this.hub = hub;
      this.step = step;
      this.url = url;
      this.stop = stop;
      this.tracked = tracked;
      this.provider = provider;
    }

    static Rig start(int clients) throws InterruptedException {
      ConnectionProvider provider = ConnectionProvider.builder("sse-readers")
          .maxConnections(clients + 8)
          .pendingAcquireMaxCount(-1)
          .build();
      Rig rig = PIPELINE_FEED ? pipeline(clients, provider) : daemon(clients, provider);
      HttpClient client = HttpClient.create(provider).baseUrl(rig.url.toString());
      for (int i = 0; i < clients; i++) {
        Reader reader = new Reader(i < LATENCY_READERS);
        rig.readers.add(reader);
        rig.subscriptions.add(client.get().uri("/events")
            .responseContent()
            .subscribe(reader::onChunk, e -> reader.failed.set(true)));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (rig.hub.clientCount() < clients && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      System.out.printf("rig (%s feed%s): %d extensions tracked, %d SSE clients connected (hub says %d)%n",
          PIPELINE_FEED ? "pipeline" : "simulator", PIPELINE_FEED ? "" : BURSTS ? ", bursts" : ", no bursts",
          rig.tracked.getAsInt(), clients, rig.hub.clientCount());
      return rig;
    }

    /** The daemon exactly as {@code run} starts it, on its built-in simulator with the timer off. */
    private static Rig daemon(int clients, ConnectionProvider provider) throws InterruptedException {
      String yaml = """
          source:
            simulator:
              extensions: %d
              seed: 42
              eventsPerSecond: 0
              port: 0
          server:
            host: 127.0.0.1
            port: 0
            limits:
              maxConnections: %d
              maxConnectionsPerAddress: %d
          """.formatted(EXTENSIONS, clients + 64, clients + 64);
      Daemon daemon = Daemon.start(DaemonConfig.parse(yaml, "benchmark", Map.of()));
      // wait for the initial snapshot of every extension, so the levels measure notifications only
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (daemon.states().size() < EXTENSIONS && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (daemon.states().size() < EXTENSIONS) {
        daemon.close().block(Duration.ofSeconds(30));
        throw new IllegalStateException("the daemon did not get the simulator's extensions within 60 s"
            + " (simulator → client leg down?); -Dbench.feed=pipeline measures the rest");
      }
      SimulatorTraffic traffic = daemon.simulator().orElseThrow().traffic();
      traffic.bursts(BURSTS);
      return new Rig(daemon.hub(), traffic::step, daemon.url(), daemon.close(),
          () -> daemon.states().size(), provider);
    }

    /** Engine → hub → HTTP server wired as the daemon wires them, fed frame by frame from the generator. */
    private static Rig pipeline(int clients, ConnectionProvider provider) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      PresenceCodec codec = PresenceCodec.create();
      PresenceEngine engine = PresenceEngine.create(EngineOptions.defaults(), registry);
      // every reader connects from 127.0.0.1: the per-address limit (64 by default) must let them all in
      ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0)
          .maxConnections(clients + 64).maxConnectionsPerAddress(clients + 64).build();
      EventHub hub = EventHub.create(options, codec::encodeEvent, registry);
      PresenceHttpServer server = PresenceHttpServer.builder(options)
          .hub(hub)
          .states(StateProvider.of(engine::state, engine::states))
          .codec(codec)
          .directory(List::of)
          .metrics(registry)
          .start()
          .block(Duration.ofSeconds(30));
      Sinks.Many<byte[]> frames = Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>get(1 << 16).get());
      Disposable feed = engine.eventsFromBytes(frames.asFlux()).subscribe(hub::accept);
      Corpus.Generator generator = Corpus.generator(42, EXTENSIONS);
      IntSupplier step = () -> frames.tryEmitNext(generator.next()).isSuccess() ? 1 : 0;
      Mono<Void> stop = Mono.fromRunnable(feed::dispose)
          .then(engine.close()).then(hub.close()).then(server.close()).then(Mono.fromRunnable(registry::close));
      URI url = URI.create(server.baseUrl() + "/");
      return new Rig(hub, step, url, stop, () -> engine.states().size(), provider);
    }

    int port() {
      return url.getPort();
    }

    Level run(int rate, Duration warmup, Duration measure) throws InterruptedException {
      AtomicBoolean stop = new AtomicBoolean();
      LongAdder sent = new LongAdder();
      Thread pacer = new Thread(() -> pace(step, rate, stop, sent), "bench-pacer");
      pacer.setDaemon(true);
      pacer.start();
      Thread.sleep(warmup.toMillis());
      // measurement window
      for (Reader r : readers) {
        r.reset();
      }
      long sent0 = sent.sum();
      long hub0 = hub.lastEventId();
      long dropped0 = hub.dropped();
      long t0 = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long elapsed = System.nanoTime() - t0;
      long sentN = sent.sum() - sent0;
      long hubN = hub.lastEventId() - hub0;
      long delivered = 0;
      Histogram callNew = new Histogram(3);
      Histogram all = new Histogram(3);
      Histogram simToClient = new Histogram(3);
      for (Reader r : readers) {
        delivered += r.events.sum();
        if (r.latency) {
          all.add(r.all.getIntervalHistogram());
          if (!PIPELINE_FEED) {
            callNew.add(r.callNew.getIntervalHistogram());
            simToClient.add(r.simToClient.getIntervalHistogram());
          }
        }
      }
      stop.set(true);
      pacer.join(5000);
      long dropped = hub.dropped() - dropped0;
      int connected = hub.clientCount();
      int failed = 0;
      for (Reader r : readers) {
        failed += r.failed.get() ? 1 : 0;
      }
      // let queues drain before the next level: until no event for 500 ms (at most 15 s)
      long settleBy = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      long last = -1;
      while (System.nanoTime() < settleBy && hub.lastEventId() != last) {
        last = hub.lastEventId();
        Thread.sleep(500);
      }
      double seconds = elapsed / 1e9;
      return new Level(readers.size(), rate, sentN / seconds, hubN / seconds, delivered / seconds, callNew, all,
          simToClient, dropped, connected, failed);
    }

    /** Steps the simulator so that it sends {@code rate} notifications a second (catching up in bursts). */
    private static void pace(IntSupplier step, int rate, AtomicBoolean stop, LongAdder sent) {
      long start = System.nanoTime();
      long count = 0;
      while (!stop.get()) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
        int burst = 0;
        while (count < due && burst < 1000) {
          int n = step.getAsInt();
          count += n;
          sent.add(n);
          burst++;
        }
        if (count >= due) {
          java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
      }
    }

    @Override
    public void close() {
      subscriptions.dispose();
      try {
        stop.block(Duration.ofSeconds(30));
        provider.disposeLater().block(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        // the next rig binds new ports; a slow shutdown must not lose the results
        System.out.println("rig: shutdown did not finish in time (" + e.getMessage() + ")");
      }
    }
  }

  /** Results of one rate level. */
  record Level(int clients, int targetRate, double sentPerSecond, double eventsPerSecond,
      double deliveredPerSecond, Histogram callNew, Histogram all, Histogram simToClient, long hubDropped,
      int connected, int failed) {

    /** Saturated: the pipeline no longer keeps up (or a client fell off). */
    boolean saturated() {
      double expected = eventsPerSecond * clients;
      return sentPerSecond < 0.9 * targetRate
          || deliveredPerSecond < 0.9 * expected
          || primary().getValueAtPercentile(99) > 5_000_000
          || failed > 0;
    }

    /** The send → SSE receive latency: call.new on the simulator feed, every event on the pipeline feed. */
    Histogram primary() {
      return PIPELINE_FEED ? all : callNew;
    }

    String describe() {
      return String.format(Locale.ROOT,
          "%4d clients, target %6d/s: sent %8.0f notif/s, hub %8.0f events/s, delivered %10.0f events/s;"
              + " sim→SSE call.new p50 %.2f p99 %.2f p99.9 %.2f max %.2f ms (n=%d); client→SSE p50 %.2f p99 %.2f ms (n=%d);"
              + " dropped %d, connected %d, failed %d%s",
          clients, targetRate, sentPerSecond, eventsPerSecond, deliveredPerSecond,
          ms(callNew, 50), ms(callNew, 99), ms(callNew, 99.9), callNew.getMaxValue() / 1000.0,
          callNew.getTotalCount(), ms(all, 50), ms(all, 99), all.getTotalCount(), hubDropped, connected, failed, saturated() ? "  [saturated]" : "");
    }

    String json() {
      return String.format(Locale.ROOT,
          "  {\"clients\": %d, \"targetRate\": %d, \"sentPerSecond\": %.1f, \"eventsPerSecond\": %.1f,"
              + " \"deliveredPerSecond\": %.1f, \"callNewLatencyMs\": %s, \"clientToSseLatencyMs\": %s,"
              + " \"hubDropped\": %d, \"connected\": %d, \"failedClients\": %d, \"saturated\": %b,"
              + " \"feed\": \"%s\", \"bursts\": %b, \"sendToSseLatencyMs\": %s, \"callNewSimToClientMs\": %s}",
          clients, targetRate, sentPerSecond, eventsPerSecond, deliveredPerSecond, percentiles(callNew),
          percentiles(all), hubDropped, connected, failed, saturated(), PIPELINE_FEED ? "pipeline" : "simulator",
          !PIPELINE_FEED && BURSTS, percentiles(primary()), percentiles(simToClient));
    }

    private static double ms(Histogram h, double p) {
      return h.getValueAtPercentile(p) / 1000.0;
    }

    private static String percentiles(Histogram h) {
      return String.format(Locale.ROOT,
          "{\"count\": %d, \"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"p999\": %.3f, \"max\": %.3f}",
          h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
    }
  }

  // ------------------------------------------------------------------ readers

  /** One SSE connection: counts {@code data:} lines; a latency reader also parses them. */
  static final class Reader {
    final boolean latency;
    final LongAdder events = new LongAdder();
    final Recorder callNew = new Recorder(3);
    final Recorder all = new Recorder(3);
    /** call.new only: client receive time ({@code at}) − simulator send time ({@code startTime}). */
    final Recorder simToClient = new Recorder(3);
    final AtomicBoolean failed = new AtomicBoolean();
    private byte previous = '\n';
    private final DataLineCounter dataLines = new DataLineCounter();
    private final StringBuilder line = new StringBuilder(2048);

    Reader(boolean latency) {
      this.latency = latency;
    }

    void reset() {
      events.reset();
      callNew.reset();
      all.reset();
      simToClient.reset();
    }

    void onChunk(ByteBuf chunk) {
      if (!latency) {
        countEvents(chunk);
        return;
      }
      long nowMicros = micros(Instant.now());
      int end = chunk.writerIndex();
      for (int i = chunk.readerIndex(); i < end; i++) {
        byte b = chunk.getByte(i);
        if (previous == '\n' && b == 'd') {
          events.increment();
        }
        previous = b;
        if (latency) {
          if (b == '\n') {
            onLine(nowMicros);
            line.setLength(0);
          } else {
            line.append((char) b); // ASCII is all this parser looks at
          }
        }
      }
    }

    /** Counts the events of a reader that does not time them (see {@link DataLineCounter}). */
    private void countEvents(ByteBuf chunk) {
      int found = dataLines.count(chunk);
      if (found > 0) {
        events.add(found);
      }
    }

    private void onLine(long nowMicros) {
      if (line.length() < 6 || line.charAt(0) != 'd' || !line.toString().startsWith("data: {\"kind\"")) {
        return;
      }
      String data = line.toString();
      String at = field(data, "\"at\":\"");
      if (at != null) {
        all.recordValue(Math.max(0, nowMicros - micros(Instant.parse(at))));
      }
      // a queue call handed to an agent keeps the queue call's (earlier) start time: not a send time
      if (data.startsWith("data: {\"kind\":\"call.new\"") && !data.contains("\"queueCall\":true")) {
        String start = field(data, "\"startTime\":\"");
        if (start != null) {
          long sent = micros(Instant.parse(start));
          callNew.recordValue(Math.max(0, nowMicros - sent));
          if (at != null) {
            simToClient.recordValue(Math.max(0, micros(Instant.parse(at)) - sent));
          }
        }
      }
    }

    private static String field(String data, String key) {
      int i = data.indexOf(key);
      if (i < 0) {
        return null;
      }
      int from = i + key.length();
      int to = data.indexOf('"', from);
      return to < 0 ? null : data.substring(from, to);
    }

    private static long micros(Instant t) {
      return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
  }

  /** An SSE client that sends its request and then never reads: the server's writes back up. */
  static final class StalledClient implements AutoCloseable {
    private final Socket socket;

    private StalledClient(Socket socket) {
      this.socket = socket;
    }

    static StalledClient connect(int port) throws IOException {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(4096); // small, so the stall shows quickly
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new StalledClient(socket);
    }

    long bytesRead() {
      return 0; // it never reads, by definition
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

}
