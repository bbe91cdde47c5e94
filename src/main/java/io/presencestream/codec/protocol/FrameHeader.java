package io.presencestream.codec.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * The first element of every gateway frame.
 *
 * @param type the frame type (never null)
 * @param messageId correlates a {@code ClientRequest} with its reply and a {@code Heartbeat} with its
 *     answer; a {@code ServerNotification}'s equals the notification's {@code uuid}
 * @param status HTTP-like status on server frames, null on client frames
 * @param headers frame headers such as {@code RCRequestId} or {@code WSG-SubscriptionId} (never null)
 * @param wsc the session context token a server frame may carry, or null
 * @param method on a {@code ClientRequest}: the tunnelled HTTP method, else null
 * @param path on a {@code ClientRequest}: the tunnelled path, else null
 * @param query on a {@code ClientRequest}: query parameters, or empty (never null)
 */
public record FrameHeader(
    FrameType type,
    String messageId,
    Integer status,
    Map<String, String> headers,
    Wsc wsc,
    String method,
    String path,
    Map<String, String> query) {

  /** The header carrying the subscription id on a subscription reply. */
  public static final String SUBSCRIPTION_ID_HEADER = "WSG-SubscriptionId";

  public FrameHeader {
    Objects.requireNonNull(type, "type");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    query = query == null ? Map.of() : Map.copyOf(query);
  }

  /** A client request tunnelling {@code method path}. */
  public static FrameHeader clientRequest(String messageId, String method, String path) {
    return new FrameHeader(FrameType.CLIENT_REQUEST, messageId, null, null, null, method, path, null);
  }

  /** A heartbeat, in either direction. */
  public static FrameHeader heartbeat(String messageId) {
    return new FrameHeader(FrameType.HEARTBEAT, messageId, null, null, null, null, null, null);
  }

  /** A server reply to a client request. */
  public static FrameHeader reply(String messageId, int status, Map<String, String> headers, Wsc wsc) {
    return new FrameHeader(FrameType.CLIENT_REQUEST, messageId, status, headers, wsc, null, null, null);
  }

  /** A server frame of the given type and status. */
  public static FrameHeader server(FrameType type, String messageId, int status, Map<String, String> headers, Wsc wsc) {
    return new FrameHeader(type, messageId, status, headers, wsc, null, null, null);
  }

  /** The same header with another session context. */
  public FrameHeader withWsc(Wsc newWsc) {
    return new FrameHeader(type, messageId, status, headers, newWsc, method, path, query);
  }

  /** A header value, or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
