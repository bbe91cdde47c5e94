package io.presencestream.examples;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.ContactCentreOptions;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import reactor.core.publisher.Flux;

/** The README's contact-centre example, compiled and run by {@link ContactCentreExampleTest}. */
final class ContactCentreExample {

  private ContactCentreExample() {}

  /** Runs the engine's events and one directory through a contact centre and prints what it derives. */
  static void run(Flux<PresenceEvent> engineEvents, Directory directory, Clock clock, PrintStream out) {
    // tag::contact-centre[]
    ContactCentre centre = ContactCentre.create(
        ContactCentreOptions.defaults().withTimeZone(ZoneId.of("America/New_York")), new SimpleMeterRegistry(), clock);
    centre.view(engineEvents, Flux.just(directory))   // agent.state, queue.stats, alert.raised, alert.cleared, queue.call.ended
        .doOnNext(e -> out.println(e.kind().label() + " " + e.extensionId()))
        .blockLast(Duration.ofSeconds(10));           // it ends with the engine's events
    for (QueueStats q : centre.queues()) {            // snapshots: from any thread, never blocking
      out.println(q.name() + ": " + q.today().offered() + " offered, " + q.today().answered() + " answered");
    }
    centre.agentDay("101").ifPresent(day -> out.println("101 handled " + day.handled() + " today"));
    // end::contact-centre[]
  }
}
