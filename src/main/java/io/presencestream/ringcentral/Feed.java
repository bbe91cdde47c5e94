package io.presencestream.ringcentral;

import java.util.Locale;

/**
 * A RingCentral notification feed a {@link RingCentralSource} can subscribe to. Presence is always
 * subscribed: the engine's state and the REST reads that keep it right are presence; telephony sessions
 * come beside it when asked for ({@link RingCentralOptions.Builder#feeds}).
 */
public enum Feed {
  /** Detailed presence with SIP data ({@code …/extension/{id}/presence}): status and active calls. */
  PRESENCE("presence"),
  /**
   * Telephony sessions ({@code …/telephony/sessions}): every party of every call, which needs the app's
   * {@code CallControl} permission.
   */
  TELEPHONY("telephony");

  private final String label;

  Feed(String label) {
    this.label = label;
  }

  /**
   * The feed's name in configuration, logs and metric tags.
   *
   * @return {@code presence} or {@code telephony}
   */
  public String label() {
    return label;
  }

  /**
   * The feed of a configuration word.
   *
   * @param word {@code presence} or {@code telephony}, in any case
   * @return the feed
   * @throws IllegalArgumentException for another word, naming the words allowed
   */
  public static Feed parse(String word) {
    for (Feed feed : values()) {
      if (feed.label.equals(word == null ? null : word.toLowerCase(Locale.ROOT))) {
        return feed;
      }
    }
    throw new IllegalArgumentException("unknown feed " + word + " (expected presence or telephony)");
  }
}
