package io.presencestream.codec.protocol;

import java.util.Arrays;

/**
 * A body already encoded as JSON (for example a notification envelope from {@code PresenceCodec}),
 * written into a frame as it is.
 */
public record RawJson(byte[] json) implements ProtocolBody {

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
