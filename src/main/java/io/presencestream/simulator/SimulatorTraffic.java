package io.presencestream.simulator;

import io.presencestream.model.DndStatus;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Control of the simulated office's traffic: run it at a rate, or step it by hand in tests. A step
 * starts a new scenario (a call, a RingOut, a burst of calls, a presence change, …) or advances a
 * running one by one move, and sends one notification per extension it touched.
 *
 * <p>Safe to call from any thread. Steps are serialised with everything else the simulator does.
 */
public final class SimulatorTraffic {

  /** A running timer and its rate; replaced as a whole, so start, stop and rate never need a lock. */
  private record Running(Disposable timer, double rate) {}

  private final RingCentralSimulator simulator;
  private final Scheduler scheduler;
  private final AtomicReference<Running> running = new AtomicReference<>();

  SimulatorTraffic(RingCentralSimulator simulator, Scheduler scheduler) {
    this.simulator = simulator;
    this.scheduler = scheduler;
  }

  /**
   * Runs one step now, on the calling thread; the notifications are written before it returns.
   *
   * @return how many notifications it produced (before fan-out to subscriptions)
   */
  public int step() {
    int n;
    synchronized (simulator.lock()) {
      Office office = simulator.office();
      office.recordSessionChanges(simulator.gateway().wantsSessions());
      n = route(office.step());
    }
    simulator.gateway().flush();
    return n;
  }

  /**
   * Plays one scenario of the named kind from start to end, outside the random traffic, one step after the
   * other, each routed and flushed like a {@link #step()} (tests that need every kind of call).
   *
   * @param kind one of {@link ScenarioGenerator#KINDS}
   * @return how many presence notifications it produced
   * @throws IllegalArgumentException for an unknown kind or too few free available extensions
   */
  int play(String kind) {
    Scenario scenario = start(kind);
    int n = 0;
    while (!scenario.done()) {
      n += advance(scenario);
    }
    return n;
  }

  /**
   * Starts one scenario of the named kind outside the random traffic; nothing happens until {@link #advance}.
   *
   * @throws IllegalArgumentException for an unknown kind or too few free available extensions
   */
  Scenario start(String kind) {
    synchronized (simulator.lock()) {
      return simulator.office().play(kind);
    }
  }

  /** Runs the next step of a scenario from {@link #start}, routed and flushed. @return presence notifications */
  int advance(Scenario scenario) {
    int n;
    synchronized (simulator.lock()) {
      Office office = simulator.office();
      office.recordSessionChanges(simulator.gateway().wantsSessions());
      n = route(office.advance(scenario));
    }
    simulator.gateway().flush();
    return n;
  }

  /** Routes a step's presence notifications, then the telephony-session changes it recorded; under the lock. */
  private int route(List<SimNotification> notifications) {
    Gateway gateway = simulator.gateway();
    notifications.forEach(gateway::route);
    simulator.office().takeSessionChanges().forEach(gateway::route);
    simulator.office().takeQueueChanges().forEach(gateway::route);
    return notifications.size();
  }

  /**
   * Runs several steps now, one after the other.
   *
   * @param steps how many; 0 or less runs none
   * @return how many notifications they produced
   */
  public int step(int steps) {
    int n = 0;
    for (int i = 0; i < steps; i++) {
      n += step();
    }
    return n;
  }

  /**
   * Starts stepping on a timer, or changes the rate of a running timer.
   *
   * @param stepsPerSecond the rate, above 0 and at most 10000
   * @throws IllegalArgumentException for a rate out of range
   */
  public void start(double stepsPerSecond) {
    if (!(stepsPerSecond > 0) || stepsPerSecond > 10_000) {
      throw new IllegalArgumentException("stepsPerSecond must be in (0, 10000]");
    }
    Duration period = Duration.ofNanos((long) (1_000_000_000L / stepsPerSecond));
    Disposable timer = Flux.interval(period, period, scheduler)
        .onBackpressureDrop()
        .subscribe(t -> {
          try {
            step();
          } catch (RuntimeException e) {
            RingCentralSimulator.log().warn("traffic step failed", e);
          }
        });
    Running previous = running.getAndSet(new Running(timer, stepsPerSecond));
    if (previous != null) {
      previous.timer().dispose();
    }
  }

  /**
   * Turns the random traffic's bursts (more calls on one extension than a notification carries) on or off. A
   * consumer sees every state of those calls only if it fetches each truncated extension over REST at once;
   * a test that compares figures built from every transient state (the contact-centre view with
   * {@link RingCentralSimulator#agentTruth()}) turns them off. On by default; named plays are not affected.
   *
   * @param on whether bursts are played; off, an inbound call is played where a burst would be
   */
  public void bursts(boolean on) {
    synchronized (simulator.lock()) {
      simulator.office().bursts(on);
    }
  }

  /** Starts stepping at the rate of the options (or 2 a second if that is 0). */
  public void start() {
    double configured = simulator.options().eventsPerSecond();
    start(configured > 0 ? configured : 2.0);
  }

  /**
   * Stops stepping; the office keeps its state, and {@link #step()} still works. A step already under
   * way on the timer's thread may still finish after this returns.
   */
  public void stop() {
    Running previous = running.getAndSet(null);
    if (previous != null) {
      previous.timer().dispose();
    }
  }

  /** Whether traffic is being stepped on a timer now (between {@code start} and {@link #stop()}). */
  boolean running() {
    Running r = running.get();
    return r != null && !r.timer().isDisposed();
  }

  /** {@return the current rate in steps per second, or 0 when stopped} */
  public double rate() {
    Running r = running.get();
    return r != null && !r.timer().isDisposed() ? r.rate() : 0;
  }

  /** Steps taken so far. */
  long steps() {
    synchronized (simulator.lock()) {
      return simulator.office().steps();
    }
  }

  /**
   * Changes one extension's presence now and notifies subscribers; {@code null} arguments keep their
   * value (an absent field means "unchanged" on the wire too). @return notifications produced (1)
   */
  int setPresence(String extensionId, UserStatus userStatus, DndStatus dndStatus, String message) {
    int n;
    synchronized (simulator.lock()) {
      List<SimNotification> notifications = simulator.office().setPresence(extensionId, userStatus, dndStatus, message);
      notifications.forEach(simulator.gateway()::route);
      n = notifications.size();
    }
    simulator.gateway().flush();
    return n;
  }
}
