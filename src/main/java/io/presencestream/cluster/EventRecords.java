package io.presencestream.cluster;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records of the events topic, written by the processors and by the contact-centre node alike: key = the
 * event's {@code extensionId} (an extension, or for {@code queue.stats} the queue, for an alert its subject),
 * value = {@link PresenceCodec#encodeEvent} JSON, header {@code presence.kind} = the event kind, to filter
 * without parsing.
 */
final class EventRecords {

  /** The header that names the event's kind. */
  static final String KIND_HEADER = "presence.kind";

  /** The kinds the contact-centre view writes, which it never reads back as input. */
  static final Set<String> CONTACT_CENTRE_KINDS = Set.of(EventKind.AGENT_STATE.label(), EventKind.QUEUE_STATS.label(),
      EventKind.ALERT_RAISED.label(), EventKind.ALERT_CLEARED.label(), EventKind.QUEUE_CALL_ENDED.label());

  private EventRecords() {}

  static ProducerRecord<String, byte[]> toRecord(String topic, PresenceCodec codec, PresenceEvent event) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(KIND_HEADER, event.kind().label().getBytes(StandardCharsets.UTF_8));
    byte[] value = codec.encodeEvent(event).getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, event.extensionId(), value, headers);
  }
}
