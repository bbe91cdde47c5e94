package io.presencestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PartyData;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.model.WebRtcSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the tracker over arbitrary well-formed input sequences. */
class PresenceTrackerProperties {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final List<String> EXTENSIONS = List.of("101", "102", "103");
  // numeric ids 1000..4000 apart so that RingOut pairs and duplicates happen often, plus non-numeric ones
  private static final List<String> SESSION_IDS = List.of("10000", "11000", "12000", "14000", "15000", "20500", "s-abc");
  private static final List<String> NUMBERS =
      List.of("+16505550100", "6505550100", "+16505550199", "6505550199", "101", "102", "+442079460018", "02079460018");

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void trackerNeverThrowsOnWellFormedInputs(@ForAll("inputs") List<EngineInput> inputs) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    for (EngineInput input : inputs) {
      Outcome outcome = tracker.apply(input);
      assertThat(outcome).isNotNull();
      assertThat(outcome.applied()).isEqualTo(outcome.dropReason() == null);
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void aCallNeverAppearsTwiceInAState(@ForAll("inputs") List<EngineInput> inputs) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    for (EngineInput input : inputs) {
      tracker.apply(input);
      for (ExtensionState state : tracker.states()) {
        Set<CallKey> keys = new HashSet<>();
        Set<String> inboundLegSessions = new HashSet<>();
        for (Call call : state.calls()) {
          assertThat(keys.add(CallKey.of(call))).as("%s appears twice in %s", call, state).isTrue();
          if (call.inboundLeg() != null) {
            assertThat(inboundLegSessions.add(call.inboundLeg().sessionId())).isTrue();
          }
        }
        for (Call call : state.calls()) {
          if (call.direction() == Direction.INBOUND) {
            assertThat(inboundLegSessions).as("a merged leg also listed alone").doesNotContain(call.sessionId());
          }
        }
      }
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void replayingTheSameInputTwiceGivesIdenticalOutput(@ForAll("inputs") List<EngineInput> inputs) {
    PresenceTracker first = new PresenceTracker(EngineOptions.defaults());
    PresenceTracker second = new PresenceTracker(EngineOptions.defaults());
    for (EngineInput input : inputs) {
      assertThat(second.apply(input)).isEqualTo(first.apply(input));
    }
    assertThat(new HashSet<>(second.states())).isEqualTo(new HashSet<>(first.states()));
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void mergedCallsCarryBothLegs(@ForAll("inputs") List<EngineInput> inputs) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    boolean merged = false;
    for (EngineInput input : inputs) {
      tracker.apply(input);
      for (ExtensionState state : tracker.states()) {
        for (Call call : state.calls()) {
          assertThat(call.inboundLeg() == null).isEqualTo(call.outboundLeg() == null);
          if (call.isRingOut()) {
            merged = true;
            assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(call.outboundLeg().sessionId()).isEqualTo(call.sessionId());
            assertThat(call.outboundLeg().id()).isEqualTo(call.id());
            long gap = Math.abs(Long.parseLong(call.inboundLeg().sessionId()) - Long.parseLong(call.sessionId()));
            assertThat(gap).isIn(1000L, 2000L, 3000L, 4000L);
          }
        }
      }
    }
    Statistics.label("has a merged RingOut call").collect(merged);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void callsPerExtensionNeverExceedTheCap(
      @ForAll("inputs") List<EngineInput> inputs, @ForAll @IntRange(min = 1, max = 4) int cap) {
    PresenceTracker tracker = new PresenceTracker(new EngineOptions(cap, 1000));
    for (EngineInput input : inputs) {
      tracker.apply(input);
      for (ExtensionState state : tracker.states()) {
        assertThat(state.calls()).hasSizeLessThanOrEqualTo(cap);
      }
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void callEventsAccountForEveryChangeOfTheCallList(@ForAll("inputs") List<EngineInput> inputs) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    for (EngineInput input : inputs) {
      String extensionId = extensionOf(input);
      Set<CallKey> before = keys(tracker, extensionId);
      Outcome outcome = tracker.apply(input);
      Set<CallKey> expected = new HashSet<>(before);
      for (PresenceEvent event : outcome.events()) {
        if (event instanceof PresenceEvent.CallEnded) {
          assertThat(expected.remove(CallKey.of(((PresenceEvent.CallEnded) event).call()))).isTrue();
        } else if (event instanceof PresenceEvent.CallStarted) {
          assertThat(expected.add(CallKey.of(((PresenceEvent.CallStarted) event).call()))).isTrue();
        }
      }
      assertThat(keys(tracker, extensionId)).isEqualTo(expected);
    }
  }

  private static Set<CallKey> keys(PresenceTracker tracker, String extensionId) {
    Set<CallKey> keys = new HashSet<>();
    tracker.state(extensionId).ifPresent(s -> s.calls().forEach(c -> keys.add(CallKey.of(c))));
    return keys;
  }

  private static String extensionOf(EngineInput input) {
    if (input instanceof EngineInput.NotificationReceived) {
      return ((EngineInput.NotificationReceived) input).notification().extensionId();
    }
    if (input instanceof EngineInput.SnapshotReceived) {
      return ((EngineInput.SnapshotReceived) input).presence().extensionId();
    }
    if (input instanceof EngineInput.WebRtcSessionRegistered) {
      return ((EngineInput.WebRtcSessionRegistered) input).session().extensionId();
    }
    return ((EngineInput.WebRtcSessionRemoved) input).extensionId();
  }

  @Provide
  Arbitrary<List<EngineInput>> inputs() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, notifications()),
            net.jqwik.api.Tuple.of(1, snapshots()),
            net.jqwik.api.Tuple.of(1, sessionRegistrations()),
            net.jqwik.api.Tuple.of(1, sessionRemovals()))
        .list().ofMaxSize(25);
  }

  private Arbitrary<Instant> times() {
    return Arbitraries.longs().between(-120, 600).map(T0::plusSeconds);
  }

  private Arbitrary<EngineInput> notifications() {
    return Combinators.combine(updates(), times())
        .as((update, at) -> new EngineInput.NotificationReceived(
            new Notification("u", "/presence", at, "s", update.extensionId(), update), at));
  }

  private Arbitrary<EngineInput> snapshots() {
    return Combinators.combine(updates(), times()).as(EngineInput.SnapshotReceived::new);
  }

  private Arbitrary<EngineInput> sessionRegistrations() {
    Arbitrary<PartyData> partyData = Combinators.combine(
            Arbitraries.of("s-1", "s-2"), Arbitraries.of("p-1", "p-2"))
        .as(PartyData::new).injectNull(0.6);
    return Combinators.combine(Arbitraries.of("w1", "w2", "w3"), Arbitraries.of(EXTENSIONS),
            Arbitraries.of("c1", "c2", "call-x").injectNull(0.3), partyData,
            Arbitraries.of(Direction.class).injectNull(0.1), Arbitraries.of(NUMBERS).injectNull(0.2),
            times(), times().injectNull(0.5))
        .as((id, ext, callId, party, direction, remote, created, started) ->
            new EngineInput.WebRtcSessionRegistered(
                new WebRtcSession(id, ext, callId, party, direction, remote, remote, created, started), created));
  }

  private Arbitrary<EngineInput> sessionRemovals() {
    return Combinators.combine(Arbitraries.of(EXTENSIONS), Arbitraries.of("w1", "w2", "w3"), times())
        .as(EngineInput.WebRtcSessionRemoved::new);
  }

  private Arbitrary<PresenceUpdate> updates() {
    Arbitrary<Long> sequence = Arbitraries.longs().between(0, 3000).injectNull(0.2);
    return Combinators.combine(Arbitraries.of(EXTENSIONS), sequence,
            Arbitraries.of(UserStatus.class).injectNull(0.3), Arbitraries.of(DndStatus.class).injectNull(0.3),
            Arbitraries.of(UserStatus.class).injectNull(0.3), Arbitraries.of(TelephonyStatus.class).injectNull(0.3),
            Arbitraries.integers().between(0, 6).injectNull(0.6), activeCalls().injectNull(0.15))
        .as((ext, seq, user, dnd, presence, telephony, total, calls) ->
            new PresenceUpdate(ext, seq, user, dnd, presence, telephony, null, null, total, calls));
  }

  private Arbitrary<List<ActiveCall>> activeCalls() {
    Arbitrary<ActiveCall> call = Combinators.combine(
            Combinators.combine(Arbitraries.of("c1", "c2", "c3", "call-x").injectNull(0.1), Arbitraries.of(SESSION_IDS),
                Arbitraries.of(Direction.class).injectNull(0.1), Arbitraries.of(NUMBERS).injectNull(0.1),
                Arbitraries.of(NUMBERS).injectNull(0.1)).as((a, b, c, d, e) -> java.util.Arrays.<Object>asList(a, b, c, d, e)),
            Arbitraries.of(TelephonyStatus.class).injectNull(0.1),
            Arbitraries.of(TerminationType.class).injectNull(0.2),
            times().injectNull(0.5),
            Arbitraries.of("s-1", "s-2").injectNull(0.5),
            Arbitraries.of("sip:101@x", "sip:+16505550100@x").injectNull(0.3),
            Arbitraries.of("Conference", "Someone").injectNull(0.7))
        .as((ids, status, termination, start, telephonySession, remoteUri, toName) -> new ActiveCall(
            (String) ids.get(0), (Direction) ids.get(2), (String) ids.get(3), null, (String) ids.get(4), toName,
            start, status, termination, (String) ids.get(1), telephonySession, "p-1", false,
            remoteUri == null ? null : new SipData("t", "f", remoteUri, "sip:me@x", null)));
    Arbitrary<List<ActiveCall>> ringOutPair = Combinators.combine(Arbitraries.of(1000L, 2000L, 3000L, 4000L),
            Arbitraries.of(TelephonyStatus.class), Arbitraries.of(TelephonyStatus.class),
            Arbitraries.of(TerminationType.class).injectNull(0.3), times().injectNull(0.5))
        .as((gap, inboundStatus, outboundStatus, termination, start) -> List.of(
            new ActiveCall("out", Direction.OUTBOUND, "+16505550199", null, "6505550100", null, start, outboundStatus,
                termination, "30000", null, null, false, null),
            new ActiveCall("in", Direction.INBOUND, "+16505550100", null, "+16505550199", null, start, inboundStatus,
                TerminationType.FINAL, String.valueOf(30000 + gap), null, null, false, null)));
    return Combinators.combine(call.list().ofMaxSize(5), ringOutPair.injectNull(0.6))
        .as((calls, pair) -> {
          List<ActiveCall> all = new ArrayList<>(calls);
          if (pair != null) {
            all.addAll(pair);
          }
          return all;
        });
  }
}
