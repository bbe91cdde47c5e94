package io.presencestream.cluster;

import io.presencestream.model.EngineInput;
import io.presencestream.model.Party;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.model.TelephonySessionUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest's memory of which extensions each telephony session concerns, to split a notification into
 * one raw record per extension it concerns. The engine's rule (see {@code SessionTracker}): a notification
 * with an extension is that extension's; an account-level one concerns each extension with a party in it
 * and each extension already tracking the session. The ingest runs no engine, so for the last it
 * remembers, per session, every extension that may track it: the extension of each extension-level
 * notification, the parties' extensions of each account-level one (the only ways an extension starts
 * tracking a session). That is a superset of the engine's set; the processor applies each record for its
 * key's extension only if the engine's own rule says it concerns it, so a record sent to an extension that
 * stopped tracking the session changes nothing, and none of the engine's extensions is missed.
 *
 * <p><b>Bounded.</b> A session is forgotten {@code endedRetention} (input time) after every party it
 * reported was last reported {@code Disconnected} or {@code Gone} (by sequence), long enough for its late
 * notifications and for a moved call's switch grace ({@code SessionOptions.switchGrace}, 10 s by default,
 * must be shorter); and beyond {@code maxSessions} the least recently notified session is forgotten
 * ({@code evicted}): a later account-level notification of it without a party of an extension that tracks
 * it then does not reach that extension. An ingest that restarts forgets every session the same way.
 *
 * <p>Not thread-safe: one serial stage (one {@link KafkaIngest#publish} subscription) owns an instance.
 */
final class SessionRoutes {

  /** Sessions remembered at most: far more than an account's calls in progress at once. */
  static final int DEFAULT_MAX_SESSIONS = 65_536;
  /** How long an ended session is remembered: the engine's sequence memory. */
  static final Duration DEFAULT_ENDED_RETENTION = Duration.ofSeconds(60);

  private record PartySeen(Long sequence, boolean left) {}

  /** One session: the extensions that may track it, its parties' last status, and when it ended. */
  private static final class Route {
    final String telephonySessionId;
    final Set<String> extensions = new LinkedHashSet<>(4);
    final Map<String, PartySeen> parties = new HashMap<>(4);
    /** Input time at which every party had left; null while some party is still on. */
    Instant endedAt;

    Route(String telephonySessionId) {
      this.telephonySessionId = telephonySessionId;
    }
  }

  private record Ended(Route route, Instant at) {}

  private final int maxSessions;
  private final Duration endedRetention;
  private final Runnable onEvicted;
  /** Access order: the eldest entry is the session notified least recently. */
  private final LinkedHashMap<String, Route> routes;
  /** Sessions that ended, in the order they ended, to forget them after the retention. */
  private final ArrayDeque<Ended> ended = new ArrayDeque<>();

  /**
   * @param maxSessions sessions remembered at most
   * @param endedRetention how long (input time) a session is remembered after its parties all left
   * @param onEvicted told of each session forgotten for the bound while it had a party on
   */
  SessionRoutes(int maxSessions, Duration endedRetention, Runnable onEvicted) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1");
    }
    this.maxSessions = maxSessions;
    this.endedRetention = endedRetention;
    this.onEvicted = onEvicted;
    this.routes = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Route> eldest) {
        if (size() <= SessionRoutes.this.maxSessions) {
          return false;
        }
        if (eldest.getValue().endedAt == null) {
          SessionRoutes.this.onEvicted.run();
        }
        return true;
      }
    };
  }

  /**
   * The extensions a notification is for, in the engine's order (its own extension; else its parties'
   * extensions, then the others that may track the session), and learns from it.
   *
   * @param notification the notification
   * @param receivedAt its receive time: this memory's clock
   * @return the extensions, each once; empty for an account-level notification of a session no extension
   *     is known to track and without a party of an extension (the engine drops it: {@code no_owner})
   */
  List<String> route(TelephonySessionNotification notification, Instant receivedAt) {
    forgetEnded(receivedAt);
    TelephonySessionUpdate update = notification.body();
    String id = update.telephonySessionId();
    Route route = routes.get(id);
    Set<String> extensions = new LinkedHashSet<>(4);
    if (update.extensionId() != null) {
      extensions.add(update.extensionId());
    } else {
      for (Party p : update.parties()) {
        if (p.extensionId() != null) {
          extensions.add(p.extensionId());
        }
      }
    }
    if (route == null && extensions.isEmpty()) {
      return List.of();
    }
    if (route == null) {
      route = new Route(id);
      routes.put(id, route);
    }
    // the extensions learnt here are those the engine may start tracking the session for
    route.extensions.addAll(extensions);
    learnParties(route, update, receivedAt);
    if (update.extensionId() != null) {
      return List.copyOf(extensions);
    }
    extensions.addAll(route.extensions);
    return List.copyOf(extensions);
  }

  /**
   * The shares of a telephony-session input, one per extension it is for (see {@link #route}); an input
   * that is already a share is its own only share.
   *
   * @param input the input
   * @return its shares in the engine's order of extensions, empty when it concerns none
   */
  List<EngineInput.TelephonySessionReceived> shares(EngineInput.TelephonySessionReceived input) {
    if (input.forExtension() != null) {
      return List.of(input);
    }
    List<String> extensions = route(input.notification(), input.receivedAt());
    List<EngineInput.TelephonySessionReceived> shares = new ArrayList<>(extensions.size());
    for (String extensionId : extensions) {
      shares.add(input.shareFor(extensionId));
    }
    return shares;
  }

  /** How many sessions are remembered. */
  int size() {
    return routes.size();
  }

  private void learnParties(Route route, TelephonySessionUpdate update, Instant receivedAt) {
    Long sequence = update.sequence();
    for (Party p : update.parties()) {
      PartySeen seen = route.parties.get(p.id());
      if (seen == null || sequence == null || seen.sequence() == null || sequence >= seen.sequence()) {
        route.parties.put(p.id(), new PartySeen(sequence, p.code().isFinal()));
      }
    }
    boolean allLeft = !route.parties.isEmpty();
    for (PartySeen seen : route.parties.values()) {
      allLeft &= seen.left();
    }
    if (!allLeft) {
      route.endedAt = null;
    } else if (route.endedAt == null) {
      route.endedAt = receivedAt;
      ended.add(new Ended(route, receivedAt));
      if (ended.size() > maxSessions) {
        forget(ended.poll());
      }
    }
  }

  private void forgetEnded(Instant now) {
    Instant before = now.minus(endedRetention);
    while (!ended.isEmpty() && ended.peek().at().isBefore(before)) {
      forget(ended.poll());
    }
  }

  /** Forgets an ended session, unless it came back to life (or ended again later) meanwhile. */
  private void forget(Ended e) {
    Route route = e.route();
    if (e.at().equals(route.endedAt)) {
      routes.remove(route.telephonySessionId, route);
    }
  }
}
