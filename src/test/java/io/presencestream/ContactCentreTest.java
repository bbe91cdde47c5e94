package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.CallQueue;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.ContactCentreEvent.AlertRaised;
import io.presencestream.model.Direction;
import io.presencestream.model.Directory;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.QueueMember;
import io.presencestream.model.QueueStats;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The public ContactCentre end to end: real engine events (PresenceEngine.process on presence notifications)
 * in, contact-centre events and snapshots out, ticks in virtual time read from a clock that follows it.
 */
class ContactCentreTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private VirtualTimeScheduler time;
  private SimpleMeterRegistry registry;
  private Clock clock;
  private final Sinks.Many<PresenceEvent> engineEvents = Sinks.many().unicast().onBackpressureBuffer();
  private final Sinks.Many<Directory> directories = Sinks.many().unicast().onBackpressureBuffer();
  private final List<ContactCentreEvent> seen = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicReference<Boolean> completed = new AtomicReference<>(false);

  @BeforeEach
  void virtualTime() {
    time = VirtualTimeScheduler.getOrSet();
    registry = new SimpleMeterRegistry();
    clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return T0.plusMillis(time.now(TimeUnit.MILLISECONDS));
      }
    };
  }

  @AfterEach
  void realTime() {
    VirtualTimeScheduler.reset();
  }

  private ContactCentre centre(ContactCentreOptions options) {
    return ContactCentre.create(options, registry, clock);
  }

  private static ContactCentreOptions utc() {
    return ContactCentreOptions.defaults().withTimeZone(ZoneOffset.UTC);
  }

  private Disposable run(ContactCentre centre) {
    return centre.view(engineEvents.asFlux(), directories.asFlux())
        .subscribe(seen::add, failure::set, () -> completed.set(true));
  }

  private static Directory sales() {
    return new Directory(T0, List.of(new ExtensionInfo("101", "101", "Alice", "Sales"),
        new ExtensionInfo("102", "102", "Bob", "Sales")),
        List.of(new CallQueue("2001", "2001", "Sales Queue",
            List.of(new QueueMember("101", true, true), new QueueMember("102", true, true)))));
  }

  // ---------------------------------------------------------------- engine inputs

  private static ActiveCall queueCall(TelephonyStatus status) {
    return new ActiveCall("call-1", Direction.INBOUND, "+16505550123", "Caller", "2001", "Sales Queue", T0, status,
        TerminationType.FINAL, "ps-1", "ts-1", "p-1", true, null);
  }

  private static EngineInput presence(String ext, long seq, double seconds, DndStatus dnd, ActiveCall... calls) {
    Instant at = T0.plusMillis(Math.round(seconds * 1000));
    PresenceUpdate update = new PresenceUpdate(ext, seq, UserStatus.AVAILABLE, dnd, UserStatus.AVAILABLE,
        calls.length == 0 ? TelephonyStatus.NO_CALL : calls[0].telephonyStatus(), MeetingStatus.DISCONNECTED, null,
        calls.length, List.of(calls));
    return new EngineInput.NotificationReceived(new Notification("uuid-" + ext + "-" + seq,
        "/restapi/v1.0/account/1/extension/" + ext + "/presence?detailedTelephonyState=true", at, "sub-1", ext,
        update), at);
  }

  /** Real engine events for 101: available, a queue call rings, is answered at +4s, ends at +60s. */
  private static List<PresenceEvent> answeredQueueCall() {
    List<EngineInput> inputs = List.of(
        presence("101", 1, 0, DndStatus.TAKE_ALL_CALLS),
        presence("102", 1, 0, DndStatus.TAKE_ALL_CALLS),
        presence("101", 2, 10, DndStatus.TAKE_ALL_CALLS, queueCall(TelephonyStatus.RINGING)),
        presence("101", 3, 14, DndStatus.TAKE_ALL_CALLS, queueCall(TelephonyStatus.CALL_CONNECTED)),
        presence("101", 4, 60, DndStatus.TAKE_ALL_CALLS));
    List<PresenceEvent> events = PresenceEngine.create().process(Flux.fromIterable(inputs)).collectList().block();
    assertThat(events).isNotNull().anyMatch(e -> e instanceof PresenceEvent.CallEnded);
    return events;
  }

  private static List<AgentStateChanged> agentStates(List<ContactCentreEvent> events, String ext) {
    List<AgentStateChanged> out = new ArrayList<>();
    for (ContactCentreEvent e : events) {
      if (e instanceof AgentStateChanged a && a.extensionId().equals(ext)) {
        out.add(a);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- tests

  @Test
  void engineEventsInAgentStatesQueueStatisticsAndSnapshotsOut() {
    ContactCentre centre = centre(utc());
    Disposable view = run(centre);
    directories.tryEmitNext(sales());
    answeredQueueCall().forEach(engineEvents::tryEmitNext);
    time.advanceTimeBy(Duration.ofSeconds(80));

    assertThat(agentStates(seen, "101")).extracting(e -> e.agent().state(), ContactCentreEvent::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, T0),
        org.assertj.core.groups.Tuple.tuple(AgentState.RINGING, T0.plusSeconds(10)),
        org.assertj.core.groups.Tuple.tuple(AgentState.ON_CALL, T0.plusSeconds(14)),
        org.assertj.core.groups.Tuple.tuple(AgentState.WRAP_UP, T0.plusSeconds(60)),
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, T0.plusSeconds(75)));

    assertThat(centre.agents()).extracting(AgentStatus::extensionId, AgentStatus::state, AgentStatus::onQueue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("101", AgentState.AVAILABLE, true),
            org.assertj.core.groups.Tuple.tuple("102", AgentState.AVAILABLE, true));
    QueueStats sales = centre.queues().get(0);
    assertThat(sales.today().offered()).isEqualTo(1);
    assertThat(sales.today().answered()).isEqualTo(1);
    assertThat(sales.today().averageSpeedOfAnswer()).isEqualTo(Duration.ofSeconds(4));
    AgentDay day = centre.agentDay("101").orElseThrow();
    assertThat(day.handled()).isEqualTo(1);
    assertThat(day.talkTime()).isEqualTo(Duration.ofSeconds(46));
    assertThat(day.wrapUpTime()).isEqualTo(Duration.ofSeconds(15));
    assertThat(day.timeline()).isNotEmpty();
    assertThat(centre.agentDay("999")).isEmpty();
    assertThat(centre.directory().queues()).hasSize(1);
    assertThat(registry.get("presence.contactcentre.events.emitted").tag("kind", "agent.state").counter().count())
        .isEqualTo(agentStates(seen, "101").size() + agentStates(seen, "102").size());
    assertThat(registry.get("presence.contactcentre.agents").gauge().value()).isEqualTo(2);
    view.dispose();
  }

  @Test
  void alertsComeOutAtTheirExactInstantAndAreListedWhileOpen() {
    ContactCentre centre = centre(utc().withAlerts(List.of(
        AlertRule.longerThan("long-ring", AlertRule.Kind.CALL_RINGING, Duration.ofSeconds(3), AlertSeverity.WARNING))));
    Disposable view = run(centre);
    directories.tryEmitNext(sales());
    List<PresenceEvent> events = answeredQueueCall();
    // up to the ring only: the alert is raised by a tick, 3s after the call started ringing
    events.stream().filter(e -> !e.at().isAfter(T0.plusSeconds(10))).forEach(engineEvents::tryEmitNext);
    time.advanceTimeBy(Duration.ofSeconds(14));
    assertThat(seen).filteredOn(e -> e instanceof AlertRaised).singleElement()
        .satisfies(e -> assertThat(e.at()).isEqualTo(T0.plusSeconds(13)));
    assertThat(centre.alerts()).extracting(a -> a.id()).containsExactly("long-ring:101:ts-1");
    view.dispose();
  }

  @Test
  void badInputNeverStopsTheStream() {
    ContactCentre centre = centre(utc());
    Disposable view = run(centre);
    // a directory with a duplicate extension id and a duplicate queue id: the first of each is kept
    directories.tryEmitNext(new Directory(T0, List.of(new ExtensionInfo("101", "101", "Alice"),
        new ExtensionInfo("101", "999", "Impostor")), List.of(sales().queues().get(0), sales().queues().get(0))));
    // an event for an extension the directory does not know
    PresenceEngine.create().process(Flux.just(presence("555", 1, 1, DndStatus.TAKE_ALL_CALLS)))
        .toIterable().forEach(engineEvents::tryEmitNext);
    answeredQueueCall().forEach(engineEvents::tryEmitNext);
    time.advanceTimeBy(Duration.ofSeconds(2));

    assertThat(failure.get()).isNull();
    assertThat(centre.directory().extensions()).extracting(ExtensionInfo::name).containsExactly("Alice");
    assertThat(centre.directory().queues()).hasSize(1);
    assertThat(registry.get("presence.contactcentre.inputs.invalid").tag("reason", "directory_duplicate_extension")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("presence.contactcentre.inputs.invalid").tag("reason", "directory_duplicate_queue")
        .counter().count()).isEqualTo(1);
    assertThat(centre.agents()).extracting(AgentStatus::extensionId).containsExactly("101", "102", "555");
    assertThat(centre.agents().get(2).extensionNumber()).isNull();
    assertThat(agentStates(seen, "101")).hasSizeGreaterThan(3);
    view.dispose();
  }

  @Test
  void oneActiveViewPerInstanceAndCancellingReleasesTheTick() {
    ContactCentre centre = centre(utc());
    Disposable first = run(centre);
    AtomicReference<Throwable> second = new AtomicReference<>();
    centre.view(Flux.never(), Flux.never()).subscribe(e -> { }, second::set);
    assertThat(second.get()).isInstanceOf(IllegalStateException.class);

    time.advanceTimeBy(Duration.ofSeconds(5));
    double ticks = registry.get("presence.contactcentre.inputs.received").tag("input", "tick").counter().count();
    assertThat(ticks).isEqualTo(5);
    first.dispose();
    time.advanceTimeBy(Duration.ofSeconds(5));
    assertThat(registry.get("presence.contactcentre.inputs.received").tag("input", "tick").counter().count())
        .as("no tick after cancel").isEqualTo(ticks);

    AtomicReference<Throwable> third = new AtomicReference<>();
    Disposable again = centre.view(Flux.never(), Flux.never()).subscribe(e -> { }, third::set);
    assertThat(third.get()).as("a new view once the first is gone").isNull();
    again.dispose();
  }

  @Test
  void theViewCompletesWithTheEngineEventsAndFailsWithThem() {
    ContactCentre centre = centre(utc());
    run(centre);
    engineEvents.tryEmitComplete();
    assertThat(completed.get()).isTrue();

    AtomicReference<Throwable> error = new AtomicReference<>();
    centre.view(Flux.error(new IllegalArgumentException("source down")), Flux.never()).subscribe(e -> { }, error::set);
    assertThat(error.get()).hasMessage("source down");
  }

  @Test
  void aDirectoryPublisherThatFailsLeavesTheLastDirectoryInUse() {
    ContactCentre centre = centre(utc());
    Disposable view = run(centre);
    directories.tryEmitNext(sales());
    directories.tryEmitError(new IllegalStateException("REST down"));
    answeredQueueCall().forEach(engineEvents::tryEmitNext);
    assertThat(failure.get()).isNull();
    assertThat(centre.directory().queues()).hasSize(1);
    assertThat(registry.get("presence.contactcentre.directory.errors").counter().count()).isEqualTo(1);
    view.dispose();
  }

  @Test
  void inputsBeyondTheBoundAreDroppedAndCounted() {
    ContactCentre centre = centre(utc().withMaxPending(3));
    List<PresenceEvent> events = answeredQueueCall();
    AtomicReference<Boolean> flooded = new AtomicReference<>(false);
    Disposable view = centre.view(engineEvents.asFlux(), directories.asFlux()).subscribe(e -> {
      // while the serial stage is busy emitting this event, ten more inputs arrive: three wait, seven are dropped
      if (!flooded.getAndSet(true)) {
        for (int i = 0; i < 10; i++) {
          engineEvents.tryEmitNext(events.get(0));
        }
      }
    });
    directories.tryEmitNext(sales());
    assertThat(registry.get("presence.contactcentre.inputs.dropped").tag("input", "event").counter().count())
        .isEqualTo(7);
    view.dispose();
  }

  @Test
  void snapshotsBeforeAnyInputAreEmpty() {
    ContactCentre centre = centre(utc());
    assertThat(centre.agents()).isEmpty();
    assertThat(centre.queues()).isEmpty();
    assertThat(centre.alerts()).isEmpty();
    assertThat(centre.agentDay("101")).isEmpty();
    assertThat(centre.directory()).isEqualTo(Directory.EMPTY);
  }
}
