package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.protocol.ConnectionDetails;
import io.presencestream.codec.protocol.DeliveryMode;
import io.presencestream.codec.protocol.ErrorBody;
import io.presencestream.codec.protocol.ErrorDetail;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes RingCentral's WebSocket gateway frames ({@code [header]} or {@code [header, body]})
 * and the OAuth/REST JSON bodies of {@link io.presencestream.codec.protocol}. Used by the client
 * and by the simulator, so both speak exactly the same shapes.
 *
 * <p>Frames are decoded with a streaming parser: the header is read into a {@link FrameHeader}, the body
 * is only delimited and handed back as raw bytes, because a {@code ServerNotification} body (the hot
 * path) belongs to {@link PresenceCodec} and must not be parsed twice.
 *
 * <p>Thread-safe; create one and share it. Decoders throw only {@link DecodeException}; its message
 * never quotes the input (frames carry tokens).
 *
 * <p>Public only because the client and the simulator live in other packages; it is not part of the
 * embedding API and may change with the protocol records. Embedders use {@link PresenceCodec}.
 */
public final class ProtocolCodec {

  /** Default largest frame or body accepted: 16 MiB (a subscription reply echoing thousands of filters). */
  public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

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

  private final int maxBytes;
  private final JsonFactory factory;
  private final ObjectMapper mapper;

  private ProtocolCodec(int maxBytes) {
    this.maxBytes = maxBytes;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    this.mapper = new ObjectMapper(factory);
  }

  /** A codec accepting frames and bodies up to {@link #DEFAULT_MAX_BYTES}. */
  public static ProtocolCodec create() {
    return new ProtocolCodec(DEFAULT_MAX_BYTES);
  }

