package io.presencestream.ringcentral;

import io.presencestream.codec.CallQueuePresenceEvent;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One {@link RingCentralSource#directory} stream: REST reads of the directory (users, call queues, their
 * members and flags) at start, on the timer and after extension list notifications (debounced like resyncs),
 * one at a time; and between reads, each call-queue presence notification applied to the last directory.
 *
 * <p>Reads and notifications meet in one serial stage whose state is this subscription's own: the last
 * directory, and the notifications of the last moments. A read takes a while; a notification that arrives while
 * it runs is newer than what it will return, so it is applied again to the read's result (a read never undoes
 * a switch it did not see).
 *
 * <p>Failures: a read that fails (after the REST client's own retries within its budget) is logged and
 * skipped, the last directory stands and the next trigger reads again; the stream never errors. Call queues
 * refused (403: no permission) or absent (404) give a directory without queues and one {@code WARN} per
 * stream, not one per refresh; a queue whose member flags are refused is read from its member list instead.
 */
final class DirectoryStream {

  private static final Logger log = LoggerFactory.getLogger(DirectoryStream.class);
  /** Notifications kept for applying again to a read that was running when they came. */
  private static final int RECENT_CHANGES = 1024;

  private record Read(Directory directory, long changesBefore) {}

  private record Change(long seq, CallQueuePresenceEvent event, Instant receivedAt) {}

  private final SourceContext ctx;
  private final Supplier<Mono<List<ExtensionInfo>>> users;
  private final Consumer<Set<String>> queuesRead;
  private final Duration refresh;
  /** The last change number the serial stage has seen; a read records it when it starts. */
  private final AtomicLong changesSeen = new AtomicLong();
  private volatile boolean queuesWarned;
  private volatile boolean flagsWarned;
  private volatile String lastFailure;

  /**
   * @param users the users' read (the source's selection applied)
   * @param queuesRead told the queue ids of each read, so the subscriptions can carry their presence filters
   */
  DirectoryStream(SourceContext ctx, Supplier<Mono<List<ExtensionInfo>>> users, Consumer<Set<String>> queuesRead,
      Duration refresh) {
    this.ctx = ctx;
    this.users = users;
    this.queuesRead = queuesRead;
    this.refresh = refresh;
  }

  Flux<Directory> directories() {
    Flux<Object> signals = ctx.directoryFeed().signals()
        .onBackpressureBuffer(RECENT_CHANGES, dropped -> ctx.metrics().directorySignalsDropped.increment());
    Flux<Object> listChanged = signals.filter(ExtensionListEvent.class::isInstance)
        .sampleTimeout(e -> Mono.delay(ctx.options().resyncDelay(), ctx.timer()));
    Flux<Object> triggers =
        Flux.merge(
                Flux.interval(Duration.ZERO, refresh, ctx.timer()).onBackpressureDrop().map(tick -> "timer"),
                listChanged)
            .onBackpressureLatest();
    Flux<Object> reads = triggers.concatMap(trigger -> read(), 1);
    Flux<Object> changes = signals.filter(DirectoryFeed.QueuePresence.class::isInstance);
    return Flux.defer(() -> {
      Stage stage = new Stage();
      return Flux.merge(reads, changes).handle((item, sink) -> {
        Directory next = stage.accept(item);
        if (next != null) {
          sink.next(next);
        }
      });
    });
  }

  /** The serial stage's state: confined to it (one item at a time), created per subscription. */
  private final class Stage {
    private Directory last;
    private long seq;
    private final ArrayDeque<Change> recent = new ArrayDeque<>();

    Directory accept(Object item) {
      if (item instanceof Read read) {
        Directory d = read.directory();
        for (Change change : recent) {
          if (change.seq() > read.changesBefore()) {
            d = apply(d, change.event(), d.at());
          }
        }
        last = d;
        return d;
      }
      DirectoryFeed.QueuePresence signal = (DirectoryFeed.QueuePresence) item;
      Change change = new Change(++seq, signal.event(), signal.receivedAt());
      changesSeen.set(change.seq());
      recent.addLast(change);
      if (recent.size() > RECENT_CHANGES) {
        recent.removeFirst();
      }
      if (last == null) {
        return null; // the first read will apply it
      }
      Directory changed = apply(last, change.event(), change.receivedAt());
      if (changed == last) {
        return null;
      }
      last = changed;
      return changed;
    }
  }

  /**
   * The directory with the notification's flags: each named member of that queue gets its
   * {@code acceptCurrentQueueCalls}; a member the directory did not have joins with {@code acceptQueueCalls}
   * true (the notification says it is in the queue). A queue the directory does not know changes nothing.
   *
   * @return {@code directory} itself when nothing changed
   */
  static Directory apply(Directory directory, CallQueuePresenceEvent event, Instant at) {
    List<CallQueue> queues = new ArrayList<>(directory.queues().size());
    boolean changed = false;
    for (CallQueue queue : directory.queues()) {
      if (!queue.id().equals(event.queueId())) {
        queues.add(queue);
        continue;
      }
      List<QueueMember> members = new ArrayList<>(queue.members());
      for (CallQueuePresenceEvent.MemberChange m : event.changes()) {
        int at0 = indexOf(members, m.extensionId());
        if (at0 < 0) {
          members.add(new QueueMember(m.extensionId(), true, m.acceptsCurrentQueueCalls()));
          changed = true;
        } else if (members.get(at0).acceptsCurrentQueueCalls() != m.acceptsCurrentQueueCalls()) {
          QueueMember old = members.get(at0);
          members.set(at0, new QueueMember(old.extensionId(), old.acceptsQueueCalls(), m.acceptsCurrentQueueCalls()));
          changed = true;
        }
      }
      queues.add(new CallQueue(queue.id(), queue.extensionNumber(), queue.name(), members));
    }
    return changed ? new Directory(at, directory.extensions(), queues) : directory;
  }

  private static int indexOf(List<QueueMember> members, String extensionId) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).extensionId().equals(extensionId)) {
        return i;
      }
    }
    return -1;
  }

  /** One read; never an error: a failure is logged and skipped. */
  private Mono<Read> read() {
    return Mono.defer(() -> {
      long before = changesSeen.get();
      RestClient.Budget budget = ctx.fetcher().budget();
      return users.get()
          .flatMap(us -> queues(budget).map(qs -> new Directory(ctx.clock().instant(), us, qs)))
          .doOnNext(d -> {
            ctx.metrics().directoryRefreshes.increment();
            lastFailure = null;
            Set<String> ids = new LinkedHashSet<>();
            d.queues().forEach(q -> ids.add(q.id()));
            queuesRead.accept(ids);
          })
          .map(d -> new Read(d, before))
          .onErrorResume(e -> {
            ctx.metrics().directoryRefreshFailures.increment();
            String message = e instanceof RingCentralException r ? r.getMessage() : ctx.redactor().redact(String.valueOf(e));
            if (!message.equals(lastFailure)) {
              log.warn("reading the directory failed, the last one stands until the next refresh: {}", message);
            } else {
              log.debug("reading the directory failed again: {}", message);
            }
            lastFailure = message;
            return Mono.empty();
          });
    });
  }

  /** The queues with their members; none when the account refuses or has none (one WARN). */
  private Mono<List<CallQueue>> queues(RestClient.Budget budget) {
    CallQueueFetcher fetcher = ctx.callQueues();
    return fetcher.queues(budget)
        .concatMap(q -> members(fetcher, q.id(), budget)
            .map(ms -> new CallQueue(q.id(), q.extensionNumber(), q.name(), ms)), 1)
        .collectList()
        .onErrorResume(e -> refusedOrAbsent(e) && !(e instanceof MemberReadRefused), e -> {
          if (!queuesWarned) {
            queuesWarned = true;
            boolean refused = ((RingCentralException) e).httpStatus() == 403;
            log.warn("call queues are not read ({}): the directory has users only{}", e.getMessage(), refused
                ? "; add the ReadAccounts permission to the app to read them" : " (the account has no call queues)");
          }
          return Mono.just(List.of());
        });
  }

  /** Marks a refusal of one queue's members, so it is not taken for the list's. */
  private static final class MemberReadRefused extends RuntimeException {
    MemberReadRefused(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private Mono<List<QueueMember>> members(CallQueueFetcher fetcher, String queueId, RestClient.Budget budget) {
    return fetcher.presence(queueId, budget)
        .onErrorResume(e -> e instanceof RingCentralException r && r.httpStatus() == 403, e -> {
          if (!flagsWarned) {
            flagsWarned = true;
            log.warn("call-queue member flags are refused ({}): members are read without them, each taking queue"
                + " calls; add the ReadPresence permission to the app", e.getMessage());
          }
          return fetcher.members(queueId, budget);
        })
        // a queue deleted between the list and this read: no members; anything else fails the whole read
        .onErrorResume(e -> e instanceof RingCentralException r && r.httpStatus() == 404, e -> Mono.just(List.of()))
        .onErrorMap(e -> e instanceof RingCentralException r && r.httpStatus() == 403, MemberReadRefused::new);
  }

  private static boolean refusedOrAbsent(Throwable e) {
    return e instanceof RingCentralException r && (r.httpStatus() == 403 || r.httpStatus() == 404);
  }
}
