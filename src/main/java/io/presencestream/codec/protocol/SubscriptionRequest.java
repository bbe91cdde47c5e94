package io.presencestream.codec.protocol;

import java.util.List;

/** Body of {@code POST /restapi/v1.0/subscription} and {@code PUT …/subscription/{id}}. */
public record SubscriptionRequest(List<String> eventFilters, DeliveryMode deliveryMode) implements ProtocolBody {

  public SubscriptionRequest {
    eventFilters = eventFilters == null ? List.of() : List.copyOf(eventFilters);
  }

  /** A WebSocket subscription to these event filters. */
  public static SubscriptionRequest webSocket(List<String> eventFilters) {
    return new SubscriptionRequest(eventFilters, DeliveryMode.webSocket());
  }
}
