package io.presencestream.engine;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds an extension's list of live calls from one message's {@code activeCalls} (SEMANTICS §2.4–§3):
 * clean → start times → merge RingOut legs → remove ended → newest first → at most
 * {@code maxCalls}. The order of merge and removal matters: a merged call takes the outbound leg's
 * status, so when the outbound leg has ended the whole RingOut call has ended.
 */
final class LiveCalls {

  /** Newest first; the sort is stable, so calls starting at the same instant keep the message's order. */
  private static final Comparator<CallDraft> NEWEST_FIRST =
      Comparator.comparing((CallDraft d) -> d.call().startTime()).reversed();

  private final RingOutLegs ringOutLegs;
  private final int maxCalls;

  LiveCalls(RingOutLegs ringOutLegs, int maxCalls) {
    this.ringOutLegs = ringOutLegs;
    this.maxCalls = maxCalls;
  }

  /**
   * The new live calls, how many RingOut pairs were merged to get them, and the live calls left out
   * beyond {@code maxCalls} (usually none).
   */
  record Built(List<Call> calls, int mergedPairs, List<Call> evicted) {}

  Built build(List<Call> previousCalls, List<ActiveCall> reported, Instant receivedAt) {
    List<ActiveCall> cleaned = CallListCleaner.clean(reported);
    if (cleaned.isEmpty()) {
      return new Built(List.of(), 0, List.of());
    }
    StartTimes startTimes = StartTimes.knowing(previousCalls);
    List<CallDraft> drafts = new ArrayList<>(cleaned.size());
    for (ActiveCall call : cleaned) {
      drafts.add(new CallDraft(startTimes.toCall(call, receivedAt), call.terminationType()));
    }
    RingOutLegs.Merged merged = ringOutLegs.merge(drafts);
    List<CallDraft> live = new ArrayList<>(merged.calls().size());
    for (CallDraft draft : merged.calls()) {
      if (!draft.isEnded()) {
        live.add(draft);
      }
    }
    live.sort(NEWEST_FIRST);
    int kept = Math.min(live.size(), maxCalls);
    Call[] calls = new Call[kept];
    for (int i = 0; i < kept; i++) {
      calls[i] = live.get(i).call();
    }
    List<Call> evicted = List.of();
    if (live.size() > kept) {
      Call[] left = new Call[live.size() - kept];
      for (int i = kept; i < live.size(); i++) {
        left[i - kept] = live.get(i).call();
      }
      evicted = List.of(left);
    }
    return new Built(List.of(calls), merged.mergedPairs(), evicted);
  }
}
