package io.presencestream.codec.protocol;

import io.presencestream.model.Labeled;

/** The {@code type} of a WebSocket gateway frame header. Unknown types map to {@link #UNKNOWN}. */
public enum FrameType implements Labeled {
  CONNECTION_DETAILS("ConnectionDetails"),
  CLIENT_REQUEST("ClientRequest"),
  SERVER_NOTIFICATION("ServerNotification"),
  HEARTBEAT("Heartbeat"),
  ERROR("Error"),
  /** A type this version does not know; a client ignores such frames. */
  UNKNOWN("Unknown");

  private final String label;

  FrameType(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  /** Parses the gateway's word; {@code null} stays {@code null}, anything unrecognised is {@link #UNKNOWN}. */
  public static FrameType parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
