package io.presencestream.daemon;

import io.presencestream.ContactCentre;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Directory;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.Health;
import io.presencestream.store.HistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The daemon's restore of the contact-centre view from the history at start (README "History", "What survives
 * a restart"): waits for the first directory, applies the events earlier runs stored since {@link #from}, all
 * within one time budget, logs what it restored, and says how far it is in {@code /health/ready} (down while it
 * runs, so that a wallboard behind a load balancer does not read half-rebuilt figures).
 */
final class HistoryRestore {

  private static final Logger log = LoggerFactory.getLogger(HistoryRestore.class);

  /** The longest rolling window ({@code last1h}): its calls may have started before midnight. */
  static final Duration ROLLING_WINDOW = Duration.ofHours(1);

  /**
   * Read before the earliest instant the figures need, so that calls still running then (a call's end counts
   * it, and a queue call's wait starts at its entry) and wrap-ups that end after it are known: calls and
   * wrap-ups longer than this, and still running at that instant, are the ones a restore cannot rebuild.
   */
  static final Duration CARRY_OVER = Duration.ofHours(2);

  /** The engine's kinds, the view's inputs; the view's own (agent.state, queue.stats, alert.*) are not read. */
  static final List<EventKind> ENGINE_KINDS = List.of(EventKind.PRESENCE, EventKind.CALL_NEW, EventKind.CALL_RINGING,
      EventKind.CALL_UPDATED, EventKind.CALL_ENDED, EventKind.SESSION_STARTED, EventKind.PARTY_UPDATED,
      EventKind.SESSION_ENDED);

  private enum Phase { WAITING, RUNNING, DONE }

  private final ContactCentre centre;
  private final HistoryStore store;
  private final PresenceCodec codec;
  private final Clock clock;
  private final Duration budget;
  /** The account whose events the view follows (several accounts), or null: every stored event. */
  private final Supplier<String> account;
  private volatile Phase phase = Phase.WAITING;
  private volatile String outcome = "";
  private volatile long startNanos;

  HistoryRestore(ContactCentre centre, HistoryStore store, PresenceCodec codec, Clock clock, Duration budget) {
    this(centre, store, codec, clock, budget, () -> null);
  }

  /**
   * A restore of the view that follows one of several accounts: the other accounts' stored events are not
   * its inputs, as they are not live.
   *
   * @param account the followed account's id, read when the restore starts (a real account's id is read
   *     over REST before its events flow), or null for every stored event
   */
  HistoryRestore(ContactCentre centre, HistoryStore store, PresenceCodec codec, Clock clock, Duration budget,
      Supplier<String> account) {
    this.account = account;
    this.centre = centre;
    this.store = store;
    this.codec = codec;
    this.clock = clock;
    this.budget = budget;
  }

  /**
   * Where the restore starts reading: {@link #CARRY_OVER} before the earlier of today's midnight (in the
   * view's zone) and the start of the last hour.
   */
  static Instant from(Instant now, ZoneId zone) {
    Instant midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    Instant hourAgo = now.minus(ROLLING_WINDOW);
    return (hourAgo.isBefore(midnight) ? hourAgo : midnight).minus(CARRY_OVER);
  }

  /**
   * Runs the restore once the first directory arrives; completes when the view may go live (restored, out
   * of budget, or failed: each logged). Never fails.
   */
  Mono<Void> run(Mono<Directory> firstDirectory) {
    return Mono.defer(() -> {
      startNanos = System.nanoTime();
      long deadline = startNanos + budget.toNanos();
      return firstDirectory
          .timeout(budget)
          .flatMap(directory -> {
            phase = Phase.RUNNING;
            Instant from = from(clock.instant(), centre.options().timeZone());
            log.info("presence-stream: contact-centre view: restoring the figures from the events stored since {}", from);
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            String followed = account.get();
            return centre.restore(directory, store.earlierEvents(from, ENGINE_KINDS, codec::decodeEvent)
                .filter(event -> followed == null || followed.equals(event.accountId())), left);
          })
          .doOnNext(this::restored)
          .onErrorResume(e -> {
            String why = e instanceof TimeoutException ? "no directory within the restore budget of " + budget : e.toString();
            log.warn("presence-stream: contact-centre view: not restored from the history ({}): today's figures start now", why);
            outcome = "not restored (" + why + "): today's figures start at this start";
            return Mono.empty();
          })
          .then(Mono.<Void>fromRunnable(this::done)) // before the view subscribes: readiness never lags it
          .doOnCancel(this::done);
    });
  }

  private void done() {
    if (outcome.isEmpty()) {
      outcome = "not restored (no directory): today's figures start at this start";
    }
    phase = Phase.DONE;
  }

  private void restored(ContactCentre.Restored r) {
    String what = r.events() + " stored event(s), " + r.agents() + " agent(s), " + r.queueCalls()
        + " queue call(s) today, in " + r.took().toMillis() + " ms";
    long unreadable = store.unreadableEvents();
    String skipped = unreadable == 0 ? "" : ", " + unreadable + " unreadable event(s) skipped";
    if (r.complete()) {
      log.info("presence-stream: contact-centre view: restored from the history: {}{}", what, skipped);
      outcome = "restored from the history: " + what + skipped;
    } else {
      log.warn("presence-stream: contact-centre view: the restore budget of {} ran out: live without the rest of"
          + " the stored events; restored {}{}", budget, what, skipped);
      outcome = "restore budget of " + budget + " ran out, live without the rest: " + what + skipped;
    }
  }

  /** {@return down while the restore waits or runs, with its progress; up after, saying what it did} */
  Health health() {
    return switch (phase) {
      case WAITING -> Health.down("waiting for the directory to restore today's figures from the history");
      case RUNNING -> Health.down("restoring today's figures from the history: " + centre.restoredEvents()
          + " event(s) applied in " + Duration.ofNanos(System.nanoTime() - startNanos).toSeconds() + " s (budget "
          + budget.toSeconds() + " s)");
      case DONE -> Health.up(outcome);
    };
  }
}
