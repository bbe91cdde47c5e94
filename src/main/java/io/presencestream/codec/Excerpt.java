package io.presencestream.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A short, printable piece of bad input for an error message: at most {@value #MAX_CHARS} characters
 * from the start, control and non-ASCII-printable characters escaped, so one log line stays one line
 * and a megabyte of garbage stays out of the logs.
 *
 * <p>Values of keys that name credentials ({@code access_token}, {@code ws_access_token}, the
 * {@code token} of a ConnectionDetails frame, {@code client_secret}, {@code jwt}, …) are replaced by
 * {@code ***}: such documents end up here as NOT_PRESENCE when a caller hands every frame to the codec,
 * and the message of a {@link DecodeException} gets logged.
 */
final class Excerpt {

  static final int MAX_CHARS = 120;

  /** A credential-like key and its string value, possibly cut off by the end of the excerpt. */
  private static final Pattern SECRET =
      Pattern.compile(
          "(\"(?i:[a-z_]*token|[a-z_]*secret|password|jwt|assertion|authorization|encryptionkey|code)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?");

  /** Never decode more than this many bytes to build an excerpt. */
  private static final int MAX_BYTES = MAX_CHARS * 4;

  private Excerpt() {}

  static String of(byte[] input) {
    return input == null ? "null" : of(input, 0, input.length);
  }

  static String of(byte[] input, int offset, int length) {
    int n = Math.min(length, MAX_BYTES);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CharBuffer chars = CharBuffer.allocate(n + 1);
    decoder.decode(ByteBuffer.wrap(input, offset, n), chars, true);
    chars.flip();
    return escape(redact(chars), length > n);
  }

  static String of(CharSequence input) {
    if (input == null) {
      return "null";
    }
    CharSequence head = input.length() > MAX_BYTES ? input.subSequence(0, MAX_BYTES) : input;
    return escape(redact(head), input.length() > head.length());
  }

  static CharSequence redact(CharSequence text) {
    return SECRET.matcher(text).replaceAll("$1\"***\"");
  }

  /** A message detail (e.g. from Jackson) made printable and at most 160 characters long. */
  static String detail(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 170));
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= 160) {
        out.append('…');
        break;
      }
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String escape(CharSequence in, boolean moreFollows) {
    StringBuilder out = new StringBuilder(MAX_CHARS + 8);
    out.append('"');
    int i = 0;
    int written = 0;
    for (; i < in.length() && written < MAX_CHARS; i++) {
      char c = in.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
      written++;
    }
    out.append('"');
    if (i < in.length() || moreFollows) {
      out.append('…');
    }
    return out.toString();
  }
}
