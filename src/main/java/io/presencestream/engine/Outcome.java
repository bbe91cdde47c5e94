package io.presencestream.engine;

import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import java.util.List;

/**
 * What applying one input did.
 *
 * @param applied whether the input changed the state (false when dropped)
 * @param dropReason why it was dropped, or null when applied; null too for a telephony-session notification,
 *     whose reasons (one per extension it concerned) go to {@link EngineMetrics#sessionDropped}
 * @param events the events it caused, in order (presence, call and session events); possibly empty
 * @param resyncRequests the extensions to read again over REST; possibly empty
 */
public record Outcome(
    boolean applied, DropReason dropReason, List<PresenceEvent> events, List<ResyncRequest> resyncRequests) {

  /**
   * Copies the lists, so that an outcome cannot change after it was returned.
   *
   * @param applied whether the input changed the state
   * @param dropReason why it was dropped, or null
   * @param events the events it caused
   * @param resyncRequests the resyncs it asks for
   * @throws NullPointerException if a list is null or holds a null
   */
  public Outcome {
    events = List.copyOf(events);
    resyncRequests = List.copyOf(resyncRequests);
  }
}
