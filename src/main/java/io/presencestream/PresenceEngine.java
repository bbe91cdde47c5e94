package io.presencestream;

import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import io.presencestream.model.WebRtcSession;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The embedding API: raw RingCentral messages in, typed presence and call events out.
 *
 * <pre>{@code
 * PresenceEngine engine = PresenceEngine.create();
 * engine.events(rawMessages)             // Flux<String> of notifications or WebSocket frames
 *     .ofType(PresenceEvent.CallStarted.class)
 *     .subscribe(e -> System.out.println(e.call().from()));
 * }</pre>
 */
public final class PresenceEngine {

  public static PresenceEngine create() {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** Events derived from raw messages (text JSON); bad messages are counted and skipped. */
  public Flux<PresenceEvent> events(Publisher<String> rawMessages) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** Events derived from decoded inputs: notifications, REST snapshots and softphone sessions, in order. */
  public Flux<PresenceEvent> process(Publisher<? extends io.presencestream.model.EngineInput> inputs) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** Requests to read an extension again over REST; feed the answer back with a snapshot. */
  public Flux<ResyncRequest> resyncRequests() {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  public Optional<ExtensionState> state(String extensionId) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  public Map<String, ExtensionState> states() {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  public void registerWebRtcSession(WebRtcSession session) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  public void removeWebRtcSession(String extensionId, String sessionId) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }
}
