package io.presencestream.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of the hub: a replay backlog (events from the history, copied when it joined), then the
 * hub's {@link EventRing} read from its own cursor. Items are handed downstream only against demand, on
 * the subscriber's own executor (the connection's event loop for SSE) or on the thread that requests;
 * the hub's writer only {@link #signal}s. Matching events not yet taken wait in the ring; when the
 * subscriber's turn ends without demand they move to a buffer of at most {@code capacity} events, where
 * the overflow policy applies, so a client that stops reading holds at most that many events and nothing
 * else grows.
 *
 * <p>Two output modes: items ({@link StreamItem}s, one per element) for {@link EventHub#subscribe}, or
 * SSE frames concatenated into batches of at most {@code maxBatch} events per element, so a connection
 * writes once per batch rather than once per event, and flushes once per turn ({@link
 * ClientOutput#endOfTurn}).
 */
final class ClientStream implements Runnable, WakeGroup.Member {

  private static final Logger log = LoggerFactory.getLogger(ClientStream.class);

  /** Raised to a client's stream when its buffer overflows under {@link OverflowPolicy#DISCONNECT}. */
  static final class OverflowException extends RuntimeException {
    OverflowException(int capacity) {
      super("client read too slowly: more than " + capacity + " events waiting", null, false, false);
    }
  }

  /** What the hub counts for its clients (resolved meters). */
  interface Listener {
    /** {@code events} events were handed to the subscriber (one call per batch). */
    void sent(int events);

    /**
     * A live event was handed to this client {@code latencyNanos} after the input behind it was received
     * (wall clocks, so negative when the receiving host's clock is ahead). Not called for replays.
     */
    default void delivered(long latencyNanos) {}

    void dropped(long events);

    void disconnected();
  }

  private final EventFilter filter;
  private final int capacity;
  private final OverflowPolicy policy;
  private final Listener listener;
  private final ArrayDeque<StreamItem> backlog;
  private final ArrayDeque<EventRing.Entry> buffer = new ArrayDeque<>();
  /** Where items go: a Reactor sink or an SSE connection. */
  private final ClientOutput output;
  private final EventRing ring;
  /** Hub id of ring sequence 0: ids follow from sequence numbers, without reading a slot. */
  private final long idOfSequenceZero;
  private final Executor executor;
  private final int maxBatch;
  private final BooleanSupplier writable;
  /**
   * Work in progress: whoever raises it from 0 drains (reactor-core's serialised-sink pattern), every
   * other caller only adds a missed turn. So turns never overlap and no lock is held while the output's
   * subscriber runs.
   */
  private final AtomicInteger wip = new AtomicInteger();
  /** Scratch space for the frames of one batch, cleared after each (frames mode only). */
  private final byte[][] batch;
  /** The wall clock in epoch nanoseconds, read once per turn and only when an event is handed on; 0 = not yet. */
  private long turnNow;
  private Runnable onOverflowDisconnect = () -> {};
  // cursor, backlog, buffer, pendingGap and batch are only touched inside a turn (see wip).
  /** The next ring sequence this client has not looked at. */
  private long cursor;
  private StreamItem.Gap pendingGap;
  /** A gap for every subscriber ({@link #notice}), due once the ring entries up to {@code after} were read. */
  private record Notice(StreamItem.Gap gap, long after) {}

  private final AtomicReference<Notice> notice = new AtomicReference<>();
  /** Events waiting in {@code buffer}, published for gauges, which must not take a turn. */
  private volatile int bufferedCount;
  /** {@code cursor} as of the last turn, for the writer's cheap "far behind" test. */
  private volatile long cursorSnapshot;
  private volatile boolean completing;
  private volatile boolean terminating;
  private volatile boolean done;

  ClientStream(
      ClientOutput output,
      EventFilter filter,
      int capacity,
      OverflowPolicy policy,
      Listener listener,
      List<StreamItem> replay,
      EventRing ring,
      long idOfSequenceZero,
      Executor executor,
      int maxBatch,
      BooleanSupplier writable) {
    this.output = output;
    this.filter = filter;
    this.capacity = capacity;
    this.policy = policy;
    this.listener = listener;
    this.backlog = new ArrayDeque<>(replay);
    this.ring = ring;
    this.idOfSequenceZero = idOfSequenceZero;
    this.executor = executor;
    this.maxBatch = maxBatch;
    this.writable = writable;
    this.batch = maxBatch > 0 ? new byte[maxBatch][] : null;
    this.cursor = ring.head() + 1;
    this.cursorSnapshot = cursor;
  }

  Executor executor() {
    return executor;
  }

  /** A turn on the executor's thread, from its {@link WakeGroup}: runs now unless one is running. */
  @Override
  public void turn() {
    if (!done && wip.getAndIncrement() == 0) {
      drainLoop();
    }
  }

  void onOverflowDisconnect(Runnable action) {
    this.onOverflowDisconnect = action;
  }

  /**
   * Schedules a turn on this client's executor unless one is pending or running, in which case that
   * turn picks up what is new (the connection became writable again, or the hub is closing).
   */
  void signal() {
    if (!done && wip.getAndIncrement() == 0) {
      try {
        executor.execute(this);
      } catch (RuntimeException e) {
        // executor shut down (connection closing): the stream is being cancelled anyway
        wip.set(0);
      }
    }
  }

  /** Downstream asked for more: take a turn on the requesting thread (or mark the running turn). */
  void requested() {
    if (wip.getAndIncrement() == 0) {
      drainLoop();
    }
  }

  @Override
  public void run() {
    drainLoop();
  }

  private void drainLoop() {
    int missed = 1;
    do {
      try {
        drain();
      } catch (RuntimeException e) {
        failed(e);
        return;
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  /**
   * A turn threw (a subscriber that threw from its onNext, or a bug): this stream ends with the error and
   * takes no other turn, so it can neither hold its buffer nor stop the turns of the other subscribers
   * of its event loop ({@link WakeGroup} passes go on). An SSE client reconnects and resumes from its
   * last id.
   */
  private void failed(RuntimeException e) {
    stopAndDiscard();
    log.warn("a subscriber's stream failed and is ended: {}", e.toString());
    output.error(e);
  }

  /**
   * Delivers {@code gap} after every ring entry up to sequence {@code after} (so in order with the events
   * published before it), from any thread. A notice still pending is merged into the new one: one slot
   * per client, whatever the rate of notices.
   */
  void notice(StreamItem.Gap gap, long after) {
    notice.getAndUpdate(old -> old == null
        ? new Notice(gap, after)
        : new Notice(new StreamItem.Gap(old.gap().fromId(), gap.toId(), old.gap().missed() + gap.missed(), gap.reason()),
            Math.max(after, old.after())));
    signal();
  }

  /** Completes the stream once what is waiting was delivered (the hub is closing). */
  void complete() {
    completing = true;
    signal();
  }

  /** Ends the stream now, buffered or not: on the turn running now, or on a turn taken here. */
  void terminate() {
    terminating = true;
    if (wip.getAndIncrement() == 0) {
      drainLoop();
    }
  }

  /** The stream was cancelled or ended: stop scheduling turns. */
  void cancel() {
    done = true;
  }

  /**
   * Matching events waiting in this client's buffer as of its last turn. A read only: gauges call it,
   * and reading a metric must change nothing — applying the overflow policy here could disconnect the
   * client from a metrics scrape.
   */
  int buffered() {
    return bufferedCount;
  }

  /**
   * Takes a turn on the calling thread unless one is running (then that one covers it): what has demand
   * is emitted, the rest moves to the buffer under the overflow policy. The hub's writer calls it, outside
   * its lock, for a client far behind, before the ring could overwrite what the client has not read; tests
   * call it to see a client's buffer settled.
   */
  void catchUp() {
    if (!done && wip.getAndIncrement() == 0) {
      drainLoop();
      // An output may take items on its own executor only (an SSE connection, on its event loop): what
      // this turn parked (events, a gap, a notice, the end) gets a turn there, or it would wait for the
      // next event.
      signal();
    }
  }

  /** Whether this client is so far behind that the writer should make it catch up. */
  boolean farBehind() {
    return ring.head() - cursorSnapshot >= ring.sweepInterval();
  }

  /**
   * Moves every unread ring entry this client's filter matches into its buffer, applying the overflow
   * policy. Done in the client's own turn, so that the hub's writer does constant work per event plus
   * a wake-up, not a filter and a buffer per connected client.
   */
  private void absorb() {
    long head = ring.head();
    while (!done && cursor <= head) {
      EventRing.Entry entry = takeFromRing(head);
      if (entry != null) {
        add(entry);
      }
    }
  }

  /** The next matching ring entry up to {@code head}, or null when none is left. Advances the cursor. */
  private EventRing.Entry takeFromRing(long head) {
    while (cursor <= head) {
      EventRing.Entry entry = ring.get(cursor);
      if (entry.sequence() != cursor) {
        overtaken(entry.sequence());
        if (done) {
          return null; // disconnected (OverflowPolicy.DISCONNECT)
        }
        continue;
      }
      cursor++;
      StreamItem.Event event = entry.event();
      if (filter.matches(event.extensionId(), event.accountId(), event.kind())) {
        return entry;
      }
    }
    return null;
  }

  /**
   * The ring overwrote entries this client had not read. The hub's sweep prevents it; should it happen
   * anyway (a sweep held up far longer than a quarter ring of events), the loss is reported as an
   * overflow gap counting every id lost, since the filter cannot be applied to events no longer kept.
   * Ids come from sequence numbers, never from a slot's content: the writer may be overwriting the
   * slot of {@code firstKept} at this very moment. If it does, the next read finds it overtaken again
   * and the gaps merge.
   *
   * <p>The lapped events are newer than anything in the buffer, and a client's one pending gap is
   * delivered before the buffer; so the buffered events (at most {@code capacity}) join the gap rather
   * than arrive after a gap that already covers later ids: ids stay in order.
   *
   * <p>Under {@link OverflowPolicy#DISCONNECT} a client never gets a gap: it is disconnected, as when its
   * buffer overflows (the ring holds at least twice the buffer, so a lapped client missed more than that).
   * This happens when its own turn is pending on an event loop busy for that long, so the writer's
   * catch-up, which a pending turn covers, could not apply the policy first.
   */
  private void overtaken(long newerSequence) {
    long firstKept = Math.max(newerSequence - ring.capacity() + 1, cursor + 1);
    long lost = firstKept - cursor;
    EventRing.Entry oldestBuffered = buffer.peekFirst();
    long fromId = oldestBuffered != null ? oldestBuffered.event().id() : cursor + idOfSequenceZero;
    lost += buffer.size();
    if (policy == OverflowPolicy.DISCONNECT) {
      overflowDisconnect(lost);
      return;
    }
    buffer.clear();
    mergeGap(fromId, firstKept - 1 + idOfSequenceZero, lost);
    listener.dropped(lost);
    cursor = firstKept;
  }

  private void add(EventRing.Entry entry) {
    if (buffer.size() >= capacity) {
      if (policy == OverflowPolicy.DISCONNECT) {
        overflowDisconnect(buffer.size() + 1L);
        return;
      }
      StreamItem.Event oldest = buffer.pollFirst().event();
      mergeGap(oldest.id(), oldest.id(), 1);
      listener.dropped(1);
    }
    buffer.addLast(entry);
  }

  /** Ends the stream with an {@link OverflowException}: {@code lost} events will not reach this client. */
  private void overflowDisconnect(long lost) {
    stopAndDiscard();
    listener.dropped(lost);
    listener.disconnected();
    onOverflowDisconnect.run();
    output.error(new OverflowException(capacity));
  }

  /** No more turns, and nothing kept: what this client had waiting is dropped with it. */
  private void stopAndDiscard() {
    done = true;
    buffer.clear();
    backlog.clear();
    bufferedCount = 0;
  }

  private void mergeGap(long fromId, long toId, long missed) {
    pendingGap =
        pendingGap == null
            ? new StreamItem.Gap(fromId, toId, missed, StreamItem.GapReason.OVERFLOW)
            : new StreamItem.Gap(pendingGap.fromId(), toId, pendingGap.missed() + missed, StreamItem.GapReason.OVERFLOW);
  }

  /**
   * The next item in order: replay backlog, then the gap for what overflowed, then the buffer, then the
   * ring. An {@link EventRing.Entry} or a {@link StreamItem}; null when nothing is waiting.
   */
  private Object next(long head) {
    StreamItem item = backlog.pollFirst();
    if (item != null) {
      return item;
    }
    while (true) {
      Notice due = notice.get();
      if (pendingGap == null && buffer.isEmpty()) {
        EventRing.Entry entry = takeFromRing(due == null ? head : Math.min(head, due.after()));
        if (entry != null) {
          if (pendingGap == null) {
            return entry;
          }
          // The ring had overtaken this client on the way to the entry: the gap goes first.
          buffer.addFirst(entry);
        }
      }
      if (pendingGap != null) {
        StreamItem.Gap gap = pendingGap;
        pendingGap = null;
        return gap;
      }
      EventRing.Entry first = buffer.peekFirst();
      if (due == null || first != null && first.sequence() <= due.after()) {
        return buffer.pollFirst();
      }
      if (first == null && cursor <= due.after()) {
        return null; // this turn's head is older than the notice: the notice's signal brings another turn
      }
      if (notice.compareAndSet(due, null)) {
        return due.gap();
      }
      // another notice was merged into this one meanwhile: look again
    }
  }

  /** Emits as much as is demanded, then, if demand ran out, parks what is left in the buffer. */
  private void drain() {
    if (done) {
      return;
    }
    if (terminating) {
      stopAndDiscard();
      output.complete();
      return;
    }
    long head = ring.head();
    turnNow = 0;
    while (!done && output.demand() > 0 && writable.getAsBoolean()) {
      if (maxBatch > 0) {
        int frames = nextBatch(head);
        if (frames == 0) {
          break;
        }
        output.nextFrames(batch, frames);
        Arrays.fill(batch, 0, frames, null);
      } else {
        Object next = next(head);
        if (next == null) {
          break;
        }
        if (next instanceof EventRing.Entry entry) {
          handedOn(entry);
          output.next(entry.event());
        } else {
          if (next instanceof StreamItem.Event) {
            listener.sent(1);
          }
          output.next(next);
        }
      }
    }
    output.endOfTurn();
    if (output.demand() == 0 || !writable.getAsBoolean()) {
      // Out of demand: what is unread now waits in the buffer, under the overflow policy. With demand
      // left, newer events stay in the ring for the next turn (the writer's signal schedules one).
      absorb();
    }
    bufferedCount = buffer.size();
    cursorSnapshot = cursor;
    // The ring's head is read again, after completing: this turn's own head may predate the last events,
    // published before the close that set completing (then the close's signal brings another turn).
    if (completing && !done && backlog.isEmpty() && pendingGap == null && notice.get() == null && buffer.isEmpty()
        && cursor > ring.head()) {
      done = true;
      output.complete();
    }
  }

  /** Counts a live event handed downstream and times it. */
  private void handedOn(EventRing.Entry entry) {
    listener.sent(1);
    timed(entry);
  }

  /** Reports how long after its input's receipt {@code entry} is handed on (events from the ring only). */
  private void timed(EventRing.Entry entry) {
    if (entry.receivedAt() != EventRing.UNKNOWN) {
      if (turnNow == 0) {
        turnNow = EventRing.epochNanos(java.time.Instant.now());
      }
      listener.delivered(turnNow - entry.receivedAt());
    }
  }

  /**
   * Gathers up to {@code maxBatch} items' SSE frames into {@code batch}; returns how many (0 when nothing
   * is waiting). Event frames are the arrays the hub encoded once, not copies: the output decides how to
   * write them ({@link ClientOutput#nextFrames}).
   */
  private int nextBatch(long head) {
    int count = 0;
    int events = 0;
    while (count < maxBatch) {
      Object next = next(head);
      if (next == null) {
        break;
      }
      if (next instanceof EventRing.Entry entry) {
        batch[count++] = entry.frame();
        timed(entry);
        events++;
      } else {
        StreamItem item = (StreamItem) next;
        batch[count++] = SseFrames.frame(item).getBytes(StandardCharsets.UTF_8);
        if (item instanceof StreamItem.Event) {
          events++;
        }
      }
    }
    if (events > 0) {
      listener.sent(events);
    }
    return count;
  }
}
