package io.presencestream.daemon;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/**
 * A plain SSE client for tests: connects with Reactor Netty, splits the stream into frames and records
 * each event's {@code id}, {@code event} and {@code data}.
 */
final class SseRecorder implements AutoCloseable {

  /** One SSE event as received. */
  record Frame(long id, String event, String data) {}

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final StringBuilder pending = new StringBuilder();
  private volatile int status;
  private final Disposable connection;

  private SseRecorder(URI events, String token) {
    HttpClient client = HttpClient.create().responseTimeout(Duration.ofMinutes(5));
    if (token != null) {
      client = client.headers(h -> h.set("Authorization", "Bearer " + token));
    }
    connection =
        client
            .headers(h -> h.set("Accept", "text/event-stream"))
            .get()
            .uri(events)
            .response((response, body) -> {
              status = response.status().code();
              opened.countDown();
              return body.asString();
            })
            .doFinally(signal -> {
              opened.countDown();
              ended.countDown();
            })
            .subscribe(this::onChunk, error -> { });
  }

  /** Connects to {@code <base>events} and waits until the response headers arrived. */
  static SseRecorder connect(URI base, String query, String token) throws InterruptedException {
    SseRecorder recorder = new SseRecorder(base.resolve("events" + (query == null ? "" : "?" + query)), token);
    if (!recorder.opened.await(10, TimeUnit.SECONDS)) {
      recorder.close();
      throw new AssertionError("no SSE response within 10 s");
    }
    return recorder;
  }

  int status() {
    return status;
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  /** Waits for the server to end the stream. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void onChunk(String chunk) {
    pending.append(chunk.replace("\r\n", "\n"));
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(block);
    }
  }

  private void parse(String block) {
    Long id = null;
    String event = "message";
    StringBuilder data = null;
    for (String line : block.split("\n", -1)) {
      if (line.startsWith(":") || line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = Long.parseLong(value);
        case "event" -> event = value;
        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> { }
      }
    }
    if (data != null) {
      frames.add(new Frame(id == null ? -1 : id, event, data.toString()));
    }
  }

  @Override
  public void close() {
    connection.dispose();
  }
}
