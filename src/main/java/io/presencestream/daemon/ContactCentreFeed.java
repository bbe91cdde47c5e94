package io.presencestream.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Runs the contact-centre view beside the engine: the engine's events feed the view, and the view's events
 * ({@code agent.state}, {@code queue.stats}, {@code alert.*}) join the engine's in one flux for the hub and
 * the sinks. Data flows one way (engine → view → hub and sinks; nothing flows back), and the one flux keeps
 * the sinks' contract: one event at a time, in order ({@code Flux.merge} serialises its sources without a
 * lock).
 */
final class ContactCentreFeed {

  private static final Logger log = LoggerFactory.getLogger(ContactCentreFeed.class);

  private ContactCentreFeed() {}

  /**
   * The engine's events with the view's merged in. The engine's events pass through unchanged and first; a
   * bounded buffer ({@link io.presencestream.ContactCentreOptions#maxPending()}) holds those the view has not
   * taken yet, and beyond it they are dropped for the view only, counted in
   * {@code presence.contactcentre.feed.overflow}. The flux ends when the engine's does; the view failing is
   * logged and ends the view alone, never the daemon's feed.
   */
  static Flux<PresenceEvent> beside(
      Flux<PresenceEvent> engineEvents, ContactCentre centre, Flux<Directory> directories, MeterRegistry registry) {
    Counter overflow = Counter.builder("presence.contactcentre.feed.overflow")
        .description("Engine events the contact-centre view could not take in time (dropped for the view only)")
        .register(registry);
    return Flux.defer(() -> {
      // Unicast with a queue: events emitted before the view has subscribed wait for it instead of being lost.
      Sinks.Many<PresenceEvent> toView =
          Sinks.many().unicast().onBackpressureBuffer(Queues.<PresenceEvent>get(centre.options().maxPending()).get());
      Sinks.Empty<Void> engineDone = Sinks.empty();
      Flux<PresenceEvent> engine =
          engineEvents
              .doOnNext(event -> {
                if (toView.tryEmitNext(event).isFailure()) {
                  overflow.increment();
                }
              })
              .doFinally(signal -> {
                toView.tryEmitComplete();
                engineDone.tryEmitEmpty();
              });
      Flux<PresenceEvent> view =
          centre.view(toView.asFlux(), directories)
              .cast(PresenceEvent.class)
              .onErrorResume(error -> {
                log.warn("presence-stream: the contact-centre view stopped: {}", error.toString());
                return Flux.empty();
              })
              .takeUntilOther(engineDone.asMono());
      return Flux.merge(view, engine);
    });
  }
}
