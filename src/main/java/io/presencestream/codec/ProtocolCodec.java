package io.presencestream.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.DeliveryMode;
import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.ErrorDetail;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.Paging;
import io.presencestream.codec.protocol.ProtocolBody;
import io.presencestream.codec.protocol.RawJson;
import io.presencestream.codec.protocol.RecoveryState;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.SubscriptionResponse;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.codec.protocol.Wsc;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes RingCentral's WebSocket gateway frames ({@code [header]} or {@code [header, body]})
 * and the OAuth/REST JSON bodies of {@link io.presencestream.codec.protocol}. Used by the client
 * and by the simulator, so both speak exactly the same shapes.
 *
 * <p>Two ways of reading, by how often a thing is read. Control-plane bodies and frame headers (a few
 * per connection, one header per frame) are bound by Jackson databind to the wire records of
 * {@link ProtocolWire}, with one mapper configured here: unknown properties ignored (RingCentral adds
 * fields), {@code null} left out when writing. Frames are delimited with the streaming parser: the
 * header is bound, the body is only delimited and handed back as raw bytes, because a
 * {@code ServerNotification} body (the hot path) belongs to {@link PresenceCodec}'s streaming reader
 * and must not be parsed twice.
 *
 * <p>Thread-safe; create one and share it. Decoders throw only {@link DecodeException}: not JSON, too
 * deep or too large, the wrong shape (a value of the wrong type names its path, e.g.
 * {@code records[0].name is an object, expected a string}). Its message never quotes the input (frames
 * and token responses carry credentials).
 *
 * <p>Public only because the client and the simulator live in other packages; it is not part of the
 * embedding API and may change with the protocol records. Embedders use {@link PresenceCodec}.
 */
public final class ProtocolCodec {

  /** Default largest frame or body accepted: 16 MiB (a subscription reply echoing thousands of filters). */
  private static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

  private static final int MAX_DEPTH = 64;

  /** ConnectionDetails uses {@code 2020-09-07T21:50:02.737+0000}; other bodies ISO-8601 with {@code Z}. */
  private static final DateTimeFormatter GATEWAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LENIENT_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  /** The event path of the Extension List filter, with the account's id or {@code ~}, maybe with a query. */
  private static final java.util.regex.Pattern EXTENSION_LIST_EVENT =
      java.util.regex.Pattern.compile("^/restapi/v1\\.0/account/[^/?]+/extension/?(\\?.*)?$");

  private final int maxBytes;
  private final JsonFactory factory;
  private final ObjectMapper mapper;
  private final ObjectReader headerReader;
  private final ObjectReader connectionDetailsReader;
  private final ObjectReader subscriptionRequestReader;
  private final ObjectReader subscriptionResponseReader;
  private final ObjectReader errorReader;
  private final ObjectReader tokenReader;
  private final ObjectReader wsTokenReader;
  private final ObjectReader extensionListReader;
  private final ObjectReader extensionListEventReader;
  private final ObjectReader extensionInfoReader;
  private final ObjectReader accountInfoReader;

  private ProtocolCodec(int maxBytes) {
    this.maxBytes = maxBytes;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    this.headerReader = mapper.readerFor(ProtocolWire.Header.class);
    this.connectionDetailsReader = mapper.readerFor(ProtocolWire.ConnectionDetails.class);
    this.subscriptionRequestReader = mapper.readerFor(ProtocolWire.SubscriptionRequest.class);
    this.subscriptionResponseReader = mapper.readerFor(ProtocolWire.SubscriptionResponse.class);
    this.errorReader = mapper.readerFor(ProtocolWire.ErrorBody.class);
    this.tokenReader = mapper.readerFor(ProtocolWire.Token.class);
    this.wsTokenReader = mapper.readerFor(ProtocolWire.WsToken.class);
    this.extensionListReader = mapper.readerFor(ProtocolWire.ExtensionList.class);
    this.extensionListEventReader = mapper.readerFor(ProtocolWire.ExtensionListNotification.class);
    this.extensionInfoReader = mapper.readerFor(ProtocolWire.ExtensionInfo.class);
    this.accountInfoReader = mapper.readerFor(ProtocolWire.AccountInfo.class);
  }

