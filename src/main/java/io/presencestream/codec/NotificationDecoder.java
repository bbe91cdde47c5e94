package io.presencestream.codec;

import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.TelephonySessionNotification;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decodes what a subscription to several RingCentral feeds delivers into the engine's input: a
 * notification whose {@code event} path ends in {@code /presence} becomes an
 * {@link EngineInput.NotificationReceived} (read by {@link PresenceCodec}'s rules), one whose path ends in
 * {@code /telephony/sessions} an {@link EngineInput.TelephonySessionReceived} (by
 * {@link TelephonySessionCodec}'s). The envelope, frame form and field order accepted are the same for
 * both; the body may come before the event path. Thread-safe; create one and share it.
 *
 * <pre>{@code
 * NotificationDecoder decoder = NotificationDecoder.presenceAndTelephony(PresenceCodec.create(), TelephonySessionCodec.create());
 * EngineInput input = decoder.decode(frameText, receivedAt); // NotificationReceived or TelephonySessionReceived
 * }</pre>
 *
 * <p>A decoder for presence alone ({@link #presence}) reads exactly what {@link PresenceCodec#decodeMessage}
 * reads, on the same path, so a presence-only client pays nothing for the second feed.
 */
public final class NotificationDecoder {

  private final PresenceCodec documents;
  private final RingCentralReader presence;
  private final List<EnvelopeReader.Feed<?, ?>> feeds;

  private NotificationDecoder(PresenceCodec documents, List<EnvelopeReader.Feed<?, ?>> feeds) {
    this.documents = documents;
    this.presence = documents.ringCentralReader();
    this.feeds = feeds;
  }

  /**
   * A decoder of presence notifications only; anything else (telephony sessions included) is
   * {@link Reason#NOT_PRESENCE}.
   *
   * @param presence the codec whose limits and rules apply
   * @return the decoder
   * @throws NullPointerException if {@code presence} is null
   */
  public static NotificationDecoder presence(PresenceCodec presence) {
    Objects.requireNonNull(presence, "presence");
    return new NotificationDecoder(presence, List.of(presence.ringCentralReader().feed()));
  }

  /**
   * A decoder of presence and telephony-session notifications. The document limits (size, depth, number
   * length) are {@code presence}'s; a telephony-session body's own limits (parties per message) are
   * {@code sessions}'.
   *
   * @param presence the codec of presence notifications
   * @param sessions the codec of telephony-session notifications
   * @return the decoder
   * @throws NullPointerException if an argument is null
   */
  public static NotificationDecoder presenceAndTelephony(PresenceCodec presence, TelephonySessionCodec sessions) {
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(sessions, "sessions");
    return new NotificationDecoder(presence, List.of(presence.ringCentralReader().feed(), sessions.reader()));
  }

  /**
   * Decodes a notification envelope, or a WebSocket frame {@code [header, envelope]} carrying one, into the
   * engine's input for its feed.
   *
   * @param json UTF-8 JSON; null is bad input
   * @param receivedAt when it arrived: the input's time
   * @return an {@link EngineInput.NotificationReceived} or an {@link EngineInput.TelephonySessionReceived}
   * @throws DecodeException if the input is no notification of this decoder's feeds
   *     ({@link Reason#NOT_PRESENCE} for one of no feed), or a malformed one
   */
  public EngineInput decode(byte[] json, Instant receivedAt) {
    if (json == null) {
      throw new DecodeException(Reason.NOT_JSON, "no input (null)", null);
    }
    return decode(json, 0, json.length, receivedAt);
  }

  /**
   * Same as {@link #decode(byte[], Instant)} for the UTF-8 JSON in {@code json[offset, offset + length)}.
   *
   * @param json the buffer holding the document; null is bad input
   * @param offset index of the document's first byte in {@code json}
   * @param length the document's length in bytes
   * @param receivedAt when it arrived
   * @return the input for the notification's feed
   * @throws DecodeException if the range holds no notification of this decoder's feeds, or a malformed one
   * @throws IndexOutOfBoundsException if the range is not within {@code json} (a caller's bug, not bad input)
   */
  public EngineInput decode(byte[] json, int offset, int length, Instant receivedAt) {
    if (json == null) {
      throw new DecodeException(Reason.NOT_JSON, "no input (null)", null);
    }
    Objects.checkFromIndexSize(offset, length, json.length);
    if (feeds.size() == 1) {
      return new EngineInput.NotificationReceived(documents.decode(json, offset, length, presence::message), receivedAt);
    }
    return input(documents.decode(json, offset, length, p -> EnvelopeReader.readAny(p, feeds)), receivedAt);
  }

  /**
   * Same as {@link #decode(byte[], Instant)} for text.
   *
   * @param json the JSON text; null is bad input
   * @param receivedAt when it arrived
   * @return the input for the notification's feed
   * @throws DecodeException if the input is no notification of this decoder's feeds, or a malformed one
   */
  public EngineInput decode(String json, Instant receivedAt) {
    if (feeds.size() == 1) {
      return new EngineInput.NotificationReceived(documents.decode(json, presence::message), receivedAt);
    }
    return input(documents.decode(json, p -> EnvelopeReader.readAny(p, feeds)), receivedAt);
  }

  private static EngineInput input(Object notification, Instant receivedAt) {
    if (notification instanceof Notification n) {
      return new EngineInput.NotificationReceived(n, receivedAt);
    }
    return new EngineInput.TelephonySessionReceived((TelephonySessionNotification) notification, receivedAt);
  }
}
