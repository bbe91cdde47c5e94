package io.presencestream.model;

import java.time.Instant;

/**
 * A request to read one extension's presence again over REST and feed it back as a snapshot.
 *
 * @param extensionId the extension to read
 * @param reason why its state is in doubt
 * @param at the receive time of the input that raised the doubt
 */
public record ResyncRequest(String extensionId, ResyncReason reason, Instant at) {}
