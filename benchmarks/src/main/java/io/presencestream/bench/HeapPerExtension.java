package io.presencestream.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * Heap retained per tracked extension: used heap after several full GCs with N extensions tracked, minus
 * the same without them, divided by N. Every extension gets its state from a decoded notification (so its
 * strings are the codec's, as in production): "idle" has no calls, "calls" one connected inbound call with
 * SIP data. Measured for the bare {@link PresenceTracker} and for the {@link PresenceEngine} facade the
 * daemon runs (which also keeps a concurrent map of states for queries).
 *
 * <p>Usage: {@code HeapPerExtension <out.json> <n>...}; run in a JVM of its own (the script gives it
 * {@code -Xmx2g -XX:+UseG1GC}).
 */
public final class HeapPerExtension {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private HeapPerExtension() {}

  public static void main(String[] args) throws Exception {
    List<String> rows = new ArrayList<>();
    PresenceCodec codec = PresenceCodec.create();
    // warm up the code paths (classes, interned presence states) before any baseline
    measureTracker(codec, 2_000, true);
    measureFacade(codec, 2_000, true);
    for (int a = 1; a < args.length; a++) {
      int n = Integer.parseInt(args[a]);
      for (boolean calls : new boolean[] {false, true}) {
        double tracker = measureTracker(codec, n, calls);
        double facade = measureFacade(codec, n, calls);
        System.out.printf("heap per extension, %,d extensions, %s: tracker %.0f B, engine facade %.0f B%n",
            n, calls ? "one call each" : "idle", tracker, facade);
        rows.add(String.format("  {\"extensions\": %d, \"mode\": \"%s\", \"trackerBytesPerExtension\": %.1f, "
            + "\"engineBytesPerExtension\": %.1f}", n, calls ? "calls" : "idle", tracker, facade));
      }
    }
    Files.writeString(Path.of(args[0]), "[\n" + String.join(",\n", rows) + "\n]\n");
  }

  private static double measureTracker(PresenceCodec codec, int n, boolean calls) {
    long before = settledHeap();
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    for (int i = 0; i < n; i++) {
      Notification notification = codec.decodeMessage(message(i, calls));
      tracker.apply(new EngineInput.NotificationReceived(notification, T0.plusMillis(i)));
    }
    long after = settledHeap();
    if (tracker.states().size() != n) {
      throw new IllegalStateException("tracker holds " + tracker.states().size() + " extensions, not " + n);
    }
    Reference.reachabilityFence(tracker);
    return (after - before) / (double) n;
  }

  private static double measureFacade(PresenceCodec codec, int n, boolean calls) throws InterruptedException {
    long before = settledHeap();
    PresenceEngine engine = PresenceEngine.create(EngineOptions.defaults(), new SimpleMeterRegistry());
    Sinks.Many<EngineInput> inputs = Sinks.many().unicast().onBackpressureBuffer();
    AtomicLong events = new AtomicLong();
    Disposable running = engine.process(inputs.asFlux()).subscribe(e -> events.incrementAndGet());
    for (int i = 0; i < n; i++) {
      Notification notification = codec.decodeMessage(message(i, calls));
      inputs.tryEmitNext(new EngineInput.NotificationReceived(notification, T0.plusMillis(i)));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (engine.states().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long after = settledHeap();
    if (engine.states().size() != n) {
      throw new IllegalStateException("engine holds " + engine.states().size() + " extensions, not " + n);
    }
    running.dispose();
    engine.close().block(Duration.ofSeconds(10));
    Reference.reachabilityFence(inputs);
    return (after - before) / (double) n;
  }

  /** Used heap once repeated full GCs stop changing it. */
  static long settledHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 8; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = MEMORY.getHeapMemoryUsage().getUsed();
      if (i >= 3 && Math.abs(now - used) < 16 * 1024) {
        return now;
      }
      used = now;
    }
    return used;
  }

  /** A detailed-presence envelope for extension {@code i}, as RingCentral sends it. */
  static String message(int i, boolean withCall) {
    String id = Long.toString(400_000_000L + i);
    String call = !withCall ? "" : String.format(
        "{\"id\":\"s-%1$032x\",\"direction\":\"Inbound\",\"queueCall\":false,\"fromName\":\"Caller %2$d\","
            + "\"from\":\"+1650555%3$04d\",\"toName\":\"User %2$d\",\"to\":\"%4$d\","
            + "\"telephonyStatus\":\"CallConnected\",\"sipData\":{\"toTag\":\"blf\",\"fromTag\":\"p-%1$032x-2\","
            + "\"remoteUri\":\"sip:+1650555%3$04d@ringcentral.com\",\"localUri\":\"sip:%4$d@ringcentral.com\"},"
            + "\"sessionId\":\"%5$d\",\"startTime\":\"2026-11-26T08:59:30.000Z\",\"partyId\":\"p-%1$032x-2\","
            + "\"telephonySessionId\":\"s-%1$032x\"}",
        (long) i * 7919, i, i % 10_000, 1000 + i, 118_139_217_021L + i);
    return "{\"uuid\":\"" + (4956997212540532738L + i) + "\",\"event\":\"/restapi/v1.0/account/37439510/extension/"
        + id + "/presence?detailedTelephonyState=true&sipData=true\",\"timestamp\":\"2026-11-26T09:00:00.000Z\","
        + "\"subscriptionId\":\"dfbca25e-4e2b-4c60-aa8d-47a83716fe23\",\"ownerId\":\"" + id + "\",\"body\":{"
        + "\"extensionId\":\"" + id + "\",\"telephonyStatus\":\"" + (withCall ? "CallConnected" : "NoCall") + "\","
        + "\"activeCalls\":[" + call + "],\"sequence\":" + (1000 + i) + ",\"presenceStatus\":\""
        + (withCall ? "Busy" : "Available") + "\",\"userStatus\":\"Available\",\"dndStatus\":\"TakeAllCalls\","
        + "\"meetingStatus\":\"Disconnected\",\"totalActiveCalls\":" + (withCall ? 1 : 0) + "}}";
  }
}
