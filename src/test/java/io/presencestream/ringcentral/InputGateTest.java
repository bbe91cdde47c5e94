package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

class InputGateTest {

  private final List<EngineInput> emitted = new ArrayList<>();
  private final List<String> resyncs = new ArrayList<>();
  private final ClientMetrics metrics = new ClientMetrics(new SimpleMeterRegistry());

  private InputGate gate(int maxHeld) {
    FluxSink<EngineInput>[] sink = new FluxSink[1];
    Flux.<EngineInput>create(s -> sink[0] = s).subscribe(emitted::add);
    return new InputGate(sink[0], maxHeld, metrics, resyncs::add);
  }

  private static Notification notification(String ext, long sequence) {
    PresenceUpdate body = new PresenceUpdate(ext, sequence, null, null, null, null, null, null, null, null);
    return new Notification("u" + sequence, "/presence", null, "sub", ext, body);
  }

  private static PresenceUpdate snapshot(String ext) {
    return new PresenceUpdate(ext, null, null, null, null, null, null, null, null, List.of());
  }

  private List<String> trace() {
    return emitted.stream()
        .map(
            i ->
                i instanceof EngineInput.SnapshotReceived s
                    ? "snapshot " + s.presence().extensionId()
                    : "notification " + ((EngineInput.NotificationReceived) i).notification().body().sequence())
        .toList();
  }

  @Test
  void passesNotificationsStraightThroughWhenNothingIsRead() {
    InputGate gate = gate(10);
    gate.notification(notification("101", 1), Instant.EPOCH);

    assertThat(trace()).containsExactly("notification 1");
  }

  @Test
  void emitsASnapshotBeforeTheNotificationsThatArrivedWhileItWasRead() {
    InputGate gate = gate(10);
    InputGate.Hold hold = gate.hold(Set.of("101"));
    gate.notification(notification("101", 5), Instant.EPOCH);
    gate.notification(notification("102", 6), Instant.EPOCH);
    gate.notification(notification("101", 7), Instant.EPOCH);

    assertThat(trace()).containsExactly("notification 6");

    gate.release(hold, List.of(snapshot("101")), Instant.EPOCH);

    assertThat(trace()).containsExactly("notification 6", "snapshot 101", "notification 5", "notification 7");
  }

  @Test
  void aRemovedExtensionIsForgottenAndWhatStillArrivesForItIsDroppedUntilWatchedAgain() {
    InputGate gate = gate(10);
    InputGate.Hold hold = gate.hold(Set.of("101", "102"));
    gate.notification(notification("101", 1), Instant.EPOCH);
    gate.notification(notification("102", 2), Instant.EPOCH);

    gate.remove(Set.of("101"), Instant.EPOCH.plusSeconds(1));
    gate.notification(notification("101", 3), Instant.EPOCH);
    gate.release(hold, List.of(snapshot("101"), snapshot("102")), Instant.EPOCH);

    assertThat(emitted).first().isEqualTo(new EngineInput.ExtensionRemoved("101", Instant.EPOCH.plusSeconds(1)));
    assertThat(emitted.subList(1, emitted.size()))
        .extracting(i -> i instanceof EngineInput.SnapshotReceived snap ? "snapshot " + snap.presence().extensionId()
            : "notification " + ((EngineInput.NotificationReceived) i).notification().body().extensionId())
        .containsExactly("snapshot 102", "notification 102");
    assertThat(metrics.notificationsIgnored.count()).isEqualTo(1);

    gate.watch(Set.of("101"));
    gate.notification(notification("101", 4), Instant.EPOCH);
    assertThat(emitted).last().isInstanceOfSatisfying(EngineInput.NotificationReceived.class,
        n -> assertThat(n.notification().body().sequence()).isEqualTo(4));
  }

  @Test
  void aHoldOnAllExtensionsHoldsEveryNotification() {
    InputGate gate = gate(10);
    InputGate.Hold hold = gate.hold(null);
    gate.notification(notification("102", 6), Instant.EPOCH);
    gate.release(hold, List.of(snapshot("101"), snapshot("102")), Instant.EPOCH);

    assertThat(trace()).containsExactly("snapshot 101", "snapshot 102", "notification 6");
  }

  @Test
  void keepsHoldingWhileAnotherReadCoversTheExtension() {
    InputGate gate = gate(10);
    InputGate.Hold first = gate.hold(Set.of("101"));
    InputGate.Hold second = gate.hold(Set.of("101", "102"));
    gate.notification(notification("101", 5), Instant.EPOCH);
    gate.release(first, List.of(snapshot("101")), Instant.EPOCH);
    gate.release(first, List.of(), Instant.EPOCH);

    assertThat(trace()).containsExactly("snapshot 101");

    gate.release(second, List.of(snapshot("101"), snapshot("102")), Instant.EPOCH);

    assertThat(trace()).containsExactly("snapshot 101", "snapshot 101", "snapshot 102", "notification 5");
  }

