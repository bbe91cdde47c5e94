package io.presencestream.analytics;

import static io.presencestream.analytics.CcFixtures.T0;
import static io.presencestream.analytics.CcFixtures.UTC;
import static io.presencestream.analytics.CcFixtures.salesDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * {@link ContactCentre#restore}: stored events applied again give the figures the live view had, and tell
 * nobody; a time budget bounds it; it and a live view never run at once.
 */
class ContactCentreRestoreTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** The seeded office traffic of {@link ContactCentreViewReplayTest}, its engine events only (no ticks). */
  private static List<PresenceEvent> stored(long seed) {
    return ContactCentreViewReplayTest.traffic(seed).stream()
        .filter(PresenceEvent.class::isInstance).map(PresenceEvent.class::cast).toList();
  }

  private ContactCentre centreAt(Instant now) {
    return ContactCentre.create(UTC, registry, Clock.fixed(now, ZoneOffset.UTC));
  }

  private double emitted() {
    return registry.find("presence.contactcentre.events.emitted").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void storedEventsAppliedAgainGiveTheLiveViewsFiguresAndEmitNothing() {
    List<PresenceEvent> events = stored(3);
    Instant restart = events.get(events.size() - 1).at().plusSeconds(30);
    // the live view: the directory, then every event, then time up to the restart
    ContactCentreView live = new ContactCentreView(UTC);
    live.directory(salesDirectory(0));
    events.forEach(live::event);
    live.tick(restart);
    // the directory a restart reads is today's, stamped now: the restore applies it at the first event
    Directory readNow = new Directory(restart, salesDirectory(0).extensions(), salesDirectory(0).queues());
    ContactCentre centre = centreAt(restart);

    ContactCentre.Restored restored = centre.restore(readNow, Flux.fromIterable(events), Duration.ofSeconds(30))
        .block(Duration.ofSeconds(10));

    assertThat(restored.complete()).isTrue();
    assertThat(restored.events()).isEqualTo(events.size());
    assertThat(restored.agents()).isEqualTo(3);
    ViewSnapshot expected = live.snapshot();
    assertThat(centre.agents()).isEqualTo(expected.agents());
    assertThat(centre.queues()).isEqualTo(expected.queues());
    assertThat(restored.queueCalls()).isEqualTo(expected.queues().stream().mapToLong(q -> q.today().offered()).sum())
        .isPositive();
    for (String ext : List.of("101", "102", "103")) {
      assertThat(centre.agentDay(ext)).isEqualTo(expected.agentDay(ext, true));
    }
    assertThat(emitted()).as("the past is not told again").isZero();
    assertThat(registry.get("presence.contactcentre.inputs.restored").counter().count()).isEqualTo(events.size());
  }

  @Test
  void theLiveViewStartsFromTheRestoredStateAndEmitsOnlyWhatChangesAfter() {
    List<PresenceEvent> events = stored(4);
    Instant restart = events.get(events.size() - 1).at().plusSeconds(30);
    ContactCentre centre = centreAt(restart);
    centre.restore(salesDirectory(0), Flux.fromIterable(events), Duration.ofSeconds(30)).block(Duration.ofSeconds(10));
    int handledBefore = centre.agentDay("101").orElseThrow().handled();
    List<PresenceEvent> afterRestart = List.of(CcFixtures.presence("101", Duration.between(T0, restart).toMillis() / 1000.0 + 1, CcFixtures.with(
        io.presencestream.model.DndStatus.DO_NOT_ACCEPT_ANY_CALLS)));

    List<ContactCentreEvent> emitted = centre.view(Flux.fromIterable(afterRestart).concatWith(Flux.never()),
            Flux.just(salesDirectory(0)))
        .takeUntil(e -> e instanceof ContactCentreEvent.AgentStateChanged a && a.agent().extensionId().equals("101"))
        .collectList()
        .block(Duration.ofSeconds(10));

    // the first directory may refresh each queue once, as of the restart: the current state, never the past
    assertThat(emitted).allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(restart));
    assertThat(emitted).filteredOn(ContactCentreEvent.QueueStatsChanged.class::isInstance).hasSizeLessThanOrEqualTo(1);
    assertThat(emitted).last().isInstanceOfSatisfying(ContactCentreEvent.AgentStateChanged.class,
        a -> assertThat(a.agent().state()).isEqualTo(io.presencestream.model.AgentState.DO_NOT_DISTURB));
    assertThat(centre.agentDay("101").orElseThrow().handled()).isEqualTo(handledBefore);
  }

  @Test
  void aRestoreOutOfTimeEndsWithWhatItAppliedAndSaysSo() {
    List<PresenceEvent> events = stored(5).subList(0, 50);
    ContactCentre centre = centreAt(T0.plus(Duration.ofHours(3)));

    ContactCentre.Restored restored = centre.restore(salesDirectory(0),
            Flux.fromIterable(events).concatWith(Flux.never()), Duration.ofMillis(300))
        .block(Duration.ofSeconds(10));

    assertThat(restored.complete()).isFalse();
    assertThat(restored.events()).isEqualTo(50);
    // the instance is free for the view at once
    StepVerifier.create(centre.view(Flux.never(), Flux.never())).expectSubscription().thenCancel().verify(Duration.ofSeconds(5));
  }

  @Test
  void aRestoreAndAViewNeverRunAtOnce() {
    ContactCentre centre = centreAt(T0);
    var view = centre.view(Flux.never(), Flux.never()).subscribe();
    try {
      StepVerifier.create(centre.restore(salesDirectory(0), Flux.empty(), Duration.ofSeconds(1)))
          .expectError(IllegalStateException.class)
          .verify(Duration.ofSeconds(5));
    } finally {
      view.dispose();
    }
  }
}
