package io.presencestream.examples;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.server.EventHub;
import io.presencestream.server.PresenceHttpServer;
import io.presencestream.server.ServerOptions;
import io.presencestream.server.SessionProvider;
import io.presencestream.server.StateProvider;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.EventSinks;
import io.presencestream.sink.Health;
import io.presencestream.sink.JsonLinesSinkOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server documentation's example (docs/http-api.md, "Embedding the server"), compiled and run by
 * {@link ServerExampleTest}. The region between the {@code tag} comments is copied verbatim into the docs.
 */
public final class ServerExample {

  private ServerExample() {}

  /** Serves the events of {@code rawMessages}; {@code whileRunning} gets the running server. */
  public static void run(
      ServerOptions options, Path eventsFile, List<String> rawMessages, Consumer<PresenceHttpServer> whileRunning) {
    PresenceEngine engine = PresenceEngine.create();
    Flux<String> messages = Flux.fromIterable(rawMessages);
    // tag::server[]
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PresenceCodec codec = PresenceCodec.create();
    EventHub hub = EventHub.create(options, codec::encodeEvent, registry);
    EventSink lines = EventSinks.jsonLines(JsonLinesSinkOptions.file(eventsFile), codec::encodeEvent, registry);
    PresenceHttpServer server = PresenceHttpServer.builder(options)
        .hub(hub)
        .states(StateProvider.of(engine::state, engine::states))
        .sessions(SessionProvider.of(engine::sessions, engine::sessions)) // /api/sessions
        .codec(codec)                                           // writes the state and session JSON
        .directory(List::of)                                    // the ExtensionInfo list, if you have one
        .readiness("upstream", () -> Health.up("connected"))    // e.g. from the source's connection state
        .sink(lines)                                            // reported by /health/ready as "sink:jsonl"
        .metrics(registry)
        .start()
        .block(Duration.ofSeconds(10));

    Disposable feed = engine.events(messages).subscribe(event -> {
      hub.accept(event);
      lines.accept(event);
    });
    // end::server[]
    whileRunning.accept(server);
    // tag::shutdown[]
    // Shutdown: stop the source, drain and flush the sinks, then close the connections.
    feed.dispose();
    Mono.when(hub.close(), lines.close()).then(server.close()).block(Duration.ofSeconds(30));
    // end::shutdown[]
    engine.close().block(Duration.ofSeconds(10));
  }
}
