package io.presencestream.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * RingCentral's control-plane bodies exactly as they are on the wire, as Jackson databind records: field
 * names (snake_case for OAuth, camelCase for the rest), the order in which RingCentral writes them, and
 * values in their JSON types (times and enum words stay strings here). {@link ProtocolCodec} maps them to
 * and from the records of {@link io.presencestream.codec.protocol}, which hold the protocol's meaning:
 * required fields, defaults, OAuth and RingCentral error shapes merged into one.
 *
 * <p>Keeping the two apart keeps Jackson out of the protocol records the client and the simulator share,
 * and lets one shape on the wire (an id written as a number, {@code navigation.nextPage.uri}) differ
 * from the shape a caller wants. Null components are left out when writing (the mapper's inclusion is
 * {@code NON_NULL}); unknown properties are ignored when reading, since RingCentral adds fields freely.
 */
final class ProtocolWire {

  private ProtocolWire() {}

  /**
   * The first element of a gateway frame. {@code headers} and {@code query} stay trees because a tunnelled
   * HTTP header may repeat (an array, joined with commas as HTTP does) and anything else in them is skipped.
   */
  @JsonPropertyOrder({"type", "messageId", "status", "wsc", "headers", "method", "path", "query"})
  record Header(
      String type,
      String messageId,
      Integer status,
      Session wsc,
      Map<String, JsonNode> headers,
      String method,
      String path,
      Map<String, JsonNode> query) {}

  /** {@code wsc}: the session context token and the sequence of the frame carrying it. */
  @JsonPropertyOrder({"token", "sequence"})
  record Session(String token, Long sequence) {}

  /** The body of a {@code ConnectionDetails} frame; {@code creationTime} as {@code …+0000}. */
  @JsonPropertyOrder({
    "creationTime", "recoveryState", "recoveryErrorCode", "maxConnectionsPerSession", "recoveryBufferSize",
    "recoveryTimeout", "idleTimeout", "absoluteTimeout", "maxActiveRequests"
  })
  record ConnectionDetails(
      String creationTime,
      String recoveryState,
      String recoveryErrorCode,
      Integer maxConnectionsPerSession,
      Integer recoveryBufferSize,
      Integer recoveryTimeout,
      Integer idleTimeout,
      Integer absoluteTimeout,
      Integer maxActiveRequests) {}

  /** {@code deliveryMode} of a subscription request or reply. */
  @JsonPropertyOrder({"transportType", "encryption"})
  record DeliveryMode(String transportType, Boolean encryption) {}

  /** Body of {@code POST /restapi/v1.0/subscription} and {@code PUT …/subscription/{id}}. */
  @JsonPropertyOrder({"eventFilters", "deliveryMode"})
  record SubscriptionRequest(List<String> eventFilters, DeliveryMode deliveryMode) {}

  /** A subscription as the server describes it; times as ISO-8601 with milliseconds and {@code Z}. */
  @JsonPropertyOrder({
    "uri", "id", "creationTime", "status", "eventFilters", "disabledFilters", "expirationTime", "expiresIn",
    "deliveryMode"
  })
  record SubscriptionResponse(
      String uri,
      String id,
      String creationTime,
      String status,
      List<String> eventFilters,
      List<DisabledFilter> disabledFilters,
      String expirationTime,
      Long expiresIn,
      DeliveryMode deliveryMode) {}

  /** One entry of a subscription's {@code disabledFilters}. */
  @JsonPropertyOrder({"filter", "reason", "message"})
  record DisabledFilter(String filter, String reason, String message) {}

  /**
   * RingCentral's error body; OAuth errors add {@code error} and {@code error_description}, and a reader
   * finds the code and message in whichever of the three places the server put them.
   */
  @JsonPropertyOrder({"error", "error_description", "errorCode", "message", "errors"})
  record ErrorBody(
      String error,
      @JsonProperty("error_description") String errorDescription,
      String errorCode,
      String message,
      List<ErrorDetail> errors) {}

