package io.presencestream.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished call of one extension, as the history keeps it: who called whom, when it rang, was answered
 * and ended, how long it rang, talked and was held, and how it ended. Built when the call ends, from the
 * call's events as they were seen; a duration that the events seen do not tell (the daemon started in the
 * middle of the call, or the feed does not carry it) is null rather than guessed.
 *
 * @param extensionId the extension whose call it was
 * @param callId the call's id ({@link Call#id()}); with {@code extensionId} the record's key
 * @param sessionId the call's session id, or null
 * @param telephonySessionId the telephony session id, or null
 * @param direction inbound or outbound, {@link Direction#UNKNOWN} when not known
 * @param from the caller's number, or null
 * @param fromName the caller's name, or null
 * @param to the callee's number, or null
 * @param toName the callee's name, or null
 * @param queueCall whether it came through a call queue
 * @param queueId the call queue's extension id, or null when not known (presence does not name it)
 * @param startTime when the call started
 * @param answerTime when it was answered, or null (not answered, or not seen)
 * @param endTime when it ended
 * @param duration from {@code startTime} to {@code endTime}
 * @param ring how long it rang before it was answered or ended, or null when not seen
 * @param talk time connected, holds excluded, or null when not known
 * @param hold time on hold, or null when not known
 * @param result how it ended for this extension
 * @param endReason why presence-stream saw it end, or null when not known
 * @param mergedInto for a RingOut leg merged into another call, that call's id; else null
 */
public record CallRecord(
    String extensionId,
    String callId,
    String sessionId,
    String telephonySessionId,
    Direction direction,
    String from,
    String fromName,
    String to,
    String toName,
    boolean queueCall,
    String queueId,
    Instant startTime,
    Instant answerTime,
    Instant endTime,
    Duration duration,
    Duration ring,
    Duration talk,
    Duration hold,
    SessionResult result,
    EndReason endReason,
    String mergedInto) {

  /**
   * Requires the key, the times every record has and the result.
   *
   * @param extensionId as above
   * @param callId as above
   * @param sessionId as above
   * @param telephonySessionId as above
   * @param direction as above
   * @param from as above
   * @param fromName as above
   * @param to as above
   * @param toName as above
   * @param queueCall as above
   * @param queueId as above
   * @param startTime as above
   * @param answerTime as above
   * @param endTime as above
   * @param duration as above
   * @param ring as above
   * @param talk as above
   * @param hold as above
   * @param result as above
   * @param endReason as above
   * @param mergedInto as above
   * @throws NullPointerException if {@code extensionId}, {@code callId}, {@code direction},
   *     {@code startTime}, {@code endTime}, {@code duration} or {@code result} is null
   */
  public CallRecord {
    Objects.requireNonNull(extensionId, "extensionId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(result, "result");
  }
}
