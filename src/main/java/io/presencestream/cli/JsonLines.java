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
 */
final class JsonLines implements AutoCloseable {

  /** One line: its text, or why it has none. {@code byteLength} counts the line break too. */
  record Line(String text, String problem, long byteLength) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkStart;
  private int chunkEnd;
  /** The current line's bytes kept so far: at most {@code maxLineBytes}. */
  private byte[] line = new byte[1024];
  private int lineLength;

  JsonLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    lineLength = 0;
    long length = 0;
    boolean lineBreak = false;
    while (!lineBreak) {
      if (chunkStart == chunkEnd && !fill()) {
        if (length == 0) {
          return null;
        }
        break;
      }
      int end = chunkStart;
      while (end < chunkEnd && chunk[end] != '\n') {
        end++;
      }
      keep(end - chunkStart);
      length += end - chunkStart;
      lineBreak = end < chunkEnd;
      chunkStart = lineBreak ? end + 1 : end;
    }
    long byteLength = length + (lineBreak ? 1 : 0);
    if (length > maxLineBytes) {
      return new Line(null, "longer than " + maxLineBytes + " bytes", byteLength);
    }
    int textLength = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
    try {
      return new Line(utf8.decode(ByteBuffer.wrap(line, 0, textLength)).toString(), null, byteLength);
    } catch (CharacterCodingException e) {
      return new Line(null, "not UTF-8 text", byteLength);
    }
  }

  /** Keeps the next {@code count} bytes of the chunk, up to the line limit; the rest is only counted. */
  private void keep(int count) {
    int kept = Math.min(count, maxLineBytes - lineLength);
    if (kept <= 0) {
      return;
    }
    if (lineLength + kept > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + kept)));
    }
    System.arraycopy(chunk, chunkStart, line, lineLength, kept);
    lineLength += kept;
  }

  private boolean fill() throws IOException {
    int read = in.read(chunk);
    chunkStart = 0;
    chunkEnd = Math.max(read, 0);
    return read > 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
