package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.ContactCentreOptions;
import io.presencestream.model.Call;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Direction;
import io.presencestream.model.TelephonyStatus;
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
  void liveEventsArrivingDuringTheRestoreWaitForItAndAreAppliedAfterItInOrder() {
    // stored: a call of 101 that ended (handled); live, while the restore is still reading: another one
    List<PresenceEvent> stored = List.of(TestEvents.presence("101", 1), connected("101", 2), ended("101", 3, 2));
    List<PresenceEvent> live = List.of(connected("101", 2000), ended("101", 3000, 2000));
    Sinks.Empty<Void> storeAnswers = Sinks.empty();
    Sinks.Many<PresenceEvent> engine = Sinks.many().unicast().onBackpressureBuffer();
    List<PresenceEvent> fed = new java.util.concurrent.CopyOnWriteArrayList<>();

    Disposable feed = ContactCentreFeed.beside(engine.asFlux(), centre, Flux.just(DIRECTORY), registry,
            first -> first.flatMap(directory -> centre.restore(directory,
                Flux.fromIterable(stored).delaySubscription(storeAnswers.asMono()), Duration.ofSeconds(30))))
        .subscribe(fed::add);
    try {
      live.forEach(engine::tryEmitNext);
      assertThat(fed).as("the hub and sinks get the live events at once").containsExactlyElementsOf(live);
      assertThat(centre.agents()).as("the view is not live before the restore").isEmpty();

      storeAnswers.tryEmitEmpty();

      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> centre.agentDay("101").map(d -> d.handled() == 2).orElse(false));
      assertThat(fed).filteredOn(ContactCentreEvent.class::isInstance).as("nothing told about the stored past")
          .allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(live.get(0).at()));
      assertThat(registry.get("presence.contactcentre.feed.overflow").counter().count()).isZero();
    } finally {
      feed.dispose();
    }
  }

  @Test
  void liveEventsBeyondTheBoundDuringTheRestoreAreDroppedForTheViewAndCounted() {
    ContactCentre small = ContactCentre.create(ContactCentreOptions.defaults().withMaxPending(8), registry,
        Clock.fixed(TestEvents.AT, ZoneOffset.UTC));
    Sinks.Many<PresenceEvent> engine = Sinks.many().unicast().onBackpressureBuffer();
    List<PresenceEvent> fed = new java.util.concurrent.CopyOnWriteArrayList<>();
    Disposable feed = ContactCentreFeed.beside(engine.asFlux(), small, Flux.just(DIRECTORY), registry,
            first -> reactor.core.publisher.Mono.never())
        .subscribe(fed::add);
    try {
      for (int i = 1; i <= 11; i++) {
        engine.tryEmitNext(TestEvents.presence("101", i));
      }
      assertThat(fed).as("the hub and sinks lose nothing").hasSize(11);
      assertThat(registry.get("presence.contactcentre.feed.overflow").counter().count()).isEqualTo(3);
    } finally {
      feed.dispose();
    }
  }

  /** {@code ext} connected at {@code n} ms on the inbound call {@code call-n}. */
  private static PresenceEvent connected(String ext, int n) {
    return new PresenceEvent.CallStarted(ext, TestEvents.AT.plusMillis(n), call(n, TelephonyStatus.CALL_CONNECTED));
  }

  /** The call {@code call-started} of {@code ext} ended at {@code n} ms. */
  private static PresenceEvent ended(String ext, int n, int started) {
    return new PresenceEvent.CallEnded(ext, TestEvents.AT.plusMillis(n), call(started, TelephonyStatus.CALL_CONNECTED),
        Duration.ofMillis(n - started));
  }

  private static Call call(int n, TelephonyStatus status) {
    return new Call("call-" + n, "s-" + n, "ts-" + n, "p-" + n, Direction.INBOUND, "+15550100", "Caller", "101",
        "Callee", status, TestEvents.AT.plusMillis(n), Duration.ZERO, false, null, null, null, null);
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
