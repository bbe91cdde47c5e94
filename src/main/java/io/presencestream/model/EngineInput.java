package io.presencestream.model;

import java.time.Instant;

/**
 * Everything the engine consumes, in one serial stream. The engine never reads a clock: every input
 * carries the time it was received, which makes a replay deterministic.
 */
public sealed interface EngineInput {

  /** When this input was received. */
  Instant receivedAt();

  /** A notification from the live feed; its {@code sequence} is checked. */
  record NotificationReceived(Notification notification, Instant receivedAt) implements EngineInput {}

  /**
   * A REST snapshot of one extension's presence (initial state or resync); applied through the same
   * path as a notification but without the sequence check.
   */
  record SnapshotReceived(PresenceUpdate presence, Instant receivedAt) implements EngineInput {}

  /** A local softphone session to match against presence calls. */
  record WebRtcSessionRegistered(WebRtcSession session, Instant receivedAt) implements EngineInput {}

  /** A local softphone session that ended or is no longer to be matched. */
  record WebRtcSessionRemoved(String extensionId, String sessionId, Instant receivedAt) implements EngineInput {}
}
