package io.presencestream.server;

import org.awaitility.Awaitility;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.Health;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;

/**
 * Starts a hub and a server on 127.0.0.1, port 0, serving the test static folder, and disposes them (and
 * any raw sockets) after each test.
 */
abstract class ServerTestSupport {

  protected final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  protected final Map<String, ExtensionState> states = new ConcurrentHashMap<>();
  protected final List<ExtensionInfo> directory = new CopyOnWriteArrayList<>();
  /** What {@code /api/sessions} serves; none unless a test sets it before {@link #start}. */
  protected SessionProvider sessions = SessionProvider.none();
  /** What {@code /api/agents}, {@code /api/queues} and {@code /api/alerts} serve; off (404) unless a test sets it. */
  protected ContactCentreProvider contactCentre;
  /** The accounts {@code ?account=} names; null for a server that serves one account (the default). */
  protected AccountProvider accounts;
  protected volatile Health upstream = Health.up("connected");
  protected EventHub hub;
  protected PresenceHttpServer server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  protected static ServerOptions testOptions() {
    return ServerOptions.builder().port(0).staticRoot("static-test").build();
  }

  protected PresenceHttpServer start(ServerOptions options) {
    return start(options, 0);
  }

  protected PresenceHttpServer start(ServerOptions options, int eventPadding) {
    return start(options, TestEvents.encoder(eventPadding));
  }

  /** With the hub writing events with {@code encoder}, e.g. the real codec's {@code encodeEvent}; ids from 1. */
  protected PresenceHttpServer start(ServerOptions options, Function<? super PresenceEvent, String> encoder) {
    hub = EventHub.create(options, encoder, registry, 1);
    PresenceHttpServer.Builder builder =
        PresenceHttpServer.builder(options)
            .hub(hub)
            .states(StateProvider.of(id -> java.util.Optional.ofNullable(states.get(id)), () -> Map.copyOf(states)))
            .stateEncoder(state -> "{\"extensionId\":\"" + state.extensionId() + "\",\"sequence\":" + state.sequence() + "}")
            .sessions(sessions)
            .directory(() -> directory)
            .readiness("upstream", () -> upstream)
            .sink(hub)
            .metrics(registry);
    if (contactCentre != null) {
      builder.contactCentre(contactCentre);
    }
    if (accounts != null) {
      builder.accounts(accounts);
    }
    server = builder.start().block(Duration.ofSeconds(10));
    return server;
  }

  @AfterEach
  void closeServer() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (hub != null) {
      hub.close().block(Duration.ofSeconds(10));
    }
    if (server != null) {
      server.close().block(Duration.ofSeconds(10));
    }
  }

  protected String url(String pathAndQuery) {
    return server.baseUrl() + pathAndQuery;
  }

  /** A raw socket, for what HTTP clients normalise away (paths with ..) and for clients that never read. */
  protected Socket socket(int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    sockets.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
    socket.setSoTimeout(5000);
    return socket;
  }

  /** Sends a raw request and reads the response until the server closes the connection. */
  protected String rawRequest(String requestLine, String... headers) throws IOException {
    try (Socket socket = socket(0)) {
      StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      return new String(readToEnd(socket.getInputStream()), StandardCharsets.UTF_8);
    }
  }

  protected static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        throw new IOException("no end of stream within the timeout", e);
      } catch (IOException e) {
        return out.toByteArray(); // reset by peer counts as closed
      }
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
    }
    throw new IOException("no end of stream within 10 s");
  }

  /** Waits (Awaitility, at most 10 s) until {@code condition} holds; the failure names {@code what}. */
  protected static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(condition::getAsBoolean);
  }
}
