package io.presencestream.scratch;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.*;
import io.presencestream.testing.SessionInputs;
import io.presencestream.testing.SessionInputs.ReadmeCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static ActiveCall call(TelephonyStatus s) {
    return new ActiveCall("s-e1e9696d863742758a18654dcc22a2fd", Direction.INBOUND, "+16505550123", "Charlie Williams", "101", "Bob Brown",
        Instant.parse("2026-11-26T10:00:00.250Z"), s, TerminationType.FINAL, "118139217021", ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, false, null);
  }
  static EngineInput presence(long seq, String at, TelephonyStatus s) {
    Instant t = Instant.parse(at);
    PresenceUpdate body = new PresenceUpdate("101", seq, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS, UserStatus.BUSY, s, null, null, null, List.of(call(s)));
    return new EngineInput.NotificationReceived(new Notification("u" + seq, "/presence", t, "s", "101", body), t);
  }
  @Test
  void print() {
    PresenceCodec codec = PresenceCodec.create();
    PresenceTracker t = new PresenceTracker(EngineOptions.defaults());
    System.out.println("N1 " + ReadmeCall.proceeding().notification());
    var st = new io.presencestream.engine.SessionTracker(io.presencestream.engine.SessionOptions.defaults());
    System.out.println("SO " + st.apply(ReadmeCall.proceeding().notification()));
    for (EngineInput in : List.of(ReadmeCall.proceeding(), presence(1, "2026-11-26T10:00:00.300Z", TelephonyStatus.RINGING),
        ReadmeCall.answeredAndRecorded(), presence(2, "2026-11-26T10:00:04.512Z", TelephonyStatus.CALL_CONNECTED), ReadmeCall.hungUp())) {
      for (PresenceEvent e : t.apply(in).events()) System.out.println("EVT " + codec.encodeEvent(e));
    }
    System.out.println("STATE " + codec.encodeState(t.state("101").get()));
  }
}
