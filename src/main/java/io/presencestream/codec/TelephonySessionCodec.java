package io.presencestream.codec;

import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonySessionNotification;
import java.util.Objects;

/**
 * Decodes RingCentral's telephony-session notifications ({@code /restapi/v1.0/account/~/telephony/sessions}
 * and {@code …/extension/{id}/telephony/sessions}) into the model's {@link TelephonySessionNotification},
 * and writes them back in RingCentral's form ({@link #encodeNotification}, for Kafka's raw topic).
 * Thread-safe; create one and share it. Every decode method throws only {@link DecodeException}, whatever
 * the input, under the same {@link CodecLimits}, parser constraints and error messages (bounded,
 * redacted excerpts) as {@link PresenceCodec}, whose machinery it uses.
 *
 * <pre>{@code
 * TelephonySessionCodec codec = TelephonySessionCodec.create();
 * try {
 *   TelephonySessionNotification n = codec.decodeNotification(frameText);
 *   sessionTracker.apply(n).forEach(outcome -> outcome.events().forEach(sink));
 * } catch (DecodeException e) {
 *   decodeErrors.tag("reason", e.reason().name()).increment(); // skip it, go on
 * }
 * }</pre>
 */
public final class TelephonySessionCodec {

  private final PresenceCodec documents;
  private final TelephonySessionReader reader;

  private TelephonySessionCodec(CodecLimits limits) {
    this.documents = PresenceCodec.create(limits);
    this.reader = new TelephonySessionReader(limits);
  }

  /**
   * A codec with the default limits.
   *
   * @return a codec decoding under {@link CodecLimits#defaults()}
   */
  public static TelephonySessionCodec create() {
    return new TelephonySessionCodec(CodecLimits.defaults());
  }

  /**
   * A codec with the given limits; a notification's {@code parties} (and a party's {@code recordings}) are
   * bounded by {@link CodecLimits#maxActiveCalls()}.
   *
   * @param limits the bounds on input size, nesting and counts, never null
   * @return a codec decoding under {@code limits}
   * @throws IllegalArgumentException if {@code limits} is null
   */
  public static TelephonySessionCodec create(CodecLimits limits) {
    if (limits == null) {
      throw new IllegalArgumentException("limits are required");
    }
    return new TelephonySessionCodec(limits);
  }

  /** The body reader, for {@link NotificationDecoder}. */
  TelephonySessionReader reader() {
    return reader;
  }

  /** The limits this codec decodes under. */
  CodecLimits limits() {
    return documents.limits();
  }

  /**
   * Decodes a notification envelope {@code {uuid, event, timestamp, subscriptionId, ownerId, body}}, or a
   * WebSocket frame {@code [header, envelope]} carrying one.
   *
   * <p>Accepted: an envelope whose {@code event} path ends in {@code /telephony/sessions} (query ignored), or
   * one without {@code event} whose body has a {@code telephonySessionId}; a frame whose header type is
   * {@code ServerNotification}. Presence and other notifications, other frames and JSON objects give
   * {@link Reason#NOT_TELEPHONY_SESSION}. Within the body: ids as string or number, {@code sequence} as
   * number or digits, times with any ISO-8601 offset or as epoch milliseconds; a party's extension is
   * {@code owner.extensionId} when it has an {@code owner}, else its {@code extensionId}; {@code from} and
   * {@code to} as a plain number or {@code {phoneNumber|extensionNumber, name, extensionId, deviceId}};
   * the status codes {@code Voicemail} and {@code VMScreening} as {@code VoiceMail} and
   * {@code VoiceMailScreening}; an absent {@code parties} as none and an absent {@code origin} as
   * {@code Call}; unknown fields are ignored and unknown words become {@code UNKNOWN}. A body without
   * {@code telephonySessionId}, a party without {@code id} or {@code status.code}, a value of the wrong
   * type or an extension id outside {@link ExtensionIds#RULE} give {@link Reason#WRONG_SHAPE}.
   *
   * @param json the notification as UTF-8 JSON; null is bad input
   * @return the notification, never null
   * @throws DecodeException if the input is not such a notification
   */
  public TelephonySessionNotification decodeNotification(byte[] json) {
    return documents.decode(json, reader::message);
  }

