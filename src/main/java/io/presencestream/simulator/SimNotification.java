package io.presencestream.simulator;

import io.presencestream.model.PresenceUpdate;
import java.time.Instant;

/**
 * One detailed presence change the simulated office produced: the notification body for one
 * extension, before the gateway wraps it in an envelope per subscription.
 */
record SimNotification(String extensionId, String uuid, Instant timestamp, PresenceUpdate body) {}
