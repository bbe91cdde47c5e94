package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Availability;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.QueueMember;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Engine events, directories and ticks arrive on different threads at once while other threads read the
 * snapshots: the one serial stage applies them all, nothing fails, and the last state is the last input's.
 */
class ContactCentreConcurrencyTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final int AGENTS = 50;
  private static final int ROUNDS = 40;

  private static PresenceState presence(DndStatus dnd) {
    return new PresenceState(Availability.AVAILABLE, UserStatus.AVAILABLE, dnd, UserStatus.AVAILABLE,
        TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, null);
  }

  @Test
  void threeProducersAndConcurrentReadersMeetInOneSerialStage() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults().withTimeZone(ZoneOffset.UTC)
        .withTick(Duration.ofMillis(1)), registry, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
    List<ExtensionInfo> users = new ArrayList<>();
    List<QueueMember> members = new ArrayList<>();
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      String id = String.valueOf(1000 + i);
      users.add(new ExtensionInfo(id, id, "Agent " + i));
      members.add(new QueueMember(id, true, true));
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < AGENTS; i++) {
        DndStatus dnd = round % 2 == 0 ? DndStatus.DO_NOT_ACCEPT_ANY_CALLS : DndStatus.TAKE_ALL_CALLS;
        events.add(new PresenceEvent.PresenceChanged(String.valueOf(1000 + i), T0.plusMillis(round * 100L + i),
            presence(dnd), null));
      }
    }
    Flux<Directory> directories = Flux.range(0, 200)
        .map(n -> new Directory(T0, users, List.of(new CallQueue("2001", "2001", "Sales", members))))
        .delayElements(Duration.ofMillis(1), Schedulers.parallel());
    Flux<PresenceEvent> engine = Flux.fromIterable(events).publishOn(Schedulers.boundedElastic(), 16)
        .concatWith(Flux.never());

    AtomicInteger emitted = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Disposable view = centre.view(engine, directories)
        .subscribe(e -> emitted.incrementAndGet(), failure::set);

    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    CountDownLatch readers = new CountDownLatch(2);
    for (int r = 0; r < 2; r++) {
      Thread t = new Thread(() -> {
        try {
          while (reading.get()) {
            for (AgentStatus a : centre.agents()) {
              centre.agentDay(a.extensionId());
            }
            centre.queues();
            centre.alerts();
          }
        } catch (Throwable e) {
          readFailure.set(e);
        } finally {
          readers.countDown();
        }
      });
      t.start();
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !(centre.agents().size() == AGENTS
        && registry.get("presence.contactcentre.inputs.received").tag("input", "event").counter().count()
            == events.size()
        && registry.get("presence.contactcentre.inputs.received").tag("input", "directory").counter().count() == 200)) {
      Thread.sleep(10);
    }
    Thread.sleep(50); // a few more ticks while readers read
    reading.set(false);
    assertThat(readers.await(10, TimeUnit.SECONDS)).isTrue();
    view.dispose();

    assertThat(failure.get()).isNull();
    assertThat(readFailure.get()).isNull();
    assertThat(registry.get("presence.contactcentre.errors").counter().count()).isZero();
    assertThat(registry.get("presence.contactcentre.inputs.received").tag("input", "event").counter().count())
        .isEqualTo(events.size());
    assertThat(centre.agents()).hasSize(AGENTS).allSatisfy(a -> {
      assertThat(a.state()).as("the last round takes all calls").isEqualTo(AgentState.AVAILABLE);
      assertThat(a.onQueue()).isTrue();
    });
    assertThat(centre.queues().get(0).agents().available()).isEqualTo(AGENTS);
    assertThat(emitted.get()).isGreaterThanOrEqualTo(AGENTS * ROUNDS);
  }
}
