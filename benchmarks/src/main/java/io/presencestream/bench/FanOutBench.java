package io.presencestream.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * SSE fan-out, presence-stream against nginx + nchan, on one machine with the same events and the same
 * readers (issue 12). Three kinds of process besides this one:
 *
 * <ul>
 *   <li><b>ours</b>: {@link FanOutFeed} {@code ours}: engine → hub → SSE server, fed in-process at a
 *       paced rate. Its CPU and memory are the server's, engine included.
 *   <li><b>nchan</b>: nginx with the nchan module from the distribution ({@code nginx},
 *       {@code libnginx-mod-nchan}), started here on a free loopback port with a configuration of its
 *       own (written to a temporary directory; no system service): one channel, EventSource
 *       subscribers on {@code /events}, publisher on {@code /pub}. Its CPU and memory are the master's
 *       plus its workers'.
 *   <li><b>nchan's publisher</b>: {@link FanOutFeed} {@code nchan}: the same engine, feed and encoding,
 *       each event published as one WebSocket message (nchan's cheapest publisher interface). Its CPU is
 *       reported apart: it is the engine's work, which nchan does not do.
 * </ul>
 *
 * <p>This process holds the readers: N Reactor Netty connections per server, each sending
 * {@code GET /events} with {@code Accept: text/event-stream} and reading the stream as an EventSource
 * would; {@link #LATENCY_READERS} of each server's readers parse every event. Per level (a rate,
 * {@code seconds} long after a warm-up) the two servers take turns, in alternating order, so both see
 * the same machine load. Measured per level: events delivered per second (all readers), publish → receive
 * latency (the {@code "pub"} field, µs) and engine input → receive ({@code "at"}, ms precision), server
 * CPU seconds from {@code /proc/<pid>/stat} (utime + stime) before and after the window (for ours less its
 * frame generator thread, harness work that nchan's publisher does in its own process), per million
 * delivered events, server RSS ({@code VmRSS}) and PSS ({@code smaps_rollup}) at the end of the window,
 * and drops: after the feed stops and deliveries settle, events published in the level × readers minus
 * events the readers received.
 *
 * <p>Usage: {@code FanOutBench <out.json> <seconds> <clients>=<rate,rate,…> [<clients>=<rates> …]}.
 * Properties: {@code bench.nginx} (default {@code nginx}), {@code bench.nchanModule}, {@code bench.serverJvmArgs}
 * (extra JVM options for our server; {@code bench.serverJvmArgs.<name>} for one of them, e.g. {@code
 * -Dbench.coalesce=PT0.005S} for its SSE write coalescing), {@code bench.serverJfr} (a JFR recording of our server to this file,
 * summarised to {@code <file>.txt} at the end), {@code bench.servers} ({@code ours,nchan}; any name starting
 * with {@code ours} is our server, with {@code bench.classes.<name>} put first on its class path, to compare
 * two builds in one run).
 */
public final class FanOutBench {

  static final int LATENCY_READERS = 8;
  static final double P99_LIMIT_MS = 50;
  /** Unrecorded first level per server and client count: the JIT compiles the hot path (C2 under load is slow). */
  private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 30);
  private static final String NCHAN_MODULE =
      System.getProperty("bench.nchanModule", "/usr/lib/nginx/modules/ngx_nchan_module.so");
  private static final long CLK_TCK = clockTicks();

  private FanOutBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int seconds = Integer.parseInt(args[1]);
    Map<Integer, int[]> plan = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=");
      plan.put(Integer.parseInt(kv[0]), Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray());
    }
    List<String> names = Arrays.asList(System.getProperty("bench.servers", "ours,nchan").split(","));
    String meta = meta();
    List<String> rows = new ArrayList<>();
    List<Server> servers = new ArrayList<>();
    try {
      for (String name : names) {
        servers.add(name.startsWith("ours") ? Server.ours(name) : Server.nchan());
      }
      for (Map.Entry<Integer, int[]> block : plan.entrySet()) {
        int clients = block.getKey();
        int[] rates = block.getValue();
        LoopResources loops = LoopResources.create("sse-readers", 2, true);
        ConnectionProvider provider = ConnectionProvider.builder("sse-readers")
            .maxConnections(clients * servers.size() + 16).pendingAcquireMaxCount(-1).build();
        HttpClient http = HttpClient.create(provider).runOn(loops)
            .headers(h -> h.set("Accept", "text/event-stream").set("Cache-Control", "no-cache"));
        Disposable.Composite connections = Disposables.composite();
        try {
          for (Server server : servers) {
            server.readers = connect(http, server.eventsUrl, clients, connections);
          }
          for (Server server : servers) {
            awaitConnected(server, clients);
            // JIT warm-up of our server (nginx needs none, it gets the same for symmetry); not recorded
            runLevel(server, rates[Math.min(2, rates.length - 1)], 0, Duration.ofSeconds(WARMUP_SECONDS),
                Duration.ofSeconds(1));
          }
          Map<Server, Integer> failures = new HashMap<>();
          for (int li = 0; li < rates.length; li++) {
            List<Server> order = new ArrayList<>(servers);
            if (li % 2 == 1) {
              java.util.Collections.reverse(order);
            }
            for (Server server : order) {
              if (failures.getOrDefault(server, 0) >= 2) {
                continue;
              }
              Level level = runLevel(server, rates[li], clients, Duration.ofSeconds(2), Duration.ofSeconds(seconds));
              System.out.println(level.describe());
              rows.add(level.json());
              Files.writeString(out, document(meta, rows));
              // A level over the latency limit but still keeping up goes on to the next rate (its CPU per
              // event there is worth comparing); a saturated one ends this server's sweep.
              if (level.saturated()) {
                failures.put(server, 2);
              }
            }
          }
        } finally {
          connections.dispose();
          provider.disposeLater().block(Duration.ofSeconds(10));
          loops.disposeLater().block(Duration.ofSeconds(10));
          Thread.sleep(1000);
        }
      }
    } finally {
      for (Server server : servers) {
        server.close();
      }
    }
    String jfr = System.getProperty("bench.serverJfr");
    if (jfr != null && Files.exists(Path.of(jfr))) {
      Files.writeString(Path.of(jfr + ".txt"), ProfileHotPath.analyse(Path.of(jfr)));
      System.out.println("profile of our server: " + jfr + ".txt");
    }
    Files.writeString(out, document(meta, rows));
    System.exit(0);
  }

  private static String document(String meta, List<String> rows) {
    return "{\"meta\": " + meta + ",\n \"levels\": [\n" + String.join(",\n", rows) + "\n]}\n";
  }

  private static String meta() {
    return String.format(Locale.ROOT,
        "{\"date\": \"%s\", \"nproc\": %d, \"loadAverageAtStart\": \"%s\", \"java\": \"%s\", \"nginx\": \"%s\","
            + " \"nchan\": \"%s\", \"latencyReadersPerServer\": %d, \"p99LimitMs\": %.0f}",
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
        loadAverage(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        command(nginx(), "-v").replace("nginx version: ", "").trim(),
        command("dpkg-query", "-W", "-f=${Version}", "libnginx-mod-nchan").trim(), LATENCY_READERS, P99_LIMIT_MS);
  }

  private static String nginx() {
    return System.getProperty("bench.nginx", "nginx");
  }

  // ------------------------------------------------------------------ levels

  private static Level runLevel(Server server, int rate, int clients, Duration warmup, Duration window)
      throws Exception {
    long received0 = server.received();
    Stats stats0 = server.feed.stats();
    server.feed.rate(rate);
    Thread.sleep(warmup.toMillis());
    for (SseReader r : server.readers) {
      r.pubToReceive.reset();
      r.inputToReceive.reset();
    }
    Snapshot a = Snapshot.take(server);
    Thread.sleep(window.toMillis());
    Snapshot b = Snapshot.take(server);
    Histogram pub = new Histogram(3);
    Histogram input = new Histogram(3);
    for (SseReader r : server.readers) {
      if (r.latency) {
        pub.add(r.pubToReceive.getIntervalHistogram());
        input.add(r.inputToReceive.getIntervalHistogram());
      }
    }
    long[] memory = server.memoryKiB();
    server.feed.rate(0);
    // deliveries settle: nothing new for a second (at most 20 s)
    long settleBy = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long last = -1;
    int quiet = 0;
    while (System.nanoTime() < settleBy && quiet < 4) {
      Thread.sleep(250);
      long now = server.received();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
    Stats statsC = server.feed.stats();
    long publishedInLevel = statsC.published() - stats0.published();
    long receivedInLevel = server.received() - received0;
    int ended = (int) server.readers.stream().filter(SseReader::ended).count();
    double s = (b.nanos - a.nanos) / 1e9;
    double feedSeconds = (b.stats.nanos() - a.stats.nanos()) / 1e9;
    return new Level(server.name, server.readers.size(), rate, s,
        (b.stats.notifications() - a.stats.notifications()) / feedSeconds,
        (b.stats.published() - a.stats.published()) / feedSeconds,
        (b.received - a.received) / s,
        pub, input,
        (b.serverTicks - a.serverTicks - harnessTicks(b.serverThreads) + harnessTicks(a.serverThreads)) / (double) CLK_TCK,
        server.feedIsServer ? Double.NaN : (b.feedTicks - a.feedTicks) / (double) CLK_TCK,
        (b.readerTicks - a.readerTicks) / (double) CLK_TCK,
        memory[0], memory[1],
        publishedInLevel, receivedInLevel, publishedInLevel * server.readers.size() - receivedInLevel,
        statsC.dropped() - stats0.dropped(), ended, threadSeconds(a.serverThreads, b.serverThreads),
        (jitTicks(b.serverThreads) - jitTicks(a.serverThreads)) / (double) CLK_TCK);
  }

  /**
   * The counters at one end of a measurement window, read back to back: the feed's counts (with its own
   * clock reading), then CPU ticks of the server, the feed and the readers, then the readers' totals.
   */
  record Snapshot(Stats stats, long nanos, long serverTicks, long feedTicks, long readerTicks, long received,
      Map<String, Long> serverThreads) {
    static Snapshot take(Server server) throws IOException, InterruptedException {
      Stats stats = server.feed.stats();
      long nanos = System.nanoTime();
      return new Snapshot(stats, nanos, server.cpuTicks(), server.feedCpuTicks(),
          cpuTicks(ProcessHandle.current().pid()), server.received(), server.threadTicks());
    }
  }

  /**
   * Ticks of the harness's frame generator in our server's process ({@code bench-generator}, see
   * {@link FanOutFeed}): left out of the server's CPU, as nchan's publisher generates its frames in its own
   * process.
   */
  private static long harnessTicks(Map<String, Long> threads) {
    return threads.getOrDefault("bench-generator", 0L);
  }

  /** Ticks of the JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}). */
  private static long jitTicks(Map<String, Long> threads) {
    return threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** CPU seconds per thread group between two snapshots, largest first (groups under 1 % of the total left out). */
  private static String threadSeconds(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new HashMap<>();
    after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
    long total = delta.values().stream().mapToLong(Long::longValue).sum();
    return delta.entrySet().stream()
        .filter(e -> e.getValue() > 0 && e.getValue() * 100 >= total)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .map(e -> String.format(Locale.ROOT, "\"%s\": %.2f", e.getKey(), e.getValue() / (double) CLK_TCK))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** One level's figures for one server. */
  record Level(String server, int clients, int targetRate, double seconds, double sentPerSecond,
      double publishedPerSecond, double deliveredPerSecond, Histogram pub, Histogram input,
      double serverCpuSeconds, double publisherCpuSeconds, double readerCpuSeconds, long serverRssKiB,
      long serverPssKiB, long publishedInLevel, long receivedInLevel, long missing, long serverDropped,
      int endedReaders, String serverThreadCpuSeconds, double serverJitCpuSeconds) {

    /** Server CPU without the JIT compiler threads: the steady state of a long-running server. */
    double cpuPerMillionWithoutJit() {
      return deliveredPerSecond <= 0 ? Double.NaN
          : (serverCpuSeconds - serverJitCpuSeconds) / (deliveredPerSecond * seconds / 1e6);
    }

    double cpuPerMillion() {
      return deliveredPerSecond <= 0 ? Double.NaN : serverCpuSeconds / (deliveredPerSecond * seconds / 1e6);
    }

    double p99Ms() {
      return pub.getValueAtPercentile(99) / 1000.0;
    }

    /** The rate was fed in full, every reader got every event, and p99 stayed under the limit. */
    boolean held() {
      return sentPerSecond >= 0.95 * targetRate && missing == 0 && serverDropped == 0 && endedReaders == 0
          && pub.getTotalCount() > 0 && p99Ms() < P99_LIMIT_MS;
    }

    /** Far past the limit: no point in a higher rate. */
    boolean saturated() {
      return sentPerSecond < 0.9 * targetRate || deliveredPerSecond < 0.9 * publishedPerSecond * clients
          || p99Ms() > 1000 || endedReaders > 0 || missing > 0 || serverDropped > 0;
    }

    String describe() {
      return String.format(Locale.ROOT,
          "%-5s %4d clients, target %6d/s: sent %7.0f notif/s, published %7.0f ev/s, delivered %9.0f ev/s;"
              + " pub→recv p50 %.2f p99 %.2f p99.9 %.2f ms (n=%d); server CPU %.2f s (%.1f s per M delivered, %.1f without JIT),"
              + " RSS %,d KiB; publisher CPU %.2f s, readers CPU %.2f s; missing %d, dropped %d, ended %d%s",
          server, clients, targetRate, sentPerSecond, publishedPerSecond, deliveredPerSecond,
          pub.getValueAtPercentile(50) / 1000.0, p99Ms(), pub.getValueAtPercentile(99.9) / 1000.0,
          pub.getTotalCount(), serverCpuSeconds, cpuPerMillion(), cpuPerMillionWithoutJit(), serverRssKiB, publisherCpuSeconds,
          readerCpuSeconds, missing, serverDropped, endedReaders, held() ? "  [held]" : "  [not held]");
    }

    String json() {
      return String.format(Locale.ROOT,
          "  {\"server\": \"%s\", \"clients\": %d, \"targetRate\": %d, \"windowSeconds\": %.2f,"
              + " \"sentPerSecond\": %.1f, \"publishedPerSecond\": %.1f, \"deliveredPerSecond\": %.1f,"
              + " \"expectedDeliveredPerSecond\": %.1f, \"pubToReceiveMs\": %s, \"inputToReceiveMs\": %s,"
              + " \"serverCpuSeconds\": %.2f, \"serverCpuSecondsPerMillionDelivered\": %.3f,"
              + " \"publisherCpuSeconds\": %s, \"readerCpuSeconds\": %.2f, \"serverRssKiB\": %d,"
              + " \"serverPssKiB\": %d, \"publishedInLevel\": %d, \"receivedInLevel\": %d, \"missing\": %d,"
              + " \"serverDropped\": %d, \"endedReaders\": %d, \"held\": %b, \"saturated\": %b,"
              + " \"serverThreadCpuSeconds\": %s, \"serverJitCpuSeconds\": %.2f,"
              + " \"serverCpuSecondsPerMillionDeliveredWithoutJit\": %.3f}",
          server, clients, targetRate, seconds, sentPerSecond, publishedPerSecond, deliveredPerSecond,
          publishedPerSecond * clients, percentiles(pub), percentiles(input), serverCpuSeconds, cpuPerMillion(),
          Double.isNaN(publisherCpuSeconds) ? "null" : String.format(Locale.ROOT, "%.2f", publisherCpuSeconds),
          readerCpuSeconds, serverRssKiB, serverPssKiB, publishedInLevel, receivedInLevel, missing, serverDropped,
          endedReaders, held(), saturated(), serverThreadCpuSeconds, serverJitCpuSeconds,
          cpuPerMillionWithoutJit());
    }

    private static String percentiles(Histogram h) {
      return String.format(Locale.ROOT,
          "{\"count\": %d, \"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"p999\": %.3f, \"max\": %.3f}",
          h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
  }

  // ------------------------------------------------------------------ readers

  private static List<SseReader> connect(HttpClient http, String url, int n, Disposable.Composite connections) {
    List<SseReader> readers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SseReader reader = new SseReader(i < LATENCY_READERS);
      readers.add(reader);
      connections.add(http.get().uri(url)
          .response((response, body) -> {
            reader.onConnected();
            return body.doOnNext(reader::onChunk).then();
          })
          .subscribe(null, e -> reader.onEnd(), reader::onEnd));
    }
    return readers;
  }

  private static void awaitConnected(Server server, int clients) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      long connected = server.readers.stream().filter(SseReader::connected).count();
      if (connected == clients) {
        Thread.sleep(500); // the subscription is in place once the headers are out; a moment for safety
        System.out.printf("%s: %d readers connected (server says %d)%n", server.name, connected,
            server.feed.stats().clients());
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(server.name + ": readers not all connected within 60 s");
  }

  // ------------------------------------------------------------------ servers

  /** A server under test with its feed; the processes whose CPU and memory count as the server's. */
  static final class Server {
    final String name;
    final String eventsUrl;
    final Feed feed;
    final Process serverProcess;
    final boolean feedIsServer;
    final Path workDir;
    List<SseReader> readers = List.of();

    Server(String name, String eventsUrl, Feed feed, Process serverProcess, boolean feedIsServer, Path workDir) {
      this.name = name;
      this.eventsUrl = eventsUrl;
      this.feed = feed;
      this.serverProcess = serverProcess;
      this.feedIsServer = feedIsServer;
      this.workDir = workDir;
    }

    static Server ours(String name) throws Exception {
      String jfr = System.getProperty("bench.serverJfr");
      String extra = System.getProperty("bench.serverJvmArgs", "") + " " + System.getProperty("bench.serverJvmArgs." + name, "")
          + (jfr == null ? "" : " -XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
      List<String> command = javaCommand("-Xmx512m", extra, System.getProperty("bench.classes." + name));
      command.addAll(List.of(FanOutFeed.class.getName(), "ours"));
      Feed feed = Feed.start(name, command);
      int port = Integer.parseInt(feed.await("port=").substring(5));
      return new Server(name, "http://127.0.0.1:" + port + "/events", feed, feed.process, true, null);
    }

    static Server nchan() throws Exception {
      Path dir = Files.createTempDirectory("fanout-nchan",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      int port = freePort();
      Files.writeString(dir.resolve("nginx.conf"), nginxConf(dir, port));
      Process nginx = new ProcessBuilder(nginx(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
          "-e", dir.resolve("error.log").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!accepts(port)) {
        if (!nginx.isAlive() || System.nanoTime() > deadline) {
          nginx.destroy();
          throw new IllegalStateException("nginx did not start: " + read(dir.resolve("stdout.log"))
              + read(dir.resolve("error.log")));
        }
        Thread.sleep(50);
      }
      List<String> command = javaCommand("-Xmx256m", "", null);
      command.addAll(List.of(FanOutFeed.class.getName(), "nchan", "ws://127.0.0.1:" + port + "/pub"));
      Feed feed = Feed.start("nchan-publisher", command);
      feed.await("port=");
      return new Server("nchan", "http://127.0.0.1:" + port + "/events", feed, nginx, false, dir);
    }

    /** Master and workers for nginx; the JVM for ours. */
    private List<Long> pids() {
      ProcessHandle handle = serverProcess.toHandle();
      return Stream.concat(Stream.of(handle), handle.children()).map(ProcessHandle::pid).collect(Collectors.toList());
    }

    long cpuTicks() {
      return pids().stream().mapToLong(FanOutBench::cpuTicks).sum();
    }

    long feedCpuTicks() {
      return FanOutBench.cpuTicks(feed.process.pid());
    }

    /**
     * CPU ticks per thread group of the server's processes ({@code /proc/<pid>/task/<tid>/stat}; the
     * thread's name with its trailing number dropped, e.g. {@code reactor-http-nio}, {@code bench-pacer},
     * {@code C2 CompilerThre}, {@code G1 Conc}): where our server's CPU goes, engine and feed included.
     */
    Map<String, Long> threadTicks() {
      Map<String, Long> groups = new HashMap<>();
      for (long pid : pids()) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
          tasks.forEach(task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              String group = comm.replaceAll("[-#_ ]?\\d+$", "");
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              groups.merge(group, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
            } catch (IOException | RuntimeException e) {
              // thread gone
            }
          });
        } catch (IOException e) {
          // process gone
        }
      }
      return groups;
    }

    long[] memoryKiB() {
      long rss = 0;
      long pss = 0;
      for (long pid : pids()) {
        rss += procField(Path.of("/proc/" + pid + "/status"), "VmRSS:");
        pss += procField(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
      }
      return new long[] {rss, pss};
    }

    long received() {
      long total = 0;
      for (SseReader r : readers) {
        total += r.events();
      }
      return total;
    }

    void close() {
      feed.close();
      if (serverProcess != feed.process) {
        serverProcess.destroy(); // SIGTERM: nginx's fast shutdown
        try {
          if (!serverProcess.waitFor(10, TimeUnit.SECONDS)) {
            serverProcess.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (workDir != null) {
        // nginx's configuration, pid file and logs: nothing is left behind in the temporary directory
        try (Stream<Path> files = Files.walk(workDir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
          System.out.println("could not remove " + workDir + ": " + e);
        }
      }
    }
  }

  /**
   * nginx with nchan as a standalone pub/sub server: one channel; EventSource subscribers get each
   * message as it is published (newest first, no replay); WebSocket or HTTP publishers; access log off
   * (presence-stream keeps no access log either). Workers: one per core, nginx's recommendation.
   */
  static String nginxConf(Path dir, int port) {
    return """
        load_module %1$s;
        worker_processes auto;
        worker_rlimit_nofile 16384;
        daemon off;
        master_process on;
        pid %2$s/nginx.pid;
        error_log %2$s/error.log warn;
        events {
          worker_connections 16384;
        }
        http {
          access_log off;
          client_body_temp_path %2$s/client_body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          nchan_max_reserved_memory 256M;
          server {
            listen 127.0.0.1:%3$d;
            location = /pub {
              nchan_publisher;
              nchan_channel_id bench;
              nchan_message_buffer_length 1024;
              nchan_message_timeout 60s;
            }
            location = /events {
              nchan_subscriber eventsource;
              nchan_channel_id bench;
              nchan_subscriber_first_message newest;
            }
          }
        }
        """.formatted(NCHAN_MODULE, dir, port);
  }

  /** A child process driven over stdin/stdout ({@link FanOutFeed}'s protocol). */
  static final class Feed implements AutoCloseable {
    final String name;
    final Process process;
    private final BufferedWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Feed(String name, Process process) {
      this.name = name;
      this.process = process;
      this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException e) {
          // process gone
        }
      }, name + "-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Feed start(String name, List<String> command) throws IOException {
      Path log = Path.of(System.getProperty("java.io.tmpdir"), "fanout-" + name + ".log");
      Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new Feed(name, process);
    }

    String await(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
        if (line == null && !process.isAlive()) {
          break;
        }
      }
      throw new IllegalStateException(name + ": no '" + prefix + "' line (see "
          + Path.of(System.getProperty("java.io.tmpdir"), "fanout-" + name + ".log") + ")");
    }

    void send(String command) throws IOException {
      in.write(command);
      in.newLine();
      in.flush();
    }

    void rate(int rate) throws IOException {
      send("rate " + rate);
    }

    Stats stats() throws IOException, InterruptedException {
      send("stats");
      Map<String, Long> values = new HashMap<>();
      for (String kv : await("stats ").substring(6).split(" ")) {
        String[] p = kv.split("=");
        values.put(p[0], Long.parseLong(p[1]));
      }
      return new Stats(values.get("published"), values.get("notifications"), values.get("dropped"),
          values.get("clients").intValue(), values.get("acks"), values.get("nanos"));
    }

    @Override
    public void close() {
      try {
        send("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException | InterruptedException e) {
        process.destroyForcibly();
      }
    }
  }

  record Stats(long published, long notifications, long dropped, int clients, long acks, long nanos) {}

  // ------------------------------------------------------------------ procfs and helpers

  /** {@code classesFirst}: a directory of classes put before the rest (another build of the server, to compare). */
  private static List<String> javaCommand(String heap, String extra, String classesFirst) {
    String classpath = System.getProperty("java.class.path");
    if (classesFirst != null && !classesFirst.isBlank()) {
      classpath = classesFirst + java.io.File.pathSeparator + classpath;
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath));
    if (!extra.isBlank()) {
      command.addAll(1, Arrays.asList(extra.trim().split("\\s+")));
    }
    return command;
  }

  /** utime + stime of a process, all its threads, in clock ticks. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
    } catch (IOException | RuntimeException e) {
      return 0; // process gone
    }
  }

  private static long procField(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // process gone
    }
    return 0;
  }

  private static long clockTicks() {
    try {
      return Long.parseLong(command("getconf", "CLK_TCK").trim());
    } catch (RuntimeException e) {
      return 100;
    }
  }

  private static String command(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out.replace("\"", "'").replace("\n", " ").trim();
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  private static String loadAverage() {
    try {
      String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return l[0] + " " + l[1] + " " + l[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
