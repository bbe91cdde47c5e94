package io.presencestream.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.ContactCentreOptions;
import io.presencestream.model.PresenceEvent;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.server.OverflowPolicy;
import io.presencestream.server.ServerOptions;
import io.presencestream.simulator.SimulatorOptions;
import io.presencestream.sink.EventSink;
import io.presencestream.sink.EventSinks;
import io.presencestream.sink.JsonLinesSinkOptions;
import io.presencestream.sink.WebhookSinkOptions;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Turns configuration records into the components' own options: the one place that knows both. */
final class Wiring {

  private Wiring() {}

  static RingCentralOptions ringCentralOptions(SourceConfig.RingCentral source) {
    return RingCentralOptions.builder(
            source.serverUrl(),
            source.credentials().clientId(),
            source.credentials().clientSecret().reveal(),
            source.credentials().jwt().reveal())
        .extensions(source.extensions())
        .restRetryBudget(source.restRetryBudget())
        .feeds(source.feeds())
        .telephonyScope(source.telephonyScope())
        .maxFiltersPerSubscription(source.maxFiltersPerSubscription())
        .build();
  }

  static SimulatorOptions simulatorOptions(SourceConfig.Simulator simulator) {
    return simulatorOptions(simulator, ContactCentreConfig.disabled());
  }

  /**
   * The simulator's options; its call queues follow the contact-centre settings (wrap-up, thresholds, graces,
   * time zone), so that its truth ({@code /_sim/truth?include=agents,queues}) applies the rules the view
   * applies, and its queues offer no call to an agent in wrap-up, as RingCentral's do.
   */
  static SimulatorOptions simulatorOptions(SourceConfig.Simulator simulator, ContactCentreConfig contactCentre) {
    ContactCentreOptions rules = contactCentre.options();
    SimulatorOptions.Builder builder = SimulatorOptions.builder()
        .port(simulator.port())
        .extensions(simulator.extensions())
        .seed(simulator.seed())
        .eventsPerSecond(simulator.eventsPerSecond())
        .wrapUp(rules.wrapUp())
        .answeredElsewhereGrace(rules.answeredElsewhereGrace())
        .queueGapGrace(rules.queueGapGrace())
        .timeZone(rules.timeZone());
    if (!rules.serviceLevelThreshold().isZero()) {
      builder.serviceLevelThreshold(rules.serviceLevelThreshold());
    }
    rules.queueThresholds().forEach((queue, threshold) -> {
      if (!threshold.isZero()) {
        builder.serviceLevelThreshold(queue, threshold);
      }
    });
    return builder.build();
  }

  static ServerOptions serverOptions(ServerConfig server) {
    OverflowPolicy overflow =
        switch (server.sse().overflow()) {
          case DROP_OLDEST -> OverflowPolicy.DROP_OLDEST;
          case DISCONNECT -> OverflowPolicy.DISCONNECT;
        };
    return ServerOptions.builder()
        .host(server.host())
        .port(server.port())
        .bearerToken(server.authToken().map(Secret::reveal).orElse(null))
        .corsOrigins(server.corsOrigins())
        .maxConnections(server.maxConnections())
        .maxRequestBytes(server.maxRequestBytes())
        .maxConnectionsPerAddress(server.maxConnectionsPerAddress())
        .requestHeadTimeout(server.requestHeadTimeout())
        .historySize(server.sse().history())
        .clientBufferSize(server.sse().clientBuffer())
        .overflowPolicy(overflow)
        .heartbeatInterval(server.sse().heartbeat())
        .retryInterval(server.sse().retry())
        .coalesceInterval(server.sse().coalesce())
        .build();
  }

  static JsonLinesSinkOptions jsonLinesOptions(SinksConfig.JsonLines config) {
    return config.file().map(JsonLinesSinkOptions::file).orElseGet(JsonLinesSinkOptions::stdout);
  }

  static WebhookSinkOptions webhookOptions(SinksConfig.Webhook config) {
    return WebhookSinkOptions.builder(config.url())
        .name(config.name())
        .format(config.format())
        .kinds(config.kinds())
        .batchSize(config.batchSize())
        .maxAttempts(config.maxAttempts())
        .initialBackoff(config.initialBackoff())
        .maxBackoff(config.maxBackoff())
        .requestTimeout(config.timeout())
        .queueCapacity(config.queueCapacity())
        .deadLetterFile(config.deadLetterFile())
        .build();
  }

  /**
   * The configured sinks besides the SSE hub, in configuration order. Opens files now.
   *
   * @throws ConfigException naming the key, when the JSON-lines file cannot be opened (and why)
   */
  static List<EventSink> sinks(
      SinksConfig config, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    List<EventSink> sinks = new ArrayList<>();
    if (config.jsonLines().isPresent()) {
      try {
        sinks.add(EventSinks.jsonLines(jsonLinesOptions(config.jsonLines().get()), encoder, registry));
      } catch (UncheckedIOException e) {
        // The sink's message names the file and the reason; the key is what the user edits. No cause: the
        // command line prints every cause's message, and Java's for a missing directory is the path again.
        throw new ConfigException("(checked at start)", List.of("sinks.jsonLines.target: " + e.getMessage()));
      }
    }
    for (int i = 0; i < config.webhooks().size(); i++) {
      sinks.add(EventSinks.webhook(webhookOptions(config.webhooks().get(i)), encoder, registry));
    }
    return sinks;
  }
}
