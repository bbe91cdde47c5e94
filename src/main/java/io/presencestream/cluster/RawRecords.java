package io.presencestream.cluster;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.model.EngineInput.NotificationReceived;
import io.presencestream.model.EngineInput.SnapshotReceived;
import io.presencestream.model.EngineInput.TelephonySessionReceived;
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
 * sends it, written by the codec — a presence notification envelope, a REST extension presence body
 * for a snapshot, or a telephony-session notification envelope. Headers: {@code presence.kind}
 * ({@code notification} | {@code snapshot} | {@code telephony-session}) and
 * {@code presence.received-at} (ISO-8601 instant: the engine never reads a clock, so the time the
 * ingest received the message travels with it and a processor derives the same events as a
 * single-process daemon would).
 *
 * <p>A telephony-session record is the share of its notification that belongs to the key's extension
 * ({@link TelephonySessionReceived#forExtension()}): the ingest writes one record per extension the
 * notification concerns (see {@link SessionRoutes}), each with the whole notification, and the
 * processor applies each for its key's extension only. So every share lands in its extension's
 * partition, in order with the extension's presence records, and no processor touches an extension it
 * does not own.
 */
final class RawRecords {

  static final String KIND_HEADER = "presence.kind";
  static final String RECEIVED_AT_HEADER = "presence.received-at";
  static final String NOTIFICATION = "notification";
  static final String SNAPSHOT = "snapshot";
  static final String TELEPHONY_SESSION = "telephony-session";

  private final PresenceCodec codec;
  private final TelephonySessionCodec sessionCodec;
  private final String topic;

  RawRecords(PresenceCodec codec, String topic) {
    this.codec = codec;
    this.sessionCodec = TelephonySessionCodec.create(codec.limits());
    this.topic = topic;
  }

  /** Whether this input travels through the raw topic (softphone sessions are local to a process). */
  static boolean carried(EngineInput input) {
    return input instanceof NotificationReceived || input instanceof SnapshotReceived
        || input instanceof TelephonySessionReceived;
  }

  /**
   * The extension an input is about, or null when it has none: for a telephony-session notification the
   * extension of its share, else its own extension (null for an account-level one, which must be split
   * into shares before it is written).
   */
  static String extensionId(EngineInput input) {
    if (input instanceof NotificationReceived n) {
      return n.notification().extensionId();
    }
    if (input instanceof SnapshotReceived s) {
      return s.presence().extensionId();
    }
    if (input instanceof TelephonySessionReceived t) {
      return t.forExtension() != null ? t.forExtension() : t.notification().body().extensionId();
    }
    return null;
  }

  /**
   * The record of one carried input.
   *
   * @throws IllegalArgumentException for an input not carried, or a telephony-session notification that is
   *     neither a share nor an extension's own
   */
  ProducerRecord<String, byte[]> toRecord(EngineInput input) {
    String kind;
    byte[] value;
    if (input instanceof NotificationReceived n) {
      kind = NOTIFICATION;
      value = codec.encodeNotification(n.notification());
    } else if (input instanceof SnapshotReceived s) {
      kind = SNAPSHOT;
      value = codec.encodeExtensionPresence(s.presence());
    } else if (input instanceof TelephonySessionReceived t) {
      if (extensionId(t) == null) {
        throw new IllegalArgumentException("an account-level telephony-session notification is written as shares");
      }
      kind = TELEPHONY_SESSION;
      value = sessionCodec.encodeNotification(t.notification());
    } else {
      throw new IllegalArgumentException("not carried on the raw topic: " + input.getClass().getSimpleName());
    }
    Headers headers = new RecordHeaders();
    headers.add(KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
    headers.add(RECEIVED_AT_HEADER, input.receivedAt().toString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, extensionId(input), value, headers);
  }

  /**
   * Decodes one raw record; a telephony-session record as the share of its key's extension.
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
      case TELEPHONY_SESSION -> {
        if (record.key() == null) {
          throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
              "telephony-session raw record without a key (the extension it is for)", null);
        }
        yield new TelephonySessionReceived(sessionCodec.decodeNotification(record.value()), receivedAt, record.key());
      }
      default -> throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
          "unknown " + KIND_HEADER + " header value", null);
    };
  }

  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
