package io.presencestream.codec.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoded gateway frame: its header and the raw JSON of its body (the second array element), left
 * undecoded so that a caller decodes only what it routes to it — a {@code ServerNotification} body
 * goes straight to {@code PresenceCodec}, a {@code ConnectionDetails} body to
 * {@code ProtocolCodec.decodeConnectionDetails}.
 *
 * @param header the frame's header, never null
 * @param body UTF-8 JSON of the body, or null for a frame {@code [header]}; not copied: do not mutate
 */
public record Frame(FrameHeader header, byte[] body) {

  /**
   * Requires a header; the body is kept as given, not copied.
   *
   * @param header the frame's header
   * @param body the body's JSON, or null
   * @throws IllegalArgumentException if {@code header} is null
   */
  public Frame {
    if (header == null) {
      throw new IllegalArgumentException("header is required");
    }
  }

  /**
   * The header's frame type, which decides where the body is routed.
   *
   * @return the type, never null
   */
  public FrameType type() {
    return header.type();
  }

  /**
   * Whether the frame carried a body.
   *
   * @return true for {@code [header, body]}, false for {@code [header]}
   */
  public boolean hasBody() {
    return body != null;
  }

  /**
   * The body as text, for logs of non-secret frames and for tests.
   *
   * @return the body decoded as UTF-8, or null without a body
   */
  public String bodyText() {
    return body == null ? null : new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Frame that && header.equals(that.header) && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return 31 * header.hashCode() + Arrays.hashCode(body);
  }

  /** Prints the header and the body length only: bodies may hold tokens. */
  @Override
  public String toString() {
    return "Frame[" + header + ", body=" + (body == null ? "none" : body.length + " bytes") + "]";
  }
}
