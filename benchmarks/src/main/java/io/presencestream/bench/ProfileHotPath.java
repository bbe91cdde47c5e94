package io.presencestream.bench;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles the full path (frame bytes → events) with Java Flight Recorder, started from inside the JVM with
 * the JDK's "profile" settings, and writes the hottest methods (self time: top frame of each execution
 * sample; total time: anywhere on the stack) plus the allocation hot spots to a text report. No external
 * tool: the recording is read back with {@code jdk.jfr.consumer}.
 *
 * <p>Usage: {@code ProfileHotPath <report.txt> <recording.jfr> <seconds>}
 */
public final class ProfileHotPath {

  private ProfileHotPath() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--analyse")) {
      System.out.print(analyse(Path.of(args[1])));
      return;
    }
    Path report = Path.of(args[0]);
    Path jfr = Path.of(args[1]);
    int seconds = Integer.parseInt(args[2]);
    Corpus corpus = Corpus.generate(20261126L, 1000, 10_000);
    PresenceCodec codec = PresenceCodec.create();
    long sink = run(codec, corpus, 5); // warm up before recording
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
      recording.start();
      sink += run(codec, corpus, seconds);
      recording.stop();
      recording.dump(jfr);
    }
    String text = analyse(jfr) + "\n(checksum " + sink + ")\n";
    Files.writeString(report, text);
    System.out.print(text);
  }

  private static long run(PresenceCodec codec, Corpus corpus, int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long events = 0;
    long passes = 0;
    while (System.nanoTime() < end) {
      PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
      for (int i = 0; i < corpus.size(); i++) {
        Notification n = codec.decodeMessage(corpus.frames()[i]);
        Outcome o = tracker.apply(new EngineInput.NotificationReceived(n, corpus.receivedAt()[i]));
        events += o.events().size();
      }
      passes++;
    }
    return events + passes;
  }

  static String analyse(Path jfr) throws Exception {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Long> allocation = new HashMap<>();
    Map<String, Integer> selfByCaller = new HashMap<>();
    int samples = 0;
    long allocated = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      String type = e.getEventType().getName();
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        selfByCaller.merge(ownFrame(frames) + "  <-  " + name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (seen.add(n)) {
            total.merge(n, 1, Integer::sum);
          }
        }
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long weight = e.getLong("weight");
        allocated += weight;
        String site = ownFrame(stack.getFrames()) + " → " + e.getClass("objectClass").getName();
        allocation.merge(site, weight, Long::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "JFR execution samples: %d%n%nTop methods by self time:%n", samples));
    top(self, samples, 20, out);
    out.append(String.format(Locale.ROOT, "%nSelf time by nearest project frame  <-  top frame:%n"));
    top(selfByCaller, samples, 25, out);
    out.append(String.format(Locale.ROOT, "%nTop project methods by total time (on the stack):%n"));
    Map<String, Integer> ours = new HashMap<>();
    total.forEach((k, v) -> {
      if (k.startsWith("io.presencestream.") && !k.startsWith("io.presencestream.bench.")) {
        ours.put(k, v);
      }
    });
    top(ours, samples, 25, out);
    out.append(String.format(Locale.ROOT, "%nAllocation samples (weight %,d bytes) by first project frame → class:%n",
        allocated));
    List<Map.Entry<String, Long>> allocs = new ArrayList<>(allocation.entrySet());
    allocs.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    for (int i = 0; i < Math.min(20, allocs.size()); i++) {
      out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * allocs.get(i).getValue() / allocated,
          allocs.get(i).getKey()));
    }
    return out.toString();
  }

  private static void top(Map<String, Integer> counts, int samples, int limit, StringBuilder out) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    for (int i = 0; i < Math.min(limit, entries.size()); i++) {
      out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * entries.get(i).getValue() / samples,
          entries.get(i).getKey()));
    }
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String ownFrame(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("io.presencestream.") && !n.startsWith("io.presencestream.bench.")) {
        return n;
      }
    }
    return name(frames.get(0));
  }
}
