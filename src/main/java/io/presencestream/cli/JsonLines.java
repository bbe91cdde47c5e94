package io.presencestream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
    int below = 0; // goes negative at the first byte <= 0 (NUL or not ASCII), found in the same pass
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
      end = start;
      byte[] c = chunk;
      int limit = chunkEnd;
      while (end < limit) {
        byte b = c[end];
        if (b == '\n') {
          break;
        }
        below |= b - 1;
        end++;
      }
      if (spilled) {
        keep(start, end - start);
      }
      length += end - start;
      lineBreak = end < limit;
      chunkStart = lineBreak ? end + 1 : end;
    }
    byteLength = length + (lineBreak ? 1 : 0);
    tooLong = length > maxLineBytes;
    plainAscii = below >= 0;
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
