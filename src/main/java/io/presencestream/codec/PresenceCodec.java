package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.presencestream.codec.DecodeException.Reason;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonySession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The one place that knows RingCentral's and presence-stream's JSON field names. Thread-safe;
 * create one and share it. Every decode method throws only {@link DecodeException}, whatever the input;
 * encode methods throw {@link NullPointerException} for a null argument and nothing else.
 *
 * <p>Decoding streams each document once with Jackson's {@link JsonParser} straight into the model
 * records (no tree, no reflection), under {@link CodecLimits}: a document too large, too deeply nested
 * or with too many active calls is refused before it costs more than the limits allow. A decode either
 * returns a complete value or throws; it never returns part of a message.
 *
 * <pre>{@code
 * PresenceCodec codec = PresenceCodec.create();
 * try {
 *   Notification n = codec.decodeMessage(frameText);
 *   engineInput.tryEmitNext(new EngineInput.NotificationReceived(n, receivedAt));
 * } catch (DecodeException e) {
 *   decodeErrors.tag("reason", e.reason().name()).increment(); // skip it, go on
 * }
 * }</pre>
 */
public final class PresenceCodec {

  /** Where RingCentral's production API lives; the default base of encoded REST URIs. */
  static final String DEFAULT_SERVER_URL = "https://platform.ringcentral.com";

  /** Jackson quotes an unrecognised token in full (up to 256 chars) in its messages. */
  private static final Pattern LONG_QUOTED_TOKEN = Pattern.compile("'([^']{16})[^']{4,}'");

  /** Longest number literal accepted; ids and sequences need at most 20 digits. */
  private static final int MAX_NUMBER_LENGTH = 64;

  private final CodecLimits limits;
  private final JsonFactory factory;
  private final RingCentralReader ringCentralReader;
  private final EventJson eventJson;
  private final SessionJson sessionJson;

  private PresenceCodec(CodecLimits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            // Field names come from the network: canonicalise them (bounded symbol table) but do not
            // intern attacker-chosen strings into the JVM's string pool.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxDocumentLength(limits.maxDocumentBytes())
                    .maxStringLength(limits.maxDocumentBytes())
                    .maxNameLength(Math.min(limits.maxDocumentBytes(), 50_000))
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();
    this.ringCentralReader = new RingCentralReader(limits);
    this.eventJson = new EventJson(limits);
    this.sessionJson = new SessionJson(limits);
  }

  /**
   * A codec with the default limits.
   *
   * @return a new codec decoding under {@link CodecLimits#defaults()}
   */
  public static PresenceCodec create() {
    return new PresenceCodec(CodecLimits.defaults());
  }

  /**
   * A codec with the given limits.
   *
   * @param limits the bounds every decode is held to
   * @return a new codec decoding under {@code limits}
   * @throws IllegalArgumentException if {@code limits} is null
   */
  public static PresenceCodec create(CodecLimits limits) {
    if (limits == null) {
      throw new IllegalArgumentException("limits are required");
    }
    return new PresenceCodec(limits);
  }

  /**
   * The limits this codec decodes under, for callers that bound their own buffers the same way.
   *
   * @return the limits given to {@link #create(CodecLimits)}, or the defaults
   */
  public CodecLimits limits() {
    return limits;
  }

  /**
   * Decodes a notification envelope, or a WebSocket frame array {@code [header, envelope]} carrying one.
   *
   * <p>Accepted: an envelope whose {@code event} path ends in {@code /presence} (query ignored), or one
   * without {@code event} whose body has an {@code extensionId}; a frame whose header type is
   * {@code ServerNotification}. Other notifications, frames ({@code ConnectionDetails},
   * {@code ClientRequest}, {@code Heartbeat}, {@code Error}) and JSON objects give
   * {@link Reason#NOT_PRESENCE}. Within the body: {@code extensionId} as string or number (else taken from
   * the event path), {@code from}/{@code to} as string or {@code {phoneNumber|extensionNumber, name}},
   * times with any ISO-8601 offset; absent fields are null, an absent {@code activeCalls} is null (no
   * information), unknown fields are ignored and unknown enum words become {@code UNKNOWN}.
   *
   * @param json UTF-8 JSON, as received; null is bad input
   * @return the notification, complete
   * @throws DecodeException if the input is not such a notification
   */
  public Notification decodeMessage(byte[] json) {
    return decode(json, ringCentralReader::message);
  }

