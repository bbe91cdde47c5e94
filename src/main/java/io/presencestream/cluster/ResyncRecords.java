package io.presencestream.cluster;

import io.presencestream.model.ResyncReason;
import io.presencestream.model.ResyncRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The resync topic's record format: key = extension id, value = the {@link ResyncReason} name
 * ({@code TRUNCATED_CALL_LIST}, …), header {@code presence.at} = ISO-8601 time of the input that
 * caused it. Small enough to need no JSON.
 */
final class ResyncRecords {

  static final String AT_HEADER = "presence.at";

  private ResyncRecords() {}

  static ProducerRecord<String, byte[]> toRecord(String topic, ResyncRequest request) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(AT_HEADER, request.at().toString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, request.extensionId(),
        request.reason().name().getBytes(StandardCharsets.UTF_8), headers);
  }

  /** The request in a record, or null when the record is not one (skipped by the caller). */
  static ResyncRequest toRequest(ConsumerRecord<String, byte[]> record) {
    String at = RawRecords.header(record.headers(), AT_HEADER);
    if (record.key() == null || record.value() == null || at == null) {
      return null;
    }
    try {
      return new ResyncRequest(record.key(),
          ResyncReason.valueOf(new String(record.value(), StandardCharsets.UTF_8)), Instant.parse(at));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return null;
    }
  }
}
