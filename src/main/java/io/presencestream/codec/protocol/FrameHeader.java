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

  /**
   * Copies the maps; null maps become empty.
   *
   * @param type the frame type
   * @param messageId the correlation id, or null
   * @param status the status of a server frame, or null
   * @param headers frame headers, or null for none
   * @param wsc the session context, or null
   * @param method the tunnelled HTTP method, or null
   * @param path the tunnelled path, or null
   * @param query query parameters, or null for none
   * @throws NullPointerException if {@code type} is null
   */
  public FrameHeader {
    Objects.requireNonNull(type, "type");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    query = query == null ? Map.of() : Map.copyOf(query);
  }

  /**
   * The header of a client request tunnelling an HTTP request through the gateway.
   *
   * @param messageId the id its reply will carry
   * @param method the HTTP method, e.g. {@code POST}
   * @param path the REST path, e.g. {@code /restapi/v1.0/subscription}
   * @return the header, without status, headers or query
   */
  public static FrameHeader clientRequest(String messageId, String method, String path) {
    return new FrameHeader(FrameType.CLIENT_REQUEST, messageId, null, null, null, method, path, null);
  }

  /**
   * The header of a heartbeat, in either direction.
   *
   * @param messageId the id the answering heartbeat repeats
   * @return the header
   */
  public static FrameHeader heartbeat(String messageId) {
    return new FrameHeader(FrameType.HEARTBEAT, messageId, null, null, null, null, null, null);
  }

  /**
   * The header of the server's reply to a client request.
   *
   * @param messageId the request's id
   * @param status the HTTP-like status of the tunnelled response
   * @param headers response headers, or null for none
   * @param wsc the session context to reconnect with, or null
   * @return the header
   */
  public static FrameHeader reply(String messageId, int status, Map<String, String> headers, Wsc wsc) {
    return new FrameHeader(FrameType.CLIENT_REQUEST, messageId, status, headers, wsc, null, null, null);
  }

  /**
   * The header of a server frame of any type.
   *
   * @param type the frame type
   * @param messageId the frame's id (a notification's {@code uuid}), or null
   * @param status the HTTP-like status
   * @param headers frame headers, or null for none
   * @param wsc the session context, or null
   * @return the header
   */
  public static FrameHeader server(FrameType type, String messageId, int status, Map<String, String> headers, Wsc wsc) {
    return new FrameHeader(type, messageId, status, headers, wsc, null, null, null);
  }

  /**
   * One frame header's value.
   *
   * @param name the header's name, case-sensitive as the gateway writes it
   * @return the value, or null when the frame has no such header
   */
  public String header(String name) {
    return headers.get(name);
  }
}
