package io.presencestream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a JSON-lines file line by line as bytes, so that one bad line — invalid UTF-8 or far too long —
 * is reported and skipped like any other malformed line instead of ending the whole replay (a
 * {@code BufferedReader} fails the entire read on the first invalid byte). Not thread-safe.
 *
 * <p>{@link #advance()} moves to the next line and exposes its bytes where they lie — in the read
 * chunk when the line fits in it, which is almost always — so the replay can parse them without a copy
 * and without decoding them to a {@code String} first. {@link #text()} decodes on demand.
 */
final class JsonLines implements AutoCloseable {

  /** One line: its text, or why it has none. {@code byteLength} counts the line break too. */
  record Line(String text, String problem, long byteLength) {}

  /** Told when the reader is about to wait for input that has not arrived yet. */
  @FunctionalInterface
  interface Waiting {
    void beforeWaiting() throws IOException;
  }

  private static final int CHUNK_BYTES = 1 << 16;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private final InputStream in;
  private final int maxLineBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunkStart;
  private int chunkEnd;
  /** A line that spans chunks is gathered here: at most {@code maxLineBytes}. */
  private byte[] spill = new byte[1024];
  private int spillLength;

  private byte[] lineArray;
  private int lineOffset;
  private int lineLength;
  private long byteLength;
  private boolean tooLong;
  private boolean plainAscii;
  /** Not zero once the current line has shown a byte that is NUL or not ASCII. */
  private long notPlain;
  private Waiting waiting = () -> {};

  JsonLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Moves to the next line; false at the end of the input. The line's bytes ({@link #array()} from
   * {@link #offset()}, {@link #length()} of them, without the line break and a carriage return before it)
   * are valid until the next call.
   */
  boolean advance() throws IOException {
    spillLength = 0;
    long length = 0;
    boolean spilled = false;
    boolean lineBreak = false;
    notPlain = 0;
    int start = chunkStart;
    int end = chunkStart;
    while (!lineBreak) {
      if (chunkStart == chunkEnd) {
        if (length > 0 && !spilled) {
          keep(start, end - start); // the line continues in the next chunk: gather it
          spilled = true;
        }
        if (!fill()) {
          if (length == 0) {
            return false;
          }
          break;
        }
      }
      start = chunkStart;
      int limit = chunkEnd;
      end = scan(chunk, start, limit);
      if (spilled) {
        keep(start, end - start);
      }
      length += end - start;
      lineBreak = end < limit;
      chunkStart = lineBreak ? end + 1 : end;
    }
    byteLength = length + (lineBreak ? 1 : 0);
    tooLong = length > maxLineBytes;
    plainAscii = notPlain == 0;
    if (spilled) {
      lineArray = spill;
      lineOffset = 0;
      lineLength = spillLength;
    } else {
      lineArray = chunk;
      lineOffset = start;
      lineLength = end - start;
    }
    if (lineLength > 0 && lineArray[lineOffset + lineLength - 1] == '\r') {
      lineLength--;
    }
    return true;
  }

  /** The array holding the current line's bytes. */
  byte[] array() {
    return lineArray;
  }

  /** Where the current line starts in {@link #array()}. */
  int offset() {
    return lineOffset;
  }

  /** The current line's length in bytes, without its line break (nor a carriage return before it). */
  int length() {
    return lineLength;
  }

  /** The bytes the current line took in the input, its line break included. */
  long byteLength() {
    return byteLength;
  }

  /** Whether the current line is over the limit: its bytes were counted, not kept. */
  boolean tooLong() {
    return tooLong;
  }

  /**
   * Whether the current line holds only bytes 1 to 127 (a carriage return before the line break
   * included): ASCII without NUL, which needs no decoding to be read as text.
   */
  boolean plainAscii() {
    return plainAscii;
  }

  /** The current line as text. */
  String text() throws CharacterCodingException {
    return utf8.decode(ByteBuffer.wrap(lineArray, lineOffset, lineLength)).toString();
  }

  /** The next line decoded, or null at the end of the input. */
  Line next() throws IOException {
    if (!advance()) {
      return null;
    }
    if (tooLong) {
      return new Line(null, "longer than " + maxLineBytes + " bytes", byteLength);
    }
    try {
      return new Line(text(), null, byteLength);
    } catch (CharacterCodingException e) {
      return new Line(null, "not UTF-8 text", byteLength);
    }
  }

  /**
   * The index of the first line break in {@code c[from, limit)}, or {@code limit}; bytes before it that
   * are NUL or not ASCII are noted in {@link #notPlain}. Eight bytes at a time (the classic "has a zero
   * byte" test on {@code x} and on {@code x ^ 0x0A…}): the scan touches every byte of the input, and
   * byte by byte it was a third of the decoding thread's time.
   */
  private int scan(byte[] c, int from, int limit) {
    int i = from;
    long flags = 0;
    while (i + 8 <= limit) {
      long x = (long) LONGS.get(c, i);
      long y = x ^ NEWLINES;
      long newline = (y - ONES) & ~y & HIGHS;
      // a zero byte sets its high bit here; a false hit only ever sits above a true one
      long bad = (x & HIGHS) | ((x - ONES) & ~x & HIGHS);
      if (newline != 0) {
        int at = Long.numberOfTrailingZeros(newline) >>> 3; // little-endian: the lowest byte comes first
        if (at > 0) {
          flags |= bad & (-1L >>> (64 - 8 * at));
        }
        notPlain |= flags;
        return i + at;
      }
      flags |= bad;
      i += 8;
    }
    for (; i < limit; i++) {
      byte b = c[i];
      if (b == '\n') {
        break;
      }
      if (b <= 0) {
        flags = 1;
      }
    }
    notPlain |= flags;
    return i;
  }

  /** Gathers {@code count} bytes of the chunk from {@code from}, up to the line limit; the rest is only counted. */
  private void keep(int from, int count) {
    int kept = Math.min(count, maxLineBytes - spillLength);
    if (kept <= 0) {
      return;
    }
    if (spillLength + kept > spill.length) {
      spill = Arrays.copyOf(spill, Math.min(maxLineBytes, Math.max(spill.length * 2, spillLength + kept)));
    }
    System.arraycopy(chunk, from, spill, spillLength, kept);
    spillLength += kept;
  }

  /**
   * {@code waiting} is called before a read that would wait for more input (a pipe, standard input), so
   * that what was read so far need not wait with it; a file is never waited for.
   */
  void onWaiting(Waiting waiting) {
    this.waiting = waiting;
  }

  private boolean fill() throws IOException {
    if (nothingAvailable()) {
      waiting.beforeWaiting();
    }
    int read = in.read(chunk);
    chunkStart = 0;
    chunkEnd = Math.max(read, 0);
    return read > 0;
  }

  private boolean nothingAvailable() {
    try {
      return in.available() <= 0;
    } catch (IOException e) {
      return true; // a channel over a FIFO cannot say ("Illegal seek"): assume the read may wait
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
