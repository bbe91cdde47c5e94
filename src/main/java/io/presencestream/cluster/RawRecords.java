package io.presencestream.cluster;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.model.EngineInput.NotificationReceived;
import io.presencestream.model.EngineInput.SnapshotReceived;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The raw topic's record format. Key: the extension id. Value: the message exactly as RingCentral
 * sends it, written by the codec — a notification envelope, or a REST extension presence body for a
 * snapshot. Headers: {@code presence.kind} ({@code notification} | {@code snapshot}) and
 * {@code presence.received-at} (ISO-8601 instant: the engine never reads a clock, so the time the
 * ingest received the message travels with it and a processor derives the same events as a
 * single-process daemon would).
 */
final class RawRecords {

  static final String KIND_HEADER = "presence.kind";
  static final String RECEIVED_AT_HEADER = "presence.received-at";
  static final String NOTIFICATION = "notification";
  static final String SNAPSHOT = "snapshot";

  private final PresenceCodec codec;
  private final String topic;

  RawRecords(PresenceCodec codec, String topic) {
    this.codec = codec;
    this.topic = topic;
  }

  /** Whether this input travels through the raw topic (softphone sessions are local to a process). */
  static boolean carried(EngineInput input) {
    return input instanceof NotificationReceived || input instanceof SnapshotReceived;
  }

  /** The extension an input is about, or null when it has none. */
  static String extensionId(EngineInput input) {
    if (input instanceof NotificationReceived n) {
      return n.notification().extensionId();
    }
    if (input instanceof SnapshotReceived s) {
      return s.presence().extensionId();
    }
    return null;
  }

  ProducerRecord<String, byte[]> toRecord(EngineInput input) {
    String kind;
    byte[] value;
    if (input instanceof NotificationReceived n) {
      kind = NOTIFICATION;
      value = codec.encodeNotification(n.notification());
    } else if (input instanceof SnapshotReceived s) {
      kind = SNAPSHOT;
      value = codec.encodeExtensionPresence(s.presence());
    } else {
      throw new IllegalArgumentException("not carried on the raw topic: " + input.getClass().getSimpleName());
    }
    Headers headers = new RecordHeaders();
    headers.add(KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
    headers.add(RECEIVED_AT_HEADER, input.receivedAt().toString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, extensionId(input), value, headers);
  }

  /**
   * Decodes one raw record.
   *
   * @throws DecodeException for a value the codec rejects, or missing or bad headers
   */
  EngineInput toInput(ConsumerRecord<String, byte[]> record) {
    String kind = header(record.headers(), KIND_HEADER);
    String receivedAtText = header(record.headers(), RECEIVED_AT_HEADER);
    if (kind == null || receivedAtText == null || record.value() == null) {
      throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
          "raw record without " + KIND_HEADER + "/" + RECEIVED_AT_HEADER + " header or value", null);
    }
    Instant receivedAt;
    try {
      receivedAt = Instant.parse(receivedAtText);
    } catch (DateTimeParseException e) {
      throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, "bad " + RECEIVED_AT_HEADER + " header", e);
    }
    return switch (kind) {
      case NOTIFICATION -> new NotificationReceived(codec.decodeMessage(record.value()), receivedAt);
      case SNAPSHOT -> new SnapshotReceived(codec.decodeExtensionPresence(record.value()), receivedAt);
      default -> throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
          "unknown " + KIND_HEADER + " header value", null);
    };
  }

  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
