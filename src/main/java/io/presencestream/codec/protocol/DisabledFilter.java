package io.presencestream.codec.protocol;

/**
 * One entry of a subscription's {@code disabledFilters}: a filter the server accepted into the request but
 * does not deliver, "due to certain limitations" (RingCentral's API reference, {@code DisabledFilterInfo}).
 *
 * @param filter the event filter that is disabled
 * @param reason why RingCentral disabled it, or null
 * @param message RingCentral's error message, or null
 */
public record DisabledFilter(String filter, String reason, String message) {}
