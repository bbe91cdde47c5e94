package io.presencestream.daemon;

import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.TelephonySession;
import io.presencestream.server.AccountProvider;
import io.presencestream.server.SessionProvider;
import io.presencestream.server.StateProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The daemon's accounts together: what the HTTP API reads without {@code ?account=} (every account's states,
 * sessions and directory, merged; extension ids are unique across RingCentral), each account's share for
 * {@code ?account=}, which account holds which id, and when the last of them has stopped.
 */
final class Accounts {

  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final List<AccountRun> runs;
  /** Account id → the run serving it: claimed once the id is known, so that no account is served twice. */
  private final Map<String, AccountRun> byId = new ConcurrentHashMap<>();
  private final AtomicInteger running;
  private volatile Throwable lastError;

  Accounts(List<AccountRun> runs) {
    this.runs = List.copyOf(runs);
    this.running = new AtomicInteger(runs.size());
  }

  /** Takes {@code accountId} for {@code run}; false when another run serves it already. */
  boolean claim(String accountId, AccountRun run) {
    AccountRun holder = byId.putIfAbsent(accountId, run);
    return holder == null || holder == run;
  }

  /**
   * One account stopped for good: logged, and its events end; the others go on. Once every account has stopped,
   * the daemon ends with this error.
   */
  Flux<PresenceEvent> ended(AccountRun run, Throwable error) {
    log.error("presence-stream: account {} stopped: {} (the other accounts go on)", run.name(), error.toString());
    lastError = error;
    if (running.decrementAndGet() == 0) {
      return Flux.error(error);
    }
    return Flux.empty();
  }

  /** Why the merged feed completed: the last account's error, or the source's end. */
  Throwable whyAllEnded() {
    Throwable error = lastError;
    return error != null ? error : new IllegalStateException("the source ended");
  }

  /** Every account's states: a run's engine is created before the server starts. */
  StateProvider states() {
    if (runs.size() == 1) {
      return runs.get(0).states();
    }
    List<StateProvider> each = runs.stream().map(AccountRun::states).toList();
    return StateProvider.of(
        id -> each.stream().map(states -> states.state(id)).flatMap(Optional::stream).findFirst(),
        () -> {
          Map<String, ExtensionState> all = new LinkedHashMap<>();
          each.forEach(states -> all.putAll(states.states()));
          return all;
        });
  }

  /** Every account's live sessions. */
  SessionProvider sessions() {
    if (runs.size() == 1) {
      return runs.get(0).sessions();
    }
    List<SessionProvider> each = runs.stream().map(AccountRun::sessions).toList();
    return SessionProvider.of(
        id -> each.stream().flatMap(sessions -> sessions.sessions(id).stream()).toList(),
        () -> {
          Map<String, List<TelephonySession>> all = new LinkedHashMap<>();
          for (SessionProvider sessions : each) {
            // a queue of one account may share its id with another's only in simulated accounts: both are kept
            sessions.sessions().forEach((id, list) -> all.merge(id, list, (a, b) -> {
              List<TelephonySession> both = new ArrayList<>(a);
              both.addAll(b);
              return both;
            }));
          }
          return all;
        });
  }

  /** Every account's directory, in account order. */
  List<ExtensionInfo> directory() {
    if (runs.size() == 1) {
      return runs.get(0).directory();
    }
    List<ExtensionInfo> all = new ArrayList<>();
    runs.forEach(run -> all.addAll(run.directory()));
    return all;
  }

  /** Each account's share, by its id, for {@code ?account=}; an account whose id is not read yet is not listed. */
  AccountProvider provider() {
    return AccountProvider.of(
        () -> runs.stream().filter(run -> run.accountId() != null && byId.get(run.accountId()) == run)
            .map(AccountRun::accountId).toList(),
        id -> Optional.ofNullable(byId.get(id)).map(AccountRun::view));
  }
}
