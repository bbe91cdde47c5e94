package io.presencestream.example.webflux;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.ringcentral.ConnectionState;
import io.presencestream.ringcentral.RingCentralSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Owns the engine and the RingCentral source for the application's lifetime: one subscription of the
 * engine to the source, started and stopped with the Spring context, fanned out to any number of
 * readers. A slow reader loses its own oldest events; it never slows the others or the engine.
 */
@Component
public class PresenceStream implements SmartLifecycle {

  /** Events buffered per reader before its oldest are dropped. */
  static final int READER_BUFFER = 256;

  private static final Logger log = LoggerFactory.getLogger(PresenceStream.class);

  private final PresenceCodec codec = PresenceCodec.create();
  private final PresenceEngine engine;
  private final RingCentralSource source;
  // One producer (the engine's serial stage); directBestEffort: a reader without demand misses events
  // instead of holding the others back, and events() gives each reader a bounded buffer of its own.
  private final Sinks.Many<PresenceEvent> events = Sinks.many().multicast().directBestEffort();
  private final AtomicLong undelivered = new AtomicLong();
  private final Disposable.Composite running = Disposables.composite();

  public PresenceStream(RingCentralProperties properties, ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
    this.engine = PresenceEngine.create(EngineOptions.defaults(), meters);
    this.source = RingCentralSource.create(properties.toOptions(), codec, meters);
  }

  @Override
  public void start() {
    running.add(source.connectionStates().subscribe(state -> log.info("RingCentral: {}", state.status())));
    running.add(engine.process(source.inputs(engine.resyncRequests())).subscribe(
        event -> {
          if (events.tryEmitNext(event).isFailure()) {
            undelivered.incrementAndGet(); // no reader right now
          }
        },
        error -> log.error("presence stream stopped: {}", error.toString())));
  }

  @Override
  public void stop() {
    running.dispose();
    source.close().then(engine.close()).block(Duration.ofSeconds(10));
    events.tryEmitComplete();
  }

  @Override
  public boolean isRunning() {
    return running.size() > 0 && !running.isDisposed();
  }

  /** The live events, from now on; each subscriber gets its own buffer of {@value #READER_BUFFER}. */
  public Flux<PresenceEvent> events() {
    return events.asFlux().onBackpressureBuffer(READER_BUFFER, dropped -> {}, BufferOverflowStrategy.DROP_OLDEST);
  }

  public Map<String, ExtensionState> states() {
    return engine.states();
  }

  public Optional<ExtensionState> state(String extensionId) {
    return engine.state(extensionId);
  }

  public Flux<ConnectionState> connectionStates() {
    return source.connectionStates();
  }

  /** presence-stream's own JSON for events and states (the schema in its README). */
  public PresenceCodec codec() {
    return codec;
  }
}
