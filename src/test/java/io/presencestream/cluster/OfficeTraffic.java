package io.presencestream.cluster;

import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EngineInput;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SipData;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, deterministic office day in engine inputs: one REST snapshot per extension, then
 * notifications moving each extension through DND changes and inbound calls (ringing → connected →
 * held → resumed → ended), with the odd re-delivered notification (same sequence) thrown in.
 */
final class OfficeTraffic {

  private OfficeTraffic() {}

  static List<String> extensionIds(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(Integer.toString(101 + i));
    }
    return ids;
  }

  static List<EngineInput> generate(long seed, int extensions, int notifications, Instant start) {
    Random random = new Random(seed);
    List<String> ids = extensionIds(extensions);
    List<EngineInput> inputs = new ArrayList<>();
    Instant now = start;
    for (String id : ids) {
      inputs.add(new EngineInput.SnapshotReceived(
          new PresenceUpdate(id, null, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS, UserStatus.AVAILABLE,
              TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, null, null, List.of()),
          now));
      now = now.plusMillis(10);
    }
    Map<String, Long> sequence = new HashMap<>();
    Map<String, Integer> phase = new HashMap<>();
    Map<String, Integer> callNumber = new HashMap<>();
    Map<String, Notification> last = new HashMap<>();
    for (int n = 0; n < notifications; n++) {
      String id = ids.get(random.nextInt(ids.size()));
      now = now.plusMillis(10 + random.nextInt(40));
      if (last.containsKey(id) && random.nextInt(25) == 0) {
        inputs.add(new EngineInput.NotificationReceived(last.get(id), now)); // re-delivery: a duplicate
        continue;
      }
      long seq = sequence.merge(id, 1L, Long::sum) + 1000;
      int p = phase.getOrDefault(id, 0);
      int call = callNumber.getOrDefault(id, 0);
      String sessionId = Long.toString(1_000_000L + Integer.parseInt(id) * 1000L + call);
      Instant callStart = now.minus(Duration.ofSeconds(2));
      PresenceUpdate body;
      switch (p) {
        case 0 -> {
          if (random.nextInt(3) == 0) {
            DndStatus dnd = random.nextBoolean() ? DndStatus.DO_NOT_ACCEPT_ANY_CALLS : DndStatus.TAKE_ALL_CALLS;
            body = update(id, seq, dnd, TelephonyStatus.NO_CALL, List.of());
          } else {
            body = update(id, seq, DndStatus.TAKE_ALL_CALLS, TelephonyStatus.RINGING,
                List.of(call(id, sessionId, TelephonyStatus.RINGING, null, null)));
            phase.put(id, 1);
          }
        }
        case 1 -> {
          body = update(id, seq, DndStatus.TAKE_ALL_CALLS, TelephonyStatus.CALL_CONNECTED,
              List.of(call(id, sessionId, TelephonyStatus.CALL_CONNECTED, callStart, null)));
          phase.put(id, 2);
        }
        case 2 -> {
          if (random.nextBoolean()) {
            body = update(id, seq, DndStatus.TAKE_ALL_CALLS, TelephonyStatus.ON_HOLD,
                List.of(call(id, sessionId, TelephonyStatus.ON_HOLD, null, null)));
            phase.put(id, 3);
          } else {
            body = update(id, seq, DndStatus.TAKE_ALL_CALLS, TelephonyStatus.NO_CALL,
                List.of(call(id, sessionId, TelephonyStatus.NO_CALL, null, TerminationType.FINAL)));
            phase.put(id, 0);
            callNumber.put(id, call + 1);
          }
        }
        default -> {
          body = update(id, seq, DndStatus.TAKE_ALL_CALLS, TelephonyStatus.CALL_CONNECTED,
              List.of(call(id, sessionId, TelephonyStatus.CALL_CONNECTED, null, null)));
          phase.put(id, 2);
        }
      }
      Notification notification = new Notification(
          "uuid-" + Long.toHexString(random.nextLong()),
          "/restapi/v1.0/account/~/extension/" + id + "/presence?detailedTelephonyState=true&sipData=true",
          now.minusMillis(30), "sub-1", "400", body);
      last.put(id, notification);
      inputs.add(new EngineInput.NotificationReceived(notification, now));
    }
    return inputs;
  }

  private static PresenceUpdate update(String id, long seq, DndStatus dnd, TelephonyStatus telephony, List<ActiveCall> calls) {
    UserStatus presence = telephony == TelephonyStatus.NO_CALL && dnd == DndStatus.TAKE_ALL_CALLS
        ? UserStatus.AVAILABLE : UserStatus.BUSY;
    return new PresenceUpdate(id, seq, UserStatus.AVAILABLE, dnd, presence, telephony, MeetingStatus.DISCONNECTED,
        null, calls.size(), calls);
  }

  private static ActiveCall call(String id, String sessionId, TelephonyStatus status, Instant startTime, TerminationType termination) {
    return new ActiveCall("call-" + sessionId, Direction.INBOUND, "+16505550" + id, "Caller " + id, id, "Agent " + id,
        startTime, status, termination, sessionId, "s-" + sessionId, "p-" + sessionId, false,
        new SipData("to-" + sessionId, "from-" + sessionId, "sip:+16505550" + id + "@sip.example.com",
            "sip:" + id + "@sip.example.com", null));
  }
}
