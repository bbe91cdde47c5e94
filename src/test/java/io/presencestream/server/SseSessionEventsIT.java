package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.Direction;
import io.presencestream.model.EngineInput;
import io.presencestream.model.EventKind;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.SessionEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.SessionInputs.ReadmeCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Session events end to end: a real engine fed with both feeds, the hub writing with the real codec, an SSE
 * client over HTTP filtering by the session kinds.
 */
class SseSessionEventsIT extends ServerTestSupport {

  private final PresenceCodec codec = PresenceCodec.create();
  private final PresenceEngine engine = PresenceEngine.create();
  private final List<PresenceEvent> emitted = new CopyOnWriteArrayList<>();

  private static EngineInput presence(long sequence, String at, TelephonyStatus status) {
    List<ActiveCall> calls = status == null ? List.of() : List.of(new ActiveCall("c-1", Direction.INBOUND,
        "+16505550123", "Charlie Williams", "101", "Bob Brown", Instant.parse("2026-11-26T10:00:00.250Z"), status,
        TerminationType.FINAL, ReadmeCall.SESSION_ID, ReadmeCall.TELEPHONY_SESSION_ID, ReadmeCall.PARTY_ID, false, null));
    PresenceUpdate body = new PresenceUpdate("101", sequence, UserStatus.AVAILABLE, null, null, status, null, null,
        null, calls);
    Instant time = Instant.parse(at);
    return new EngineInput.NotificationReceived(new Notification("u" + sequence, "/presence", time, "s", "101", body), time);
  }

  /** The README's call on both feeds: rings, is answered and recorded, hung up. */
  private Disposable feedTheCall() {
    return engine.process(Flux.just(
            ReadmeCall.proceeding(),
            presence(1, "2026-11-26T10:00:00.300Z", TelephonyStatus.RINGING),
            ReadmeCall.answeredAndRecorded(),
            presence(2, "2026-11-26T10:00:04.512Z", TelephonyStatus.CALL_CONNECTED),
            ReadmeCall.hungUp(),
            presence(3, "2026-11-26T10:01:39.600Z", null)))
        .subscribe(event -> {
          emitted.add(event);
          hub.accept(event);
        });
  }

  @Test
  void aClientFilteringOnSessionEndedGetsOnlyThatEventAsTheCodecWritesIt() {
    start(testOptions(), codec::encodeEvent);

    SseClient.connect(url("/events?kinds=session.ended"))
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .then(() -> {
          await("client subscribed", () -> hub.clientCount() == 1);
          feedTheCall();
        })
        .assertNext(frame -> {
          assertThat(frame.event()).isEqualTo("session.ended");
          SessionEvent.SessionEnded ended = (SessionEvent.SessionEnded) codec.decodeEvent(frame.data());
          assertThat(ended.extensionId()).isEqualTo("101");
          assertThat(ended.result()).isEqualTo(SessionResult.ANSWERED);
          assertThat(ended.durations().talk()).isEqualTo(Duration.ofSeconds(95));
          // every event got an id in the hub: this one's says the others were there and filtered out
          int position = emitted.indexOf(ended) + 1;
          assertThat(emitted.get(position - 1).kind()).isEqualTo(EventKind.SESSION_ENDED);
          assertThat(frame.id()).isEqualTo(Integer.toString(position));
          assertThat(frame.data()).isEqualTo(codec.encodeEvent(emitted.get(position - 1)));
        })
        .thenCancel()
        .verify(Duration.ofSeconds(10));
    assertThat(emitted).extracting(PresenceEvent::kind).contains(EventKind.SESSION_STARTED, EventKind.PARTY_UPDATED,
        EventKind.CALL_NEW, EventKind.CALL_ENDED);
  }

  @Test
  void everySessionKindIsAFilterAndTheStreamNamesEachEvent() {
    start(testOptions(), codec::encodeEvent);

    SseClient.connect(url("/events?extensions=101&kinds=session.started,party.updated"))
        .filter(SseClient.Frame::isEvent)
        .map(SseClient.Frame::event)
        .as(StepVerifier::create)
        .then(() -> {
          await("client subscribed", () -> hub.clientCount() == 1);
          feedTheCall();
        })
        .expectNext("session.started", "party.updated", "party.updated")
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void anUnknownKindIsRefusedNamingEveryKindOfBothFeeds() throws Exception {
    start(testOptions(), codec::encodeEvent);

    String body = rawRequest("GET /events?kinds=session.nope HTTP/1.1");

    assertThat(body).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_filter\"")
        .contains("expected one of presence, call.new, call.ringing, call.updated, call.ended, session.started, "
            + "party.updated, session.ended");
  }
}
