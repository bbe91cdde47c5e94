package io.presencestream.ringcentral;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/** The client's life in {@link DebugLogSecretsIT}'s child JVM: connect, follow, drop, recover, stop. */
final class DebugLogSecretsRun {

  static final String RECOVERED = "debug-log-run: session recovered";

  private DebugLogSecretsRun() {}

  public static void main(String[] args) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RingCentralSimulator simulator =
        RingCentralSimulator.start(SimulatorOptions.builder().extensions(4).eventsPerSecond(0).build())) {
      RingCentralOptions options =
          RingCentralOptions.builder(
                  URI.create(simulator.baseUrl()),
                  simulator.credentials().clientId(),
                  simulator.credentials().clientSecret(),
                  simulator.credentials().jwt())
              .extensions(ExtensionSelection.allEnabledUsers())
              .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.5)
              .build();
      RingCentralSource source =
          RingCentralSource.create(options, PresenceCodec.create(), registry, Clock.systemUTC(), Schedulers.parallel(), 7);
      Disposable running = source.inputs(reactor.core.publisher.Flux.never()).subscribe(i -> {}, e -> {});
      await(() -> registry.get("presence.connection.connected").gauge().value() == 1);
      simulator.traffic().step(10);
      simulator.faults().dropConnections();
      await(() -> registry.get("presence.connection.recoveries").tag("outcome", "successful").counter().count() == 1);
      System.err.println(RECOVERED);
      simulator.traffic().step(10);
      running.dispose();
      source.close().block(Duration.ofSeconds(10));
    }
    System.exit(0);
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    org.awaitility.Awaitility.await().atMost(DebugLogSecretsIT.timeout()).until(condition::getAsBoolean);
  }
}
