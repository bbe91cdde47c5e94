package io.presencestream.ringcentral;

import io.presencestream.internal.SerialDrain;

import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.publisher.FluxSink;

/**
 * The one exit of a source run: serialises notifications from every connection (presence and telephony
 * sessions) and REST snapshots into the engine's input stream, in an order that keeps the engine right.
 *
 * <p>A REST snapshot is read <em>after</em> subscribing, so a notification may arrive while the read
 * is in flight, and it may be newer than the snapshot. Emitting the snapshot after it would move the
 * engine back in time. So while a read covers an extension, its notifications are held and emitted
 * after the snapshot: a held notification older than the snapshot is then re-applied, which is
 * harmless because every detailed-presence notification carries the full state and the newest one
 * comes last (or the engine drops it by sequence). An extension's telephony-session notifications are held
 * with its presence ones, so the two feeds of one extension leave in the order they arrived; an
 * account-level one that names no extension is held only while everything is.
 *
 * <p>No lock: {@link #notification}, {@link #hold} and {@link #release} only enqueue, in call order,
 * and one {@link SerialDrain} applies them and emits into the sink. The sink runs the engine and
 * everything downstream of it (hub, sinks, resync requests that come back here), so it must never run
 * under a monitor another connection's event loop could wait for; a call from inside it (a resync read
 * that takes a hold) is applied right after the current one. A hold taken on a connection's thread is
 * applied before any later notification of that thread.
 *
 * <p>Bounded: at most {@code maxHeld} notifications are held; beyond it the oldest is dropped, counted
 * and, for presence, its extension marked for a resync (a telephony session has no REST re-read: its loss
 * is counted as a gap). At most {@code maxHeld} more may wait for the drain (while another thread runs the
 * engine); beyond that a new one is refused the same way.
 */
final class InputGate {

  /** A hold on some extensions, or on all of them ({@code ids == null}). */
  static final class Hold {
    private final Set<String> ids;
    /** Touched only inside the drain. */
    private boolean released;

    private Hold(Set<String> ids) {
      this.ids = ids;
    }
  }

  private record Release(Hold hold, List<PresenceUpdate> snapshots, Instant receivedAt, Runnable emitted) {}

  private record Removal(Set<String> ids, Instant receivedAt) {}

  private record Rewatch(Set<String> ids) {}

  private final FluxSink<EngineInput> sink;
  private final int maxHeld;
  private final ClientMetrics metrics;
  private final Consumer<String> resyncLater;
  private final SerialDrain<Object> commands = new SerialDrain<>(this::apply);
  private final AtomicInteger waiting = new AtomicInteger();

  // Drain-confined state.
  private final Map<String, Integer> holds = new HashMap<>();
  private int holdAll;
  /** By extension; telephony sessions without one under the null key. */
  private final Map<String, ArrayDeque<EngineInput>> held = new HashMap<>();
  private int heldCount;
  /**
   * Extensions no longer watched: what still arrives for them (a notification sent before the subscription
   * changed, a snapshot read before) is dropped, so that it cannot bring a forgotten state back. Bounded by
   * the extensions the account ever removed during the run.
   */
  private final java.util.HashSet<String> removed = new java.util.HashSet<>();

  InputGate(FluxSink<EngineInput> sink, int maxHeld, ClientMetrics metrics, Consumer<String> resyncLater) {
    this.sink = sink;
    this.maxHeld = maxHeld;
    this.metrics = metrics;
    this.resyncLater = resyncLater;
  }

  void notification(Notification notification, Instant receivedAt) {
    input(new EngineInput.NotificationReceived(notification, receivedAt));
  }

  /** A notification from a connection: presence or a telephony session. */
  void input(EngineInput input) {
    if (waiting.incrementAndGet() > maxHeld) {
      waiting.decrementAndGet();
      dropped(input);
      return;
    }
    commands.offer(input);
  }

  /** The extension a notification is about, for holds; null for an account-level one without extension. */
  static String extensionOf(EngineInput input) {
    if (input instanceof EngineInput.NotificationReceived n) {
      return n.notification().extensionId();
    }
    if (input instanceof EngineInput.TelephonySessionReceived t) {
      return t.notification().body().extensionId();
    }
    throw new IllegalArgumentException("not a notification: " + input.getClass().getSimpleName());
  }

  private void dropped(EngineInput input) {
    metrics.notificationsDropped.increment();
    if (input instanceof EngineInput.NotificationReceived n) {
      resyncLater.accept(n.notification().extensionId());
    } else {
      metrics.telephonyGapsOverflow.increment();
    }
  }

