package io.presencestream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The full-path / tokenisation ratio measured so that a noisy machine cannot skew it: the four stages
 * are timed pass after pass, interleaved (tokenize, decode, engine, full path, tokenize, …), and the ratio
 * is taken per round, then the median over rounds. JMH runs the stages minutes apart, so on a shared
 * machine its ratio also measures how the load changed in between; this one does not. Each stage is also
 * timed in this thread's CPU time, which does not count the time the thread waited for a core: on a loaded
 * machine that ratio ({@code cpu…} in the output) is the steadier one.
 *
 * <p>Usage: {@code RatioProbe <out.json> <notifications> <rounds>}
 */
public final class RatioProbe {

  private RatioProbe() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Corpus corpus = Corpus.generate(20261126L, Math.max(24, n / 10), n);
    byte[][] frames = corpus.frames();
    PresenceCodec codec = PresenceCodec.create();
    JsonFactory jackson = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
    EngineInput[] inputs = new EngineInput[n];
    for (int i = 0; i < n; i++) {
      inputs[i] = new EngineInput.NotificationReceived(codec.decodeMessage(frames[i]), corpus.receivedAt()[i]);
    }
    long sink = 0;
    double[][] rates = new double[4][rounds];
    double[] ratio = new double[rounds];
    double[][] cpuRates = new double[4][rounds];
    double[] cpuRatio = new double[rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = -5; r < rounds; r++) { // five rounds of warm-up
      long[] wall = new long[5];
      long[] cpu = new long[5];
      wall[0] = System.nanoTime();
      cpu[0] = threads.getCurrentThreadCpuTime();
      sink += tokenize(jackson, frames);
      wall[1] = System.nanoTime();
      cpu[1] = threads.getCurrentThreadCpuTime();
      sink += decode(codec, frames);
      wall[2] = System.nanoTime();
      cpu[2] = threads.getCurrentThreadCpuTime();
      sink += engine(inputs);
      wall[3] = System.nanoTime();
      cpu[3] = threads.getCurrentThreadCpuTime();
      sink += fullPath(codec, frames, corpus);
      wall[4] = System.nanoTime();
      cpu[4] = threads.getCurrentThreadCpuTime();
      if (r >= 0) {
        for (int s = 0; s < 4; s++) {
          rates[s][r] = n * 1e9 / (wall[s + 1] - wall[s]);
          cpuRates[s][r] = n * 1e9 / Math.max(1, cpu[s + 1] - cpu[s]);
        }
        ratio[r] = rates[3][r] / rates[0][r];
        cpuRatio[r] = cpuRates[3][r] / cpuRates[0][r];
      }
    }
    String json = String.format(Locale.ROOT,
        "{\"notifications\": %d, \"rounds\": %d, \"medianPerSecond\": {\"tokenize\": %.0f, \"decode\": %.0f,"
            + " \"engine\": %.0f, \"fullPath\": %.0f}, \"fullPathOverTokenize\": {\"median\": %.3f, \"min\": %.3f,"
            + " \"max\": %.3f}, \"cpuMedianPerSecond\": {\"tokenize\": %.0f, \"decode\": %.0f, \"engine\": %.0f,"
            + " \"fullPath\": %.0f}, \"cpuFullPathOverTokenize\": {\"median\": %.3f, \"min\": %.3f, \"max\": %.3f},"
            + " \"checksum\": %d}%n",
        n, rounds, median(rates[0]), median(rates[1]), median(rates[2]), median(rates[3]), median(ratio),
        Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0),
        median(cpuRates[0]), median(cpuRates[1]), median(cpuRates[2]), median(cpuRates[3]), median(cpuRatio),
        Arrays.stream(cpuRatio).min().orElse(0), Arrays.stream(cpuRatio).max().orElse(0), sink);
    Files.writeString(Path.of(args[0]), json);
    System.out.print(json);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long tokenize(JsonFactory jackson, byte[][] frames) throws IOException {
    long acc = 0;
    for (byte[] frame : frames) {
      try (JsonParser p = jackson.createParser(frame)) {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          switch (t) {
            case FIELD_NAME -> acc += p.currentName().length();
            case VALUE_STRING -> acc += p.getTextLength();
            case VALUE_NUMBER_INT -> acc += p.getLongValue();
            case VALUE_TRUE -> acc++;
            default -> acc += t.ordinal();
          }
        }
      }
    }
    return acc;
  }

  private static long decode(PresenceCodec codec, byte[][] frames) {
    long acc = 0;
    for (byte[] frame : frames) {
      acc += codec.decodeMessage(frame).body().extensionId().length();
    }
    return acc;
  }

  private static long engine(EngineInput[] inputs) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    long acc = 0;
    for (EngineInput input : inputs) {
      acc += tracker.apply(input).events().size();
    }
    return acc;
  }

  private static long fullPath(PresenceCodec codec, byte[][] frames, Corpus corpus) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    long acc = 0;
    for (int i = 0; i < frames.length; i++) {
      Notification n = codec.decodeMessage(frames[i]);
      Outcome o = tracker.apply(new EngineInput.NotificationReceived(n, corpus.receivedAt()[i]));
      acc += o.events().size();
    }
    return acc;
  }
}
