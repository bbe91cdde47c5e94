package io.presencestream.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Answers the GET requests under a path prefix that another component serves through this server (the
 * history API under {@code /api/history/}). The server applies its own rules first (connection limits,
 * CORS, bearer token, method); the handler sees only requests that passed them, and is called off the event
 * loops.
 *
 * <pre>{@code
 * PresenceHttpServer.builder(options)
 *     .route("history", "/api/history/", request -> Mono.just(
 *         new RouteHandler.Response(200, "application/json", "{}", Map.of())));
 * }</pre>
 */
@FunctionalInterface
public interface RouteHandler {

  /**
   * Answers one request.
   *
   * @param request what was asked
   * @return the answer; an error signal is answered {@code 500}
   */
  Mono<Response> handle(Request request);

  /**
   * A request that reached the handler.
   *
   * @param path the decoded path, e.g. {@code /api/history/calls}
   * @param query the decoded query parameters, each with every value given, in order
   * @param accept the {@code Accept} header, or null
   */
  record Request(String path, Map<String, List<String>> query, String accept) {
    /**
     * Copies the query.
     *
     * @param path the decoded path
     * @param query the query parameters
     * @param accept the Accept header, or null
     */
    public Request {
      Objects.requireNonNull(path, "path");
      query = Map.copyOf(query);
    }
  }

  /**
   * What to answer.
   *
   * @param status the HTTP status
   * @param contentType the body's type
   * @param body the body
   * @param headers further headers
   */
  record Response(int status, String contentType, String body, Map<String, String> headers) {
    /**
     * Copies the headers.
     *
     * @param status the HTTP status
     * @param contentType the body's type
     * @param body the body
     * @param headers further headers
     */
    public Response {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }
  }
}
