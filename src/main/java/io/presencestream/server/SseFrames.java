package io.presencestream.server;

import io.presencestream.codec.HttpJson;

/** Server-Sent Events framing (WHATWG HTML, "Server-sent events"): fields, one blank line per message. */
final class SseFrames {

  static final String HEARTBEAT = ": heartbeat\n\n";

  private SseFrames() {}

  static String open(long retryMillis) {
    return ": presence-stream\nretry: " + retryMillis + "\n\n";
  }

  static String frame(StreamItem item) {
    if (item instanceof StreamItem.Event event) {
      StringBuilder out = new StringBuilder(event.json().length() + 48);
      out.append("id: ").append(event.id()).append('\n');
      out.append("event: ").append(event.kind().label()).append('\n');
      data(out, event.json());
      return out.append('\n').toString();
    }
    StreamItem.Gap gap = (StreamItem.Gap) item;
    // No id: a gap must not move the browser's Last-Event-ID past events it could still be replayed.
    return "event: gap\ndata: " + HttpJson.gap(gap.fromId(), gap.toId(), gap.missed(), gap.reason().label()) + "\n\n";
  }

  /** One {@code data:} line per line of the payload (compact JSON has one). */
  private static void data(StringBuilder out, String payload) {
    int start = 0;
    while (true) {
      int newline = payload.indexOf('\n', start);
      String line = newline < 0 ? payload.substring(start) : payload.substring(start, newline);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      out.append("data: ").append(line).append('\n');
      if (newline < 0) {
        return;
      }
      start = newline + 1;
    }
  }
}