  /**
   * A codec with the default size limit.
   *
   * @return a new codec accepting frames and bodies up to 16 MiB
   */
  public static ProtocolCodec create() {
    return new ProtocolCodec(DEFAULT_MAX_BYTES);
  }

  /**
   * A codec with the given size limit.
   *
   * @param maxBytes largest frame or body accepted, in bytes, at least 64
   * @return a new codec
   * @throws IllegalArgumentException if {@code maxBytes} is below 64
   */
  public static ProtocolCodec create(int maxBytes) {
    if (maxBytes < 64) {
      throw new IllegalArgumentException("maxBytes must be at least 64");
    }
    return new ProtocolCodec(maxBytes);
  }

  // ---------------------------------------------------------------- frames

  /**
   * Decodes a frame {@code [header]} or {@code [header, body]}.
   *
   * @param json the frame as UTF-8 JSON
   * @return the frame, its body still undecoded
   * @throws DecodeException if it is not JSON, not such an array, the header has no {@code type} or a
   *     header field of the wrong type, or it is larger than the limit
   */
  public Frame decodeFrame(byte[] json) {
    checkSize(json);
    try (JsonParser parser = mapper.createParser(json)) {
      try {
        return readFrame(parser, json);
      } catch (JsonProcessingException e) {
        throw problem(e, parser.currentToken());
      }
    } catch (JsonProcessingException e) {
      throw problem(e, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Frame readFrame(JsonParser parser, byte[] json) throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw shape("a frame is a JSON array [header] or [header, body]");
    }
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw shape("a frame starts with a header object");
    }
    FrameHeader header = header(headerReader.readValue(parser));
    JsonToken next = parser.nextToken();
    byte[] body = null;
    if (next == JsonToken.START_OBJECT) {
      int start = (int) parser.currentTokenLocation().getByteOffset();
      parser.skipChildren();
      int end = (int) parser.currentLocation().getByteOffset();
      body = Arrays.copyOfRange(json, start, end);
      next = parser.nextToken();
    } else if (next == JsonToken.VALUE_NULL) {
      next = parser.nextToken();
    }
    if (next != JsonToken.END_ARRAY) {
      throw shape("a frame has at most two elements, the second an object");
    }
    if (parser.nextToken() != null) {
      throw shape("text after the frame");
    }
    return new Frame(header, body);
  }

