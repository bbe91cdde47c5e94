package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.ResyncRequest;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's ground truth and the engine agree: feeding every notification of the generated
 * traffic to a {@link PresenceTracker}, and answering its resync requests with the simulator's REST
 * snapshot, leaves the engine with exactly the truth after every step. This checks the generator's
 * documented truth rules (RingOut merge, truncation, intermediate legs, calls to self) against the
 * engine's implementation of SEMANTICS, from the other side.
 */
class EngineAgreementTest {

  @Test
  void engineFedWithTheTrafficEndsUpWithTheGroundTruthAfterEveryStep() {
    for (long seed : new long[] {1, 5, 42}) {
      agreeOver(seed, 24, 2500);
    }
  }

  @Test
  void engineAgreesAfterSequenceResetsAndStaleReplays() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
    Office office = new Office(SimulatorOptions.builder().seed(77).extensions(10).eventsPerSecond(0).clock(clock).build());
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    snapshotAll(office, tracker, clock.instant());
    for (int i = 0; i < 1500; i++) {
      clock.advance(Duration.ofMillis(700));
      List<SimNotification> notifications = new ArrayList<>(office.step());
      if (i % 97 == 0) {
        SimNotification stale = office.staleReplay();
        if (stale != null) {
          notifications.add(stale);
        }
      }
      if (i % 400 == 399) {
        office.resetSequences();
      }
      if (i % 250 == 100) {
        office.skipSequences(3);
      }
      feed(office, tracker, notifications, clock.instant());
      assertAgree(office, tracker, "seed 77 step " + i);
    }
  }

  private static void agreeOver(long seed, int extensions, int steps) {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T09:00:00Z"));
    Office office = new Office(SimulatorOptions.builder().seed(seed).extensions(extensions).eventsPerSecond(0).clock(clock).build());
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    snapshotAll(office, tracker, clock.instant());
    assertAgree(office, tracker, "seed " + seed + " initially");
    for (int i = 0; i < steps; i++) {
      clock.advance(Duration.ofMillis(500));
      feed(office, tracker, office.step(), clock.instant());
      assertAgree(office, tracker, "seed " + seed + " step " + i);
    }
  }

  private static void snapshotAll(Office office, PresenceTracker tracker, Instant now) {
    for (SimExtension e : office.extensions()) {
      tracker.apply(new EngineInput.SnapshotReceived(office.snapshot(e), now));
    }
  }

  private static void feed(Office office, PresenceTracker tracker, List<SimNotification> notifications, Instant now) {
    List<ResyncRequest> resyncs = new ArrayList<>();
    for (SimNotification n : notifications) {
      Notification envelope = new Notification(n.uuid(), "/restapi/v1.0/account/1/extension/" + n.extensionId()
          + "/presence?detailedTelephonyState=true&sipData=true", n.timestamp(), "sub", "owner", n.body());
      Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(envelope, now));
      resyncs.addAll(outcome.resyncRequests());
    }
    for (ResyncRequest r : resyncs) {
      tracker.apply(new EngineInput.SnapshotReceived(office.snapshot(office.extension(r.extensionId())), now));
    }
  }

  private static void assertAgree(Office office, PresenceTracker tracker, String when) {
    Map<String, ExtensionState> truth = office.truth();
    for (ExtensionState t : truth.values()) {
      ExtensionState seen = tracker.state(t.extensionId()).orElseThrow();
      assertThat(RingCentralSimulator.comparable(seen))
          .as("%s, extension %s", when, t.extensionId())
          .isEqualTo(RingCentralSimulator.comparable(t));
    }
  }
}
