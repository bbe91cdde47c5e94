package io.presencestream.ringcentral;

import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.publisher.FluxSink;

/**
 * The one exit of a source run: serialises notifications from every connection and REST snapshots
 * into the engine's input stream, in an order that keeps the engine right.
 *
 * <p>A REST snapshot is read <em>after</em> subscribing, so a notification may arrive while the read
 * is in flight, and it may be newer than the snapshot. Emitting the snapshot after it would move the
 * engine back in time. So while a read covers an extension, its notifications are held and emitted
 * after the snapshot: a held notification older than the snapshot is then re-applied, which is
 * harmless because every detailed-presence notification carries the full state and the newest one
 * comes last (or the engine drops it by sequence).
 *
 * <p>Held notifications are bounded ({@code maxHeld}); beyond it the oldest is dropped, counted and
 * its extension marked for a resync.
 */
final class InputGate {

  /** A hold on some extensions, or on all of them ({@code ids == null}). */
  static final class Hold {
    private final Set<String> ids;
    private boolean released;

    private Hold(Set<String> ids) {
      this.ids = ids;
    }
  }

  private final FluxSink<EngineInput> sink;
  private final int maxHeld;
  private final ClientMetrics metrics;
  private final Consumer<String> resyncLater;
  private final Map<String, Integer> holds = new HashMap<>();
  private int holdAll;
  private final Map<String, ArrayDeque<EngineInput.NotificationReceived>> held = new HashMap<>();
  private int heldCount;

  InputGate(FluxSink<EngineInput> sink, int maxHeld, ClientMetrics metrics, Consumer<String> resyncLater) {
    this.sink = sink;
    this.maxHeld = maxHeld;
    this.metrics = metrics;
    this.resyncLater = resyncLater;
  }

  synchronized void notification(Notification notification, Instant receivedAt) {
    EngineInput.NotificationReceived input = new EngineInput.NotificationReceived(notification, receivedAt);
    String id = notification.extensionId();
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

  /** Holds notifications of these extensions ({@code null}: of all) until {@link #release}. */
  synchronized Hold hold(Collection<String> ids) {
    if (ids == null) {
      holdAll++;
      return new Hold(null);
    }
    Set<String> copy = Set.copyOf(ids);
    for (String id : copy) {
      holds.merge(id, 1, Integer::sum);
    }
    return new Hold(copy);
  }

  /** Emits the snapshots read under the hold, then whatever notifications no longer held. */
  synchronized void release(Hold hold, Collection<PresenceUpdate> snapshots, Instant receivedAt) {
    for (PresenceUpdate snapshot : snapshots) {
      sink.next(new EngineInput.SnapshotReceived(snapshot, receivedAt));
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

  private void flush() {
    if (holdAll > 0) {
      return;
    }
    Iterator<Map.Entry<String, ArrayDeque<EngineInput.NotificationReceived>>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, ArrayDeque<EngineInput.NotificationReceived>> e = it.next();
      if (holds.containsKey(e.getKey())) {
        continue;
      }
      for (EngineInput.NotificationReceived n : e.getValue()) {
        sink.next(n);
      }
      heldCount -= e.getValue().size();
      it.remove();
    }
  }

  private void dropOldest() {
    for (Iterator<Map.Entry<String, ArrayDeque<EngineInput.NotificationReceived>>> it = held.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, ArrayDeque<EngineInput.NotificationReceived>> e = it.next();
      e.getValue().pollFirst();
      heldCount--;
      metrics.notificationsDropped.increment();
      resyncLater.accept(e.getKey());
      if (e.getValue().isEmpty()) {
        it.remove();
      }
      return;
    }
  }
}
