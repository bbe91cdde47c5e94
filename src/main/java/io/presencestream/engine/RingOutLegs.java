package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.Leg;
import io.presencestream.model.TelephonyStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * SEMANTICS §3: a RingOut call shows up as two active calls (the platform rings the user's own
 * phone — the inbound leg — then dials the destination — the outbound leg); this merges them into one.
 *
 * <p>Pairing ({@link #areTwoLegs}): one inbound and one outbound call, numeric session ids exactly
 * 1000, 2000, 3000 or 4000 apart, and both cross-matches {@code inbound.from ≈ outbound.to} and
 * {@code inbound.to ≈ outbound.from}. Each inbound leg pairs with the first qualifying outbound leg
 * not yet taken; the merged call is built from the outbound leg and carries both legs. Unlike the
 * reference, calls without a direction pass through, and nothing is mutated.
 */
final class RingOutLegs {

  private final PhoneNumbers phoneNumbers;

  RingOutLegs(PhoneNumbers phoneNumbers) {
    this.phoneNumbers = phoneNumbers;
  }

  /** The result of {@link #merge}: the calls, and how many pairs were merged. */
  record Merged(List<CallDraft> calls, int mergedPairs) {}

  boolean areTwoLegs(Call inbound, Call outbound) {
    if (inbound.direction() != Direction.INBOUND || outbound.direction() != Direction.OUTBOUND) {
      return false;
    }
    Long in = numericSessionId(inbound.sessionId());
    Long out = numericSessionId(outbound.sessionId());
    if (in == null || out == null) {
      return false;
    }
    long gap = Math.abs(in - out);
    if (gap != 1000 && gap != 2000 && gap != 3000 && gap != 4000) {
      return false;
    }
    return phoneNumbers.equivalent(inbound.from(), outbound.to())
        && phoneNumbers.equivalent(inbound.to(), outbound.from());
  }

  /** Merges every RingOut pair among {@code calls}; the order of the other calls is kept. */
  Merged merge(List<CallDraft> calls) {
    int size = calls.size();
    if (size < 2) {
      return new Merged(calls, 0); // most messages carry one call: no pair, no bookkeeping arrays (JFR)
    }
    int[] partnerOfOutbound = new int[size];
    boolean[] isMergedInbound = new boolean[size];
    java.util.Arrays.fill(partnerOfOutbound, -1);
    int pairs = 0;
    for (int i = 0; i < size; i++) {
      Call inbound = calls.get(i).call();
      if (inbound.direction() != Direction.INBOUND) {
        continue;
      }
      for (int o = 0; o < size; o++) {
        if (partnerOfOutbound[o] < 0 && areTwoLegs(inbound, calls.get(o).call())) {
          partnerOfOutbound[o] = i;
          isMergedInbound[i] = true;
          pairs++;
          break;
        }
      }
    }
    if (pairs == 0) {
      return new Merged(calls, 0);
    }
    List<CallDraft> merged = new ArrayList<>(size - pairs);
    for (int i = 0; i < size; i++) {
      if (isMergedInbound[i]) {
        continue;
      }
      CallDraft draft = calls.get(i);
      merged.add(partnerOfOutbound[i] < 0 ? draft : mergeLegs(draft, calls.get(partnerOfOutbound[i])));
    }
    return new Merged(merged, pairs);
  }

  private CallDraft mergeLegs(CallDraft outboundDraft, CallDraft inboundDraft) {
    Call outbound = outboundDraft.call();
    Call inbound = inboundDraft.call();
    // The merged call takes the outbound leg's status, except that a held inbound leg (the user's own
    // phone on hold) holds the whole call. An ended outbound leg ends the whole call, even if the
    // inbound leg is still on hold: that is the point of merging before removing ended calls.
    TelephonyStatus status = outbound.telephonyStatus();
    if (inbound.telephonyStatus() == TelephonyStatus.ON_HOLD && !outboundDraft.isEnded()) {
      status = TelephonyStatus.ON_HOLD;
    }
    // When both legs write the destination alike (the usual case) either choice is the same string: skip
    // the libphonenumber check, which costs ~100 µs for a number not seen before (JFR: 20 % of the full path).
    // Both checks are pure; the cheaper one, which rarely needs libphonenumber, goes first.
    String to = outbound.to();
    if (inbound.from() != null && !inbound.from().equals(to)
        && phoneNumbers.equivalent(inbound.from(), to) && phoneNumbers.isValidE164(inbound.from())) {
      to = inbound.from();
    }
    Call call = Calls.mergedRingOut(outbound, status, to,
        new Leg(inbound.id(), inbound.sessionId()), new Leg(outbound.id(), outbound.sessionId()));
    return new CallDraft(call, outboundDraft.terminationType());
  }

  /** A session id made of digits only (at most 18, so it fits a long), else null: non-numeric ids never pair. */
  static Long numericSessionId(String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 18) {
      return null;
    }
    for (int i = 0; i < sessionId.length(); i++) {
      char c = sessionId.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Long.parseLong(sessionId);
  }
}