  /**
   * Same as {@link #decodeMessage(byte[])} for the UTF-8 JSON in {@code json[offset, offset + length)}, e.g.
   * the body of a WebSocket frame delimited in place, without copying it out.
   *
   * @param json the buffer holding the document; null is bad input
   * @param offset index of the document's first byte in {@code json}
   * @param length the document's length in bytes
   * @return the notification, complete
   * @throws DecodeException if the range does not hold such a notification
   * @throws IndexOutOfBoundsException if the range is not within {@code json} (a caller's bug, not bad input)
   */
  public Notification decodeMessage(byte[] json, int offset, int length) {
    if (json == null) {
      throw new DecodeException(Reason.NOT_JSON, "no input (null)", null);
    }
    Objects.checkFromIndexSize(offset, length, json.length);
    return decode(json, offset, length, ringCentralReader::message);
  }

  /**
   * Same as {@link #decodeMessage(byte[])} for text.
   *
   * @param json the JSON text; null is bad input
   * @return the notification, complete
   * @throws DecodeException if the input is not such a notification
   */
  public Notification decodeMessage(String json) {
    return decode(json, ringCentralReader::message);
  }

  /**
   * Decodes {@code GET …/extension/{id}/presence?detailedTelephonyState=true&sipData=true}. The id is taken
   * from {@code extensionId}, else {@code extension.id}, else the {@code uri}.
   *
   * @param json the UTF-8 response body; null is bad input
   * @return the extension's presence, with no {@code sequence} (REST reads carry none)
   * @throws DecodeException if the input is not an extension presence
   */
  public PresenceUpdate decodeExtensionPresence(byte[] json) {
    return decode(json, ringCentralReader::extensionPresence);
  }

  /**
   * Same as {@link #decodeExtensionPresence(byte[])} for text.
   *
   * @param json the response body as text; null is bad input
   * @return the extension's presence
   * @throws DecodeException if the input is not an extension presence
   */
  public PresenceUpdate decodeExtensionPresence(String json) {
    return decode(json, ringCentralReader::extensionPresence);
  }

  /**
   * Decodes one page of {@code GET …/account/~/presence?detailedTelephonyState=true&sipData=true}. When
   * {@code paging} is absent the page is 1; when {@code totalPages} is absent it is the page number if
   * there is no {@code navigation.nextPage}, else one more.
   *
   * @param json the UTF-8 response body; null is bad input
   * @return the page, with at most {@link CodecLimits#maxPageRecords()} records
   * @throws DecodeException if the input is not such a page
   */
  public AccountPresencePage decodeAccountPresencePage(byte[] json) {
    return decode(json, ringCentralReader::accountPage);
  }

  /**
   * Same as {@link #decodeAccountPresencePage(byte[])} for text.
   *
   * @param json the response body as text; null is bad input
   * @return the page
   * @throws DecodeException if the input is not such a page
   */
  public AccountPresencePage decodeAccountPresencePage(String json) {
    return decode(json, ringCentralReader::accountPage);
  }

  /**
   * Decodes the answer to {@code GET …/extension/{ids}/presence?detailedTelephonyState=true&sipData=true}:
   * one extension's presence when {@code single}, else a batch, which RingCentral answers as
   * {@code multipart/mixed} (a status summary first, then one part per extension; a part carrying an
   * {@code errorCode} is an extension it could not answer for and is left out) or as a JSON {@code records}
   * list. A part that cannot be decoded is handed to {@code skipped} and left out, so one bad extension
   * does not cost the others; an answer that is neither JSON nor multipart gives an empty list.
   *
   * @param answer the response body as received (JSON or the whole {@code multipart/mixed} body)
   * @param single whether one extension was asked for, so the answer is a plain presence body
   * @param skipped told of each part left out because it could not be decoded; called on the caller's thread
   * @return the presences decoded, in the answer's order; possibly empty, never null
   * @throws NullPointerException if {@code answer} or {@code skipped} is null
   */
  public List<PresenceUpdate> decodePresenceAnswer(byte[] answer, boolean single, Consumer<DecodeException> skipped) {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(skipped, "skipped");
    return BulkPresence.decode(this, answer, single, skipped);
  }

  /**
   * Encodes a notification envelope as RingCentral sends it (used by the simulator): null fields are left
   * out, times are ISO-8601 instants, {@code activeCalls} is written only when known (an empty list as
   * {@code []}). {@link #decodeMessage(byte[])} gives the same notification back.
   *
   * @param notification the notification to write
   * @return the envelope as UTF-8 JSON
   */
  public byte[] encodeNotification(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    return bytes(g -> RingCentralWriter.notification(g, notification));
  }

