package io.presencestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The allocation-free scans of the call diff and the list cleaner decide exactly as the keyed maps they
 * replace for small lists: the same keys match, the same events come out, the same calls are kept.
 */
class CallScanProperties {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Property(tries = 2000)
  void sameIsEqualityOfKeys(@ForAll("calls") Call a, @ForAll("calls") Call b) {
    assertThat(CallKey.same(a, b)).isEqualTo(CallKey.of(a).equals(CallKey.of(b)));
  }

  @Property(tries = 1000)
  void scannedDiffEqualsHashedDiff(@ForAll("callLists") List<Call> before, @ForAll("callLists") List<Call> after) {
    assertThat(CallDiff.diff("101", T0.plusSeconds(60), before, after, Integer.MAX_VALUE))
        .isEqualTo(CallDiff.diff("101", T0.plusSeconds(60), before, after, -1));
  }

  @Property(tries = 1000)
  void scannedCleaningEqualsHashedCleaning(@ForAll("activeCallLists") List<ActiveCall> reported) {
    assertThat(CallListCleaner.clean(reported, Integer.MAX_VALUE)).isEqualTo(CallListCleaner.clean(reported, -1));
  }

  // ids and session ids collide on purpose, including "#id:…" session ids and the string "null"
  private static Arbitrary<String> ids() {
    return Arbitraries.of(null, "1", "2", "null", "#id:1", "#id:null", "#id:", "");
  }

  private static Arbitrary<Direction> directions() {
    return Arbitraries.of(Direction.INBOUND, Direction.OUTBOUND, Direction.UNKNOWN).injectNull(0.2);
  }

  @Provide
  Arbitrary<Call> calls() {
    return Combinators.combine(
            ids(), ids(), directions(), Arbitraries.of(TelephonyStatus.values()),
            Arbitraries.of("+16505550100", "101").injectNull(0.2), Arbitraries.integers().between(0, 120))
        .as((id, session, direction, status, from, startedAgo) -> new Call(id, session, null, null, direction,
            from, null, null, null, status, T0.minusSeconds(startedAgo), Duration.ZERO, false, null, null, null,
            null));
  }

  @Provide
  Arbitrary<List<Call>> callLists() {
    return calls().list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<ActiveCall>> activeCallLists() {
    Arbitrary<ActiveCall> call = Combinators.combine(
            ids(), ids(), directions(), Arbitraries.of(TerminationType.values()).injectNull(0.3))
        .as((id, session, direction, termination) -> new ActiveCall(id, direction, null, null, null, null, null,
            TelephonyStatus.RINGING, termination, session, null, null, false, null));
    return call.injectNull(0.05).list().ofMaxSize(10);
  }
}
