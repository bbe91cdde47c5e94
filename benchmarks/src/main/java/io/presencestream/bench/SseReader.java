package io.presencestream.bench;

import io.netty.buffer.ByteBuf;
import java.time.Instant;
import org.HdrHistogram.Recorder;

/**
 * One EventSource-compatible connection's reader for {@link FanOutBench}: counts {@code data:} lines
 * (one per event on both servers: compact JSON has no newline); a latency reader also parses each one for
 * the {@code "pub"} field ({@link FanOutFeed#stamped}: publish time, µs) and the event's own {@code "at"}
 * (the engine's input time, ms), against the wall clock when the chunk arrived. Called on one event loop
 * only; the totals are read by the driver thread.
 */
final class SseReader {

  final boolean latency;
  /** Publish ({@code "pub"}) → receive, µs. */
  final Recorder pubToReceive = new Recorder(3);
  /** Engine input ({@code "at"}, millisecond precision) → receive, µs. */
  final Recorder inputToReceive = new Recorder(3);
  private volatile long events;
  private volatile boolean connected;
  private volatile boolean ended;
  private final DataLineCounter dataLines = new DataLineCounter();
  private final StringBuilder line;

  SseReader(boolean latency) {
    this.latency = latency;
    this.line = latency ? new StringBuilder(2048) : null;
  }

  long events() {
    return events;
  }

  boolean connected() {
    return connected;
  }

  boolean ended() {
    return ended;
  }

  void onConnected() {
    connected = true;
  }

  void onEnd() {
    ended = true;
  }

  void onChunk(ByteBuf chunk) {
    if (latency) {
      parse(chunk);
    } else {
      count(chunk);
    }
  }

  /** Counts this connection's events (see {@link DataLineCounter}). */
  private void count(ByteBuf chunk) {
    int found = dataLines.count(chunk);
    if (found > 0) {
      events += found; // single writer (this connection's event loop)
    }
  }

  private void parse(ByteBuf chunk) {
    long now = micros(Instant.now());
    int end = chunk.writerIndex();
    int found = 0;
    for (int i = chunk.readerIndex(); i < end; i++) {
      byte b = chunk.getByte(i);
      if (b == '\n') {
        if (line.length() > 6 && line.charAt(0) == 'd' && line.charAt(5) == ' ') {
          found++;
          record(now);
        }
        line.setLength(0);
      } else {
        line.append((char) b); // ASCII is all this parser looks at
      }
    }
    if (found > 0) {
      events += found;
    }
  }

  private void record(long nowMicros) {
    long pub = number(line, "\"pub\":");
    if (pub > 0) {
      pubToReceive.recordValue(Math.max(0, nowMicros - pub));
    }
    int at = line.indexOf("\"at\":\"");
    if (at >= 0) {
      int from = at + 6;
      int to = line.indexOf("\"", from);
      if (to > from) {
        inputToReceive.recordValue(Math.max(0, nowMicros - micros(Instant.parse(line.subSequence(from, to)))));
      }
    }
  }

  private static long number(StringBuilder s, String key) {
    int i = s.lastIndexOf(key);
    if (i < 0) {
      return -1;
    }
    long value = 0;
    for (int j = i + key.length(); j < s.length(); j++) {
      char c = s.charAt(j);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
