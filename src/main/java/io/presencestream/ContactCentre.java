package io.presencestream;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Directory;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The contact-centre view: agent states, per-agent day figures, queue statistics and alerts, derived from
 * the engine's events, the directory and time as docs/contact-centre.md specifies.
 *
 * <pre>{@code
 * ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults(), meterRegistry, Clock.systemUTC());
 * Flux<PresenceEvent> engineEvents = engine.events(rawMessages).share();
 * centre.view(engineEvents, source.directory(Duration.ofMinutes(5)))
 *     .subscribe(hub::accept);          // agent.state, queue.stats, alert.raised, alert.cleared
 * centre.queues().forEach(q -> System.out.println(q.name() + " waiting " + q.waiting()));
 * }</pre>
 *
 * <p>What it promises:
 * <ul>
 *   <li><b>One serial stage.</b> Engine events, directories and clock ticks are applied one at a time, in
 *       arrival order, to pure rules that carry every input's instant (no clock read inside the rules), so
 *       a replay gives the same figures. One view is active per instance at a time: a second
 *       subscription while one is active fails with {@link IllegalStateException}.
 *   <li><b>Clock-driven changes at their exact instant.</b> A wrap-up that ends, a call leaving a rolling
 *       window or a duration alert is emitted at the next tick, carrying the instant it happened.
 *   <li><b>Bad input never stops the stream.</b> An event the rules cannot apply, or a directory they
 *       refuse, is counted and skipped; inputs beyond the bound wait for no one: they are dropped and counted.
 *   <li><b>Snapshots from any thread.</b> {@link #agents()}, {@link #agentDay}, {@link #queues()},
 *       {@link #alerts()} and {@link #directory()} read immutable values published by the serial stage:
 *       they never block and change nothing.
 * </ul>
 */
public final class ContactCentre {

  private final ContactCentreOptions options;
  private final MeterRegistry registry;
  private final Clock clock;

  private ContactCentre(ContactCentreOptions options, MeterRegistry registry, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A contact-centre view with the given settings.
   *
   * @param options the settings
   * @param registry where its meters ({@code presence.contactcentre.*}) go
   * @param clock what the ticks read the time from (a fixed or mutable clock in tests)
   * @return the view, with no subscription yet
   */
  public static ContactCentre create(ContactCentreOptions options, MeterRegistry registry, Clock clock) {
    return new ContactCentre(options, registry, clock);
  }

  /**
   * The settings it was created with.
   *
   * @return the options
   */
  public ContactCentreOptions options() {
    return options;
  }

  /**
   * Runs the view: subscribes to both publishers and to a tick every {@link ContactCentreOptions#tick()},
   * and emits the contact-centre events. Cancelling it cancels both publishers and the tick. The state
   * (agents, days, queue calls, alerts) lives in this instance and survives a new subscription.
   *
   * @param engineEvents the engine's events (presence, calls, telephony sessions); other kinds are ignored
   * @param directory directories, each replacing the last
   * @return the events, in the order their inputs were applied; an {@link IllegalStateException} error
   *     when another view of this instance is active
   */
  public Flux<ContactCentreEvent> view(Publisher<? extends PresenceEvent> engineEvents, Publisher<Directory> directory) {
    return Flux.error(new UnsupportedOperationException("not yet"));
  }

  /**
   * Every tracked extension's agent state, by extension number (then id).
   *
   * @return the agents as of the last applied input or tick
   */
  public List<AgentStatus> agents() {
    return List.of();
  }

  /**
   * Today's figures of one extension, with its timeline, as of the last applied input or tick.
   *
   * @param extensionId the extension id
   * @return the day, or empty for an extension with no agent state
   */
  public Optional<AgentDay> agentDay(String extensionId) {
    return Optional.empty();
  }

  /**
   * Every queue's statistics, by name (the pseudo-queue {@code unknown} last, when it has had calls).
   *
   * @return the queues as of the last applied input or tick
   */
  public List<QueueStats> queues() {
    return List.of();
  }

  /**
   * The open alerts, oldest first.
   *
   * @return the alerts as of the last applied input or tick
   */
  public List<Alert> alerts() {
    return List.of();
  }

  /**
   * The directory last applied, with the call-queue presence notifications applied to it.
   *
   * @return the directory, {@link Directory#EMPTY} before the first
   */
  public Directory directory() {
    return Directory.EMPTY;
  }
}
