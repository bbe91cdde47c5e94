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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The four stages of the hot path on the same corpus in the same run. One operation is one notification,
 * so the score is notifications per second. The corpus is walked in order and wraps around; the stateful
 * benchmarks start a fresh tracker at every wrap, so sequences never repeat (a repeated sequence would be
 * dropped early and flatter the engine). The wrap costs one allocation per pass, amortised over the pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {

  /** Corpus size in notifications; the office has one extension per ten notifications (at least 24). */
  @Param({"10000", "100000"})
  public int notifications;

  private byte[][] frames;
  private EngineInput[] inputs;
  private PresenceCodec codec;
  private JsonFactory jackson;
  private PresenceTracker tracker;
  private int next;

  @Setup
  public void setUp() {
    Corpus corpus = Corpus.generate(20261126L, Math.max(24, notifications / 10), notifications);
    frames = corpus.frames();
    codec = PresenceCodec.create();
    // the same parser features as the codec's factory, so the limit is a fair one
    jackson = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
    inputs = new EngineInput[frames.length];
    for (int i = 0; i < frames.length; i++) {
      Notification n = codec.decodeMessage(frames[i]);
      inputs[i] = new EngineInput.NotificationReceived(n, corpus.receivedAt()[i]);
    }
    tracker = new PresenceTracker(EngineOptions.defaults());
    next = 0;
  }

  private int advance() {
    int i = next;
    if (++next == frames.length) {
      next = 0;
    }
    return i;
  }

  private int advanceStateful() {
    int i = next;
    if (i == 0) {
      tracker = new PresenceTracker(EngineOptions.defaults());
    }
    if (++next == frames.length) {
      next = 0;
    }
    return i;
  }

  /** The limit: read every token of the frame once, touching every name, string and number. */
  @Benchmark
  public long tokenize() throws IOException {
    long acc = 0;
    try (JsonParser p = jackson.createParser(frames[advance()])) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> acc += p.currentName().length();
          case VALUE_STRING -> acc += p.getTextLength(); // forces the UTF-8 decode of the value
          case VALUE_NUMBER_INT -> acc += p.getLongValue();
          case VALUE_TRUE -> acc++;
          default -> acc += t.ordinal();
        }
      }
    }
    return acc;
  }

  /** Frame bytes to a {@link Notification} record. */
  @Benchmark
  public Notification decode() {
    return codec.decodeMessage(frames[advance()]);
  }

  /** The engine alone on pre-decoded notifications. */
  @Benchmark
  public Outcome engine() {
    return tracker.apply(inputs[advanceStateful()]);
  }

  /** The full path: frame bytes to events (decode, then apply; the receive time comes with the corpus). */
  @Benchmark
  public void fullPath(Blackhole bh) {
    int i = advanceStateful();
    Notification n = codec.decodeMessage(frames[i]);
    Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(n, inputs[i].receivedAt()));
    bh.consume(outcome);
  }
}
