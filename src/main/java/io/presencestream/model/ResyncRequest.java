package io.presencestream.model;

import java.time.Instant;

/** A request to read one extension's presence again over REST and feed it back as a snapshot. */
public record ResyncRequest(String extensionId, ResyncReason reason, Instant at) {}