  /**
   * Same as {@link #decodeFrame(byte[])} for a text frame.
   *
   * @param json the frame as text
   * @return the frame, its body still undecoded
   * @throws DecodeException if it is not such a frame
   */
  public Frame decodeFrame(String json) {
    if (json == null) {
      throw shape("no frame");
    }
    return decodeFrame(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Encodes a frame without a body.
   *
   * @param header the frame's header
   * @return {@code [header]} as UTF-8 JSON
   */
  public byte[] encodeFrame(FrameHeader header) {
    return encodeFrame(header, null);
  }

  /**
   * Encodes a frame with a body.
   *
   * @param header the frame's header
   * @param body the frame's body, or null for none
   * @return {@code [header, body]}, or {@code [header]} when {@code body} is null, as UTF-8 JSON
   */
  public byte[] encodeFrame(FrameHeader header, ProtocolBody body) {
    return write(
        g -> {
          g.writeStartArray();
          mapper.writeValue(g, wire(header));
          if (body != null) {
            writeBody(g, body);
          }
          g.writeEndArray();
        });
  }

  /**
   * Same as {@link #encodeFrame(FrameHeader, ProtocolBody)} as text, for WebSocket text frames.
   *
   * @param header the frame's header
   * @param body the frame's body, or null for none
   * @return the frame as JSON text
   */
  public String encodeFrameText(FrameHeader header, ProtocolBody body) {
    return new String(encodeFrame(header, body), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- bodies

  /**
   * Encodes a body on its own: a REST response or request.
   *
   * @param body the body; its type decides the field names
   * @return the body as UTF-8 JSON
   */
  public byte[] encode(ProtocolBody body) {
    return write(g -> writeBody(g, body));
  }

  /**
   * Decodes the body of a {@code ConnectionDetails} frame. Unreadable times count as absent.
   *
   * @param json the body as UTF-8 JSON (e.g. {@link Frame#body()})
   * @return the connection's parameters
   * @throws DecodeException if it is not such a body
   */
  public ConnectionDetails decodeConnectionDetails(byte[] json) {
    ProtocolWire.ConnectionDetails w = readBody(connectionDetailsReader, json);
    return new ConnectionDetails(
        time(w.creationTime()),
        w.maxConnectionsPerSession(),
        w.recoveryBufferSize(),
        w.recoveryTimeout(),
        w.idleTimeout(),
        w.absoluteTimeout(),
        w.maxActiveRequests(),
        RecoveryState.parse(w.recoveryState()),
        w.recoveryErrorCode());
  }

  /**
   * Decodes a subscription create/update request body.
   *
   * @param json the body as UTF-8 JSON
   * @return the request; absent lists are empty
   * @throws DecodeException if it is not such a body
   */
  public SubscriptionRequest decodeSubscriptionRequest(byte[] json) {
    ProtocolWire.SubscriptionRequest w = readBody(subscriptionRequestReader, json);
    return new SubscriptionRequest(present(w.eventFilters()), deliveryMode(w.deliveryMode()));
  }

  /**
   * Decodes a subscription as the server describes it. Unreadable times count as absent.
   *
   * @param json the body as UTF-8 JSON
   * @return the subscription; absent lists are empty
   * @throws DecodeException if it is not such a body
   */
  public SubscriptionResponse decodeSubscriptionResponse(byte[] json) {
    ProtocolWire.SubscriptionResponse w = readBody(subscriptionResponseReader, json);
    return new SubscriptionResponse(
        w.id(),
        w.uri(),
        w.status(),
        time(w.creationTime()),
        time(w.expirationTime()),
        w.expiresIn(),
        present(w.eventFilters()),
        deliveryMode(w.deliveryMode()),
        disabledFilters(w.disabledFilters()));
  }

  private static List<DisabledFilter> disabledFilters(List<ProtocolWire.DisabledFilter> wire) {
    if (wire == null) {
      return List.of();
    }
    List<DisabledFilter> filters = new ArrayList<>(wire.size());
    for (ProtocolWire.DisabledFilter f : wire) {
      if (f != null && f.filter() != null) {
        filters.add(new DisabledFilter(f.filter(), f.reason(), f.message()));
      }
    }
    return filters;
  }

  /**
   * Decodes an error body, RingCentral's {@code {errorCode, message, errors}} or OAuth's
   * {@code {error, error_description, errors}}: a missing {@code errorCode} or {@code message} is taken
   * from the first of {@code errors}, then from the OAuth fields.
   *
   * @param json the body as UTF-8 JSON
   * @return the error, its code and message null when the body carries neither
   * @throws DecodeException if it is not a JSON object of that shape
   */
  public ErrorBody decodeError(byte[] json) {
    ProtocolWire.ErrorBody w = readBody(errorReader, json);
    List<ErrorDetail> details = new ArrayList<>();
    for (ProtocolWire.ErrorDetail d : present(w.errors())) {
      details.add(new ErrorDetail(d.errorCode(), d.message(), d.parameterName()));
    }
    String code = w.errorCode();
    String message = w.message();
    if (!details.isEmpty()) {
      code = code != null ? code : details.get(0).errorCode();
      message = message != null ? message : details.get(0).message();
    }
    code = code != null ? code : w.error();
    message = message != null ? message : w.errorDescription();
    return new ErrorBody(code, message, details, w.error());
  }

  /**
   * Decodes the answer of {@code POST /restapi/oauth/token}; a missing {@code expires_in} reads as 0.
   *
   * @param json the body as UTF-8 JSON
   * @return the token; it holds credentials, so never log it
   * @throws DecodeException if it is not such a body or has no {@code access_token}
   */
  public TokenResponse decodeTokenResponse(byte[] json) {
    ProtocolWire.Token w = readBody(tokenReader, json);
    if (w.accessToken() == null || w.accessToken().isEmpty()) {
      throw shape("token response without access_token");
    }
    return new TokenResponse(
        w.accessToken(),
        w.tokenType(),
        orZero(w.expiresIn()),
        w.refreshToken(),
        orZero(w.refreshTokenExpiresIn()),
        w.scope(),
        w.ownerId(),
        w.endpointId(),
        w.sessionId());
  }

  /**
   * Decodes the answer of {@code POST /restapi/oauth/wstoken}; a missing {@code expires_in} reads as 0.
   *
   * @param json the body as UTF-8 JSON
   * @return the WebSocket URI and token; it holds credentials, so never log it
   * @throws DecodeException if it is not such a body or lacks {@code uri} or {@code ws_access_token}
   */
  public WsTokenResponse decodeWsTokenResponse(byte[] json) {
    ProtocolWire.WsToken w = readBody(wsTokenReader, json);
    if (w.uri() == null || w.uri().isEmpty() || w.wsAccessToken() == null || w.wsAccessToken().isEmpty()) {
      throw shape("ws token response without uri or ws_access_token");
    }
    return new WsTokenResponse(w.uri(), w.wsAccessToken(), orZero(w.expiresIn()));
  }

  /**
   * Decodes one page of {@code GET /restapi/v1.0/account/~/extension}. Records without an id are
   * skipped; an id outside {@link ExtensionIds#RULE} fails the page, as it would every stream keyed by it.
   *
   * @param json the body as UTF-8 JSON
   * @return the page's records, paging and next page
   * @throws DecodeException if it is not such a page or an id breaks the rule
   */
  public ExtensionListPage decodeExtensionList(byte[] json) {
    ProtocolWire.ExtensionList w = readBody(extensionListReader, json);
    List<ExtensionRecord> records = new ArrayList<>();
    for (ProtocolWire.Extension r : present(w.records())) {
      if (r.id() == null || r.id().isEmpty()) {
        continue;
      }
      if (!ExtensionIds.valid(r.id())) {
        throw shape("an extension record's id is not a valid extension id (" + ExtensionIds.RULE + ")");
      }
      records.add(new ExtensionRecord(r.id(), r.extensionNumber(), r.name(), r.status(), r.type(), department(r.contact())));
    }
    ProtocolWire.Paging p = w.paging();
    Paging paging =
        p == null ? null : new Paging(p.page(), p.perPage(), p.pageStart(), p.pageEnd(), p.totalPages(), p.totalElements());
    ProtocolWire.Link next = w.navigation() == null ? null : w.navigation().nextPage();
    return new ExtensionListPage(w.uri(), records, paging, next == null ? null : next.uri());
  }

  /**
   * Decodes the account's id from {@code GET /restapi/v1.0/account/~}: the id a source serving one of several
   * accounts stamps on its events. RingCentral writes it as a JSON number; a string is read as well.
   *
   * @param json the body as UTF-8 JSON
   * @return the account's id
   * @throws DecodeException if it is no such body, has no id, or the id breaks {@link ExtensionIds#RULE}
   */
  public String decodeAccountId(byte[] json) {
    ProtocolWire.AccountInfo w = readBody(accountInfoReader, json);
    if (w.id() == null || w.id().isEmpty()) {
      throw shape("an account without id");
    }
    if (!ExtensionIds.valid(w.id())) {
      throw shape("the account's id is not a valid RingCentral id (" + ExtensionIds.RULE + ")");
    }
    return w.id();
  }

  /**
   * Decodes one extension, as {@code GET /restapi/v1.0/account/~/extension/{id}} answers it.
   *
   * @param json the body as UTF-8 JSON
   * @return the extension's id, number, name, status and type
   * @throws DecodeException if it is no such body, has no id, or the id breaks {@link ExtensionIds#RULE}
   */
  public ExtensionRecord decodeExtensionInfo(byte[] json) {
    ProtocolWire.ExtensionInfo w = readBody(extensionInfoReader, json);
    if (w.id() == null || w.id().isEmpty()) {
      throw shape("an extension without id");
    }
    if (!ExtensionIds.valid(w.id())) {
      throw shape("the extension's id is not a valid extension id (" + ExtensionIds.RULE + ")");
    }
    return new ExtensionRecord(w.id(), w.extensionNumber(), w.name(), w.status(), w.type(), department(w.contact()));
  }

  /**
   * Decodes a notification of the Extension List event filter: its envelope, alone or as the body of a
   * {@code ServerNotification} frame (what {@link Frame#body()} holds). Its {@code event} must be an
   * account's extension list path ({@code /restapi/v1.0/account/{id}/extension}); an unknown
   * {@code eventType} reads as {@link ExtensionListEvent.Type#UPDATE}.
   *
   * @param json the envelope as UTF-8 JSON
   * @return the event
   * @throws DecodeException {@link DecodeException.Reason#NOT_PRESENCE} when the event path is another
   *     filter's; otherwise when the body has no extension id or one that breaks {@link ExtensionIds#RULE}
   */
  public ExtensionListEvent decodeExtensionListEvent(byte[] json) {
    ProtocolWire.ExtensionListNotification w = readBody(extensionListEventReader, json);
    if (w.event() == null || !EXTENSION_LIST_EVENT.matcher(w.event()).matches()) {
      throw new DecodeException(DecodeException.Reason.NOT_PRESENCE,
          "not an extension list event (event " + (w.event() == null ? "missing" : "of another filter") + ")", null);
    }
    ProtocolWire.ExtensionListBody body = w.body();
    if (body == null || body.extensionId() == null || body.extensionId().isEmpty()) {
      throw shape("an extension list event without body.extensionId");
    }
    if (!ExtensionIds.valid(body.extensionId())) {
      throw shape("body.extensionId is not a valid extension id (" + ExtensionIds.RULE + ")");
    }
    return new ExtensionListEvent(w.uuid(), w.event(), time(w.timestamp()), w.subscriptionId(),
        w.ownerId() != null ? w.ownerId() : body.ownerId(), body.extensionId(),
        ExtensionListEvent.Type.parse(body.eventType()), present(body.hints()));
  }

  // ---------------------------------------------------------------- writing

  private byte[] write(JsonBytes.DocumentWriter writer) {
    return JsonBytes.write(factory, 256, writer);
  }

  private void writeBody(JsonGenerator g, ProtocolBody body) throws IOException {
    if (body instanceof RawJson raw) {
      g.writeRawValue(new String(raw.json(), StandardCharsets.UTF_8));
    } else {
      mapper.writeValue(g, wire(body));
    }
  }

  /** A client frame carries no {@code headers} unless it has some; a server frame (with a status) always does. */
  private static ProtocolWire.Header wire(FrameHeader h) {
    return new ProtocolWire.Header(
        h.type().label(),
        h.messageId(),
        h.status(),
        h.wsc() == null ? null : new ProtocolWire.Session(h.wsc().token(), h.wsc().sequence()),
        h.status() != null || !h.headers().isEmpty() ? nodes(h.headers()) : null,
        h.method(),
        h.path(),
        h.query().isEmpty() ? null : nodes(h.query()));
  }

  private static Map<String, JsonNode> nodes(Map<String, String> map) {
    Map<String, JsonNode> nodes = new LinkedHashMap<>();
    map.forEach((name, value) -> nodes.put(name, TextNode.valueOf(value)));
    return nodes;
  }

  private static Object wire(ProtocolBody body) {
    if (body instanceof ConnectionDetails d) {
      return new ProtocolWire.ConnectionDetails(
          d.creationTime() == null ? null : GATEWAY_TIME.format(d.creationTime()),
          d.recoveryState() == null ? null : d.recoveryState().label(),
          d.recoveryErrorCode(),
          d.maxConnectionsPerSession(),
          d.recoveryBufferSize(),
          d.recoveryTimeout(),
          d.idleTimeout(),
          d.absoluteTimeout(),
          d.maxActiveRequests());
    }
    if (body instanceof SubscriptionRequest r) {
      return new ProtocolWire.SubscriptionRequest(r.eventFilters(), wire(r.deliveryMode()));
    }
    if (body instanceof SubscriptionResponse r) {
      return new ProtocolWire.SubscriptionResponse(
          r.uri(),
          r.id(),
          r.creationTime() == null ? null : ISO_MILLIS.format(r.creationTime()),
          r.status(),
          r.eventFilters(),
          r.disabledFilters().isEmpty()
              ? null
              : r.disabledFilters().stream()
                  .map(f -> new ProtocolWire.DisabledFilter(f.filter(), f.reason(), f.message()))
                  .toList(),
          r.expirationTime() == null ? null : ISO_MILLIS.format(r.expirationTime()),
          r.expiresIn(),
          wire(r.deliveryMode()));
    }
    if (body instanceof ErrorBody e) {
      List<ProtocolWire.ErrorDetail> details = new ArrayList<>();
      for (ErrorDetail d : e.errors()) {
        details.add(new ProtocolWire.ErrorDetail(d.errorCode(), d.message(), d.parameterName()));
      }
      // OAuth clients read error_description, RingCentral's read message: an OAuth error carries both
      return new ProtocolWire.ErrorBody(
          e.error(), e.error() == null ? null : e.message(), e.errorCode(), e.message(), details);
    }
    if (body instanceof TokenResponse t) {
      return new ProtocolWire.Token(
          t.accessToken(),
          t.tokenType(),
          t.expiresIn(),
          t.refreshToken(),
          t.refreshToken() == null ? null : t.refreshTokenExpiresIn(),
          t.scope(),
          t.ownerId(),
          t.endpointId(),
          t.sessionId());
    }
    if (body instanceof WsTokenResponse w) {
      return new ProtocolWire.WsToken(w.uri(), w.wsAccessToken(), w.expiresIn());
    }
    if (body instanceof ExtensionListPage page) {
      List<ProtocolWire.Extension> records = new ArrayList<>();
      for (ExtensionRecord r : page.records()) {
        records.add(new ProtocolWire.Extension(r.id(), r.extensionNumber(),
            r.department() == null ? null : new ProtocolWire.Contact(r.department()), r.name(), r.type(), r.status()));
      }
      Paging p = page.paging();
      return new ProtocolWire.ExtensionList(
          page.uri(),
          records,
          p == null
              ? null
              : new ProtocolWire.Paging(p.page(), p.totalPages(), p.perPage(), p.totalElements(), p.pageStart(), p.pageEnd()),
          new ProtocolWire.Navigation(page.nextPageUri() == null ? null : new ProtocolWire.Link(page.nextPageUri())));
    }
    if (body instanceof ExtensionListEvent e) {
      return new ProtocolWire.ExtensionListNotification(
          e.uuid(),
          e.event(),
          e.timestamp() == null ? null : ISO_MILLIS.format(e.timestamp()),
          e.subscriptionId(),
          e.ownerId(),
          new ProtocolWire.ExtensionListBody(
              e.extensionId(), e.eventType().word(), e.hints().isEmpty() ? null : e.hints(), e.ownerId()));
    }
    throw new IllegalArgumentException("unknown body type " + body.getClass());
  }

  private static ProtocolWire.DeliveryMode wire(DeliveryMode mode) {
    return mode == null ? null : new ProtocolWire.DeliveryMode(mode.transportType(), mode.encryption());
  }

  // ---------------------------------------------------------------- reading

  private static FrameHeader header(ProtocolWire.Header h) {
    if (h.type() == null) {
      throw shape("a frame header needs a type");
    }
    return new FrameHeader(
        FrameType.parse(h.type()),
        h.messageId(),
        h.status(),
        strings(h.headers()),
        wsc(h.wsc()),
        h.method(),
        h.path(),
        strings(h.query()));
  }

  /** A {@code wsc} without a token is no session context; a missing sequence reads as 0. */
  private static Wsc wsc(ProtocolWire.Session session) {
    if (session == null || session.token() == null || session.token().isEmpty()) {
      return null;
    }
    return new Wsc(session.token(), orZero(session.sequence()));
  }

  /**
   * Tunnelled HTTP headers and query parameters as strings: a repeated one (an array) joined with commas
   * as HTTP joins repeated headers; nulls and objects are not header values and are left out.
   */
  private static Map<String, String> strings(Map<String, JsonNode> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, String> strings = new LinkedHashMap<>();
    map.forEach(
        (name, v) -> {
          if (v == null || v.isNull()) {
            return;
          }
          if (v.isValueNode()) {
            strings.put(name, v.asText());
          } else if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            strings.put(name, String.join(",", parts));
          }
        });
    return strings;
  }

  private static DeliveryMode deliveryMode(ProtocolWire.DeliveryMode mode) {
    return mode == null ? null : new DeliveryMode(mode.transportType(), mode.encryption());
  }

  /** A JSON array without its {@code null} entries; an absent array reads as empty. */
  private static <T> List<T> present(Collection<T> values) {
    return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /** Binds one JSON object, and nothing after it, to a wire record. */
  private <T> T readBody(ObjectReader reader, byte[] json) {
    checkSize(json);
    try (JsonParser parser = mapper.createParser(json)) {
      try {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw shape("expected a JSON object");
        }
        T value = reader.readValue(parser);
        if (parser.nextToken() != null) {
          throw shape("text after the JSON object");
        }
        return value;
      } catch (JsonProcessingException e) {
        throw problem(e, parser.currentToken());
      }
    } catch (JsonProcessingException e) {
      throw problem(e, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Times in either of the server's forms ({@code …Z}, {@code …+0000}); unreadable ones count as absent. */
  private static Instant time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, LENIENT_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void checkSize(byte[] json) {
    if (json == null) {
      throw shape("no input");
    }
    if (json.length > maxBytes) {
      throw new DecodeException(
          DecodeException.Reason.TOO_LARGE, "input of " + json.length + " bytes exceeds " + maxBytes, null);
    }
  }

  /**
   * {@code contact.department}; blank is as good as none (RingCentral's admin portal leaves it empty). Interned:
   * an account has a handful of departments shared by thousands of users, and the directory keeps one per user
   * for the daemon's life (a copy each was ≈ 29 B per extension at 100,000 on the simulator).
   */
  private static String department(ProtocolWire.Contact contact) {
    return contact == null || contact.department() == null || contact.department().isBlank()
        ? null
        : contact.department().intern();
  }

  private static DecodeException shape(String message) {
    return new DecodeException(DecodeException.Reason.WRONG_SHAPE, message, null);
  }

  /**
   * What Jackson found wrong, as a typed error. Jackson's own messages quote the input (which may be a
   * token), so the message is built from the location or the property path and the expected type only.
   *
   * @param found the token the parser stood on when binding failed (read before the parser is closed)
   */
  private static DecodeException problem(JsonProcessingException e, JsonToken found) {
    String where = e.getLocation() == null ? "" : " at offset " + e.getLocation().getByteOffset();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamConstraintsException limit) {
        boolean tooDeep = limit.getOriginalMessage() != null && limit.getOriginalMessage().contains("nesting depth");
        return tooDeep
            ? new DecodeException(DecodeException.Reason.TOO_DEEP, "JSON nested too deeply" + where, null)
            : new DecodeException(DecodeException.Reason.TOO_LARGE, "a JSON value exceeds the parser's limits" + where, null);
      }
      if (cause instanceof InputCoercionException) {
        return shape(path(e) + " is out of range");
      }
      if (cause instanceof JsonParseException) {
        return new DecodeException(DecodeException.Reason.NOT_JSON, "not valid JSON" + where, null);
      }
    }
    if (e instanceof MismatchedInputException mismatch) {
      return shape(path(e) + " is " + ParserValues.describe(found) + ", expected " + expected(mismatch.getTargetType()));
    }
    return shape(path(e) + " has the wrong shape");
  }

  /** The property path of a binding problem, e.g. {@code records[2].id}; {@code the body} at the root. */
  private static String path(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return "the body";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the body" : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
