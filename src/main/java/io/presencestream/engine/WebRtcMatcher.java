package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.PartyData;
import io.presencestream.model.WebRtcSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SEMANTICS §6: which local softphone session is which presence call.
 *
 * <p>A session matches a call when (1) it has party data and the call a telephony session id: the
 * session ids are equal and either the party ids are equal or the SIP Call-ID equals the call id;
 * otherwise (2) its Call-ID equals the call id; otherwise (3) the directions are equal and either,
 * for a conference call, the session id starts with the call id, or the call's
 * {@code sipData.remoteUri} contains the session's remote user and the two start times are at most
 * {@value #WINDOW_MILLIS} ms apart.
 *
 * <p>Assignment: a session is used for at most one call and a call gets at most one session. A match
 * made earlier is kept while it still holds (so a new call cannot steal a session already in use);
 * the rest are assigned greedily, exact matches (rules 1–2) before heuristic ones, then closest in
 * time first, then in list order — deterministic.
 */
final class WebRtcMatcher {

  static final long WINDOW_MILLIS = 16_000;

  private static final int EXACT = 0;
  private static final int HEURISTIC = 1;

  private WebRtcMatcher() {}

  private record Candidate(int call, int session, int tier, long distanceMillis) {}

  private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::tier)
      .thenComparingLong(Candidate::distanceMillis)
      .thenComparingInt(Candidate::call)
      .thenComparingInt(Candidate::session);

  /**
   * {@code calls} with {@code webRtcSessionId} set to their matched session (or null).
   *
   * @param previous the extension's previous live calls, whose matches are kept while they hold
   */
  static List<Call> match(List<Call> calls, List<WebRtcSession> sessions, List<Call> previous) {
    if (sessions == null || sessions.isEmpty()) {
      return clearAll(calls);
    }
    int callCount = calls.size();
    String[] assigned = new String[callCount];
    Set<String> used = new HashSet<>();
    Map<String, WebRtcSession> byId = new HashMap<>();
    for (WebRtcSession session : sessions) {
      byId.put(session.id(), session);
    }
    Map<CallKey, String> previousMatches = new HashMap<>();
    for (Call call : previous) {
      if (call.webRtcSessionId() != null) {
        previousMatches.put(CallKey.of(call), call.webRtcSessionId());
      }
    }
    for (int c = 0; c < callCount; c++) {
      Call call = calls.get(c);
      String sessionId = call.webRtcSessionId() != null ? call.webRtcSessionId() : previousMatches.get(CallKey.of(call));
      WebRtcSession session = sessionId == null ? null : byId.get(sessionId);
      if (session != null && !used.contains(sessionId) && score(call, session) != null) {
        assigned[c] = sessionId;
        used.add(sessionId);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int c = 0; c < callCount; c++) {
      if (assigned[c] != null) {
        continue;
      }
      for (int s = 0; s < sessions.size(); s++) {
        WebRtcSession session = sessions.get(s);
        if (used.contains(session.id())) {
          continue;
        }
        Candidate candidate = score(calls.get(c), session);
        if (candidate != null) {
          candidates.add(new Candidate(c, s, candidate.tier(), candidate.distanceMillis()));
        }
      }
    }
    candidates.sort(BEST_FIRST);
    for (Candidate candidate : candidates) {
      String sessionId = sessions.get(candidate.session()).id();
      if (assigned[candidate.call()] == null && !used.contains(sessionId)) {
        assigned[candidate.call()] = sessionId;
        used.add(sessionId);
      }
    }
    boolean changed = false;
    Call[] result = new Call[callCount];
    for (int c = 0; c < callCount; c++) {
      Call call = calls.get(c);
      if (Objects.equals(call.webRtcSessionId(), assigned[c])) {
        result[c] = call;
      } else {
        result[c] = Calls.withWebRtcSessionId(call, assigned[c]);
        changed = true;
      }
    }
    return changed ? List.of(result) : calls;
  }

  /** Whether {@code session} matches {@code call}, as a candidate (call/session indexes unset), or null. */
  static Candidate score(Call call, WebRtcSession session) {
    long distance = distanceMillis(call, session);
    PartyData party = session.partyData();
    if (party != null && call.telephonySessionId() != null) {
      boolean matches = call.telephonySessionId().equals(party.sessionId())
          && (Objects.equals(party.partyId(), call.partyId()) && party.partyId() != null
              || Objects.equals(session.callId(), call.id()) && call.id() != null);
      return matches ? new Candidate(-1, -1, EXACT, distance) : null;
    }
    if (session.callId() != null && session.callId().equals(call.id())) {
      return new Candidate(-1, -1, EXACT, distance);
    }
    if (session.direction() == null || session.direction() != call.direction()) {
      return null;
    }
    if (call.toName() != null && call.toName().equalsIgnoreCase("conference")) {
      return call.id() != null && session.id().startsWith(call.id()) ? new Candidate(-1, -1, HEURISTIC, distance) : null;
    }
    String remoteUser = session.direction() == Direction.OUTBOUND ? session.to() : session.from();
    String remoteUri = call.sipData() == null ? null : call.sipData().remoteUri();
    if (remoteUser == null || remoteUser.isEmpty() || remoteUri == null || !remoteUri.contains(remoteUser)) {
      return null;
    }
    return distance <= WINDOW_MILLIS ? new Candidate(-1, -1, HEURISTIC, distance) : null;
  }

  /** matches(call, session) for tests and callers that only need a yes/no. */
  static boolean matches(Call call, WebRtcSession session) {
    return score(call, session) != null;
  }

  /**
   * |call start − session time|, where the session's time is its creation time for an inbound call
   * and its answer time (falling back to creation) for an outbound one.
   */
  static long distanceMillis(Call call, WebRtcSession session) {
    Instant sessionTime = session.direction() == Direction.INBOUND || session.startTime() == null
        ? session.creationTime()
        : session.startTime();
    if (call.startTime() == null) {
      return Long.MAX_VALUE;
    }
    try {
      return java.time.Duration.between(call.startTime(), sessionTime).abs().toMillis();
    } catch (ArithmeticException farApart) {
      return Long.MAX_VALUE;
    }
  }

  private static List<Call> clearAll(List<Call> calls) {
    boolean any = false;
    for (Call call : calls) {
      if (call.webRtcSessionId() != null) {
        any = true;
        break;
      }
    }
    if (!any) {
      return calls;
    }
    Call[] cleared = new Call[calls.size()];
    for (int i = 0; i < cleared.length; i++) {
      Call call = calls.get(i);
      cleared[i] = call.webRtcSessionId() == null ? call : Calls.withWebRtcSessionId(call, null);
    }
    return List.of(cleared);
  }
}
