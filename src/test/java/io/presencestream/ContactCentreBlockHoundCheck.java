package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallQueue;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Direction;
import io.presencestream.model.Directory;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.QueueMember;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.BlockHoundSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The contact-centre view's serial stage runs on whatever thread offers (Reactor's parallel threads for the
 * ticks and, here, the engine events): under BlockHound nothing in it blocks — rules, snapshots, meters.
 */
class ContactCentreBlockHoundCheck {

  private static final List<String> blockingCalls = BlockHoundSupport.blockingCalls();

  @BeforeAll
  static void installBlockHound() {
    BlockHoundSupport.install();
  }

  @Test
  void theViewNeverBlocksOnParallelThreads() throws Exception {
    Instant t0 = Instant.now();
    ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults()
        .withTimeZone(ZoneId.of("America/New_York"))
        .withTick(Duration.ofMillis(5))
        .withAlerts(List.of(AlertRule.longerThan("ring", AlertRule.Kind.CALL_RINGING, Duration.ofMillis(20),
            AlertSeverity.INFO))), new SimpleMeterRegistry(), Clock.systemUTC());
    Directory directory = new Directory(t0, List.of(new ExtensionInfo("101", "101", "Alice")),
        List.of(new CallQueue("2001", "2001", "Sales", List.of(new QueueMember("101", true, true)))));
    PresenceState available = new PresenceState(Availability.AVAILABLE, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
        UserStatus.AVAILABLE, TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, null);
    Call ringing = new Call("c1", "ps", "ts", "p", Direction.INBOUND, "+1", null, "2001", null, TelephonyStatus.RINGING,
        t0, Duration.ZERO, true, null, null, null, null);
    Flux<PresenceEvent> engine = Flux.<PresenceEvent>just(
            new PresenceEvent.PresenceChanged("101", t0, available, null),
            new PresenceEvent.CallStarted("101", t0.plusMillis(1), ringing))
        .delayElements(Duration.ofMillis(10), Schedulers.parallel())
        .concatWith(Flux.never());
    List<ContactCentreEvent> seen = new CopyOnWriteArrayList<>();
    Disposable view = centre.view(engine, Flux.just(directory)).subscribe(seen::add);
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && centre.alerts().isEmpty()) {
      Thread.sleep(10);
    }
    view.dispose();
    assertThat(centre.alerts()).as("the ring alert was raised by a tick").isNotEmpty();
    assertThat(blockingCalls).isEmpty();
  }
}