  /**
   * Encodes a REST extension presence response as RingCentral sends it (used by the simulator), with
   * {@code uri} and {@code extension.uri} on {@code https://platform.ringcentral.com} and account
   * {@code ~}. Like RingCentral's, it has no {@code sequence} and no {@code totalActiveCalls}.
   *
   * @param presence the presence to write
   * @return the response body as UTF-8 JSON
   */
  public byte[] encodeExtensionPresence(PresenceUpdate presence) {
    return encodeExtensionPresence(presence, DEFAULT_SERVER_URL, "~");
  }

  /**
   * Encodes a REST extension presence response with URIs on the given server (e.g. the simulator's base
   * URL) and account id.
   *
   * @param presence the presence to write
   * @param serverUrl the base of the {@code uri} fields; a trailing slash is dropped
   * @param accountId the account id written into the URIs ({@code ~} for "the caller's own")
   * @return the response body as UTF-8 JSON
   */
  public byte[] encodeExtensionPresence(PresenceUpdate presence, String serverUrl, String accountId) {
    Objects.requireNonNull(presence, "presence");
    String server = trimSlash(Objects.requireNonNull(serverUrl, "serverUrl"));
    Objects.requireNonNull(accountId, "accountId");
    return bytes(g -> RingCentralWriter.extensionPresence(g, presence, server, accountId));
  }

  /**
   * Encodes one page of {@code GET …/account/{accountId}/presence} as RingCentral sends it: {@code uri},
   * {@code records} (each as {@link #encodeExtensionPresence(PresenceUpdate, String, String)}),
   * {@code paging} and {@code navigation} ({@code nextPage} only when {@code nextPageUri} is set).
   */
  byte[] encodeAccountPresencePage(AccountPresencePage page, String serverUrl, String accountId) {
    Objects.requireNonNull(page, "page");
    String server = trimSlash(Objects.requireNonNull(serverUrl, "serverUrl"));
    Objects.requireNonNull(accountId, "accountId");
    return bytes(g -> RingCentralWriter.accountPage(g, page, server, accountId));
  }

  /**
   * Encodes an event in presence-stream's event schema (SSE, JSON lines, webhooks, Kafka): one line,
   * every key present, null for absent values (a call's {@code party} is written only when the
   * telephony-session feed reported it), times in UTC with milliseconds (finer precision is cut). Session
   * events ({@code session.started}, {@code party.updated}, {@code session.ended}) carry the session as the
   * engine folded it.
   *
   * @param event the event to write
   * @return one line of JSON, without a line terminator
   */
  public String encodeEvent(PresenceEvent event) {
    Objects.requireNonNull(event, "event");
    return text(g -> EventJson.writeEvent(g, event));
  }

  /**
   * Decodes an event written by {@link #encodeEvent}. Keys may come in any order, unknown keys are
   * ignored, a missing optional key is null, an unknown {@code transition} word is {@code other}.
   *
   * @param json the event as text; null is bad input
   * @return the event
   * @throws DecodeException if the input is not such an event
   */
  public PresenceEvent decodeEvent(String json) {
    return decode(json, eventJson::readEvent);
  }

  /**
   * Same as {@link #decodeEvent(String)} for UTF-8 bytes (e.g. a Kafka record value).
   *
   * @param json the event as UTF-8 JSON; null is bad input
   * @return the event
   * @throws DecodeException if the input is not such an event
   */
  public PresenceEvent decodeEvent(byte[] json) {
    return decode(json, eventJson::readEvent);
  }

  /**
   * Encodes the state of one extension (HTTP state API, Kafka state topic), in the schema's STATE form.
   *
   * @param state the state to write
   * @return one line of JSON, without a line terminator
   */
  public String encodeState(ExtensionState state) {
    Objects.requireNonNull(state, "state");
    return text(g -> EventJson.writeState(g, state));
  }

  /**
   * One line of {@code replay --emit state}: {@code {"index":…,"extensionId":…,"applied":…,"dropReason":…}}
   * followed by the rest of {@link #encodeState}'s fields ({@code sequence, presence, calls, updatedAt}),
   * so a replayed state and a served state always agree.
   *
   * @param index the notification's position in the replayed input, from 0
   * @param applied whether the engine applied the notification
   * @param dropReason why the notification was not applied (a lowercase word), null if it was
   * @param state the extension's state after the notification
   * @return one line of JSON, without a line terminator
   */
  public String encodeReplayLine(int index, boolean applied, String dropReason, ExtensionState state) {
    Objects.requireNonNull(state, "state");
    return text(g -> EventJson.writeReplayLine(g, index, applied, dropReason, state));
  }

