package io.presencestream.example.webflux;

import io.presencestream.model.ExtensionState;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

/**
 * The events as Server-Sent Events (event name = the event's kind, data = presence-stream's JSON) and
 * the engine's current state, both in presence-stream's own JSON schema.
 */
@RestController
public class PresenceController {

  private final PresenceStream presence;

  public PresenceController(PresenceStream presence) {
    this.presence = presence;
  }

  /** Starts with a comment, so that the response (and its headers) goes out before the first event. */
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<String>> events() {
    return presence.events()
        .map(event -> ServerSentEvent.builder(presence.codec().encodeEvent(event))
            .event(event.kind().label())
            .build())
        .startWith(ServerSentEvent.<String>builder().comment("presence events").build());
  }

  /** Every tracked extension, ordered by id: a JSON array of states. */
  @GetMapping(path = "/api/state", produces = MediaType.APPLICATION_JSON_VALUE)
  public String states() {
    return presence.states().values().stream()
        .sorted(Comparator.comparing(ExtensionState::extensionId))
        .map(presence.codec()::encodeState)
        .collect(Collectors.joining(",", "[", "]"));
  }

  @GetMapping(path = "/api/state/{extensionId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public String state(@PathVariable String extensionId) {
    return presence.state(extensionId)
        .map(presence.codec()::encodeState)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such extension: " + extensionId));
  }
}
