package io.presencestream.codec.protocol;

import java.util.List;

/**
 * Body of {@code POST /restapi/v1.0/subscription} and {@code PUT …/subscription/{id}}.
 *
 * @param eventFilters the event paths to subscribe to, e.g.
 *     {@code /restapi/v1.0/account/~/extension/101/presence?detailedTelephonyState=true}; never null
 * @param deliveryMode how notifications are delivered, or null
 */
public record SubscriptionRequest(List<String> eventFilters, DeliveryMode deliveryMode) implements ProtocolBody {

  /**
   * Copies {@code eventFilters}; a null list becomes empty.
   *
   * @param eventFilters the event paths, or null for none
   * @param deliveryMode how notifications are delivered, or null
   */
  public SubscriptionRequest {
    eventFilters = eventFilters == null ? List.of() : List.copyOf(eventFilters);
  }

  /**
   * A request for a subscription over the WebSocket gateway.
   *
   * @param eventFilters the event paths to subscribe to
   * @return the request, with {@link DeliveryMode#webSocket()}
   */
  public static SubscriptionRequest webSocket(List<String> eventFilters) {
    return new SubscriptionRequest(eventFilters, DeliveryMode.webSocket());
  }
}
