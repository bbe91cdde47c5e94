package io.presencestream.simulator;

import io.presencestream.codec.protocol.ExtensionListEvent;
import java.time.Instant;
import java.util.List;

/**
 * One change of the simulated office's directory (a user created, disabled or enabled, deleted), before the
 * gateway wraps it in an Extension List notification per subscription that has the filter.
 *
 * @param extensionId the extension that changed
 * @param type RingCentral's {@code eventType}: a status change is an {@code Update}
 * @param hints what changed, for an update ({@code ExtensionInfo})
 * @param uuid the notification's id
 * @param timestamp when it changed
 */
record DirectoryChange(String extensionId, ExtensionListEvent.Type type, List<String> hints, String uuid, Instant timestamp) {}
