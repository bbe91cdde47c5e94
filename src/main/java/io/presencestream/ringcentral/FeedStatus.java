package io.presencestream.ringcentral;

import java.util.Objects;
import java.util.Set;

/**
 * Which feeds a {@link RingCentralSource} was asked for and which it subscribes to now: they differ when
 * RingCentral refused the telephony-session filters (the app lacks {@code CallControl}, or the user may not
 * watch the whole account), in which case presence goes on alone and {@link #problem()} says why.
 *
 * @param requested the feeds in the options
 * @param active the feeds subscribed now; presence always
 * @param telephonyScope where telephony sessions are subscribed now ({@link TelephonyScope#ACCOUNT} or
 *     {@link TelephonyScope#EXTENSIONS}), or null when they are not
 * @param problem why a requested feed is not active, or null
 */
public record FeedStatus(Set<Feed> requested, Set<Feed> active, TelephonyScope telephonyScope, String problem) {

  /**
   * Copies the sets.
   *
   * @param requested the feeds in the options
   * @param active the feeds subscribed now
   * @param telephonyScope where telephony sessions are subscribed now, or null
   * @param problem why a requested feed is not active, or null
   * @throws NullPointerException if a set is null
   */
  public FeedStatus {
    requested = Set.copyOf(Objects.requireNonNull(requested, "requested"));
    active = Set.copyOf(Objects.requireNonNull(active, "active"));
  }

  /**
   * Whether every requested feed is subscribed.
   *
   * @return false when RingCentral refused a feed
   */
  public boolean complete() {
    return active.containsAll(requested);
  }
}
