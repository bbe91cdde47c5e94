package io.presencestream.cli;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.TelephonySessionCodec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;

/**
 * The first stage of {@code replay}: input lines to decoded notifications, in batches, on a thread of its
 * own while the engine and the encoder run on the other (the replay's work splits about evenly between
 * the two). Decoding is a pure function of a line's bytes and its position, so running it ahead of the
 * engine changes nothing in the output; everything that depends on order (the receive time carried over
 * from the previous line, the engine, the reports on stderr, the progress) stays in the second stage,
 * which takes the batches in order.
 *
 * <p>A line of printable ASCII, nearly every line of a recording, is parsed from its bytes where they
 * were read. Any other line is decoded to text first and parsed from that, exactly as before the
 * byte path existed; a line the byte path refuses is parsed again from text, so a report on stderr
 * always reads as the text parser words it. Both give the same notification for the same ASCII line.
 */
final class ReplayDecoder implements Runnable {

  /** Lines per batch: large enough that the hand-over costs nothing per line, small enough to start soon. */
  static final int BATCH = 256;

  /**
   * What a line decodes to: presence notifications or telephony-session notifications, the same lines read
   * by another codec. Both methods throw only {@link DecodeException}.
   */
  interface Decoding {
    Object decode(byte[] bytes, int offset, int length);

    Object decode(String text);

    /** Presence notifications ({@link io.presencestream.model.Notification}). */
    static Decoding presence(PresenceCodec codec) {
      return new Decoding() {
        @Override
        public Object decode(byte[] bytes, int offset, int length) {
          return codec.decodeMessage(bytes, offset, length);
        }

        @Override
        public Object decode(String text) {
          return codec.decodeMessage(text);
        }
      };
    }

    /** Telephony-session notifications ({@link io.presencestream.model.TelephonySessionNotification}). */
    static Decoding sessions(TelephonySessionCodec codec) {
      return new Decoding() {
        @Override
        public Object decode(byte[] bytes, int offset, int length) {
          return codec.decodeNotification(bytes, offset, length);
        }

        @Override
        public Object decode(String text) {
          return codec.decodeNotification(text);
        }
      };
    }
  }

  /** What became of one line. */
  enum Kind {
    DECODED,
    BLANK,
    SKIPPED
  }

  /** Consecutive lines, decoded; the last batch of a run has {@code end} set (and {@code failure} if reading failed). */
  static final class Batch {
    final int firstIndex;
    int count;
    final Kind[] kinds = new Kind[BATCH];
    final long[] byteLengths = new long[BATCH];
    /** For DECODED lines: what {@link Decoding} made of them. */
    final Object[] values = new Object[BATCH];
    /** For SKIPPED lines: the report, {@code line N: skipped …}. */
    final String[] reports = new String[BATCH];
    /** For SKIPPED lines: why, typed (an unreadable or runaway line too, as {@code not_json} or {@code too_large}). */
    final DecodeException[] errors = new DecodeException[BATCH];
    boolean end;
    IOException failure;

    Batch(int firstIndex) {
      this.firstIndex = firstIndex;
    }

    boolean full() {
      return count == BATCH;
    }
  }

  private final JsonLines lines;
  private final Decoding codec;
  private final BlockingQueue<Batch> out;
  private volatile boolean stopped;
  /** The batch being filled and the index of the next line: this thread's only. */
  private Batch batch = new Batch(0);
  private int index;

  /**
   * @param out where the batches go; bounded, so a slow second stage holds this one back instead of
   *     the whole file piling up in memory
   */
  ReplayDecoder(JsonLines lines, Decoding codec, BlockingQueue<Batch> out) {
    this.lines = lines;
    this.codec = codec;
    this.out = out;
    // a live input (a pipe being written) must not hold decoded lines back until a batch is full
    lines.onWaiting(this::handOverPartialBatch);
  }

  /** Stops after the current line; the thread ends without handing on a last batch. */
  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    try {
      while (!stopped && lines.advance()) {
        decode(batch, index);
        index++;
        if (batch.full()) {
          handOver();
        }
      }
    } catch (InterruptedIOException e) {
      return; // stopped while handing a partial batch over
    } catch (IOException e) {
      batch.failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (stopped) {
      return;
    }
    batch.end = true;
    try {
      out.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handOver() throws InterruptedException {
    out.put(batch);
    batch = new Batch(index);
  }

  private void handOverPartialBatch() throws InterruptedIOException {
    if (batch.count == 0) {
      return;
    }
    try {
      handOver();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stopped");
    }
  }

  private void decode(Batch batch, int index) {
    int i = batch.count++;
    batch.byteLengths[i] = lines.byteLength();
    if (lines.tooLong()) {
      String why = "longer than " + ReplayCommand.MAX_LINE_BYTES + " bytes";
      skip(batch, i, "line " + (index + 1) + ": skipped: " + why, new DecodeException(DecodeException.Reason.TOO_LARGE, why,
          null));
      return;
    }
    byte[] bytes = lines.array();
    int offset = lines.offset();
    int length = lines.length();
    boolean plain = lines.plainAscii();
    // a UTF-8 byte order mark, as some editors write, is not part of the first line
    if (index == 0 && length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB
        && bytes[offset + 2] == (byte) 0xBF) {
      offset += 3;
      length -= 3;
      plain = plainAscii(bytes, offset, length);
    }
    if (!plain) {
      decodeText(batch, i, index);
      return;
    }
    if (asciiBlank(bytes, offset, length)) {
      batch.kinds[i] = Kind.BLANK;
      return;
    }
    try {
      batch.values[i] = codec.decode(bytes, offset, length);
      batch.kinds[i] = Kind.DECODED;
    } catch (DecodeException e) {
      decodeText(batch, i, index); // for the report as the text parser words it
    }
  }

  /** The line decoded to text and parsed from it. */
  private void decodeText(Batch batch, int i, int index) {
    String text;
    try {
      text = lines.text();
    } catch (CharacterCodingException e) {
      skip(batch, i, "line " + (index + 1) + ": skipped: not UTF-8 text",
          new DecodeException(DecodeException.Reason.NOT_JSON, "not UTF-8 text", null));
      return;
    }
    if (index == 0 && text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      batch.kinds[i] = Kind.BLANK;
      return;
    }
    try {
      batch.values[i] = codec.decode(text);
      batch.kinds[i] = Kind.DECODED;
    } catch (DecodeException e) {
      skip(batch, i, "line " + (index + 1) + ": skipped (" + e.reason().name().toLowerCase(Locale.ROOT) + "): "
          + e.getMessage(), e);
    }
  }

  private static void skip(Batch batch, int i, String report, DecodeException error) {
    batch.kinds[i] = Kind.SKIPPED;
    batch.reports[i] = report;
    batch.errors[i] = error;
  }

  /**
   * Bytes 1 to 127 only: text the byte parser reads exactly as the text parser does. A NUL byte is left
   * to the text path because Jackson's byte parser takes zero bytes at the start for a UTF-16 or UTF-32
   * signature.
   */
  private static boolean plainAscii(byte[] bytes, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] <= 0) {
        return false;
      }
    }
    return true;
  }

  /** What {@link String#isBlank()} says of the same ASCII text: only characters Java calls whitespace. */
  private static boolean asciiBlank(byte[] bytes, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }
}
