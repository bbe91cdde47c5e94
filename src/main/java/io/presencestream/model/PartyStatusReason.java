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
  SUPERVISING("Supervising"),
  TAKE_OVER("TakeOver"),
  TIMEOUT("Timeout"),
  BLIND_TRANSFER("BlindTransfer"),
  RCC_TRANSFER("RccTransfer"),
  ATTENDED_TRANSFER("AttendedTransfer"),
  /** The caller dialled an extension while the call was being set up. */
  CALLER_INPUT_REDIRECT("CallerInputRedirect"),
  CALL_FLIP("CallFlip"),
  PARK_LOCATION("ParkLocation"),
  DTMF_TRANSFER("DtmfTransfer"),
  /** Another queue agent answered the call. */
  AGENT_ANSWERED("AgentAnswered"),
  AGENT_DROPPED("AgentDropped"),
  REJECTED("Rejected"),
  CANCELLED("Cancelled"),
  INTERNAL_ERROR("InternalError"),
  NO_ANSWER("NoAnswer"),
  TARGET_BUSY("TargetBusy"),
  INVALID_NUMBER("InvalidNumber"),
  INTERNATIONAL_DISABLED("InternationalDisabled"),
  DESTINATION_BLOCKED("DestinationBlocked"),
  NOT_ENOUGH_FUNDS("NotEnoughFunds"),
  NO_SUCH_USER("NoSuchUser"),
  CALL_PARK("CallPark"),
  CALL_REDIRECTED("CallRedirected"),
  /** The callee answered with a text reply instead of the call. */
  CALL_REPLIED("CallReplied"),
  /** The user moved the call to another of their devices; the session goes on with a new party. */
  CALL_SWITCH("CallSwitch"),
  CALL_FINISHED("CallFinished"),
  CALL_DROPPED("CallDropped"),
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

  /** Parses RingCentral's word; {@code null} stays {@code null} (absent), anything unrecognised is {@link #UNKNOWN}. */
  public static PartyStatusReason parse(String label) {
    return Labeled.parse(values(), label, UNKNOWN);
  }
}
