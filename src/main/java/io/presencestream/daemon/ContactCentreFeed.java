package io.presencestream.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
    return beside(engineEvents, centre, directories, registry, null);
  }

  /**
   * {@link #beside(Flux, ContactCentre, Flux, MeterRegistry)} with a restore before the view goes live: the
   * first directory (a Mono of it, which the restore may bound in time) goes to {@code restore} (which applies
   * the stored events, see {@link ContactCentre#restore}), and the view subscribes when it ends (or fails: logged, the view goes live
   * with what it has; null: no restore, the view starts at once). Meanwhile the engine's events pass through to the hub and sinks as always, and wait
   * for the view in the same bounded buffer, in order; beyond {@link io.presencestream.ContactCentreOptions#maxPending()}
   * the newest are dropped for the view only and counted in {@code presence.contactcentre.feed.overflow}.
   * The directories are subscribed to once: the view gets the latest, then every later one.
   */
  static Flux<PresenceEvent> beside(Flux<PresenceEvent> engineEvents, ContactCentre centre,
      Flux<Directory> directories, MeterRegistry registry, Function<Mono<Directory>, Mono<?>> restore) {
    Counter overflow = Counter.builder("presence.contactcentre.feed.overflow")
        .description("Engine events the contact-centre view could not take in time (dropped for the view only)")
        .register(registry);
    return Flux.defer(() -> {
      // Unicast with a queue: events emitted before the view has subscribed wait for it instead of being lost.
      Sinks.Many<PresenceEvent> toView =
          Sinks.many().unicast().onBackpressureBuffer(Queues.<PresenceEvent>get(centre.options().maxPending()).get());
      Sinks.Empty<Void> engineDone = Sinks.empty();
      // one subscription to the directories for the restore and the view: the latest one waits for the view
      Sinks.Many<Directory> latest = Sinks.many().replay().latest();
      Disposable directoryFeed = directories.subscribe(latest::tryEmitNext, latest::tryEmitError, latest::tryEmitComplete);
      Mono<Void> restored = restore == null ? Mono.empty() : Mono.defer(() -> restore.apply(latest.asFlux().next()))
          .onErrorResume(error -> {
            log.warn("presence-stream: restoring the contact-centre view failed, it goes live without: {}", error.toString());
            return Mono.empty();
          })
          .then();
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
          restored.thenMany(centre.view(toView.asFlux(), latest.asFlux()))
              .cast(PresenceEvent.class)
              .onErrorResume(error -> {
                log.warn("presence-stream: the contact-centre view stopped: {}", error.toString());
                return Flux.empty();
              })
              .takeUntilOther(engineDone.asMono());
      // Unbounded demand to both, as the feed had before the view joined it: the sinks never block, so what
      // waits in merge's queues is at most what arrives while the other source's event is being delivered.
      return Flux.merge(Integer.MAX_VALUE, view, engine).doFinally(signal -> directoryFeed.dispose());
    });
  }
}
