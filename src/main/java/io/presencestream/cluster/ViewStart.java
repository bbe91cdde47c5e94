package io.presencestream.cluster;

import java.util.Locale;

/**
 * Where a {@link KafkaRole#CONTACT_CENTRE} node starts reading the events topic ({@code kafka.contactCentre.startFrom}).
 * It keeps no committed offsets: every start reads again from here.
 */
public enum ViewStart {
  /**
   * From the first event of today (midnight in the view's time zone, by the records' timestamps), replayed in time
   * order before the node goes live: a restarted node has the day's figures, timelines and open alerts again.
   */
  TODAY,
  /** From the end of the topic: the view starts empty, like a single daemon that has just started. */
  LATEST;

  /** {@return the word used in configuration: {@code today} or {@code latest}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration word, ignoring case and surrounding blanks.
   *
   * @param label the word
   * @return the start it names
   * @throws IllegalArgumentException for any other word
   */
  public static ViewStart parse(String label) {
    for (ViewStart start : values()) {
      if (start.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
        return start;
      }
    }
    throw new IllegalArgumentException("must be one of today, latest, was \"" + label + "\"");
  }
}
