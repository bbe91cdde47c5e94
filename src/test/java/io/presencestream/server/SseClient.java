package io.presencestream.server;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/** A Server-Sent Events client on Reactor Netty's HttpClient: parses the stream into frames. */
final class SseClient {

  /** One SSE message (or comment-only block) as received. */
  record Frame(String id, String event, String data, List<String> comments, String retry) {
    boolean isEvent() {
      return data != null;
    }
  }

  /** A response that was not 200. */
  static final class StatusException extends RuntimeException {
    final int status;
    final String body;

    StatusException(int status, String body) {
      super("HTTP " + status + ": " + body);
      this.status = status;
      this.body = body;
    }
  }

  private SseClient() {}

  /** Connects to {@code url} and streams its frames; cancel to disconnect. */
  static Flux<Frame> connect(String url, Map<String, String> headers) {
    return HttpClient.create()
        .headers(h -> headers.forEach(h::set))
        .get()
        .uri(url)
        .response(
            (response, body) -> {
              if (response.status().code() != 200) {
                return body.aggregate()
                    .asString()
                    .defaultIfEmpty("")
                    .flatMapMany(text -> Flux.error(new StatusException(response.status().code(), text)));
              }
              checkContentType(response.responseHeaders());
              return parse(body.asString());
            });
  }

  static Flux<Frame> connect(String url) {
    return connect(url, Map.of());
  }

  private static void checkContentType(HttpHeaders headers) {
    String type = headers.get("Content-Type");
    if (type == null || !type.startsWith("text/event-stream")) {
      throw new IllegalStateException("not an event stream: " + type);
    }
    // the stream is delimited by the connection's close, without chunked framing (docs/http-api.md)
    if (headers.contains("Transfer-Encoding") || headers.contains("Content-Length")
        || !"close".equalsIgnoreCase(headers.get("Connection"))) {
      throw new IllegalStateException("an event stream is neither chunked nor sized and ends with the connection: "
          + headers.get("Transfer-Encoding") + " / " + headers.get("Content-Length") + " / " + headers.get("Connection"));
    }
  }

  /** Splits text chunks (cut anywhere) into frames at blank lines. */
  static Flux<Frame> parse(Flux<String> chunks) {
    return Flux.defer(
        () -> {
          StringBuilder pending = new StringBuilder();
          return chunks.concatMapIterable(
              chunk -> {
                pending.append(chunk);
                List<Frame> frames = new ArrayList<>();
                int end;
                while ((end = pending.indexOf("\n\n")) >= 0) {
                  frames.add(frame(pending.substring(0, end)));
                  pending.delete(0, end + 2);
                }
                return frames;
              });
        });
  }

  private static Frame frame(String block) {
    String id = null;
    String event = null;
    StringBuilder data = null;
    String retry = null;
    List<String> comments = new ArrayList<>();
    for (String line : block.split("\n", -1)) {
      if (line.startsWith(":")) {
        comments.add(line.substring(1).trim());
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> event = value;
        case "retry" -> retry = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        default -> throw new IllegalStateException("unexpected SSE field: " + line);
      }
    }
    return new Frame(id, event, data == null ? null : data.toString(), comments, retry);
  }
}
