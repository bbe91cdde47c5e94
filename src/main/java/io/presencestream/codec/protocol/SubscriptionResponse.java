package io.presencestream.codec.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the server describes it after create or update: {@code eventFilters} carry real
 * ids in place of {@code ~} and only the filters the server accepted; {@code disabledFilters} lists those it
 * does not deliver, each with its reason (RingCentral's {@code DisabledFilterInfo}, since API 1.0.33).
 *
 * @param id the subscription id, used to update or delete it
 * @param uri the subscription's REST URI
 * @param status RingCentral's word, e.g. {@code Active} or {@code Suspended}
 * @param creationTime when it was created, or null
 * @param expirationTime when it expires, or null
 * @param expiresIn seconds; over WebSocket the subscription lives as long as the session, no renewal
 * @param eventFilters the filters the server accepted, never null
 * @param deliveryMode how notifications are delivered, or null
 * @param disabledFilters the filters the server disabled, never null
 */
public record SubscriptionResponse(
    String id,
    String uri,
    String status,
    Instant creationTime,
    Instant expirationTime,
    Long expiresIn,
    List<String> eventFilters,
    DeliveryMode deliveryMode,
    List<DisabledFilter> disabledFilters)
    implements ProtocolBody {

  /**
   * Copies the lists; a null list becomes empty.
   *
   * @param id the subscription id
   * @param uri the subscription's REST URI
   * @param status RingCentral's status word
   * @param creationTime when it was created, or null
   * @param expirationTime when it expires, or null
   * @param expiresIn seconds until it expires, or null
   * @param eventFilters the accepted filters, or null for none
   * @param deliveryMode how notifications are delivered, or null
   * @param disabledFilters the filters the server disabled, or null for none
   */
  public SubscriptionResponse {
    eventFilters = eventFilters == null ? List.of() : List.copyOf(eventFilters);
    disabledFilters = disabledFilters == null ? List.of() : List.copyOf(disabledFilters);
  }

  /**
   * A subscription with no disabled filter.
   *
   * @param id the subscription id
   * @param uri the subscription's REST URI
   * @param status RingCentral's status word
   * @param creationTime when it was created, or null
   * @param expirationTime when it expires, or null
   * @param expiresIn seconds until it expires, or null
   * @param eventFilters the accepted filters, or null for none
   * @param deliveryMode how notifications are delivered, or null
   */
  public SubscriptionResponse(
      String id,
      String uri,
      String status,
      Instant creationTime,
      Instant expirationTime,
      Long expiresIn,
      List<String> eventFilters,
      DeliveryMode deliveryMode) {
    this(id, uri, status, creationTime, expirationTime, expiresIn, eventFilters, deliveryMode, List.of());
  }
}
