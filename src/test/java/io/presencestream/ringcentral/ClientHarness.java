package io.presencestream.ringcentral;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.ResyncRequest;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * A real simulator on a free loopback port, a {@link RingCentralSource} pointed at it with short
 * timings, and the engine's {@link PresenceTracker} fed by the source (its resync requests fed back),
 * as an application wires them. Closed after each test.
 */
final class ClientHarness implements AutoCloseable {

  final RingCentralSimulator simulator;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RingCentralSource source;
  final RingCentralOptions options;
  final List<EngineInput> inputs = new CopyOnWriteArrayList<>();
  final List<ConnectionState> states = new CopyOnWriteArrayList<>();
  final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
  private final Sinks.Many<ResyncRequest> resyncs = Sinks.many().unicast().onBackpressureBuffer();
  private Disposable running;
  private volatile PresenceEngine engine;
  final java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
  private final Disposable stateWatch;

  ClientHarness(SimulatorOptions.Builder simulatorOptions, UnaryOperator<RingCentralOptions.Builder> clientOptions) {
    simulator = RingCentralSimulator.start(simulatorOptions.port(0).eventsPerSecond(0).build());
    RingCentralOptions.Builder builder =
        RingCentralOptions.builder(
                URI.create(simulator.baseUrl()),
                simulator.credentials().clientId(),
                simulator.credentials().clientSecret(),
                simulator.credentials().jwt())
            .extensions(ExtensionSelection.allEnabledUsers())
            .heartbeat(Duration.ofMillis(500), Duration.ofMillis(500))
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.5)
            .resyncDebounce(Duration.ofMillis(100), Duration.ofMillis(200))
            .requestTimeout(Duration.ofSeconds(5))
            .restRetryBudget(Duration.ofSeconds(5));
    options = clientOptions.apply(builder).build();
    source =
        RingCentralSource.create(options, PresenceCodec.create(), registry, Clock.systemUTC(), Schedulers.parallel(), 7);
    stateWatch = source.connectionStates().subscribe(states::add);
  }

  static ClientHarness start(int extensions) {
    return new ClientHarness(SimulatorOptions.builder().extensions(extensions), b -> b);
  }

  /** Subscribes the source into the tracker. */
  ClientHarness run() {
    running =
        source
            .inputs(resyncs.asFlux())
            .subscribe(
                input -> {
                  inputs.add(input);
                  if (input instanceof EngineInput.TelephonySessionReceived) {
                    return; // the presence tracker's state is what the tests compare; sessions are collected
                  }
                  Outcome outcome;
                  synchronized (tracker) {
                    outcome = tracker.apply(input);
                  }
                  outcome.resyncRequests().forEach(resyncs::tryEmitNext);
                },
                errors::add);
    return this;
  }

  /** Subscribes the source through the embedding facade, wired as an application does it. */
  ClientHarness runThroughEngine() {
    PresenceEngine e = PresenceEngine.create();
    engine = e;
    running =
        e.process(source.inputs(e.resyncRequests()).doOnNext(inputs::add))
            .subscribe(event -> events.incrementAndGet(), errors::add);
    return this;
  }

  void cancel() {
    if (running != null) {
      running.dispose();
    }
  }

  Map<String, ExtensionState> engineStates() {
    Map<String, ExtensionState> result = new TreeMap<>();
    if (engine != null) {
      engine.states().forEach((id, s) -> result.put(id, RingCentralSimulator.comparable(s)));
      return result;
    }
    synchronized (tracker) {
      tracker.states().forEach(s -> result.put(s.extensionId(), RingCentralSimulator.comparable(s)));
    }
    return result;
  }

  Map<String, ExtensionState> truth() {
    Map<String, ExtensionState> result = new TreeMap<>();
    simulator.groundTruth().forEach((id, s) -> result.put(id, RingCentralSimulator.comparable(s)));
    return result;
  }

  boolean inSync() {
    return engineStates().equals(truth());
  }

  /** Waits until the engine's state equals the simulator's truth for every extension. */
  void awaitInSync(Duration timeout) {
    boolean ok = waitFor(this::inSync, timeout);
    if (!ok) {
      assertThat(engineStates()).as("engine state vs simulator ground truth").isEqualTo(truth());
    }
  }

  ConnectionState.Status status() {
    return states.isEmpty() ? null : states.get(states.size() - 1).status();
  }

  void awaitStatus(ConnectionState.Status status, Duration timeout) {
    assertThat(waitFor(() -> status() == status, timeout))
        .as("status %s within %s; states were %s", status, timeout, states)
        .isTrue();
  }

  double counter(String name, String... tags) {
    var search = registry.find(name);
    if (tags.length > 0) {
      search = search.tags(tags);
    }
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** Whether {@code condition} came to hold within {@code timeout} (Awaitility polls it). */
  static boolean waitFor(BooleanSupplier condition, Duration timeout) {
    try {
      Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  List<String> inputKinds() {
    List<String> kinds = new ArrayList<>();
    for (EngineInput input : inputs) {
      kinds.add(input instanceof EngineInput.SnapshotReceived ? "snapshot"
          : input instanceof EngineInput.TelephonySessionReceived ? "session" : "notification");
    }
    return kinds;
  }

  @Override
  public void close() {
    cancel();
    stateWatch.dispose();
    if (engine != null) {
      engine.close().block(Duration.ofSeconds(5));
    }
    source.close().block(Duration.ofSeconds(5));
    simulator.close();
  }
}
