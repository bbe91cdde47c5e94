package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.ContactCentreOptions;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Alert;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.CallQueue;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueMember;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.EventSinks;
import io.presencestream.sink.WebhookFormat;
import io.presencestream.sink.WebhookSinkOptions;
import io.presencestream.testing.BlockHoundSupport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The contact-centre endpoints and a slack-format webhook under BlockHound: a real {@link ContactCentre} fed on
 * a Reactor parallel thread, its snapshots read by the server's event loops, its alerts posted as chat
 * messages. Reading the view never blocks a non-blocking thread.
 */
class ContactCentreBlockHoundCheck {

  private static final List<String> blockingCalls = BlockHoundSupport.blockingCalls();

  @BeforeAll
  static void installBlockHound() {
    BlockHoundSupport.install();
  }

  @Test
  void theViewsEndpointsAndTheSlackWebhookNeverBlockNonBlockingThreads() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PresenceCodec codec = PresenceCodec.create();
    ServerOptions options = ServerOptions.builder().port(0).staticRoot("static-test").build();
    EventHub hub = EventHub.create(options, codec::encodeEvent, registry, 1);
    ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults(), registry, Clock.systemUTC());
    PresenceHttpServer server = PresenceHttpServer.builder(options)
        .hub(hub)
        .states(StateProvider.of(id -> Optional.empty(), Map::of))
        .codec(codec)
        .contactCentre(ContactCentreProvider.of(centre))
        .metrics(registry)
        .start()
        .block(Duration.ofSeconds(10));
    List<String> posted = new CopyOnWriteArrayList<>();
    DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().aggregate().asString()
            .flatMap(body -> {
              posted.add(body);
              return response.status(200).send().then();
            }))
        .bindNow();
    EventSink slack = EventSinks.webhook(
        WebhookSinkOptions.builder(URI.create("http://127.0.0.1:" + receiver.port() + "/chat"))
            .name("chat").format(WebhookFormat.SLACK).build(),
        codec::encodeEvent, registry);
    Directory directory = new Directory(TestEvents.AT,
        List.of(new ExtensionInfo("101", "101", "Bob Brown"), new ExtensionInfo("102", "102", "Carol Chen")),
        List.of(new CallQueue("2001", "2001", "Sales Queue",
            List.of(new QueueMember("101", true, true), new QueueMember("102", true, false)))));
    Flux<PresenceEvent> events = Flux.range(0, 20)
        .map(i -> TestEvents.presence(i % 2 == 0 ? "101" : "102", i))
        .delaySubscription(Duration.ofMillis(100), Schedulers.parallel());
    Disposable view = centre.view(events, Mono.just(directory).subscribeOn(Schedulers.parallel()))
        .subscribe(hub::accept);
    try {
      await("both agents").atMost(Duration.ofSeconds(10)).until(() -> centre.agents().size() == 2);
      for (String path : List.of("/api/agents", "/api/agents/101/timeline", "/api/agents/102/timeline",
          "/api/agents/999/timeline", "/api/queues", "/api/alerts")) {
        HttpClient.create().get().uri(server.baseUrl() + path)
            .responseSingle((r, body) -> body.asString().defaultIfEmpty("")).block(Duration.ofSeconds(10));
      }
      Alert alert = new Alert("dnd:101", "dnd", "agent.dnd", AlertSeverity.WARNING, "extension", "101", null,
          TestEvents.AT, null, "101 (Bob Brown) on Do Not Disturb for longer than 15m", List.of("chat"));
      Mono.fromRunnable(() -> slack.accept(new ContactCentreEvent.AlertRaised("101", TestEvents.AT, alert)))
          .subscribeOn(Schedulers.parallel())
          .block(Duration.ofSeconds(5));
      await("the chat message").atMost(Duration.ofSeconds(10)).until(() -> posted.size() == 1);
      assertThat(blockingCalls).as("blocking calls on non-blocking threads").isEmpty();
    } finally {
      view.dispose();
      slack.close().block(Duration.ofSeconds(10));
      hub.close().block(Duration.ofSeconds(10));
      server.close().block(Duration.ofSeconds(10));
      receiver.disposeNow();
    }
  }
}