  /** One entry of an error body's {@code errors}. */
  @JsonPropertyOrder({"errorCode", "message", "parameterName"})
  record ErrorDetail(String errorCode, String message, String parameterName) {}

  /** The answer of {@code POST /restapi/oauth/token}. */
  @JsonPropertyOrder({
    "access_token", "token_type", "expires_in", "refresh_token", "refresh_token_expires_in", "scope",
    "owner_id", "endpoint_id", "session_id"
  })
  record Token(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") Long expiresIn,
      @JsonProperty("refresh_token") String refreshToken,
      @JsonProperty("refresh_token_expires_in") Long refreshTokenExpiresIn,
      String scope,
      @JsonProperty("owner_id") String ownerId,
      @JsonProperty("endpoint_id") String endpointId,
      @JsonProperty("session_id") String sessionId) {}

  /** The answer of {@code POST /restapi/oauth/wstoken}. */
  @JsonPropertyOrder({"uri", "ws_access_token", "expires_in"})
  record WsToken(
      String uri,
      @JsonProperty("ws_access_token") String wsAccessToken,
      @JsonProperty("expires_in") Long expiresIn) {}

  /** One page of {@code GET /restapi/v1.0/account/~/extension}. */
  @JsonPropertyOrder({"uri", "records", "paging", "navigation"})
  record ExtensionList(String uri, List<Extension> records, Paging paging, Navigation navigation) {}

  /** One record of the extension list; RingCentral writes numeric ids as JSON numbers. */
  @JsonPropertyOrder({"id", "extensionNumber", "contact", "name", "type", "status"})
  record Extension(
      @JsonSerialize(using = IdAsNumber.class) String id,
      String extensionNumber,
      Contact contact,
      String name,
      String type,
      String status) {}

  /** An extension's {@code contact}: only its {@code department} is read (names come with {@code name}). */
  record Contact(String department) {}

  /**
   * A notification of the Extension List event filter: the usual envelope with a body
   * {@code {extensionId, eventType, hints}}.
   */
  @JsonPropertyOrder({"uuid", "event", "timestamp", "subscriptionId", "ownerId", "body"})
  record ExtensionListNotification(
      String uuid, String event, String timestamp, String subscriptionId, String ownerId, ExtensionListBody body) {}

  /** The body of an Extension List notification. */
  @JsonPropertyOrder({"extensionId", "eventType", "hints", "ownerId"})
  record ExtensionListBody(String extensionId, String eventType, List<String> hints, String ownerId) {}

  /** One extension, as {@code GET /restapi/v1.0/account/~/extension/{id}} answers it (only what is read). */
  @JsonPropertyOrder({"id", "extensionNumber", "contact", "name", "type", "status"})
  record ExtensionInfo(String id, String extensionNumber, Contact contact, String name, String type, String status) {}

  /** The account, as {@code GET /restapi/v1.0/account/~} answers it (only its id is read). */
  record AccountInfo(String id) {}

  /** {@code paging} of a list response. */
  @JsonPropertyOrder({"page", "totalPages", "perPage", "totalElements", "pageStart", "pageEnd"})
  record Paging(
      Integer page, Integer totalPages, Integer perPage, Integer totalElements, Integer pageStart, Integer pageEnd) {}

  /** {@code navigation} of a list response; only {@code nextPage} matters to a reader. */
  record Navigation(Link nextPage) {}

  /** A {@code navigation} entry. */
  record Link(String uri) {}

  /**
   * Writes an id of up to 18 digits as a JSON number (so it fits a long), anything else as a string: the
   * way RingCentral's REST lists write ids, which the official SDK and our reader both accept.
   */
  static final class IdAsNumber extends StdSerializer<String> {

    IdAsNumber() {
      super(String.class);
    }

    @Override
    public void serialize(String id, JsonGenerator g, SerializerProvider provider) throws IOException {
      if (!id.isEmpty() && id.length() <= 18 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
        g.writeNumber(Long.parseLong(id));
      } else {
        g.writeString(id);
      }
    }
  }
}
