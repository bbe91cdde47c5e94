package io.presencestream.ringcentral;

import java.util.Locale;

/**
 * Where a run subscribes to telephony sessions, and how a refusal by RingCentral moves it: always down
 * (account-level, per extension, none), never back up within a run, so a refusal costs at most two more
 * subscription requests per connection and never a retry loop. A permission granted later is used after a
 * restart.
 */
final class TelephonyAccess {

  /** Which telephony-session filters a run subscribes. */
  enum Mode {
    /** The account-level filter. */
    ACCOUNT,
    /** One filter per watched extension. */
    EXTENSIONS,
    /** None: presence alone. */
    NONE
  }

  private TelephonyAccess() {}

  /** The mode a run starts in. */
  static Mode initial(RingCentralOptions options, ExtensionSelection selection) {
    if (!options.feeds().contains(Feed.TELEPHONY)) {
      return Mode.NONE;
    }
    return switch (options.telephonyScope()) {
      case ACCOUNT -> Mode.ACCOUNT;
      case EXTENSIONS -> Mode.EXTENSIONS;
      case AUTO -> selection instanceof ExtensionSelection.AllEnabledUsers ? Mode.ACCOUNT : Mode.EXTENSIONS;
    };
  }

  /**
   * The mode after RingCentral refused a subscription request for its telephony-session filters.
   *
   * @param current the run's mode now
   * @param accountLevel whether the refused request had the account-level filter
   * @param error the refusal
   * @param scope the configured scope: only {@link TelephonyScope#AUTO} falls back to per-extension filters
   */
  static Mode afterRefusal(Mode current, boolean accountLevel, RingCentralException error, TelephonyScope scope) {
    if (current == Mode.NONE) {
      return Mode.NONE;
    }
    if (accountLevel) {
      if (current != Mode.ACCOUNT) {
        return current; // a refusal of a request made before the run moved on
      }
      // Without CallControl per-extension filters are refused as well: no point asking.
      return scope == TelephonyScope.AUTO && !lacksCallControl(error) ? Mode.EXTENSIONS : Mode.NONE;
    }
    return current == Mode.EXTENSIONS ? Mode.NONE : current;
  }

  /**
   * Whether RingCentral said the app lacks the {@code CallControl} permission. Its answer names the
   * permission ({@code CMN-401} "application needs to have [CallControl] permission"); the code alone is
   * not enough, as every missing app permission has it.
   */
  static boolean lacksCallControl(RingCentralException error) {
    return error.getMessage() != null && error.getMessage().toLowerCase(Locale.ROOT).contains("callcontrol");
  }
}
