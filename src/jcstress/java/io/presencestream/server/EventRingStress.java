package io.presencestream.server;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.presencestream.model.EventKind;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * The hub's {@link EventRing} read without locks while its single writer publishes: a reader that sees
 * a head also sees the entry stored for it, complete (the slot is written before the volatile head).
 */
@JCStressTest
@Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read before any publication")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "saw the first entry")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "saw the second entry")
@Outcome(expect = FORBIDDEN, desc = "saw a head without its entry, or an entry with another sequence or event")
@State
public class EventRingStress {

  private final EventRing ring = EventRing.forSizes(0, 0);
  private final EventRing.Entry first = entry(0);
  private final EventRing.Entry second = entry(1);

  private static EventRing.Entry entry(long sequence) {
    return new EventRing.Entry(
        sequence, new StreamItem.Event(100 + sequence, EventKind.PRESENCE, "101", "{}"), new byte[] {'x'});
  }

  @Actor
  public void writer() {
    ring.append(first);
    ring.append(second);
  }

  @Actor
  public void reader(JJ_Result r) {
    long head = ring.head();
    r.r1 = head;
    if (head < 0) {
      r.r2 = -1;
      return;
    }
    EventRing.Entry entry = ring.get(head);
    // -2: the slot was empty; -3: the entry's event does not belong to its sequence
    r.r2 = entry == null ? -2 : entry.event().id() - 100 != entry.sequence() ? -3 : entry.sequence();
  }
}
