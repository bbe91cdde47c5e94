package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class SseEndpointIT extends ServerTestSupport {

  @Test
  void streamsEventsWithIdEventAndDataFraming() {
    start(testOptions().mutate().retryInterval(Duration.ofMillis(2500)).build());
    SseClient.connect(url("/events"))
        .as(StepVerifier::create)
        .assertNext(open -> {
          assertThat(open.retry()).isEqualTo("2500");
          assertThat(open.isEvent()).isFalse();
        })
        .then(() -> {
          await("client subscribed", () -> hub.clientCount() == 1);
          hub.accept(TestEvents.presence("101", 7));
          hub.accept(TestEvents.callNew("102", 8));
        })
        .assertNext(frame -> {
          assertThat(frame.id()).isEqualTo("1");
          assertThat(frame.event()).isEqualTo("presence");
          assertThat(frame.data()).isEqualTo("{\"kind\":\"presence\",\"extensionId\":\"101\",\"marker\":\"n7\",\"pad\":\"\"}");
        })
        .assertNext(frame -> {
          assertThat(frame.id()).isEqualTo("2");
          assertThat(frame.event()).isEqualTo("call.new");
          assertThat(frame.data()).contains("\"extensionId\":\"102\"");
        })
        .thenCancel()
        .verify(Duration.ofSeconds(10));
    await("client removed on disconnect", () -> hub.clientCount() == 0);
  }

  @Test
  void filtersByExtensionAndKind() {
    start(testOptions());
    SseClient.connect(url("/events?extensions=101,103&kinds=call.new,call.ended"))
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .then(() -> {
          await("client subscribed", () -> hub.clientCount() == 1);
          hub.accept(TestEvents.presence("101", 1)); // wrong kind
          hub.accept(TestEvents.callNew("102", 2)); // wrong extension
          hub.accept(TestEvents.callNew("103", 3)); // id 3
          hub.accept(TestEvents.callEnded("101", 4)); // id 4
        })
        .assertNext(frame -> assertThat(frame.id()).isEqualTo("3"))
        .assertNext(frame -> assertThat(frame.id() + " " + frame.event()).isEqualTo("4 call.ended"))
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void mergesRepeatedFilterParametersInsteadOfKeepingTheFirst() {
    start(testOptions());
    SseClient.connect(url("/events?extensions=101&extensions=103&kinds=call.new&kinds=&kinds=call.ended"))
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .then(() -> {
          await("client subscribed", () -> hub.clientCount() == 1);
          hub.accept(TestEvents.presence("101", 1)); // neither kind
          hub.accept(TestEvents.callNew("102", 2)); // neither extension
          hub.accept(TestEvents.callNew("103", 3)); // the second extensions, the first kinds
          hub.accept(TestEvents.callEnded("101", 4)); // the first extensions, the last kinds
        })
        .assertNext(frame -> assertThat(frame.id() + " " + frame.event()).isEqualTo("3 call.new"))
        .assertNext(frame -> assertThat(frame.id() + " " + frame.event()).isEqualTo("4 call.ended"))
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kinds=presence&kinds=call.nope", "extensions=101&extensions=%20", "lastEventId=1&lastEventId=2"})
  void aBadRepeatedValueIsABadRequestToo(String query) {
    start(testOptions());
    assertThat(badRequestBody("/events?" + query)).containsPattern("\"error\":\"bad_(filter|last_event_id)\"");
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void rejectsABadFilterWithATypedError() {
    start(testOptions());
    assertThat(badRequestBody("/events?kinds=call.nope")).contains("\"error\":\"bad_filter\"").contains("call.nope");
    SseClient.connect(url("/events"), Map.of("Last-Event-ID", "abc"))
        .as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(((SseClient.StatusException) error).body).contains("bad_last_event_id"))
        .verify(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"extensions=%00", "extensions=%09", "extensions=%20", "extensions=,,", "extensions=101,%00", "kinds=%20"})
  void aFilterThatNamesNothingIsABadRequestNotEverything(String query) {
    start(testOptions());
    assertThat(badRequestBody("/events?" + query)).startsWith("{\"error\":\"bad_filter\",\"message\":");
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void rejectsANegativeLastEventId() {
    start(testOptions());
    SseClient.connect(url("/events"), Map.of("Last-Event-ID", "-5"))
        .as(StepVerifier::create)
        .expectErrorSatisfies(error -> {
          SseClient.StatusException status = (SseClient.StatusException) error;
          assertThat(status.status).isEqualTo(400);
          assertThat(status.body).contains("\"error\":\"bad_last_event_id\"");
        })
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void resumesWithLastEventIdLosingNothingWithinHistory() {
    start(testOptions().mutate().historySize(100).build());
    for (int i = 0; i < 10; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    // A first connection sees the first five live events, then drops.
    List<SseClient.Frame> first =
        SseClient.connect(url("/events?lastEventId=0"))
            .filter(SseClient.Frame::isEvent)
            .take(5)
            .collectList()
            .block(Duration.ofSeconds(10));
    assertThat(first).extracting(SseClient.Frame::id).containsExactly("1", "2", "3", "4", "5");
    for (int i = 10; i < 20; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    // The browser reconnects with the id of the last event it saw, in the header.
    SseClient.connect(url("/events"), Map.of("Last-Event-ID", "5"))
        .filter(SseClient.Frame::isEvent)
        .map(frame -> Long.parseLong(frame.id()))
        .as(StepVerifier::create)
        .expectNextSequence(java.util.stream.LongStream.rangeClosed(6, 20).boxed().toList())
        .then(() -> hub.accept(TestEvents.presence("101", 20)))
        .expectNext(21L)
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void tellsAClientResumingBeyondTheHistoryAboutTheGap() {
    start(testOptions().mutate().historySize(5).build());
    for (int i = 0; i < 20; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    SseClient.connect(url("/events?lastEventId=2"))
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .assertNext(gap -> {
          assertThat(gap.event()).isEqualTo("gap");
          assertThat(gap.id()).isNull();
          assertThat(gap.data()).isEqualTo("{\"fromId\":3,\"toId\":15,\"missed\":13,\"reason\":\"history\"}");
        })
        .assertNext(frame -> assertThat(frame.id()).isEqualTo("16"))
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void sendsHeartbeatCommentsWhileIdle() {
    start(testOptions().mutate().heartbeatInterval(Duration.ofMillis(100)).build());
    SseClient.connect(url("/events"))
        .skip(1)
        .take(3)
        .as(StepVerifier::create)
        .expectNextMatches(frame -> frame.comments().equals(List.of("heartbeat")) && !frame.isEvent())
        .expectNextCount(2)
        .verifyComplete();
  }

  @Test
  void aStalledClientStaysBoundedWhileOthersReceiveEveryEvent() throws Exception {
    int buffer = 32;
    start(testOptions().mutate()
        .clientBufferSize(buffer)
        .overflowPolicy(OverflowPolicy.DROP_OLDEST)
        .historySize(100)
        .build(), 1000);
    Socket stalled = eventsOverARawSocket();
    await("stalled client subscribed", () -> hub.clientCount() == 1);

    AtomicLong received = new AtomicLong();
    AtomicLong lastId = new AtomicLong();
    AtomicLong outOfOrder = new AtomicLong();
    Disposable reader =
        SseClient.connect(url("/events"))
            .filter(SseClient.Frame::isEvent)
            .subscribe(frame -> {
              if (frame.id() == null) {
                outOfOrder.incrementAndGet(); // a gap: this client lost events
                return;
              }
              long id = Long.parseLong(frame.id());
              if (id != lastId.get() + 1) {
                outOfOrder.incrementAndGet();
              }
              lastId.set(id);
              received.incrementAndGet();
            });
    try {
      await("reader subscribed", () -> hub.clientCount() == 2);
      int total = 20_000; // ~20 MB for each client: far more than socket buffers hold
      int maxBuffered = 0;
      for (int sent = 0; sent < total; ) {
        // Batches smaller than the buffer: the reading client never overflows, only the stalled one.
        for (int i = 0; i < buffer / 2; i++, sent++) {
          hub.accept(TestEvents.presence("101", sent));
        }
        maxBuffered = Math.max(maxBuffered, hub.maxClientBuffered());
        long target = sent;
        await("reader keeps up", () -> received.get() == target);
      }
      assertThat(received.get()).isEqualTo(total);
      assertThat(outOfOrder.get()).isZero();
      assertThat(maxBuffered).isLessThanOrEqualTo(buffer);
      assertThat(hub.dropped()).as("events the stalled client could not take").isGreaterThan(total / 2);
      assertThat(registry.get("presence.sse.dropped").counter().count()).isEqualTo(hub.dropped());
      assertThat(hub.clientCount()).isEqualTo(2);
    } finally {
      reader.dispose();
    }
  }

  @Test
  void aClientThatFellBehindGetsItsGapAndTheEventsAfterItOverTheRealSocket() throws Exception {
    // The write after the client reads again starts with the overflow gap and goes on with events from
    // the ring, in one buffer. A gap frame in heap memory ahead of the ring's direct frames once made the
    // epoll transport send from a bogus address (writev: EFAULT) and drop the connection.
    start(testOptions().mutate().clientBufferSize(8).overflowPolicy(OverflowPolicy.DROP_OLDEST).build(), 1000);
    Socket slow = eventsOverARawSocket();
    await("slow client subscribed", () -> hub.clientCount() == 1);
    int published = 0;
    while (hub.dropped() == 0 && published < 1_000_000) {
      hub.accept(TestEvents.presence("101", published++));
    }
    long lastId = hub.lastEventId();

    // It reads again: everything up to the newest event arrives, after the gap, and the stream stays open.
    InputStream in = slow.getInputStream();
    StringBuilder seen = new StringBuilder();
    boolean sawGap = false;
    byte[] chunk = new byte[65536];
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!seen.toString().contains("id: " + lastId + "\n") && System.nanoTime() < deadline) {
      int n = in.read(chunk);
      assertThat(n).as("the server closed the stream (seen: ...%s)", tail(seen)).isPositive();
      seen.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
      sawGap |= seen.indexOf("event: gap\ndata: {\"fromId\"") >= 0;
      if (seen.length() > 200_000) {
        seen.delete(0, seen.length() - 100_000); // the beginning is the backlog the socket held
      }
    }
    assertThat(seen.toString()).contains("id: " + lastId + "\n");
    assertThat(sawGap).as("the overflow gap came before the newest events").isTrue();
    hub.accept(TestEvents.presence("101", published));
    String next = "id: " + (lastId + 1) + "\n";
    while (!seen.toString().contains(next) && System.nanoTime() < deadline) {
      int n = in.read(chunk);
      assertThat(n).as("the server closed the stream after the gap").isPositive();
      seen.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
    }
    assertThat(seen.toString()).contains(next);
    assertThat(hub.clientCount()).isEqualTo(1);
  }

  /**
   * A client of {@code /events} over a raw socket with a 4 KiB receive buffer, which reads only when the
   * test reads from it: a client that stalls or falls behind.
   */
  private Socket eventsOverARawSocket() throws java.io.IOException {
    Socket socket = socket(4096);
    socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  private static String tail(CharSequence text) {
    return text.subSequence(Math.max(0, text.length() - 300), text.length()).toString();
  }

  @Test
  void disconnectPolicyClosesAStalledClientSoItReconnects() throws Exception {
    start(testOptions().mutate().clientBufferSize(16).overflowPolicy(OverflowPolicy.DISCONNECT).build(), 1000);
    Socket stalled = eventsOverARawSocket();
    await("stalled client subscribed", () -> hub.clientCount() == 1);
    // Events keep coming until the stalled client is cut off: how many the kernel's and Netty's buffers
    // take first depends on the machine and its load, so the bound is generous and the wait short.
    for (int i = 0; i < 1_000_000 && hub.clientCount() > 0; i++) {
      hub.accept(TestEvents.presence("101", i));
    }
    await("overflowing client removed", () -> hub.clientCount() == 0);
    assertThat(registry.get("presence.sse.disconnects").tag("reason", "overflow").counter().count()).isEqualTo(1);
    // The server closed the socket: reading what was already sent ends with end-of-stream.
    InputStream in = stalled.getInputStream();
    byte[] rest = readToEnd(in);
    assertThat(new String(rest, 0, Math.min(rest.length, 200), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
  }

  @Test
  void acceptsTheTokenAsAQueryParameterForEventSource() {
    start(testOptions().mutate().bearerToken("s3cret").build());
    SseClient.connect(url("/events?access_token=s3cret"))
        .take(1)
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    SseClient.connect(url("/events?access_token=wrong"))
        .as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(((SseClient.StatusException) error).status).isEqualTo(401))
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void closingTheHubEndsOpenStreams() {
    start(testOptions().mutate().heartbeatInterval(Duration.ofMillis(50)).build());
    SseClient.connect(url("/events"))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .then(() -> {
          await("client subscribed", () -> hub.clientCount() == 1);
          hub.close().block(Duration.ofSeconds(5));
        })
        .thenConsumeWhile(frame -> true)
        .verifyComplete();
  }

  @SuppressWarnings("unused")
  private static void write(OutputStream out, String text) throws java.io.IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Opens {@code path} as an SSE client, requires a 400 answer, and returns its body. */
  private String badRequestBody(String path) {
    java.util.concurrent.atomic.AtomicReference<String> body = new java.util.concurrent.atomic.AtomicReference<>();
    SseClient.connect(url(path))
        .as(StepVerifier::create)
        .expectErrorSatisfies(error -> {
          SseClient.StatusException status = (SseClient.StatusException) error;
          assertThat(status.status).isEqualTo(400);
          body.set(status.body);
        })
        .verify(Duration.ofSeconds(10));
    return body.get();
  }
}
