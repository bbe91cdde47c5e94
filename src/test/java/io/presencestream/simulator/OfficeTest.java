package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfficeTest {

  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static Office office(long seed, int extensions) {
    // wrap-up off: the clock never moves, so a wrap-up would never end and agents would take no more queue calls
    return new Office(SimulatorOptions.builder().seed(seed).extensions(extensions).eventsPerSecond(0).clock(FIXED)
        .wrapUp(java.time.Duration.ZERO).build());
  }

  private static List<SimNotification> run(Office office, int steps) {
    List<SimNotification> all = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      all.addAll(office.step());
    }
    return all;
  }

  @Test
  void sameSeedGivesTheSameTraffic() {
    List<SimNotification> first = run(office(7, 12), 800);
    List<SimNotification> second = run(office(7, 12), 800);

    assertThat(first).hasSizeGreaterThan(800).isEqualTo(second);
  }

  @Test
  void anotherSeedGivesOtherTraffic() {
    assertThat(run(office(7, 12), 200)).isNotEqualTo(run(office(8, 12), 200));
  }

  @Test
  void sameSeedGivesTheSameOffice() {
    assertThat(office(3, 30).directory()).isEqualTo(office(3, 30).directory());
    assertThat(office(3, 30).directory()).extracting(r -> r.name()).doesNotHaveDuplicates();
  }

  @Test
  void theLargestOfficeHasADistinctIdAndNumberPerUserAndRunsTraffic() {
    Office office = office(7, SimulatorOptions.MAX_EXTENSIONS);

    assertThat(office.extensions()).hasSize(100_000);
    assertThat(office.extensions().stream().map(e -> e.id).distinct().count()).isEqualTo(100_000);
    assertThat(office.extensions().stream().map(e -> e.number).distinct().count()).isEqualTo(100_000);
    assertThat(office.truth()).hasSize(100_000);
    assertThat(run(office, 200)).hasSizeGreaterThan(200);
  }

  @Test
  void theDirectorysQueuesAndDisabledUserShareNoIdOrNumberWithAUserAtAnySize() {
    for (int size : new int[] {99, 900, 901, 10_000}) {
      Office office = new Office(SimulatorOptions.builder().seed(3).extensions(size).eventsPerSecond(0).clock(FIXED)
          .directoryExtras(true).build());

      assertThat(office.directory()).as("%d users", size).hasSize(size + 3);
      assertThat(office.directory().stream().map(r -> r.id()).distinct().count()).as("ids of %d", size).isEqualTo(size + 3);
      assertThat(office.directory().stream().map(r -> r.extensionNumber()).distinct().count()).as("numbers of %d", size)
          .isEqualTo(size + 3);
    }
  }

  @Test
  void sequencesIncreaseByOnePerExtension() {
    Map<String, Long> last = new HashMap<>();
    for (SimNotification n : run(office(11, 10), 1500)) {
      Long previous = last.put(n.extensionId(), n.body().sequence());
      if (previous != null) {
        assertThat(n.body().sequence()).isEqualTo(previous + 1);
      }
    }
    assertThat(last).hasSize(10);
  }

  @Test
  void producesEveryKindOfSituationARealOfficeHas() {
    Set<String> seen = new HashSet<>();
    for (SimNotification n : run(office(5, 24), 4000)) {
      PresenceUpdate b = n.body();
      List<ActiveCall> calls = b.activeCalls();
      if (calls.size() < b.totalActiveCalls()) {
        seen.add("truncated");
        assertThat(calls).hasSize(7);
      }
      for (ActiveCall c : calls) {
        seen.add("status " + c.telephonyStatus().label());
        if (c.terminationType() == TerminationType.INTERMEDIATE) {
          seen.add("intermediate");
        }
        if (c.terminationType() == TerminationType.FINAL && c.telephonyStatus() == TelephonyStatus.NO_CALL) {
          seen.add("ended");
        }
        for (ActiveCall o : calls) {
          if (c.direction() == Direction.INBOUND && o.direction() == Direction.OUTBOUND) {
            long gap = Long.parseLong(c.sessionId()) - Long.parseLong(o.sessionId());
            if (gap == 0) {
              seen.add("self");
            } else if (gap % 1000 == 0 && gap >= 1000 && gap <= 4000) {
              seen.add("ringout");
              if (c.from().startsWith("+") != o.to().startsWith("+")) {
                seen.add("ringout in mixed number forms");
              }
            }
          }
        }
      }
      if (b.dndStatus() == DndStatus.DO_NOT_ACCEPT_ANY_CALLS) {
        seen.add("dnd");
      }
      if (b.userStatus() == UserStatus.OFFLINE) {
        seen.add("offline");
      }
      if (b.meetingStatus() == MeetingStatus.CONNECTED) {
        seen.add("meeting");
      }
      if (b.message() != null) {
        seen.add("message");
      }
    }
    assertThat(seen).contains("truncated", "intermediate", "ended", "self", "ringout", "ringout in mixed number forms",
        "dnd", "offline", "meeting", "message", "status Ringing", "status CallConnected", "status OnHold",
        "status ParkedCall");
  }

  @Test
  void ordinaryCallsNeverLookLikeRingOutLegs() {
    Office office = office(21, 16);
    for (SimNotification n : run(office, 3000)) {
      List<ActiveCall> calls = n.body().activeCalls();
      for (ActiveCall in : calls) {
        for (ActiveCall out : calls) {
          long gap = Math.abs(Long.parseLong(in.sessionId()) - Long.parseLong(out.sessionId()));
          if (in.direction() == Direction.INBOUND && out.direction() == Direction.OUTBOUND
              && gap >= 1000 && gap <= 4000 && gap % 1000 == 0) {
            // only the two legs of one RingOut call are this close: their numbers cross
            assertThat(digits(in.from())).endsWith(digits(out.to()).replaceFirst("^0", ""));
          }
        }
      }
    }
  }

  @Test
  void numbersAreValidE164WhereTheyArePhoneNumbers() throws NumberParseException {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    for (SimNotification n : run(office(9, 8), 600)) {
      for (ActiveCall c : n.body().activeCalls()) {
        for (String number : List.of(c.from(), c.to())) {
          if (number.startsWith("+")) {
            assertThat(util.isValidNumber(util.parse(number, null))).as(number).isTrue();
          }
        }
      }
    }
  }

  @Test
  void truthMergesRingOutLegsIntoTheOutboundLegWithTheE164Number() {
    Office office = office(5, 24);
    int merged = 0;
    for (int i = 0; i < 4000; i++) {
      office.step();
      for (SimExtension e : office.extensions()) {
        SimCall out = e.calls.stream()
            .filter(c -> c.ringOutPartner != null && c.direction == Direction.OUTBOUND && e.calls.contains(c.ringOutPartner))
            .findFirst().orElse(null);
        if (out == null) {
          continue;
        }
        SimCall in = out.ringOutPartner;
        ExtensionState truth = office.truth(e);
        Call call = truth.calls().stream().filter(c -> c.id().equals(out.id)).findFirst().orElseThrow();
        assertThat(call.isRingOut()).isTrue();
        assertThat(call.inboundLeg().sessionId()).isEqualTo(in.sessionId);
        assertThat(call.outboundLeg().id()).isEqualTo(out.id);
        assertThat(truth.calls()).noneMatch(c -> c.id().equals(in.id));
        assertThat(call.to()).isEqualTo(in.from.startsWith("+") ? in.from : out.to);
        assertThat(call.telephonyStatus())
            .isEqualTo(in.status == TelephonyStatus.ON_HOLD ? TelephonyStatus.ON_HOLD : out.status);
        merged++;
      }
    }
    assertThat(merged).isPositive();
  }

  @Test
  void truthHasTheFullListWhenAMessageIsTruncatedAndNoIntermediateOrEndedCalls() {
    Office office = office(5, 24);
    int truncated = 0;
    for (int i = 0; i < 4000; i++) {
      for (SimNotification n : office.step()) {
        SimExtension e = office.extension(n.extensionId());
        ExtensionState truth = office.truth(e);
        assertThat(truth.calls()).noneMatch(c -> c.telephonyStatus() == TelephonyStatus.NO_CALL);
        long intermediate = e.calls.stream().filter(c -> c.termination == TerminationType.INTERMEDIATE).count();
        long ringOutInbound = e.calls.stream()
            .filter(c -> c.ringOutPartner != null && c.direction == Direction.INBOUND && e.calls.contains(c.ringOutPartner))
            .count();
        assertThat(truth.calls()).hasSize((int) (e.calls.size() - intermediate - ringOutInbound));
        if (n.body().totalActiveCalls() > n.body().activeCalls().size()) {
          truncated++;
          assertThat(office.snapshot(e).activeCalls()).hasSize(e.calls.size());
        }
        assertThat(truth.sequence()).isEqualTo(n.body().sequence());
      }
    }
    assertThat(truncated).isPositive();
  }

  @Test
  void restSnapshotHasNoSequenceAndNoTotal() {
    Office office = office(1, 4);
    run(office, 50);

    PresenceUpdate snapshot = office.snapshot(office.owner());

    assertThat(snapshot.sequence()).isNull();
    assertThat(snapshot.totalActiveCalls()).isNull();
    assertThat(snapshot.activeCalls()).isNotNull();
  }

  @Test
  void sequenceFaultsMoveTheCounters() {
    Office office = office(1, 4);
    run(office, 20);
    long before = office.owner().sequence;

    office.skipSequences(10);
    assertThat(office.owner().sequence).isEqualTo(before + 10);
    office.resetSequences();
    assertThat(office.owner().sequence).isLessThanOrEqualTo(before + 10 - 100_000);
  }

  @Test
  void staleReplayCarriesAnOlderSequence() {
    Office office = office(1, 4);
    run(office, 60);

    SimNotification stale = office.staleReplay();

    assertThat(stale).isNotNull();
    assertThat(stale.body().sequence()).isLessThan(office.extension(stale.extensionId()).lastSentSequence);
  }

  private static String digits(String s) {
    return s.replaceAll("\\D", "");
  }
}
