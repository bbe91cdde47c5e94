package io.presencestream.engine;

import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import java.util.List;

/**
 * What applying one input did.
 *
 * @param applied whether the input changed the state (false when dropped)
 * @param dropReason why it was dropped, or null when applied
 */
public record Outcome(
    boolean applied, DropReason dropReason, List<PresenceEvent> events, List<ResyncRequest> resyncRequests) {

  public Outcome {
    events = List.copyOf(events);
    resyncRequests = List.copyOf(resyncRequests);
  }
}