  /** Holds notifications of these extensions ({@code null}: of all) until {@link #release}. */
  Hold hold(Collection<String> ids) {
    Hold hold = new Hold(ids == null ? null : Set.copyOf(ids));
    commands.offer(hold);
    return hold;
  }

  /**
   * These extensions are no longer watched: their held notifications are dropped, an
   * {@link EngineInput.ExtensionRemoved} is emitted for each, and whatever arrives for them later is
   * dropped until {@link #watch} takes them back.
   */
  void remove(Collection<String> ids, Instant receivedAt) {
    commands.offer(new Removal(Set.copyOf(ids), receivedAt));
  }

  /** These extensions are watched (again): their notifications and snapshots pass. Before their first hold. */
  void watch(Collection<String> ids) {
    commands.offer(new Rewatch(Set.copyOf(ids)));
  }

  /** Emits the snapshots read under the hold, then whatever notifications are no longer held. */
  void release(Hold hold, Collection<PresenceUpdate> snapshots, Instant receivedAt) {
    release(hold, snapshots, receivedAt, null);
  }

  /**
   * As {@link #release(Hold, Collection, Instant)}, then runs {@code emitted} (in the drain, right after the
   * snapshots went into the stream): what the snapshots loaded may be counted only from then on. It must only
   * enqueue, never call into the stream.
   */
  void release(Hold hold, Collection<PresenceUpdate> snapshots, Instant receivedAt, Runnable emitted) {
    commands.offer(new Release(hold, List.copyOf(snapshots), receivedAt, emitted));
  }

  private void apply(Object command) {
    if (command instanceof EngineInput n) {
      waiting.decrementAndGet();
      arrived(n);
    } else if (command instanceof Hold hold) {
      take(hold);
    } else if (command instanceof Removal removal) {
      forget(removal);
    } else if (command instanceof Rewatch rewatch) {
      removed.removeAll(rewatch.ids());
    } else {
      Release r = (Release) command;
      release(r.hold(), r.snapshots(), r.receivedAt());
      if (r.emitted() != null) {
        r.emitted().run();
      }
    }
  }

  private void arrived(EngineInput input) {
    String id = extensionOf(input);
    if (id != null && !removed.isEmpty() && removed.contains(id)) {
      metrics.notificationsIgnored.increment();
      return;
    }
    if (holdAll == 0 && !holds.containsKey(id) && !held.containsKey(id)) {
      sink.next(input);
      return;
    }
    if (heldCount >= maxHeld) {
      dropOldest();
    }
    held.computeIfAbsent(id, k -> new ArrayDeque<>()).addLast(input);
    heldCount++;
  }

  private void take(Hold hold) {
    if (hold.ids == null) {
      holdAll++;
      return;
    }
    for (String id : hold.ids) {
      holds.merge(id, 1, Integer::sum);
    }
  }

  private void release(Hold hold, List<PresenceUpdate> snapshots, Instant receivedAt) {
    for (PresenceUpdate snapshot : snapshots) {
      if (removed.isEmpty() || !removed.contains(snapshot.extensionId())) {
        sink.next(new EngineInput.SnapshotReceived(snapshot, receivedAt));
      }
    }
    if (hold.released) {
      return;
    }
    hold.released = true;
    if (hold.ids == null) {
      holdAll--;
    } else {
      for (String id : hold.ids) {
        holds.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
      }
    }
    flush();
  }

  private void forget(Removal removal) {
    for (String id : removal.ids()) {
      removed.add(id);
      ArrayDeque<EngineInput> dropped = held.remove(id);
      if (dropped != null) {
        heldCount -= dropped.size();
      }
      sink.next(new EngineInput.ExtensionRemoved(id, removal.receivedAt()));
    }
  }

  private void flush() {
    if (holdAll > 0) {
      return;
    }
    Iterator<Map.Entry<String, ArrayDeque<EngineInput>>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, ArrayDeque<EngineInput>> e = it.next();
      if (e.getKey() != null && holds.containsKey(e.getKey())) {
        continue;
      }
      it.remove();
      heldCount -= e.getValue().size();
      for (EngineInput n : e.getValue()) {
        sink.next(n);
      }
    }
  }

  private void dropOldest() {
    Iterator<Map.Entry<String, ArrayDeque<EngineInput>>> it = held.entrySet().iterator();
    if (!it.hasNext()) {
      return;
    }
    Map.Entry<String, ArrayDeque<EngineInput>> e = it.next();
    EngineInput oldest = e.getValue().pollFirst();
    heldCount--;
    if (e.getValue().isEmpty()) {
      it.remove();
    }
    dropped(oldest);
  }
}
