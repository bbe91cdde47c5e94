package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.engine.SessionOptions;
import io.presencestream.engine.SessionOutcome;
import io.presencestream.engine.SessionTracker;
import io.presencestream.model.Direction;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.TelephonySession;
import io.presencestream.model.TelephonySessionNotification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test helper: folds telephony-session notifications with the engine's {@link SessionTracker} into each
 * extension's live sessions (from its events only, the public surface) and checks them against the
 * simulator's session truth.
 *
 * <p>What must agree, per extension X: the sessions the tracker holds live for X are exactly the truth's
 * sessions in which X has a party that has not left, except the inbound leg of a RingOut whose outbound
 * leg is live too (the tracker merges it into the outbound leg, as presence does), and except sessions
 * whose own party X's tracker still keeps after a {@code Pickup} (it waits a grace for X's new party);
 * and every party the tracker shows in a live session equals the truth's party of that id, field by field.
 */
final class SessionAgreement {

  final SessionTracker tracker = new SessionTracker(SessionOptions.defaults());
  /** Extension → telephony session id → the tracker's latest view, while live. */
  final Map<String, Map<String, TelephonySession>> live = new HashMap<>();
  /** Every session end, in order. */
  final List<SessionEvent.SessionEnded> ended = new ArrayList<>();
  int applied;
  int notifications;

  void apply(TelephonySessionNotification n) {
    notifications++;
    for (SessionOutcome o : tracker.apply(n)) {
      if (o.applied()) {
        applied++;
      }
      for (SessionEvent e : o.events()) {
        if (e instanceof SessionEvent.SessionStarted s) {
          live.computeIfAbsent(s.extensionId(), k -> new LinkedHashMap<>()).put(s.session().telephonySessionId(), s.session());
        } else if (e instanceof SessionEvent.PartyUpdated u) {
          live.computeIfAbsent(u.extensionId(), k -> new LinkedHashMap<>()).put(u.session().telephonySessionId(), u.session());
        } else if (e instanceof SessionEvent.SessionEnded end) {
          ended.add(end);
          Map<String, TelephonySession> of = live.get(end.extensionId());
          if (of != null) {
            of.remove(end.session().telephonySessionId());
          }
        }
      }
    }
  }

  /** The truth's sessions in which {@code extension} should be live for the tracker, by id. */
  static Map<String, SessionTruth> expected(List<SessionTruth> truth, String extension) {
    Map<String, SessionTruth> expected = new LinkedHashMap<>();
    for (SessionTruth s : truth) {
      if (s.parties().stream().anyMatch(p -> extension.equals(p.extensionId()) && !p.code().isFinal())) {
        expected.put(s.telephonySessionId(), s);
      }
    }
    Set<String> inboundLegs = new HashSet<>();
    for (SessionTruth s : expected.values()) {
      if (s.origin().type() == OriginType.RING_OUT && own(s, extension).direction() == Direction.INBOUND
          && expected.values().stream().anyMatch(o -> o != s && o.origin().type() == OriginType.RING_OUT
              && own(o, extension).direction() == Direction.OUTBOUND)) {
        inboundLegs.add(s.telephonySessionId());
      }
    }
    inboundLegs.forEach(expected::remove);
    return expected;
  }

  /** Whether the view's own party left by {@code Pickup}: its tracker waits the switch grace for a new party. */
  static boolean waitingAfterPickup(TelephonySession view) {
    Party own = view.party();
    return own != null && own.code() == PartyStatusCode.DISCONNECTED && own.status().reason() == PartyStatusReason.PICKUP;
  }

  private static Party own(SessionTruth s, String extension) {
    return s.parties().stream().filter(p -> extension.equals(p.extensionId())).findFirst().orElseThrow();
  }

  /**
   * Checks the folded views of every given extension against the truth.
   *
   * @param accountLevel whether the notifications came from an account-level subscription (the views then
   *     may also hold parties outside the account's extensions); else only the extensions' own parties
   */
  void assertAgrees(List<SessionTruth> truth, Collection<String> extensions, boolean accountLevel, String when) {
    Map<String, Party> truthParties = new HashMap<>();
    truth.forEach(s -> s.parties().forEach(p -> truthParties.put(p.id(), p)));
    for (String x : extensions) {
      Map<String, SessionTruth> expected = expected(truth, x);
      Map<String, TelephonySession> actual = live.getOrDefault(x, Map.of());
      assertThat(actual.keySet()).as("%s: live sessions of extension %s", when, x).containsAll(expected.keySet());
      for (Map.Entry<String, TelephonySession> entry : actual.entrySet()) {
        TelephonySession view = entry.getValue();
        SessionTruth t = expected.get(entry.getKey());
        if (t == null) {
          assertThat(waitingAfterPickup(view))
              .as("%s: extension %s still holds session %s (%s), which is not live for it in the truth", when, x,
                  entry.getKey(), view)
              .isTrue();
          continue;
        }
        assertThat(view.sessionId()).as("%s: sessionId of %s", when, t.telephonySessionId()).isEqualTo(t.sessionId());
        assertThat(view.origin()).as("%s: origin of %s", when, t.telephonySessionId()).isEqualTo(t.origin());
        for (Party p : view.parties()) {
          assertThat(p.extensionId() == null ? accountLevel : x.equals(p.extensionId()))
              .as("%s: party %s of %s in extension %s's view", when, p.id(), t.telephonySessionId(), x).isTrue();
          assertThat(p).as("%s: party %s of session %s for extension %s", when, p.id(), t.telephonySessionId(), x)
              .isEqualTo(truthParties.get(p.id()));
        }
        for (Party p : t.parties()) {
          if (x.equals(p.extensionId())) {
            assertThat(view.parties()).as("%s: extension %s's own parties of %s", when, x, t.telephonySessionId())
                .contains(p);
          }
        }
      }
    }
  }
}
