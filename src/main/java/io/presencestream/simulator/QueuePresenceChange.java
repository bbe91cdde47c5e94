package io.presencestream.simulator;

import io.presencestream.codec.CallQueueJson;
import java.time.Instant;
import java.util.List;

/**
 * Members of one call queue switched their {@code acceptCurrentQueueCalls} (over REST, or an agent in the
 * traffic), before the gateway wraps it in a call-queue presence notification per subscription that has the
 * queue's filter.
 *
 * @param queueId the queue's extension id
 * @param records the members that changed, with their new value
 * @param uuid the notification's id
 * @param timestamp when they changed
 */
record QueuePresenceChange(String queueId, List<CallQueueJson.MemberSwitch> records, String uuid, Instant timestamp) {}
