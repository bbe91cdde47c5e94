package io.presencestream.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert raised by an {@link AlertRule} (JSON {@code ALERT}). Its id is stable
 * ({@code <rule name>:<subject id>[:<call key>]}), so a consumer pairs {@code alert.raised} with
 * {@code alert.cleared}.
 *
 * @param id {@code <rule name>:<subject id>[:<call key>]}
 * @param name the rule's name
 * @param rule the rule's label, e.g. {@code call.ringing}
 * @param severity the rule's severity
 * @param subject {@code extension} or {@code queue}
 * @param subjectId the extension's or queue's id
 * @param callKey the call it is about (telephony session id, else presence session id), or null
 * @param raisedAt when the condition began to hold (for a duration rule: when the duration was passed)
 * @param clearedAt when it was cleared, null while open
 * @param message a sentence for people, e.g. {@code Call ringing at 101 (Alice) for 30s}
 * @param targets the webhook names that get it
 */
public record Alert(
    String id,
    String name,
    String rule,
    AlertSeverity severity,
    String subject,
    String subjectId,
    String callKey,
    Instant raisedAt,
    Instant clearedAt,
    String message,
    List<String> targets) {

  /**
   * Requires every part but the call key and clear time; copies the targets.
   *
   * @throws NullPointerException if a required part is null
   *
   * @param id as above
   * @param name as above
   * @param rule as above
   * @param severity as above
   * @param subject as above
   * @param subjectId as above
   * @param callKey as above
   * @param raisedAt as above
   * @param clearedAt as above
   * @param message as above
   * @param targets as above
   */
  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(message, "message");
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /**
   * The id an alert of this rule, subject and call has.
   *
   * @param ruleName the rule's name
   * @param subjectId the subject's id
   * @param callKey the call's key, or null
   * @return {@code <rule name>:<subject id>[:<call key>]}
   */
  public static String id(String ruleName, String subjectId, String callKey) {
    return callKey == null ? ruleName + ":" + subjectId : ruleName + ":" + subjectId + ":" + callKey;
  }

  /**
   * This alert, cleared.
   *
   * @param at when it was cleared
   * @return a copy with {@code clearedAt}
   */
  public Alert cleared(Instant at) {
    return new Alert(id, name, rule, severity, subject, subjectId, callKey, raisedAt, at, message, targets);
  }
}