  /** A codec accepting frames and bodies up to {@code maxBytes}. */
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
   * @throws DecodeException if it is not JSON, not such an array, the header has no {@code type}, or it
   *     is larger than the limit
   */
  public Frame decodeFrame(byte[] json) {
    checkSize(json);
    try (JsonParser parser = factory.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw shape("a frame is a JSON array [header] or [header, body]");
      }
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw shape("a frame starts with a header object");
      }
      FrameHeader header = readHeader(mapper.readTree(parser));
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
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Same as {@link #decodeFrame(byte[])} for a text frame. */
  public Frame decodeFrame(String json) {
    if (json == null) {
      throw shape("no frame");
    }
    return decodeFrame(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Encodes a frame {@code [header]}. */
  public byte[] encodeFrame(FrameHeader header) {
    return encodeFrame(header, null);
  }

  /** Encodes a frame {@code [header, body]}, or {@code [header]} when {@code body} is null. */
  public byte[] encodeFrame(FrameHeader header, ProtocolBody body) {
    return write(
        g -> {
          g.writeStartArray();
          writeHeader(g, header);
          if (body != null) {
            writeBody(g, body);
          }
          g.writeEndArray();
        });
  }

  /** Same as {@link #encodeFrame(FrameHeader, ProtocolBody)} as text, for WebSocket text frames. */
  public String encodeFrameText(FrameHeader header, ProtocolBody body) {
    return new String(encodeFrame(header, body), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- bodies

  /** Encodes a body on its own: a REST response or request. */
  public byte[] encode(ProtocolBody body) {
    return write(g -> writeBody(g, body));
  }

  /** Decodes the body of a {@code ConnectionDetails} frame. */
  public ConnectionDetails decodeConnectionDetails(byte[] json) {
    JsonNode n = readObject(json);
    return new ConnectionDetails(
        time(n, "creationTime"),
        integer(n, "maxConnectionsPerSession"),
        integer(n, "recoveryBufferSize"),
        integer(n, "recoveryTimeout"),
        integer(n, "idleTimeout"),
        integer(n, "absoluteTimeout"),
        integer(n, "maxActiveRequests"),
        RecoveryState.parse(text(n, "recoveryState")),
        text(n, "recoveryErrorCode"));
  }

  /** Decodes a subscription create/update request body. */
  public SubscriptionRequest decodeSubscriptionRequest(byte[] json) {
    JsonNode n = readObject(json);
    return new SubscriptionRequest(strings(n, "eventFilters"), deliveryMode(n.get("deliveryMode")));
  }

  /** Decodes a subscription as the server describes it. */
  public SubscriptionResponse decodeSubscriptionResponse(byte[] json) {
    JsonNode n = readObject(json);
    return new SubscriptionResponse(
        text(n, "id"),
        text(n, "uri"),
        text(n, "status"),
        time(n, "creationTime"),
        time(n, "expirationTime"),
        longValue(n, "expiresIn"),
        strings(n, "eventFilters"),
        deliveryMode(n.get("deliveryMode")));
  }

  /**
   * Decodes an error body, RingCentral's {@code {errorCode, message, errors}} or OAuth's
   * {@code {error, error_description, errors}}: a missing {@code errorCode} or {@code message} is taken
   * from the first of {@code errors}, then from the OAuth fields.
   */
  public ErrorBody decodeError(byte[] json) {
    JsonNode n = readObject(json);
    List<ErrorDetail> details = new ArrayList<>();
    JsonNode errors = n.get("errors");
    if (errors != null && errors.isArray()) {
      for (JsonNode e : errors) {
        if (e.isObject()) {
          details.add(new ErrorDetail(text(e, "errorCode"), text(e, "message"), text(e, "parameterName")));
        }
      }
    }
    String code = text(n, "errorCode");
    String message = text(n, "message");
    if (!details.isEmpty()) {
      code = code != null ? code : details.get(0).errorCode();
      message = message != null ? message : details.get(0).message();
    }
    String error = text(n, "error");
    code = code != null ? code : error;
    message = message != null ? message : text(n, "error_description");
    return new ErrorBody(code, message, details, error);
  }

  /** Decodes the answer of {@code POST /restapi/oauth/token}. */
  public TokenResponse decodeTokenResponse(byte[] json) {
    JsonNode n = readObject(json);
    String access = text(n, "access_token");
    if (access == null || access.isEmpty()) {
      throw shape("token response without access_token");
    }
    Long expires = longValue(n, "expires_in");
    Long refreshExpires = longValue(n, "refresh_token_expires_in");
    return new TokenResponse(
        access,
        text(n, "token_type"),
        expires == null ? 0 : expires,
        text(n, "refresh_token"),
        refreshExpires == null ? 0 : refreshExpires,
        text(n, "scope"),
        text(n, "owner_id"),
        text(n, "endpoint_id"),
        text(n, "session_id"));
  }

  /** Decodes the answer of {@code POST /restapi/oauth/wstoken}. */
  public WsTokenResponse decodeWsTokenResponse(byte[] json) {
    JsonNode n = readObject(json);
    String uri = text(n, "uri");
    String token = text(n, "ws_access_token");
    if (uri == null || uri.isEmpty() || token == null || token.isEmpty()) {
      throw shape("ws token response without uri or ws_access_token");
    }
    Long expires = longValue(n, "expires_in");
    return new WsTokenResponse(uri, token, expires == null ? 0 : expires);
  }

  /** Decodes one page of {@code GET /restapi/v1.0/account/~/extension}. Records without an id are skipped. */
  public ExtensionListPage decodeExtensionList(byte[] json) {
    JsonNode n = readObject(json);
    List<ExtensionRecord> records = new ArrayList<>();
    JsonNode list = n.get("records");
    if (list != null && list.isArray()) {
      for (JsonNode r : list) {
        String id = text(r, "id");
        if (id != null && !id.isEmpty()) {
          if (!ExtensionIds.valid(id)) {
            throw shape("an extension record's id is not a valid extension id (" + ExtensionIds.RULE + ")");
          }
          records.add(
              new ExtensionRecord(id, text(r, "extensionNumber"), text(r, "name"), text(r, "status"), text(r, "type")));
        }
      }
    }
    JsonNode p = n.get("paging");
    Paging paging =
        p == null || !p.isObject()
            ? null
            : new Paging(
                integer(p, "page"),
                integer(p, "perPage"),
                integer(p, "pageStart"),
                integer(p, "pageEnd"),
                integer(p, "totalPages"),
                integer(p, "totalElements"));
    JsonNode next = n.path("navigation").path("nextPage");
    return new ExtensionListPage(text(n, "uri"), records, paging, text(next, "uri"));
  }

  // ---------------------------------------------------------------- writing

  private byte[] write(JsonBytes.DocumentWriter writer) {
    return JsonBytes.write(factory, 256, writer);
  }

  private static void writeHeader(JsonGenerator g, FrameHeader h) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", h.type().label());
    if (h.messageId() != null) {
      g.writeStringField("messageId", h.messageId());
    }
    if (h.status() != null) {
      g.writeNumberField("status", h.status());
    }
    if (h.wsc() != null) {
      g.writeObjectFieldStart("wsc");
      g.writeStringField("token", h.wsc().token());
      g.writeNumberField("sequence", h.wsc().sequence());
      g.writeEndObject();
    }
    if (h.status() != null || !h.headers().isEmpty()) {
      writeStringMap(g, "headers", h.headers());
    }
    if (h.method() != null) {
      g.writeStringField("method", h.method());
    }
    if (h.path() != null) {
      g.writeStringField("path", h.path());
    }
    if (!h.query().isEmpty()) {
      writeStringMap(g, "query", h.query());
    }
    g.writeEndObject();
  }

  private static void writeStringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeBody(JsonGenerator g, ProtocolBody body) throws IOException {
    if (body instanceof RawJson raw) {
      g.writeRawValue(new String(raw.json(), StandardCharsets.UTF_8));
    } else if (body instanceof ConnectionDetails d) {
      writeConnectionDetails(g, d);
    } else if (body instanceof SubscriptionRequest r) {
      g.writeStartObject();
      writeStrings(g, "eventFilters", r.eventFilters());
      writeDeliveryMode(g, r.deliveryMode());
      g.writeEndObject();
    } else if (body instanceof SubscriptionResponse r) {
      writeSubscriptionResponse(g, r);
    } else if (body instanceof ErrorBody e) {
      writeError(g, e);
    } else if (body instanceof TokenResponse t) {
      writeToken(g, t);
    } else if (body instanceof WsTokenResponse w) {
      g.writeStartObject();
      g.writeStringField("uri", w.uri());
      g.writeStringField("ws_access_token", w.wsAccessToken());
      g.writeNumberField("expires_in", w.expiresIn());
      g.writeEndObject();
    } else if (body instanceof ExtensionListPage page) {
      writeExtensionList(g, page);
    } else {
      throw new IllegalArgumentException("unknown body type " + body.getClass());
    }
  }

  private static void writeConnectionDetails(JsonGenerator g, ConnectionDetails d) throws IOException {
    g.writeStartObject();
    if (d.creationTime() != null) {
      g.writeStringField("creationTime", GATEWAY_TIME.format(d.creationTime()));
    }
    if (d.recoveryState() != null) {
      g.writeStringField("recoveryState", d.recoveryState().label());
    }
    if (d.recoveryErrorCode() != null) {
      g.writeStringField("recoveryErrorCode", d.recoveryErrorCode());
    }
    writeInt(g, "maxConnectionsPerSession", d.maxConnectionsPerSession());
    writeInt(g, "recoveryBufferSize", d.recoveryBufferSize());
    writeInt(g, "recoveryTimeout", d.recoveryTimeout());
    writeInt(g, "idleTimeout", d.idleTimeout());
    writeInt(g, "absoluteTimeout", d.absoluteTimeout());
    writeInt(g, "maxActiveRequests", d.maxActiveRequests());
    g.writeEndObject();
  }

  private static void writeSubscriptionResponse(JsonGenerator g, SubscriptionResponse r) throws IOException {
    g.writeStartObject();
    writeText(g, "uri", r.uri());
    writeText(g, "id", r.id());
    if (r.creationTime() != null) {
      g.writeStringField("creationTime", ISO_MILLIS.format(r.creationTime()));
    }
    writeText(g, "status", r.status());
    writeStrings(g, "eventFilters", r.eventFilters());
    if (r.expirationTime() != null) {
      g.writeStringField("expirationTime", ISO_MILLIS.format(r.expirationTime()));
    }
    if (r.expiresIn() != null) {
      g.writeNumberField("expiresIn", r.expiresIn());
    }
    writeDeliveryMode(g, r.deliveryMode());
    g.writeEndObject();
  }

  private static void writeError(JsonGenerator g, ErrorBody e) throws IOException {
    g.writeStartObject();
    if (e.error() != null) {
      g.writeStringField("error", e.error());
      writeText(g, "error_description", e.message());
    }
    writeText(g, "errorCode", e.errorCode());
    writeText(g, "message", e.message());
    g.writeArrayFieldStart("errors");
    for (ErrorDetail d : e.errors()) {
      g.writeStartObject();
      writeText(g, "errorCode", d.errorCode());
      writeText(g, "message", d.message());
      writeText(g, "parameterName", d.parameterName());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeToken(JsonGenerator g, TokenResponse t) throws IOException {
    g.writeStartObject();
    g.writeStringField("access_token", t.accessToken());
    writeText(g, "token_type", t.tokenType());
    g.writeNumberField("expires_in", t.expiresIn());
    writeText(g, "refresh_token", t.refreshToken());
    if (t.refreshToken() != null) {
      g.writeNumberField("refresh_token_expires_in", t.refreshTokenExpiresIn());
    }
    writeText(g, "scope", t.scope());
    writeText(g, "owner_id", t.ownerId());
    writeText(g, "endpoint_id", t.endpointId());
    writeText(g, "session_id", t.sessionId());
    g.writeEndObject();
  }

  private static void writeExtensionList(JsonGenerator g, ExtensionListPage page) throws IOException {
    g.writeStartObject();
    writeText(g, "uri", page.uri());
    g.writeArrayFieldStart("records");
    for (ExtensionRecord r : page.records()) {
      g.writeStartObject();
      writeId(g, "id", r.id());
      writeText(g, "extensionNumber", r.extensionNumber());
      writeText(g, "name", r.name());
      writeText(g, "type", r.type());
      writeText(g, "status", r.status());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (page.paging() != null) {
      Paging p = page.paging();
      g.writeObjectFieldStart("paging");
      writeInt(g, "page", p.page());
      writeInt(g, "totalPages", p.totalPages());
      writeInt(g, "perPage", p.perPage());
      writeInt(g, "totalElements", p.totalElements());
      writeInt(g, "pageStart", p.pageStart());
      writeInt(g, "pageEnd", p.pageEnd());
      g.writeEndObject();
    }
    g.writeObjectFieldStart("navigation");
    if (page.nextPageUri() != null) {
      g.writeObjectFieldStart("nextPage");
      g.writeStringField("uri", page.nextPageUri());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** RingCentral writes numeric ids as JSON numbers in REST lists. */
  private static void writeId(JsonGenerator g, String name, String id) throws IOException {
    if (id.length() <= 18 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      g.writeNumberField(name, Long.parseLong(id));
    } else {
      g.writeStringField(name, id);
    }
  }

  private static void writeDeliveryMode(JsonGenerator g, DeliveryMode mode) throws IOException {
    if (mode == null) {
      return;
    }
    g.writeObjectFieldStart("deliveryMode");
    writeText(g, "transportType", mode.transportType());
    if (mode.encryption() != null) {
      g.writeBooleanField("encryption", mode.encryption());
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeText(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void writeInt(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  // ---------------------------------------------------------------- reading

  private FrameHeader readHeader(JsonNode n) {
    String type = text(n, "type");
    if (type == null) {
      throw shape("a frame header needs a type");
    }
    return new FrameHeader(
        FrameType.parse(type),
        text(n, "messageId"),
        integer(n, "status"),
        stringMap(n.get("headers")),
        wsc(n.get("wsc")),
        text(n, "method"),
        text(n, "path"),
        stringMap(n.get("query")));
  }

  private static Wsc wsc(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    String token = text(n, "token");
    Long sequence = longValue(n, "sequence");
    if (token == null || token.isEmpty()) {
      return null;
    }
    return new Wsc(token, sequence == null ? 0 : sequence);
  }

  private static Map<String, String> stringMap(JsonNode n) {
    if (n == null || !n.isObject()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        map.put(e.getKey(), v.asText());
      } else if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        v.forEach(x -> parts.add(x.asText()));
        map.put(e.getKey(), String.join(",", parts));
      }
    }
    return map;
  }

  private static DeliveryMode deliveryMode(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode enc = n.get("encryption");
    return new DeliveryMode(text(n, "transportType"), enc != null && enc.isBoolean() ? enc.booleanValue() : null);
  }

  private JsonNode readObject(byte[] json) {
    checkSize(json);
    try {
      JsonNode n = mapper.readTree(json);
      if (n == null || !n.isObject()) {
        throw shape("expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  private static List<String> strings(JsonNode n, String field) {
    JsonNode v = n.get(field);
    List<String> list = new ArrayList<>();
    if (v != null && v.isArray()) {
      for (JsonNode x : v) {
        if (x.isTextual()) {
          list.add(x.textValue());
        }
      }
    }
    return list;
  }

  private static Integer integer(JsonNode n, String field) {
    Long v = longValue(n, field);
    return v == null || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : v.intValue();
  }

  private static Long longValue(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Times in either of the server's forms ({@code …Z}, {@code …+0000}); unreadable ones count as absent. */
  private static Instant time(JsonNode n, String field) {
    String v = text(n, field);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v, LENIENT_TIME).toInstant();
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

  private static DecodeException shape(String message) {
    return new DecodeException(DecodeException.Reason.WRONG_SHAPE, message, null);
  }

  /** Jackson's message quotes the input; keep only its location. */
  private static DecodeException notJson(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at offset " + e.getLocation().getByteOffset();
    boolean tooDeep = e.getOriginalMessage() != null && e.getOriginalMessage().contains("nesting depth");
    return new DecodeException(
        tooDeep ? DecodeException.Reason.TOO_DEEP : DecodeException.Reason.NOT_JSON,
        (tooDeep ? "JSON nested too deeply" : "not valid JSON") + where,
        null);
  }
}