  /**
   * Same as {@link #decodeNotification(byte[])} for the UTF-8 JSON in {@code json[offset, offset + length)},
   * e.g. the body of a WebSocket frame delimited in place.
   *
   * @param json the bytes holding the notification as UTF-8 JSON; null is bad input
   * @param offset where the notification starts in {@code json}
   * @param length how many bytes it takes
   * @return the notification, never null
   * @throws DecodeException if the input is not such a notification
   * @throws IndexOutOfBoundsException if the range is not within {@code json} (a caller's bug, not bad input)
   */
  public TelephonySessionNotification decodeNotification(byte[] json, int offset, int length) {
    if (json == null) {
      throw new DecodeException(Reason.NOT_JSON, "no input (null)", null);
    }
    Objects.checkFromIndexSize(offset, length, json.length);
    return documents.decode(json, offset, length, reader::message);
  }

  /**
   * Same as {@link #decodeNotification(byte[])} for text, e.g. a WebSocket text frame.
   *
   * @param json the notification as JSON text; null is bad input
   * @return the notification, never null
   * @throws DecodeException if the input is not such a notification
   */
  public TelephonySessionNotification decodeNotification(String json) {
    return documents.decode(json, reader::message);
  }

  /**
   * Encodes a notification as RingCentral sends it, the inverse of {@link #decodeNotification(byte[])}:
   * decoding the bytes gives an equal notification. The envelope {@code {uuid, event, timestamp,
   * subscriptionId, ownerId, body}} with the body's fields in the order RingCentral writes them; absent
   * values are left out, ids are strings, times ISO-8601 with all their precision. What the decoder folds
   * is written folded: a party's extension as {@code extensionId} (no {@code owner}), an endpoint's number
   * as {@code phoneNumber}, the body's {@code extensionId} only when the event path does not say it.
   * Kafka's raw topic carries telephony-session notifications in this form.
   *
   * <pre>{@code
   * byte[] json = codec.encodeNotification(notification);
   * assert codec.decodeNotification(json).equals(notification);
   * }</pre>
   *
   * @param notification the notification, never null
   * @return the envelope as UTF-8 JSON
   * @throws NullPointerException if {@code notification} is null
   */
  public byte[] encodeNotification(TelephonySessionNotification notification) {
    Objects.requireNonNull(notification, "notification");
    return documents.encodeBytes(g -> TelephonySessionWriter.notification(g, notification));
  }

  /**
   * One line of {@code replay --emit sessions} for a notification that decoded:
   * {@code {"index", "ownerId", "telephonySessionId", "applied", "dropReason", "error": null, "session"}},
   * keys in this order, {@code session} being {@code {"telephonySessionId", "sessionId", "origin", "party",
   * "parties"}} with each party as {@code {"id", "extensionId", "direction", "status", "reason", "from", "to",
   * "missedCall", "standAlone", "muted", "peerTelephonySessionId"}} ({@code from} and {@code to} the phone
   * numbers), {@code party} the owner's party ({@link TelephonySession#party()}) and {@code parties} sorted by
   * id. Absent values are {@code null}; the same arguments always give the same text.
   *
   * @param index the line's position in the replayed input, from 0
   * @param ownerId the extension whose view this is, or null when the notification has none
   * @param telephonySessionId the session the notification is about
   * @param applied whether the tracker applied the notification for the owner
   * @param dropReason why it was not applied (a lowercase word), null if it was
   * @param session the owner's view of the session after the line, or null when the owner does not track it
   * @return one line of JSON, without a line terminator
   */
  public String encodeReplayLine(int index, String ownerId, String telephonySessionId, boolean applied,
      String dropReason, TelephonySession session) {
    return documents.encodeText(
        g -> SessionReplayJson.writeLine(g, index, ownerId, telephonySessionId, applied, dropReason, session));
  }

  /**
   * One line of {@code replay --emit sessions} for an input line that did not decode: the keys of
   * {@link #encodeReplayLine} with {@code applied} false, {@code session} and the ids null, and
   * {@code error} {@code {"reason", "message"}}, the reason being the lowercase name of
   * {@link DecodeException#reason()} ({@code not_json}, {@code wrong_shape}, {@code not_telephony_session}, …).
   *
   * @param index the line's position in the replayed input, from 0
   * @param error why the line did not decode, never null
   * @return one line of JSON, without a line terminator
   * @throws NullPointerException if {@code error} is null
   */
  public String encodeReplayError(int index, DecodeException error) {
    Objects.requireNonNull(error, "error");
    return documents.encodeText(g -> SessionReplayJson.writeError(g, index, error));
  }

  /**
   * A buffer for many {@code replay --emit sessions} lines in a row, byte for byte as {@link #encodeReplayLine}
   * and {@link #encodeReplayError} write them ({@link JsonLineBuffer#sessionLine},
   * {@link JsonLineBuffer#sessionError}). Not thread-safe.
   *
   * @return a new, empty buffer
   */
  public JsonLineBuffer newLineBuffer() {
    return documents.newLineBuffer();
  }
}
