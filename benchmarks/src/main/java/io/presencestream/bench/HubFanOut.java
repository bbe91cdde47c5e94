package io.presencestream.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Availability;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.server.EventFilter;
import io.presencestream.server.EventHub;
import io.presencestream.server.ServerOptions;
import io.presencestream.server.StreamItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * Hub fan-out alone, no HTTP: one producer thread publishes {@code events} events as fast as it can to
 * a hub with N in-process subscribers that read everything (unbounded demand), default options (1,000
 * history, 256 per client, DROP_OLDEST). Reports what the producer sustains (accept calls per second:
 * the engine thread's share of fan-out) and what reaches the subscribers (events delivered per second,
 * all subscribers together, until every subscriber has its events or a gap for them).
 *
 * <p>Usage: {@code HubFanOut <clients,…> <events> <rounds>}; the first round of each size is warm-up.
 */
public final class HubFanOut {

  private HubFanOut() {}

  static final class Counting extends BaseSubscriber<StreamItem> {
    final AtomicLong seen = new AtomicLong();

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(StreamItem item) {
      seen.addAndGet(item instanceof StreamItem.Gap gap ? gap.missed() : 1);
    }
  }

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    PresenceCodec codec = PresenceCodec.create();
    Instant at = Instant.parse("2026-11-26T10:00:00.000Z");
    List<PresenceEvent> corpus = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      corpus.add(new PresenceEvent.PresenceChanged(String.valueOf(100 + i % 1000), at.plusMillis(i),
          new PresenceState(Availability.AVAILABLE, null, null, null, TelephonyStatus.NO_CALL, null, "m" + i), null));
    }
    for (String n : args[0].split(",")) {
      int clients = Integer.parseInt(n);
      for (int round = 0; round < rounds; round++) {
        EventHub hub = EventHub.create(ServerOptions.defaults(), codec::encodeEvent, new SimpleMeterRegistry());
        List<Counting> subscribers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          subscribers.add(hub.subscribe(EventFilter.all(), null).subscribeWith(new Counting()));
        }
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
          hub.accept(corpus.get(i & 4095));
        }
        long produced = System.nanoTime();
        long deadline = produced + 60_000_000_000L;
        long total;
        do {
          total = 0;
          for (Counting s : subscribers) {
            total += Math.min(s.seen.get(), events);
          }
          if (total >= (long) events * clients) {
            break;
          }
          Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        long delivered = System.nanoTime();
        long dropped = hub.dropped();
        subscribers.forEach(BaseSubscriber::dispose);
        hub.close().block();
        System.out.println(String.format(Locale.ROOT,
            "%s clients %5d: producer %,10.0f events/s (%,7.0f ns/event); delivered %,12.0f events/s to all; dropped %,d%s",
            round == 0 ? "warm-up" : "       ", clients, events / ((produced - start) / 1e9), (produced - start) / (double) events,
            ((long) events * clients - dropped) / ((delivered - start) / 1e9), dropped,
            total < (long) events * clients ? " (timed out)" : ""));
      }
    }
  }
}
