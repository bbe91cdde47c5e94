package io.presencestream.engine;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.testing.Gen;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free scans of the call diff and the list cleaner decide exactly as the keyed maps they
 * replace for small lists: the same keys match, the same events come out, the same calls are kept.
 */
class CallScanProperties {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void sameIsEqualityOfKeys() {
    forAll(calls(), calls()).tries(2000).check((a, b) ->
        assertThat(CallKey.same(a, b)).isEqualTo(CallKey.of(a).equals(CallKey.of(b))));
  }

  @Test
  void scannedDiffEqualsHashedDiff() {
    forAll(callLists(), callLists()).tries(1000).check((before, after) ->
        assertThat(CallDiff.diff("101", T0.plusSeconds(60), before, after, Integer.MAX_VALUE))
            .isEqualTo(CallDiff.diff("101", T0.plusSeconds(60), before, after, -1)));
  }

  @Test
  void scannedCleaningEqualsHashedCleaning() {
    forAll(activeCallLists()).tries(1000).check(reported ->
        assertThat(CallListCleaner.clean(reported, Integer.MAX_VALUE)).isEqualTo(CallListCleaner.clean(reported, -1)));
  }

  // ids and session ids collide on purpose, including "#id:…" session ids and the string "null"
  private static Gen<String> ids() {
    return Gen.of(null, "1", "2", "null", "#id:1", "#id:null", "#id:", "");
  }

  private static Gen<Direction> directions() {
    return Gen.of(Direction.INBOUND, Direction.OUTBOUND, Direction.UNKNOWN).orNull(0.2);
  }

  private static Gen<Call> calls() {
    Gen<String> ids = ids();
    Gen<Direction> directions = directions();
    Gen<TelephonyStatus> status = Gen.of(TelephonyStatus.values());
    Gen<String> from = Gen.of("+16505550100", "101").orNull(0.2);
    Gen<Integer> startedAgo = Gen.ints(0, 120);
    return r -> new Call(ids.next(r), ids.next(r), null, null, directions.next(r), from.next(r), null, null, null,
        status.next(r), T0.minusSeconds(startedAgo.next(r)), Duration.ZERO, false, null, null, null, null);
  }

  private static Gen<List<Call>> callLists() {
    return calls().list(0, 8);
  }

  private static Gen<List<ActiveCall>> activeCallLists() {
    Gen<String> ids = ids();
    Gen<Direction> directions = directions();
    Gen<TerminationType> termination = Gen.of(TerminationType.values()).orNull(0.3);
    Gen<ActiveCall> call = r -> {
      String id = ids.next(r);
      String session = ids.next(r);
      return new ActiveCall(id, directions.next(r), null, null, null, null, null, TelephonyStatus.RINGING,
          termination.next(r), session, null, null, false, null);
    };
    return call.orNull(0.05).list(0, 10);
  }
}
