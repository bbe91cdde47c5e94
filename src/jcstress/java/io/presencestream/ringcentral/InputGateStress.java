package io.presencestream.ringcentral;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * {@link InputGate} with a connection delivering a notification while the resync lane holds the same
 * extension, reads its snapshot and releases: the notification is never lost, and if it arrived during
 * the hold it comes after the snapshot (the engine never moves back in time).
 */
@JCStressTest
@Outcome(id = "N S", expect = ACCEPTABLE, desc = "the notification arrived before the hold")
@Outcome(id = "S N", expect = ACCEPTABLE, desc = "the notification was held and emitted after the snapshot")
@Outcome(expect = FORBIDDEN, desc = "the notification was lost, repeated, or emitted inside the hold before the snapshot")
@State
public class InputGateStress {

  private final ConcurrentLinkedQueue<String> emitted = new ConcurrentLinkedQueue<>();
  private final InputGate gate;

  public InputGateStress() {
    @SuppressWarnings("unchecked")
    FluxSink<EngineInput>[] sink = new FluxSink[1];
    Flux.<EngineInput>create(s -> sink[0] = s)
        .subscribe(i -> emitted.add(i instanceof EngineInput.SnapshotReceived ? "S" : "N"));
    gate = new InputGate(sink[0], 16, new ClientMetrics(new SimpleMeterRegistry()), id -> {});
  }

  @Actor
  public void connection() {
    PresenceUpdate body = new PresenceUpdate("101", 7L, null, null, null, null, null, null, null, null);
    gate.notification(new Notification("u7", "/presence", null, "sub", "101", body), Instant.EPOCH);
  }

  @Actor
  public void resyncLane() {
    InputGate.Hold hold = gate.hold(Set.of("101"));
    PresenceUpdate snapshot = new PresenceUpdate("101", null, null, null, null, null, null, null, null, List.of());
    gate.release(hold, List.of(snapshot), Instant.EPOCH);
  }

  @Arbiter
  public void arbiter(L_Result r) {
    r.r1 = String.join(" ", emitted);
  }
}
