package io.presencestream.codec.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the server describes it after create or update: {@code eventFilters} carry real
 * ids in place of {@code ~} and only the filters the server accepted.
 *
 * @param expiresIn seconds; over WebSocket the subscription lives as long as the session, no renewal
 */
public record SubscriptionResponse(
    String id,
    String uri,
    String status,
    Instant creationTime,
    Instant expirationTime,
    Long expiresIn,
    List<String> eventFilters,
    DeliveryMode deliveryMode)
    implements ProtocolBody {

  public SubscriptionResponse {
    eventFilters = eventFilters == null ? List.of() : List.copyOf(eventFilters);
  }
}
