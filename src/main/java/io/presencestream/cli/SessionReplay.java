package io.presencestream.cli;

import io.presencestream.codec.JsonLineBuffer;
import io.presencestream.engine.SessionOptions;
import io.presencestream.engine.SessionOutcome;
import io.presencestream.engine.SessionTracker;
import io.presencestream.model.TelephonySessionNotification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The engine stage of {@code replay --emit sessions}: each decoded telephony-session notification goes
 * through one {@link SessionTracker}, in file order, and gives exactly one line, its owner's view of the
 * session after it. Like the tracker, it reads no clock, so the same lines give the same output.
 *
 * <p><b>The owner</b> of a notification is the extension the tracker applies it for: the body's
 * {@code extensionId}, else the extension of an extension-level event path
 * ({@code …/extension/{id}/telephony/sessions}), the subscription that received it. An account-level
 * notification ({@code /restapi/v1.0/account/~/telephony/sessions}) without a body {@code extensionId} has
 * none: the tracker still applies it for every extension with a party in it or tracking its session (their
 * later lines show what it changed), but there is no single view to show, so its line has {@code ownerId}
 * and {@code session} null, {@code applied} true when it was applied for at least one extension, and
 * otherwise the drop reason of the first extension in the tracker's order ({@code no_owner} when none is
 * concerned).
 *
 * <p><b>The session</b> is {@link SessionOutcome#session()}: the owner's view after the line, on the line that
 * ends the session its last view (the party {@code Disconnected} or {@code Gone}), and null where the owner
 * does not track the session — not yet (a ghost, a RingOut inbound leg) or no longer (a late line after the
 * end).
 *
 * <p>A notification without {@code timestamp} takes the previous line's, as in the other modes; the tracker
 * prefers the body's {@code eventTime} anyway.
 */
final class SessionReplay {

  private final SessionTracker tracker = new SessionTracker(SessionOptions.defaults());
  private Instant lastTimestamp;

  /** Applies the notification of line {@code index} (from 0) and writes that line's output to {@code out}. */
  void line(int index, TelephonySessionNotification notification, JsonLineBuffer out) {
    TelephonySessionNotification n = notification;
    if (n.timestamp() != null) {
      lastTimestamp = n.timestamp();
    } else if (lastTimestamp != null) {
      n = new TelephonySessionNotification(n.uuid(), n.event(), lastTimestamp, n.subscriptionId(), n.ownerId(),
          n.body());
    }
    List<SessionOutcome> outcomes = tracker.apply(n);
    String ownerId = n.body().extensionId();
    String telephonySessionId = n.telephonySessionId();
    if (ownerId != null) {
      for (SessionOutcome outcome : outcomes) {
        if (ownerId.equals(outcome.extensionId())) {
          out.sessionLine(index, ownerId, telephonySessionId, outcome.applied(), dropReason(outcome),
              outcome.session());
          return;
        }
      }
      // the tracker applies a notification with an extension for that extension alone
      throw new IllegalStateException("no outcome for the notification's own extension " + ownerId);
    }
    for (SessionOutcome outcome : outcomes) {
      if (outcome.applied()) {
        out.sessionLine(index, null, telephonySessionId, true, null, null);
        return;
      }
    }
    out.sessionLine(index, null, telephonySessionId, false, dropReason(outcomes.get(0)), null);
  }

  private static String dropReason(SessionOutcome outcome) {
    return outcome.dropReason() == null ? null : outcome.dropReason().name().toLowerCase(Locale.ROOT);
  }
}
