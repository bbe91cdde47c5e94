package io.presencestream.engine;

import io.presencestream.model.Direction;
import io.presencestream.model.Party;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.SessionResult;

/**
 * How a session ended for an extension, from its party's final status and the statuses it went through.
 * The first rule that applies wins: gone or handed on → transferred; voicemail reached → voicemail; ever
 * answered → answered; picked up elsewhere or by another agent → answered elsewhere; then by reason
 * (rejected, busy, failed) and, for the rest, by direction (inbound → missed; outbound → no answer on a
 * timeout, else abandoned).
 */
final class SessionResults {

  private SessionResults() {}

  static SessionResult of(Party party, StatusTimeline timeline) {
    if (party == null) {
      return SessionResult.UNKNOWN;
    }
    PartyStatusReason reason = party.status().reason();
    if (party.code() == PartyStatusCode.GONE || isHandOver(reason)) {
      return SessionResult.TRANSFERRED;
    }
    if (timeline.reachedVoicemail() || reason == PartyStatusReason.VOICEMAIL) {
      return SessionResult.VOICEMAIL;
    }
    if (timeline.answered()) {
      return SessionResult.ANSWERED;
    }
    if (reason != null) {
      switch (reason) {
        case PICKUP, CALL_SWITCH, AGENT_ANSWERED, TAKE_OVER:
          return SessionResult.ANSWERED_ELSEWHERE;
        case REJECTED, CALL_REPLIED:
          return SessionResult.REJECTED;
        case TARGET_BUSY:
          return SessionResult.BUSY;
        case INVALID_NUMBER, INTERNATIONAL_DISABLED, DESTINATION_BLOCKED, NOT_ENOUGH_FUNDS, NO_SUCH_USER, INTERNAL_ERROR:
          return SessionResult.FAILED;
        default:
          break;
      }
    }
    if (party.direction() == Direction.INBOUND || Boolean.TRUE.equals(party.missedCall())) {
      return SessionResult.MISSED;
    }
    if (party.direction() == Direction.OUTBOUND) {
      return reason == PartyStatusReason.NO_ANSWER || reason == PartyStatusReason.TIMEOUT
          ? SessionResult.NO_ANSWER
          : SessionResult.ABANDONED;
    }
    return SessionResult.UNKNOWN;
  }

  /** Reasons by which the party handed the call on to someone or somewhere else. */
  private static boolean isHandOver(PartyStatusReason reason) {
    if (reason == null) {
      return false;
    }
    return switch (reason) {
      case BLIND_TRANSFER, ATTENDED_TRANSFER, RCC_TRANSFER, DTMF_TRANSFER, CALL_REDIRECTED, CALLER_INPUT_REDIRECT,
          CALL_PARK, PARK_LOCATION, CALL_FLIP -> true;
      default -> false;
    };
  }
}
