package io.presencestream.server;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.presencestream.model.EventKind;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One hub subscriber ({@link ClientStream}) while the writer appends an event and signals it, and the
 * subscriber asks for one item on its own thread at the same moment: whichever comes first, the event is
 * delivered exactly once, with no gap (no lost wake-up between the writer's signal and the demand).
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the event was delivered once")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost: demand and event both present, nothing delivered")
@Outcome(expect = FORBIDDEN, desc = "delivered twice, or a gap where nothing was lost")
@State
public class ClientStreamStress {

  private static final ClientStream.Listener QUIET =
      new ClientStream.Listener() {
        @Override
        public void sent(int events) {}

        @Override
        public void dropped(long events) {}

        @Override
        public void disconnected() {}
      };

  private final EventRing ring = EventRing.forSizes(0, 0);
  private final EventRing.Entry entry =
      new EventRing.Entry(0, new StreamItem.Event(1, EventKind.PRESENCE, "101", "{}"), new byte[] {'x'});
  private final ConcurrentLinkedQueue<Object> received = new ConcurrentLinkedQueue<>();
  private final Reader reader = new Reader();
  private final ClientStream client;

  /** Asks for nothing until the actor does. */
  private final class Reader extends BaseSubscriber<Object> {
    @Override
    protected void hookOnSubscribe(Subscription subscription) {}

    @Override
    protected void hookOnNext(Object value) {
      received.add(value);
    }
  }

  public ClientStreamStress() {
    @SuppressWarnings("unchecked")
    FluxSink<Object>[] sink = new FluxSink[1];
    Flux.create(s -> sink[0] = s, FluxSink.OverflowStrategy.ERROR).subscribe(reader);
    client = new ClientStream(
        ClientOutput.of(sink[0]), EventFilter.all(), 16, OverflowPolicy.DROP_OLDEST, QUIET, List.of(), ring, 1,
        Runnable::run, 0, () -> true);
    sink[0].onRequest(n -> client.requested());
  }

  @Actor
  public void writer() {
    ring.append(entry);
    client.signal();
  }

  @Actor
  public void subscriber() {
    reader.request(1);
  }

  @Arbiter
  public void arbiter(II_Result r) {
    int events = 0;
    int gaps = 0;
    for (Object item : received) {
      if (item instanceof StreamItem.Event) {
        events++;
      } else {
        gaps++;
      }
    }
    r.r1 = events;
    r.r2 = gaps;
  }
}
