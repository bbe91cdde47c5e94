package io.presencestream.ringcentral;

import java.util.Locale;

/**
 * Where a {@link RingCentralSource} subscribes to telephony sessions, when {@link Feed#TELEPHONY} is asked
 * for.
 */
public enum TelephonyScope {
  /**
   * One account-level filter, {@code /restapi/v1.0/account/~/telephony/sessions}: every extension's sessions
   * (call queues and other non-user extensions too, whatever the extension selection), one filter however
   * many extensions. RingCentral may refuse it to a user who is not an administrator; then telephony
   * sessions are not subscribed.
   */
  ACCOUNT("account"),
  /**
   * One filter per watched extension, {@code /restapi/v1.0/account/~/extension/{id}/telephony/sessions}:
   * exactly the selection, at the cost of one more filter per extension in the subscriptions' budget.
   */
  EXTENSIONS("extensions"),
  /**
   * {@link #ACCOUNT} when every enabled user is watched (one filter instead of one per user), falling back
   * to {@link #EXTENSIONS} when RingCentral refuses the account-level filter; {@link #EXTENSIONS} for
   * {@code ~} or a list of extensions.
   */
  AUTO("auto");

  private final String label;

  TelephonyScope(String label) {
    this.label = label;
  }

  /**
   * The scope's name in configuration, logs and metric tags.
   *
   * @return {@code account}, {@code extensions} or {@code auto}
   */
  public String label() {
    return label;
  }

  /**
   * The scope of a configuration word.
   *
   * @param word {@code account}, {@code extensions} or {@code auto}, in any case
   * @return the scope
   * @throws IllegalArgumentException for another word, naming the words allowed
   */
  public static TelephonyScope parse(String word) {
    for (TelephonyScope scope : values()) {
      if (scope.label.equals(word == null ? null : word.toLowerCase(Locale.ROOT))) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown telephony scope " + word + " (expected account, extensions or auto)");
  }
}
