package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  private static List<JsonLines.Line> read(byte[] bytes, int maxLineBytes) throws Exception {
    List<JsonLines.Line> lines = new ArrayList<>();
    try (JsonLines reader = new JsonLines(new ByteArrayInputStream(bytes), maxLineBytes)) {
      for (JsonLines.Line line = reader.next(); line != null; line = reader.next()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void countsEachLineInBytesWithItsLineBreak() throws Exception {
    assertThat(read(utf8("abc\n{\"name\":\"José 😀\"}\n\nlast"), 100)).containsExactly(
        new JsonLines.Line("abc", null, 4),
        new JsonLines.Line("{\"name\":\"José 😀\"}", null, utf8("{\"name\":\"José 😀\"}").length + 1),
        new JsonLines.Line("", null, 1),
        new JsonLines.Line("last", null, 4));
  }

  @Test
  void dropsTheCarriageReturnOfCrlfLinesButCountsIt() throws Exception {
    assertThat(read(utf8("a\r\nb\r\n"), 100))
        .containsExactly(new JsonLines.Line("a", null, 3), new JsonLines.Line("b", null, 3));
  }

  @Test
  void reportsALineThatIsNotUtf8AndGoesOn() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {'x', (byte) 0xff, '\n'});
    bytes.writeBytes(utf8("ok\n"));
    assertThat(read(bytes.toByteArray(), 100)).containsExactly(
        new JsonLines.Line(null, "not UTF-8 text", 3), new JsonLines.Line("ok", null, 3));
  }

  @Test
  void reportsALineOverTheLimitAndResumesAtTheNextLine() throws Exception {
    assertThat(read(utf8("12345\n123456\nok"), 5)).containsExactly(
        new JsonLines.Line("12345", null, 6),
        new JsonLines.Line(null, "longer than 5 bytes", 7),
        new JsonLines.Line("ok", null, 2));
  }

  @Test
  void readsLinesThatSpanManyChunks() throws Exception {
    String longLine = "y".repeat(200_000);
    assertThat(read(utf8(longLine + "\nz\n"), 1 << 20)).containsExactly(
        new JsonLines.Line(longLine, null, 200_001), new JsonLines.Line("z", null, 2));
  }

  @Test
  void tellsPlainAsciiLinesFromTheRestInTheSamePass() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(utf8("{\"a\":1}\r\n"));
    bytes.writeBytes(utf8("{\"name\":\"José\"}\n"));
    bytes.writeBytes(new byte[] {'{', 0, '}', '\n'});
    bytes.writeBytes(utf8("y".repeat(100_000) + "é\n")); // spans chunks, not ASCII at its end
    bytes.writeBytes(utf8("z".repeat(100_000))); // spans chunks, plain, no line break
    List<Boolean> plain = new ArrayList<>();
    try (JsonLines reader = new JsonLines(new java.io.ByteArrayInputStream(bytes.toByteArray()), 1 << 20)) {
      while (reader.advance()) {
        plain.add(reader.plainAscii());
      }
    }
    assertThat(plain).containsExactly(true, false, false, false, true);
  }

  @Test
  void exposesTheLineBytesWithoutTheLineBreak() throws Exception {
    try (JsonLines reader = new JsonLines(new java.io.ByteArrayInputStream(utf8("ab\r\ncd")), 100)) {
      assertThat(reader.advance()).isTrue();
      assertThat(new String(reader.array(), reader.offset(), reader.length(), StandardCharsets.US_ASCII)).isEqualTo("ab");
      assertThat(reader.byteLength()).isEqualTo(4);
      assertThat(reader.advance()).isTrue();
      assertThat(new String(reader.array(), reader.offset(), reader.length(), StandardCharsets.US_ASCII)).isEqualTo("cd");
      assertThat(reader.advance()).isFalse();
    }
  }

  /**
   * The eight-bytes-at-a-time scan against the obvious byte-by-byte reading, on seeded random inputs:
   * lines of every length around the word and chunk sizes, with line breaks, carriage returns, NUL and
   * non-ASCII bytes at every offset.
   */
  @Test
  void findsTheSameLinesAndFlagsAsAByteByByteReading() throws Exception {
    java.util.Random random = new java.util.Random(20261202);
    byte[] alphabet = {'a', '{', '"', ' ', '\r', 0, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 0x7F, 0x01};
    for (int round = 0; round < 100; round++) {
      ByteArrayOutputStream input = new ByteArrayOutputStream();
      int lineCount = 1 + random.nextInt(40);
      for (int l = 0; l < lineCount; l++) {
        int length = random.nextInt(10) == 0 ? 65_530 + random.nextInt(20) : random.nextInt(40);
        for (int i = 0; i < length; i++) {
          input.write(random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'x');
        }
        if (l < lineCount - 1 || random.nextBoolean()) {
          input.write('\n');
        }
      }
      byte[] bytes = input.toByteArray();

      List<String> expected = new ArrayList<>();
      int start = 0;
      while (start < bytes.length) {
        int end = start;
        boolean plain = true;
        while (end < bytes.length && bytes[end] != '\n') {
          plain &= bytes[end] > 0;
          end++;
        }
        int length = end > start && bytes[end - 1] == '\r' ? end - start - 1 : end - start;
        long byteLength = end - start + (end < bytes.length ? 1 : 0);
        expected.add(describe(bytes, start, length) + " " + byteLength + " " + plain);
        start = end + 1;
      }
      List<String> actual = new ArrayList<>();
      try (JsonLines reader = new JsonLines(new ByteArrayInputStream(bytes), 1 << 20)) {
        while (reader.advance()) {
          actual.add(describe(reader.array(), reader.offset(), reader.length()) + " " + reader.byteLength() + " "
              + reader.plainAscii());
        }
      }
      assertThat(actual).as("round %d", round).containsExactlyElementsOf(expected);
    }
  }

  /** A line's bytes in short: its length and a hash of its content. */
  private static String describe(byte[] bytes, int offset, int length) {
    int hash = 1;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + bytes[i];
    }
    return length + "#" + Integer.toHexString(hash);
  }

  @Test
  void readsNothingFromAnEmptyInput() throws Exception {
    assertThat(read(new byte[0], 100)).isEmpty();
  }
}
