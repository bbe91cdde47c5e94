package io.presencestream.server;

import java.util.ArrayDeque;
import java.util.List;
import reactor.core.publisher.FluxSink;

/**
 * One subscriber of the hub: a replay backlog (events from the history, at most the history size, shared
 * with the hub), then a bounded buffer of live events. Items are handed downstream only against demand,
 * so a client that stops reading fills its buffer and then meets the overflow policy; nothing else grows.
 */
final class ClientStream {

  /** Raised to a client's stream when its buffer overflows under {@link OverflowPolicy#DISCONNECT}. */
  static final class OverflowException extends RuntimeException {
    OverflowException(int capacity) {
      super("client read too slowly: more than " + capacity + " events waiting", null, false, false);
    }
  }

  /** What the hub counts for its clients (resolved meters). */
  interface Listener {
    void sent();

    void dropped(long events);

    void disconnected();
  }

  private final EventFilter filter;
  private final int capacity;
  private final OverflowPolicy policy;
  private final Listener listener;
  private final ArrayDeque<StreamItem> backlog;
  private final ArrayDeque<StreamItem.Event> buffer = new ArrayDeque<>();
  private final FluxSink<StreamItem> sink;
  private StreamItem.Gap pendingGap;
  private boolean draining;
  private boolean missed;
  private boolean completing;
  private boolean done;

  ClientStream(
      FluxSink<StreamItem> sink,
      EventFilter filter,
      int capacity,
      OverflowPolicy policy,
      Listener listener,
      List<StreamItem> replay) {
    this.sink = sink;
    this.filter = filter;
    this.capacity = capacity;
    this.policy = policy;
    this.listener = listener;
    this.backlog = new ArrayDeque<>(replay);
  }

  /** Called by the hub's single writer for every event. */
  synchronized void offer(StreamItem.Event event) {
    if (done || completing || !filter.matches(event.extensionId(), event.kind())) {
      return;
    }
    if (buffer.size() >= capacity) {
      if (policy == OverflowPolicy.DISCONNECT) {
        long lost = buffer.size() + 1L;
        buffer.clear();
        backlog.clear();
        done = true;
        listener.dropped(lost);
        listener.disconnected();
        sink.error(new OverflowException(capacity));
        return;
      }
      StreamItem.Event oldest = buffer.pollFirst();
      pendingGap =
          pendingGap == null
              ? new StreamItem.Gap(oldest.id(), oldest.id(), 1, StreamItem.GapReason.OVERFLOW)
              : new StreamItem.Gap(pendingGap.fromId(), oldest.id(), pendingGap.missed() + 1, StreamItem.GapReason.OVERFLOW);
      listener.dropped(1);
    }
    buffer.addLast(event);
    drain();
  }

  /** Completes the stream once what is buffered was delivered (the hub is closing). */
  synchronized void complete() {
    completing = true;
    drain();
  }

  /** Ends the stream now, buffered or not. */
  synchronized void terminate() {
    if (!done) {
      done = true;
      buffer.clear();
      backlog.clear();
      sink.complete();
    }
  }

  synchronized int buffered() {
    return buffer.size();
  }

  /**
   * Emits as much as is demanded. Re-entrant calls (a downstream that requests from within onNext) only
   * mark that another pass is needed, so demand is re-read and never exceeded.
   */
  synchronized void drain() {
    if (done) {
      return;
    }
    if (draining) {
      missed = true;
      return;
    }
    draining = true;
    try {
      do {
        missed = false;
        while (!done && sink.requestedFromDownstream() > 0) {
          StreamItem next = backlog.pollFirst();
          if (next == null && pendingGap != null) {
            next = pendingGap;
            pendingGap = null;
          }
          if (next == null) {
            next = buffer.pollFirst();
          }
          if (next == null) {
            break;
          }
          if (next instanceof StreamItem.Event) {
            listener.sent();
          }
          sink.next(next);
        }
        if (completing && !done && backlog.isEmpty() && pendingGap == null && buffer.isEmpty()) {
          done = true;
          sink.complete();
        }
      } while (missed);
    } finally {
      draining = false;
    }
  }
}
