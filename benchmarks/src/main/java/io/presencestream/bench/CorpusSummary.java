package io.presencestream.bench;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PresenceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs each benchmark corpus through codec and engine once and writes what it contains (frames, bytes,
 * events by kind, drops, resync requests) to a JSON file, so RESULTS.md can say what was measured and a
 * generator bug (e.g. nothing but dropped messages) shows before anything is timed.
 *
 * <p>Usage: {@code CorpusSummary <out.json> <notifications>...}
 */
public final class CorpusSummary {

  private CorpusSummary() {}

  public static void main(String[] args) throws IOException {
    StringBuilder json = new StringBuilder("[\n");
    PresenceCodec codec = PresenceCodec.create();
    for (int a = 1; a < args.length; a++) {
      int n = Integer.parseInt(args[a]);
      Corpus corpus = Corpus.generate(20261126L, Math.max(24, n / 10), n);
      PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
      Map<String, Integer> kinds = new TreeMap<>();
      int dropped = 0;
      int resyncs = 0;
      int withCalls = 0;
      for (int i = 0; i < n; i++) {
        var notification = codec.decodeMessage(corpus.frames()[i]);
        if (notification.body().activeCalls() != null && !notification.body().activeCalls().isEmpty()) {
          withCalls++;
        }
        Outcome o = tracker.apply(new EngineInput.NotificationReceived(notification, corpus.receivedAt()[i]));
        if (!o.applied()) {
          dropped++;
        }
        resyncs += o.resyncRequests().size();
        for (PresenceEvent e : o.events()) {
          kinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
      }
      json.append(a > 1 ? ",\n" : "").append("  {\"notifications\": ").append(n)
          .append(", \"extensions\": ").append(corpus.extensions())
          .append(", \"bytes\": ").append(corpus.bytes())
          .append(", \"meanFrameBytes\": ").append(corpus.bytes() / n)
          .append(", \"withCalls\": ").append(withCalls)
          .append(", \"dropped\": ").append(dropped)
          .append(", \"resyncRequests\": ").append(resyncs)
          .append(", \"events\": {");
      int k = 0;
      for (var e : kinds.entrySet()) {
        json.append(k++ > 0 ? ", " : "").append('"').append(e.getKey()).append("\": ").append(e.getValue());
      }
      json.append("}}");
      System.out.printf("corpus %,d notifications over %,d extensions: %,d bytes (%d per frame), events %s, "
              + "dropped %d, resyncs %d%n",
          n, corpus.extensions(), corpus.bytes(), corpus.bytes() / n, kinds, dropped, resyncs);
    }
    json.append("\n]\n");
    Files.writeString(Path.of(args[0]), json);
  }
}
