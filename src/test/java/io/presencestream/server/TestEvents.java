package io.presencestream.server;

import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.Direction;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.TelephonyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** Small events for server and sink tests, and an encoder independent of the codec. */
public final class TestEvents {

  private TestEvents() {}

  public static final Instant AT = Instant.parse("2026-11-26T10:00:00.000Z");

  public static PresenceEvent presence(String extensionId, int n) {
    return new PresenceEvent.PresenceChanged(
        extensionId,
        AT.plusMillis(n),
        new PresenceState(Availability.AVAILABLE, null, null, null, TelephonyStatus.NO_CALL, null, "n" + n),
        null);
  }

  /** As {@link #presence}, caused by an input received at {@code receivedAt} (for latencies). */
  public static PresenceEvent presenceAt(String extensionId, int n, Instant receivedAt) {
    return new PresenceEvent.PresenceChanged(
        extensionId,
        receivedAt,
        new PresenceState(Availability.AVAILABLE, null, null, null, TelephonyStatus.NO_CALL, null, "n" + n),
        null);
  }

  public static PresenceEvent callNew(String extensionId, int n) {
    return new PresenceEvent.CallStarted(extensionId, AT.plusMillis(n), call("call-" + n));
  }

  public static PresenceEvent callEnded(String extensionId, int n) {
    return new PresenceEvent.CallEnded(extensionId, AT.plusMillis(n), call("call-" + n), Duration.ofSeconds(n));
  }

  static Call call(String id) {
    return new Call(
        id, "s-" + id, "ts-" + id, "p-" + id, Direction.INBOUND, "+15550100", "Caller", "101", "Callee",
        TelephonyStatus.RINGING, AT, Duration.ZERO, false, null, null, null, null);
  }

  /**
   * A compact JSON with the kind, extension and a sequence marker (the message or call id), padded to
   * {@code padding} characters so tests can make events of a chosen size.
   */
  public static Function<PresenceEvent, String> encoder(int padding) {
    String pad = "x".repeat(padding);
    return event -> {
      String marker =
          event instanceof PresenceEvent.PresenceChanged p
              ? p.presence().message()
              : ((PresenceEvent.CallEvent) event).call().id();
      return "{\"kind\":\"" + event.kind().label() + "\",\"extensionId\":\"" + event.extensionId()
          + "\",\"marker\":\"" + marker + "\",\"pad\":\"" + pad + "\"}";
    };
  }

  public static Function<PresenceEvent, String> encoder() {
    return encoder(0);
  }
}
