package io.presencestream.codec.protocol;

import io.presencestream.model.Labeled;

/** The {@code type} of a WebSocket gateway frame header. Unknown types map to {@link #UNKNOWN}. */
public enum FrameType implements Labeled {
  /** The first frame on a connection: its limits and, on a reconnect, whether the session was recovered. */
  CONNECTION_DETAILS("ConnectionDetails"),
  /** A tunnelled REST request from the client, and the server's reply to it. */
  CLIENT_REQUEST("ClientRequest"),
  /** A subscription's notification, pushed by the server. */
  SERVER_NOTIFICATION("ServerNotification"),
  /** A keep-alive, sent by either side and answered by the other. */
  HEARTBEAT("Heartbeat"),
  /** The server reports a failure not tied to a request; an {@link ErrorBody} follows. */
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

  /**
   * Parses the gateway's word.
   *
   * @param label the header's {@code type}, or null
   * @return the type; null for null, {@link #UNKNOWN} for anything unrecognised
   */
  public static FrameType parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