  @Test
  void dropsTheOldestHeldNotificationBeyondTheBoundAndAsksForAResync() {
    InputGate gate = gate(2);
    InputGate.Hold hold = gate.hold(Set.of("101"));
    gate.notification(notification("101", 1), Instant.EPOCH);
    gate.notification(notification("101", 2), Instant.EPOCH);
    gate.notification(notification("101", 3), Instant.EPOCH);
    gate.release(hold, List.of(), Instant.EPOCH);

    assertThat(trace()).containsExactly("notification 2", "notification 3");
    assertThat(resyncs).containsExactly("101");
    assertThat(metrics.notificationsDropped.count()).isEqualTo(1);
  }

  /**
   * Each socket hands its notifications to the gate on its own event loop, and the gate's emission
   * runs the engine and everything downstream: a socket must never wait while another one's
   * notification is in there; its own is emitted right after, by that thread.
   */
  @Test
  void aConnectionNeverWaitsWhileAnotherThreadRunsTheEngine() throws Exception {
    CountDownLatch engineBusy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    FluxSink<EngineInput>[] sink = new FluxSink[1];
    Flux.<EngineInput>create(s -> sink[0] = s).subscribe(input -> {
      String id = ((EngineInput.NotificationReceived) input).notification().extensionId();
      seen.add(id);
      if (id.equals("101")) {
        engineBusy.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    InputGate gate = new InputGate(sink[0], 10, metrics, id -> {});
    Thread first = new Thread(() -> gate.notification(notification("101", 1), Instant.EPOCH), "socket-1");
    first.start();
    assertThat(engineBusy.await(5, TimeUnit.SECONDS)).isTrue();

    Thread second = new Thread(() -> gate.notification(notification("102", 1), Instant.EPOCH), "socket-2");
    second.start();
    second.join(2_000);
    boolean secondWaited = second.isAlive();
    release.countDown();
    first.join(5_000);
    second.join(5_000);

    assertThat(secondWaited).as("socket-2 waited for the engine running on socket-1").isFalse();
    assertThat(seen).containsExactly("101", "102");
  }

  private static EngineInput session(String ext, long sequence) {
    TelephonySessionUpdate body = new TelephonySessionUpdate(sequence, null, "s-" + sequence, null, null, null, ext,
        null, List.of());
    return new EngineInput.TelephonySessionReceived(
        new TelephonySessionNotification("t" + sequence, "/telephony/sessions", null, "sub", "101", body), Instant.EPOCH);
  }

  private List<String> feedTrace() {
    return emitted.stream()
        .map(i -> i instanceof EngineInput.TelephonySessionReceived t
            ? "session " + t.notification().body().sequence()
            : i instanceof EngineInput.SnapshotReceived s
                ? "snapshot " + s.presence().extensionId()
                : "notification " + ((EngineInput.NotificationReceived) i).notification().body().sequence())
        .toList();
  }

  @Test
  void anExtensionsTelephonySessionsWaitWithItsPresenceSoBothFeedsLeaveInArrivalOrder() {
    InputGate gate = gate(10);
    InputGate.Hold hold = gate.hold(Set.of("101"));
    gate.notification(notification("101", 1), Instant.EPOCH);
    gate.input(session("101", 2));
    gate.input(session("102", 3)); // another extension: not held
    gate.input(session(null, 4)); // account-level without extension: held only when everything is
    gate.notification(notification("101", 5), Instant.EPOCH);
    assertThat(feedTrace()).containsExactly("session 3", "session 4");

    gate.release(hold, List.of(snapshot("101")), Instant.EPOCH);
    assertThat(feedTrace()).containsExactly(
        "session 3", "session 4", "snapshot 101", "notification 1", "session 2", "notification 5");
  }

  @Test
  void aHoldOnEverythingHoldsTelephonySessionsWithoutAnExtensionToo() {
    InputGate gate = gate(10);
    InputGate.Hold hold = gate.hold(null);
    gate.input(session(null, 1));
    assertThat(emitted).isEmpty();
    gate.release(hold, List.of(), Instant.EPOCH);
    assertThat(feedTrace()).containsExactly("session 1");
  }

  @Test
  void aDroppedTelephonySessionIsCountedAsAGapAndAsksForNoPresenceRead() {
    InputGate gate = gate(1);
    gate.hold(Set.of("101"));
    gate.input(session("101", 1));
    gate.notification(notification("101", 2), Instant.EPOCH); // beyond the bound: the oldest held goes

    assertThat(metrics.telephonyGapsOverflow.count()).isEqualTo(1);
    assertThat(metrics.notificationsDropped.count()).isEqualTo(1);
    assertThat(resyncs).isEmpty();
  }
}