  /**
   * A buffer that accumulates events or replay lines as JSON lines, byte for byte as {@link #encodeEvent}
   * and {@link #encodeReplayLine} write them, for a writer of many lines in a row. Not thread-safe.
   *
   * @return a new, empty buffer using this codec's JSON factory
   */
  public JsonLineBuffer newLineBuffer() {
    return new JsonLineBuffer(factory);
  }

  /**
   * Encodes telephony sessions as the engine folded them ({@code /api/sessions}), a JSON array of the
   * schema's SESSION form in the given order: {@code extensionId}, {@code telephonySessionId},
   * {@code sessionId}, {@code origin}, {@code creationTime}, {@code updatedAt} and the {@code parties}, each
   * with its {@code status} {@code {code, reason, peerId, parkData}} — the same form as the {@code session} of
   * the session events.
   *
   * @param sessions the sessions to write, e.g. {@code engine.sessions("101")}
   * @return one line of JSON, without a line terminator
   */
  public String encodeSessions(Collection<TelephonySession> sessions) {
    Objects.requireNonNull(sessions, "sessions");
    return text(g -> SessionJson.writeSessions(g, sessions));
  }

  /**
   * Decodes sessions written by {@link #encodeSessions}. Keys may come in any order, unknown keys are ignored,
   * unknown words read as {@code Unknown}.
   *
   * @param json the JSON array as text; null is bad input
   * @return the sessions, in the array's order (at most {@link CodecLimits#maxPageRecords()})
   * @throws DecodeException if the input is not such an array
   */
  public List<TelephonySession> decodeSessions(String json) {
    return decode(json, sessionJson::readSessions);
  }

  /**
   * Decodes a state written by {@link #encodeState}.
   *
   * @param json the state as text; null is bad input
   * @return the state
   * @throws DecodeException if the input is not such a state
   */
  public ExtensionState decodeState(String json) {
    return decode(json, eventJson::readState);
  }

  /**
   * Same as {@link #decodeState(String)} for UTF-8 bytes.
   *
   * @param json the state as UTF-8 JSON; null is bad input
   * @return the state
   * @throws DecodeException if the input is not such a state
   */
  public ExtensionState decodeState(byte[] json) {
    return decode(json, eventJson::readState);
  }

  /** The reader of RingCentral's presence JSON, for {@link NotificationDecoder}. */
  RingCentralReader ringCentralReader() {
    return ringCentralReader;
  }

  // ---------------------------------------------------------------- encoding machinery

  private byte[] bytes(JsonBytes.DocumentWriter writer) {
    return JsonBytes.write(factory, 512, writer);
  }

  /** The same text encoding for {@link TelephonySessionCodec}'s writers, under this codec's factory. */
  String encodeText(JsonBytes.DocumentWriter writer) {
    return text(writer);
  }

  /** The same UTF-8 encoding for {@link TelephonySessionCodec}'s writers, under this codec's factory. */
  byte[] encodeBytes(JsonBytes.DocumentWriter writer) {
    return bytes(writer);
  }

