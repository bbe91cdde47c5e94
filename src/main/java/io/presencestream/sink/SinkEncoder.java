package io.presencestream.sink;

import io.presencestream.model.PresenceEvent;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * A sink's event encoder, made safe for delivery: an event the encoder refuses is logged, counted as a
 * failed drop ({@code presence.sink.dropped}, reason {@code failed}) and skipped, so one bad event never
 * stops a sink. Shared by the sinks so that they treat an unencodable event alike.
 */
final class SinkEncoder {

  private final String sink;
  private final Function<? super PresenceEvent, String> encoder;
  private final SinkMeters meters;
  private final Logger log;

  /** @param log the sink's own logger, so the warning is logged under the sink's class */
  SinkEncoder(String sink, Function<? super PresenceEvent, String> encoder, SinkMeters meters, Logger log) {
    this.sink = sink;
    this.encoder = encoder;
    this.meters = meters;
    this.log = log;
  }

  /** The event's JSON, or {@code null} when it cannot be encoded (then already logged and counted). */
  String encode(PresenceEvent event) {
    try {
      return encoder.apply(event);
    } catch (RuntimeException e) {
      log.warn("sink {}: cannot encode a {} event: {}", sink, event.kind().label(), e.toString());
      meters.failed(1);
      return null;
    }
  }
}
