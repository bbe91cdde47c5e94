package io.presencestream.codec.protocol;

/** {@code deliveryMode} of a subscription; over the gateway always {@code WebSocket}. */
public record DeliveryMode(String transportType, Boolean encryption) {

  /** The transport type of subscriptions made over the WebSocket gateway. */
  public static final String WEB_SOCKET = "WebSocket";

  /** What a client sends: WebSocket transport, encryption not stated. */
  public static DeliveryMode webSocket() {
    return new DeliveryMode(WEB_SOCKET, null);
  }
}
