package io.presencestream.examples;

import io.presencestream.PresenceEngine;
import io.presencestream.model.PresenceEvent;
import java.io.PrintStream;
import java.util.List;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The README's embedding example, compiled and run by {@link EmbeddingExampleTest} so it cannot rot.
 * The region between the {@code tag} comments is copied verbatim into README.md.
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /** Feeds {@code rawMessages} (notification JSON, as received from RingCentral) to an engine. */
  public static void run(List<String> rawMessages, PrintStream out) {
    // tag::embedding[]
    PresenceEngine engine = PresenceEngine.create();

    // The engine asks for a REST re-read when it cannot trust an extension's call list;
    // answer with EngineInput.SnapshotReceived in engine.process(...).
    Disposable resyncs = engine.resyncRequests()
        .subscribe(request -> out.println("re-read " + request.extensionId() + ": " + request.reason()));

    Flux<String> messages = Flux.fromIterable(rawMessages); // e.g. your WebSocket client's text frames
    Disposable events = engine.events(messages).subscribe(event -> {
      if (event instanceof PresenceEvent.PresenceChanged changed) {
        out.println(changed.extensionId() + " is " + changed.presence().status().label());
      } else if (event instanceof PresenceEvent.CallStarted started) {
        out.println(started.extensionId() + " has a call from " + started.call().from());
      } else if (event instanceof PresenceEvent.CallEnded ended) {
        out.println(ended.extensionId() + " hung up after " + ended.duration().toSeconds() + " s");
      }
    });

    // Any thread, any time: the latest immutable state of an extension.
    engine.state("101").ifPresent(state -> out.println("101 has " + state.calls().size() + " live calls"));

    events.dispose();
    resyncs.dispose();
    engine.close().subscribe();
    // end::embedding[]
  }
}
