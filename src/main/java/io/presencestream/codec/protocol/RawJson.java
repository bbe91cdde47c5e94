package io.presencestream.codec.protocol;

import java.util.Arrays;

/**
 * A body already encoded as JSON (for example a notification envelope from {@code PresenceCodec}),
 * written into a frame as it is.
 *
 * @param json the encoded body, UTF-8; not copied: do not mutate
 */
public record RawJson(byte[] json) implements ProtocolBody {

  /**
   * Requires a non-empty body; it is not checked to be JSON.
   *
   * @param json the encoded body
   * @throws IllegalArgumentException if {@code json} is null or empty
   */
  public RawJson {
    if (json == null || json.length == 0) {
      throw new IllegalArgumentException("json is required");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawJson that && Arrays.equals(json, that.json);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "RawJson[" + json.length + " bytes]";
  }
}
