package io.presencestream.engine;

import static io.presencestream.engine.SessionFixtures.note;
import static io.presencestream.engine.SessionFixtures.party;
import static io.presencestream.engine.SessionFixtures.with;
import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Direction;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Invariants of {@link SessionTracker} over generated notification streams. */
class SessionTrackerProperties {

  /**
   * The notifications of one or two sessions of one extension, with sequences 1…n, delivered in a partly
   * shuffled order, every party with a random status and reason; all within 30 s (less than the sequence
   * memory, so that nothing is forgotten).
   */
  static Gen<List<TelephonySessionNotification>> streams(String extensionId) {
    return r -> {
      List<TelephonySessionNotification> stream = new ArrayList<>();
      for (int s = 0, sessions = 1 + r.nextInt(2); s < sessions; s++) {
        String session = extensionId + "-s" + s;
        Party own = party(session + "-own", extensionId, r.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND,
            "+16505550100", "+16505550101", PartyStatusCode.SETUP);
        Party other = party(session + "-other", null, Direction.OUTBOUND, "+16505550100", "+16505550101",
            PartyStatusCode.SETUP);
        Party device = party(session + "-device", extensionId, Direction.INBOUND, "+16505550100", "+16505550101",
            PartyStatusCode.SETUP);
        List<Party> pool = List.of(own, other, device);
        for (int seq = 1, n = 1 + r.nextInt(10); seq <= n; seq++) {
          List<Party> parties = new ArrayList<>();
          for (Party p : pool) {
            if (r.nextInt(3) == 0 || (p == own && parties.isEmpty() && r.nextBoolean())) {
              parties.add(with(p, status(r), reason(r)));
            }
          }
          if (parties.isEmpty()) {
            parties.add(with(own, status(r), reason(r)));
          }
          long millis = Math.max(0, seq * 2_000L + r.nextInt(-2_500, 2_500));
          stream.add(note(extensionId, session, seq, millis, parties.toArray(Party[]::new)));
        }
      }
      // out-of-order delivery: swap some neighbours
      for (int i = 1; i < stream.size(); i++) {
        if (r.nextInt(4) == 0) {
          stream.set(i - 1, stream.set(i, stream.get(i - 1)));
        }
      }
      return stream;
    };
  }

  private static PartyStatusCode status(RandomGenerator r) {
    PartyStatusCode[] codes = PartyStatusCode.values();
    return codes[r.nextInt(codes.length)];
  }

  private static PartyStatusReason reason(RandomGenerator r) {
    if (r.nextBoolean()) {
      return null;
    }
    PartyStatusReason[] reasons = PartyStatusReason.values();
    return reasons[r.nextInt(reasons.length)];
  }

  private static List<SessionOutcome> applyAll(SessionTracker tracker, List<TelephonySessionNotification> stream) {
    List<SessionOutcome> outcomes = new ArrayList<>();
    for (TelephonySessionNotification n : stream) {
      outcomes.addAll(tracker.apply(n));
    }
    return outcomes;
  }

  @Test
  void aNotificationDeliveredAgainIsDroppedAndChangesNothing() {
    forAll(streams("101"), Gen.longs(0, Long.MAX_VALUE)).tries(1500).check((stream, seed) -> {
      List<SessionOutcome> once = applyAll(new SessionTracker(SessionOptions.defaults()), stream);

      SessionTracker twice = new SessionTracker(SessionOptions.defaults());
      RandomGenerator r = new java.util.SplittableRandom(seed);
      List<SessionOutcome> kept = new ArrayList<>();
      for (int i = 0; i < stream.size(); i++) {
        kept.addAll(twice.apply(stream.get(i)));
        TelephonySessionNotification again = stream.get(r.nextInt(i + 1));
        assertThat(twice.apply(again)).allSatisfy(o -> {
          assertThat(o.applied()).as("applied again: %s", again).isFalse();
          assertThat(o.dropReason()).isIn(SessionDropReason.STALE_SEQUENCE, SessionDropReason.DUPLICATE_SEQUENCE);
          assertThat(o.events()).isEmpty();
        });
      }
      assertThat(kept).isEqualTo(once);
    });
  }

  @Test
  void theOrderOfTwoExtensionsSessionsDoesNotMatter() {
    forAll(streams("101"), streams("102"), Gen.longs(0, Long.MAX_VALUE)).tries(1000).check((a, b, seed) -> {
      List<SessionOutcome> aAlone = applyAll(new SessionTracker(SessionOptions.defaults()), a);
      List<SessionOutcome> bAlone = applyAll(new SessionTracker(SessionOptions.defaults()), b);

      // interleave a and b at random, each in its own order
      RandomGenerator r = new java.util.SplittableRandom(seed);
      List<TelephonySessionNotification> mixed = new ArrayList<>();
      int i = 0;
      int j = 0;
      while (i < a.size() || j < b.size()) {
        mixed.add(j >= b.size() || (i < a.size() && r.nextBoolean()) ? a.get(i++) : b.get(j++));
      }
      List<SessionOutcome> together = applyAll(new SessionTracker(SessionOptions.defaults()), mixed);
      assertThat(together.stream().filter(o -> "101".equals(o.extensionId())).toList()).isEqualTo(aAlone);
      assertThat(together.stream().filter(o -> "102".equals(o.extensionId())).toList()).isEqualTo(bAlone);
    });
  }

  @Test
  void everyStartedSessionEndsAtMostOnceAndNothingFollowsItsEnd() {
    forAll(streams("101")).tries(1500).check(stream -> {
      SessionTracker tracker = new SessionTracker(SessionOptions.defaults());
      java.util.Map<String, String> state = new java.util.HashMap<>();
      for (SessionOutcome o : applyAll(tracker, stream)) {
        for (var e : o.events()) {
          String id = e.session().telephonySessionId();
          String before = state.get(id);
          switch (e.kind()) {
            case SESSION_STARTED -> assertThat(before).as("started %s", id).isIn(null, "ended");
            case PARTY_UPDATED -> assertThat(before).as("updated %s", id).isEqualTo("started");
            case SESSION_ENDED -> assertThat(before).as("ended %s", id).isEqualTo("started");
          }
          state.put(id, e.kind() == io.presencestream.model.EventKind.SESSION_ENDED ? "ended" : "started");
        }
      }
      // a listed session in which the extension has a party was started and has not ended
      assertThat(tracker.sessions("101")).filteredOn(s -> s.party() != null)
          .allSatisfy(s -> assertThat(state.get(s.telephonySessionId())).isEqualTo("started"));
    });
  }
}
