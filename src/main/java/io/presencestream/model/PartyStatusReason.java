package io.presencestream.model;

/**
 * Why a telephony-session party has its status ({@code status.reason}), mostly given with
 * {@code Disconnected} and {@code Gone}. The words of RingCentral's API reference (OpenAPI {@code CallParty}
 * schema and the event-filter documentation); values RingCentral may add later map to {@link #UNKNOWN},
 * never to an exception.
 */
public enum PartyStatusReason implements Labeled {
  /** The call was picked up on another device or by another user (BLF pickup); for its own extension the session goes on only if a new party of that extension follows. */
  PICKUP("Pickup"),
  /** A supervisor's party left a call they were monitoring or coaching (call supervision). */
  SUPERVISING("Supervising"),
  /** A supervisor took the call over (barge-in then take-over): the party they replaced leaves. */
  TAKE_OVER("TakeOver"),
  /** The party rang for as long as its ring time allows and nobody answered, so the platform moved on (next queue agent, forwarding, voicemail). */
  TIMEOUT("Timeout"),
  /** The party transferred the call without talking to the target first (blind or cold transfer). */
  BLIND_TRANSFER("BlindTransfer"),
  /** The call was transferred by a RingCentral Call Control API request rather than from a phone. */
  RCC_TRANSFER("RccTransfer"),
  /** The party completed a warm (attended) transfer, after talking to the target first. */
  ATTENDED_TRANSFER("AttendedTransfer"),
  /** The caller dialled an extension while the call was being set up. */
  CALLER_INPUT_REDIRECT("CallerInputRedirect"),
  /** The user flipped the call to another of their numbers (Call Flip). */
  CALL_FLIP("CallFlip"),
  /** The call was parked at a park location (a shared park orbit). */
  PARK_LOCATION("ParkLocation"),
  /** The party transferred the call by dialling a transfer code on the keypad (DTMF). */
  DTMF_TRANSFER("DtmfTransfer"),
  /** Another queue agent answered the call. */
  AGENT_ANSWERED("AgentAnswered"),
  /** A queue agent dropped the call before or while it was connected, so the queue goes on to another agent. */
  AGENT_DROPPED("AgentDropped"),
  /** The callee declined the call. */
  REJECTED("Rejected"),
  /** The caller hung up before the call was answered. */
  CANCELLED("Cancelled"),
  /** The platform failed to handle the call. */
  INTERNAL_ERROR("InternalError"),
  /** Nobody answered the call. */
  NO_ANSWER("NoAnswer"),
  /** The called number or extension was busy. */
  TARGET_BUSY("TargetBusy"),
  /** The dialled number does not exist or is not valid. */
  INVALID_NUMBER("InvalidNumber"),
  /** The account may not make international calls. */
  INTERNATIONAL_DISABLED("InternationalDisabled"),
  /** The dialled destination is blocked for this account. */
  DESTINATION_BLOCKED("DestinationBlocked"),
  /** The account has not enough credit for the call. */
  NOT_ENOUGH_FUNDS("NotEnoughFunds"),
  /** The dialled extension does not exist. */
  NO_SUCH_USER("NoSuchUser"),
  /** The party parked the call (Call Park), leaving it for anyone to pick up from the park. */
  CALL_PARK("CallPark"),
  /** The call was redirected (forwarded) to another number or extension. */
  CALL_REDIRECTED("CallRedirected"),
  /** The callee answered with a text reply instead of the call. */
  CALL_REPLIED("CallReplied"),
  /** The user moved the call to another of their devices; the session goes on with a new party. */
  CALL_SWITCH("CallSwitch"),
  /** The call ended normally: a party hung up after talking. */
  CALL_FINISHED("CallFinished"),
  /** The call was dropped, e.g. by a Call Control API drop request or a lost connection. */
  CALL_DROPPED("CallDropped"),
  /** The call went to voicemail, so this party leaves it. */
  VOICEMAIL("Voicemail"),
  /** A value this version does not know. */
  UNKNOWN("Unknown");

  private final String label;

  PartyStatusReason(String label) {
    this.label = label;
  }

  /** The word RingCentral uses for this value. */
  @Override
  public String label() {
    return label;
  }
}
