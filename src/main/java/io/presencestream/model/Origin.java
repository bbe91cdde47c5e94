package io.presencestream.model;

/**
 * Why a telephony session exists ({@code origin}).
 *
 * @param type the kind of session; {@link OriginType#UNKNOWN} for a word this version does not know
 */
public record Origin(OriginType type) {

  /** The origin of an ordinary call, which RingCentral's SDK also assumes when {@code origin} is absent. */
  public static final Origin CALL = new Origin(OriginType.CALL);
}
