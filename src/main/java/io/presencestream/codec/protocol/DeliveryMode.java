package io.presencestream.codec.protocol;

/**
 * {@code deliveryMode} of a subscription; over the gateway always {@code WebSocket}.
 *
 * @param transportType the transport word, {@value #WEB_SOCKET} for gateway subscriptions
 * @param encryption whether notifications are encrypted, or null when not stated
 */
public record DeliveryMode(String transportType, Boolean encryption) {

  /** The transport type of subscriptions made over the WebSocket gateway. */
  public static final String WEB_SOCKET = "WebSocket";

  /**
   * The delivery mode a client asks for.
   *
   * @return WebSocket transport, encryption not stated
   */
  public static DeliveryMode webSocket() {
    return new DeliveryMode(WEB_SOCKET, null);
  }
}
