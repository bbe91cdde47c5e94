package io.presencestream.model;

/**
 * The status of one party of a telephony session ({@code status.code}). Values RingCentral may add later map
 * to {@link #UNKNOWN}, never to an exception.
 */
public enum PartyStatusCode implements Labeled {
  /** The platform received the call and is setting it up. */
  SETUP("Setup"),
  /** The party's endpoint is being rung (the start of ring time). */
  PROCEEDING("Proceeding"),
  /** Connected and talking; also the status after a hold ends. */
  ANSWERED("Answered"),
  /** This party put the call on hold. */
  HOLD("Hold"),
  /** The call is parked (Call Park): on hold at a park location until someone picks it up; see {@code parkData}. */
  PARKED("Parked"),
  /** The call went to voicemail. RingCentral's documents also write {@code Voicemail}: both are read. */
  VOICEMAIL("VoiceMail"),
  /** The callee listens to the caller leaving a message. Also read from {@code VMScreening}. */
  VOICEMAIL_SCREENING("VoiceMailScreening"),
  /** The party is receiving a fax on the call. */
  FAX_RECEIVE("FaxReceive"),
  /** The party left the session; {@code reason} may say why. */
  DISCONNECTED("Disconnected"),
  /** The party moved to another session, named by {@code peerId} (attended transfer, pickup from park, monitoring). */
  GONE("Gone"),
  /** A value this version does not know. */
  UNKNOWN("Unknown");

  private final String label;

  PartyStatusCode(String label) {
    this.label = label;
  }

  /** The word RingCentral uses for this value. */
  @Override
  public String label() {
    return label;
  }

  /**
   * Parses RingCentral's word, including the spellings its documents use besides the API reference's
   * ({@code Voicemail}, {@code VMScreening}), never failing.
   *
   * @param label the wire value, or null when the field was absent
   * @return the value; null for null, {@link #UNKNOWN} for anything unrecognised
   */
  public static PartyStatusCode parse(String label) {
    if ("Voicemail".equals(label)) {
      return VOICEMAIL;
    }
    if ("VMScreening".equals(label)) {
      return VOICEMAIL_SCREENING;
    }
    return Labeled.parse(values(), label, UNKNOWN);
  }

  /** {@return whether the party has left the session: {@link #DISCONNECTED} or {@link #GONE}} */
  public boolean isFinal() {
    return this == DISCONNECTED || this == GONE;
  }
}