  /**
   * Through the UTF-8 generator on purpose: it writes a lone UTF-16 surrogate (which a RingCentral message
   * may carry as a JSON escape) as an escape again, so the text is valid Unicode and survives being sent as
   * UTF-8; the character generator would write the lone surrogate raw.
   */
  private String text(JsonBytes.DocumentWriter writer) {
    return new String(bytes(writer), StandardCharsets.UTF_8);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  // ---------------------------------------------------------------- decoding machinery

  /** Reads one document; package-private so that {@link TelephonySessionCodec} decodes under the same machinery. */
  @FunctionalInterface
  interface DocumentReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  <T> T decode(byte[] json, DocumentReader<T> reader) {
    if (json == null) {
      throw new DecodeException(Reason.NOT_JSON, "no input (null)", null);
    }
    return decode(json, 0, json.length, reader);
  }

  <T> T decode(byte[] json, int offset, int length, DocumentReader<T> reader) {
    if (length > limits.maxDocumentBytes()) {
      throw failure(
          Reason.TOO_LARGE,
          length + " bytes exceed the limit of " + limits.maxDocumentBytes(),
          null,
          Excerpt.of(json, offset, length));
    }
    JsonParser parser;
    try {
      parser = factory.createParser(json, offset, length);
    } catch (IOException | RuntimeException e) {
      throw failure(Reason.NOT_JSON, "cannot read input", null, Excerpt.of(json, offset, length));
    }
    return run(parser, reader, json, offset, length, null);
  }

  <T> T decode(String json, DocumentReader<T> reader) {
    if (json == null) {
      throw new DecodeException(Reason.NOT_JSON, "no input (null)", null);
    }
    if (json.length() > limits.maxDocumentBytes()) {
      throw failure(
          Reason.TOO_LARGE,
          json.length() + " chars exceed the limit of " + limits.maxDocumentBytes(),
          null,
          Excerpt.of(json));
    }
    JsonParser parser;
    try {
      parser = factory.createParser(json);
    } catch (IOException | RuntimeException e) {
      throw failure(Reason.NOT_JSON, "cannot read input", null, Excerpt.of(json));
    }
    return run(parser, reader, null, 0, 0, json);
  }

  private <T> T run(
      JsonParser parser, DocumentReader<T> reader, byte[] bytes, int offset, int length, String text) {
    try (parser) {
      try {
        return reader.read(parser);
      } catch (Malformed m) {
        // The verdict on the content stands only if the whole document is JSON within the limits;
        // "not JSON" and "too large/deep" win over "wrong shape" and "not presence".
        JsonLocation where = parser.currentLocation();
        if (!drain(parser)) {
          throw failure(
              Reason.NOT_JSON, "more than one JSON value", parser.currentLocation(), excerpt(bytes, offset, length, text));
        }
        throw failure(m.reason(), m.getMessage(), where, excerpt(bytes, offset, length, text));
      }
    } catch (DecodeException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      Reason reason = isDepth(e) ? Reason.TOO_DEEP : Reason.TOO_LARGE;
      throw failure(reason, e.getOriginalMessage(), e.getLocation(), excerpt(bytes, offset, length, text));
    } catch (InputCoercionException e) {
      throw failure(
          Reason.WRONG_SHAPE, e.getOriginalMessage(), e.getLocation(), excerpt(bytes, offset, length, text));
    } catch (JsonProcessingException e) {
      throw failure(Reason.NOT_JSON, e.getOriginalMessage(), e.getLocation(), excerpt(bytes, offset, length, text));
    } catch (IOException e) {
      throw failure(Reason.NOT_JSON, e.getClass().getSimpleName(), null, excerpt(bytes, offset, length, text));
    } catch (RuntimeException e) {
      // Defensive: a model record refusing a value, or anything unforeseen, is still bad input.
      throw failure(
          Reason.WRONG_SHAPE,
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          parser.currentLocation(),
          excerpt(bytes, offset, length, text));
    }
  }

  /**
   * Reads to the end of the current top-level value and then to the end of input, so that the parser
   * reports syntax errors and limit breaches later in the document.
   *
   * @return whether the input held only that one value
   */
  private static boolean drain(JsonParser parser) throws IOException {
    while (!parser.getParsingContext().inRoot()) {
      if (parser.nextToken() == null) {
        return true;
      }
    }
    return parser.nextToken() == null;
  }

  private static boolean isDepth(StreamConstraintsException e) {
    String message = e.getOriginalMessage();
    return message != null && message.contains("nesting depth");
  }

  private static String excerpt(byte[] bytes, int offset, int length, String text) {
    return bytes != null ? Excerpt.of(bytes, offset, length) : Excerpt.of(text);
  }

  /** The cause is left out on purpose: Jackson's messages may quote the input beyond our bound. */
  private static DecodeException failure(Reason reason, String detail, JsonLocation where, String excerpt) {
    StringBuilder message = new StringBuilder(200);
    message.append(reason.name()).append(": ").append(detail == null ? "bad input" : shorten(detail));
    if (where != null && where.getLineNr() > 0) {
      message.append(" (line ").append(where.getLineNr());
      message.append(", column ").append(where.getColumnNr()).append(')');
    }
    message.append("; input ").append(excerpt);
    return new DecodeException(reason, message.toString(), null);
  }

  private static String shorten(String detail) {
    // keep only the start of a quoted token: it is input, possibly a credential
    String bounded = LONG_QUOTED_TOKEN.matcher(Excerpt.redact(detail)).replaceAll("'$1…'");
    return Excerpt.detail(bounded);
  }
}
