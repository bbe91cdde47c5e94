package io.presencestream.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON-lines file line by line as bytes, so that one bad line — invalid UTF-8 or far too long —
 * is reported and skipped like any other malformed line instead of ending the whole replay (a
 * {@code BufferedReader} fails the entire read on the first invalid byte).
 */
final class JsonLines implements AutoCloseable {

  /** One line: its text, or why it has none. {@code byteLength} counts the line break too. */
  record Line(String text, String problem, long byteLength) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

  JsonLines(InputStream in, int maxLineBytes) {
    this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 64 * 1024);
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    buffer.reset();
    long length = 0;
    boolean tooLong = false;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      length++;
      if (buffer.size() < maxLineBytes) {
        buffer.write(b);
      } else {
        tooLong = true; // keep reading to the end of the line, keep nothing more of it
      }
    }
    if (b == -1 && length == 0) {
      return null;
    }
    long byteLength = length + (b == '\n' ? 1 : 0);
    if (tooLong) {
      return new Line(null, "longer than " + maxLineBytes + " bytes", byteLength);
    }
    byte[] bytes = buffer.toByteArray();
    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, end))
          .toString();
      return new Line(text, null, byteLength);
    } catch (CharacterCodingException e) {
      return new Line(null, "not UTF-8 text", byteLength);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
