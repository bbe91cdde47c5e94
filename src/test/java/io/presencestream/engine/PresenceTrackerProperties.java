package io.presencestream.engine;

import static io.presencestream.testing.Property.forAll;
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
import io.presencestream.testing.Gen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Invariants of the tracker over arbitrary well-formed input sequences. */
class PresenceTrackerProperties {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final List<String> EXTENSIONS = List.of("101", "102", "103");
  // numeric ids 1000..4000 apart so that RingOut pairs and duplicates happen often, plus non-numeric ones
  private static final List<String> SESSION_IDS = List.of("10000", "11000", "12000", "14000", "15000", "20500", "s-abc");
  private static final List<String> NUMBERS =
      List.of("+16505550100", "6505550100", "+16505550199", "6505550199", "101", "102", "+442079460018", "02079460018");

  @Test
  void trackerNeverThrowsOnWellFormedInputs() {
    forAll(inputs()).tries(200).check(inputs -> {
      PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
      for (EngineInput input : inputs) {
        Outcome outcome = tracker.apply(input);
        assertThat(outcome).isNotNull();
        assertThat(outcome.applied()).isEqualTo(outcome.dropReason() == null);
      }
    });
  }

  @Test
  void aCallNeverAppearsTwiceInAState() {
    forAll(inputs()).tries(200).check(inputs -> {
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
    });
  }

  @Test
  void replayingTheSameInputTwiceGivesIdenticalOutput() {
    forAll(inputs()).tries(200).check(inputs -> {
      PresenceTracker first = new PresenceTracker(EngineOptions.defaults());
      PresenceTracker second = new PresenceTracker(EngineOptions.defaults());
      for (EngineInput input : inputs) {
        assertThat(second.apply(input)).isEqualTo(first.apply(input));
      }
      assertThat(new HashSet<>(second.states())).isEqualTo(new HashSet<>(first.states()));
    });
  }

  @Test
  void mergedCallsCarryBothLegs() {
    AtomicInteger triesWithAMergedCall = new AtomicInteger();
    forAll(inputs()).tries(200).check(inputs -> {
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
      if (merged) {
        triesWithAMergedCall.incrementAndGet();
      }
    });
    // the invariants above say nothing unless the generated traffic really merges RingOut legs
    assertThat(triesWithAMergedCall).as("tries with a merged RingOut call").hasValueGreaterThanOrEqualTo(100);
  }

  @Test
  void callsPerExtensionNeverExceedTheCap() {
    forAll(inputs(), Gen.ints(1, 4)).tries(200).check((inputs, cap) -> {
      PresenceTracker tracker = new PresenceTracker(EngineOptions.builder().maxCallsPerExtension(cap).build());
      for (EngineInput input : inputs) {
        tracker.apply(input);
        for (ExtensionState state : tracker.states()) {
          assertThat(state.calls()).hasSizeLessThanOrEqualTo(cap);
        }
      }
    });
  }

