package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.ContactCentreOptions;
import io.presencestream.model.CallQueue;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueMember;
import io.presencestream.server.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class ContactCentreFeedTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults(), registry,
      Clock.fixed(TestEvents.AT.plusSeconds(1), ZoneOffset.UTC));

  private static final Directory DIRECTORY = new Directory(TestEvents.AT,
      List.of(new ExtensionInfo("101", "101", "Bob Brown")),
      List.of(new CallQueue("2001", "2001", "Sales Queue", List.of(new QueueMember("101", true, true)))));

  @Test
  void theEnginesEventsPassThroughInOrderWithTheViewsMergedInAndTheFeedEndsWithTheEngine() {
    List<PresenceEvent> engine = List.of(TestEvents.presence("101", 1), TestEvents.callNew("101", 2),
        TestEvents.callEnded("101", 3));
    Sinks.Many<Directory> directories = Sinks.many().replay().all();
    directories.tryEmitNext(DIRECTORY);

    List<PresenceEvent> fed = ContactCentreFeed.beside(
            Flux.fromIterable(engine).delaySubscription(Duration.ofMillis(200)), centre, directories.asFlux(), registry)
        .collectList()
        .block(Duration.ofSeconds(10));

    assertThat(fed).filteredOn(e -> !(e instanceof ContactCentreEvent)).as("the engine's, unchanged, in order")
        .containsExactlyElementsOf(engine);
    assertThat(fed).as("the view's agent state of 101")
        .anySatisfy(e -> assertThat(e).isInstanceOf(ContactCentreEvent.AgentStateChanged.class));
    assertThat(registry.get("presence.contactcentre.feed.overflow").counter().count()).isZero();
  }

  @Test
  void aViewThatFailsEndsItselfNotTheFeed() {
    Disposable first = centre.view(Flux.never(), Flux.never()).subscribe(); // a second view of it is refused
    try {
      List<PresenceEvent> engine = List.of(TestEvents.presence("101", 1), TestEvents.presence("101", 2));

      List<PresenceEvent> fed = ContactCentreFeed.beside(Flux.fromIterable(engine), centre, Flux.just(DIRECTORY), registry)
          .collectList()
          .block(Duration.ofSeconds(10));

      assertThat(fed).containsExactlyElementsOf(engine);
    } finally {
      first.dispose();
    }
  }
}