  @Test
  void callEventsAccountForEveryChangeOfTheCallList() {
    forAll(inputs()).tries(200).check(inputs -> {
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
    });
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

  /** Well-formed input sequences: mostly notifications, some snapshots, WebRTC sessions coming and going. */
  private static Gen<List<EngineInput>> inputs() {
    return Gen.frequency(
            Gen.weighted(6, notifications()),
            Gen.weighted(1, snapshots()),
            Gen.weighted(1, sessionRegistrations()),
            Gen.weighted(1, sessionRemovals()))
        .list(0, 25);
  }

  private static Gen<Instant> times() {
    return Gen.longs(-120, 600).map(T0::plusSeconds);
  }

  private static Gen<EngineInput> notifications() {
    Gen<PresenceUpdate> updates = updates();
    Gen<Instant> times = times();
    return r -> {
      PresenceUpdate update = updates.next(r);
      Instant at = times.next(r);
      return new EngineInput.NotificationReceived(new Notification("u", "/presence", at, "s", update.extensionId(), update), at);
    };
  }

  private static Gen<EngineInput> snapshots() {
    Gen<PresenceUpdate> updates = updates();
    Gen<Instant> times = times();
    return r -> new EngineInput.SnapshotReceived(updates.next(r), times.next(r));
  }

  private static Gen<EngineInput> sessionRegistrations() {
    Gen<String> sessionIds = Gen.of("w1", "w2", "w3");
    Gen<String> extensions = Gen.of(EXTENSIONS);
    Gen<String> callIds = Gen.of("c1", "c2", "call-x").orNull(0.3);
    Gen<String> telephonySessionIds = Gen.of("s-1", "s-2");
    Gen<String> partyIds = Gen.of("p-1", "p-2");
    Gen<PartyData> partyData = r -> new PartyData(telephonySessionIds.next(r), partyIds.next(r));
    Gen<PartyData> parties = partyData.orNull(0.6);
    Gen<Direction> directions = Gen.of(Direction.class).orNull(0.1);
    Gen<String> remotes = Gen.of(NUMBERS).orNull(0.2);
    Gen<Instant> created = times();
    Gen<Instant> started = times().orNull(0.5);
    return r -> {
      String id = sessionIds.next(r);
      String extension = extensions.next(r);
      String callId = callIds.next(r);
      PartyData party = parties.next(r);
      Direction direction = directions.next(r);
      String remote = remotes.next(r);
      Instant createdAt = created.next(r);
      Instant startedAt = started.next(r);
      return new EngineInput.WebRtcSessionRegistered(
          new WebRtcSession(id, extension, callId, party, direction, remote, remote, createdAt, startedAt), createdAt);
    };
  }

  private static Gen<EngineInput> sessionRemovals() {
    Gen<String> extensions = Gen.of(EXTENSIONS);
    Gen<String> sessionIds = Gen.of("w1", "w2", "w3");
    Gen<Instant> times = times();
    return r -> new EngineInput.WebRtcSessionRemoved(extensions.next(r), sessionIds.next(r), times.next(r));
  }

  private static Gen<PresenceUpdate> updates() {
    Gen<String> extensions = Gen.of(EXTENSIONS);
    Gen<Long> sequence = Gen.longs(0, 3000).orNull(0.2);
    Gen<UserStatus> user = Gen.of(UserStatus.class).orNull(0.3);
    Gen<DndStatus> dnd = Gen.of(DndStatus.class).orNull(0.3);
    Gen<TelephonyStatus> telephony = Gen.of(TelephonyStatus.class).orNull(0.3);
    Gen<Integer> total = Gen.ints(0, 6).orNull(0.6);
    Gen<List<ActiveCall>> calls = activeCalls().orNull(0.15);
    return r -> new PresenceUpdate(extensions.next(r), sequence.next(r), user.next(r), dnd.next(r), user.next(r),
        telephony.next(r), null, null, total.next(r), calls.next(r));
  }

  private static Gen<List<ActiveCall>> activeCalls() {
    Gen<String> ids = Gen.of("c1", "c2", "c3", "call-x").orNull(0.1);
    Gen<String> sessionIds = Gen.of(SESSION_IDS);
    Gen<Direction> directions = Gen.of(Direction.class).orNull(0.1);
    Gen<String> numbers = Gen.of(NUMBERS).orNull(0.1);
    Gen<TelephonyStatus> statuses = Gen.of(TelephonyStatus.class).orNull(0.1);
    Gen<TerminationType> terminations = Gen.of(TerminationType.class).orNull(0.2);
    Gen<Instant> starts = times().orNull(0.5);
    Gen<String> telephonySessions = Gen.of("s-1", "s-2").orNull(0.5);
    Gen<String> remoteUris = Gen.of("sip:101@x", "sip:+16505550100@x").orNull(0.3);
    Gen<String> toNames = Gen.of("Conference", "Someone").orNull(0.7);
    Gen<ActiveCall> call = r -> {
      String id = ids.next(r);
      String sessionId = sessionIds.next(r);
      Direction direction = directions.next(r);
      String from = numbers.next(r);
      String to = numbers.next(r);
      TelephonyStatus status = statuses.next(r);
      TerminationType termination = terminations.next(r);
      Instant start = starts.next(r);
      String telephonySession = telephonySessions.next(r);
      String remoteUri = remoteUris.next(r);
      String toName = toNames.next(r);
      return new ActiveCall(id, direction, from, null, to, toName, start, status, termination, sessionId,
          telephonySession, "p-1", false, remoteUri == null ? null : new SipData("t", "f", remoteUri, "sip:me@x", null));
    };
    Gen<Long> gaps = Gen.of(1000L, 2000L, 3000L, 4000L);
    Gen<TelephonyStatus> legStatuses = Gen.of(TelephonyStatus.class);
    Gen<TerminationType> outboundTerminations = Gen.of(TerminationType.class).orNull(0.3);
    // a RingOut: the outbound leg and, 1000..4000 session ids later, its inbound leg
    Gen<List<ActiveCall>> ringOutPair = r -> {
      long gap = gaps.next(r);
      TelephonyStatus inboundStatus = legStatuses.next(r);
      TelephonyStatus outboundStatus = legStatuses.next(r);
      TerminationType termination = outboundTerminations.next(r);
      Instant start = starts.next(r);
      return List.of(
          new ActiveCall("out", Direction.OUTBOUND, "+16505550199", null, "6505550100", null, start, outboundStatus,
              termination, "30000", null, null, false, null),
          new ActiveCall("in", Direction.INBOUND, "+16505550100", null, "+16505550199", null, start, inboundStatus,
              TerminationType.FINAL, String.valueOf(30000 + gap), null, null, false, null));
    };
    Gen<List<ActiveCall>> lists = call.list(0, 5);
    Gen<List<ActiveCall>> pairs = ringOutPair.orNull(0.6);
    return r -> {
      List<ActiveCall> all = new ArrayList<>(lists.next(r));
      List<ActiveCall> pair = pairs.next(r);
      if (pair != null) {
        all.addAll(pair);
      }
      return all;
    };
  }
}
