package io.presencestream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.PresenceEngine;
import io.presencestream.model.ActiveCall;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Direction;
import io.presencestream.model.Directory;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.QueueMember;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.DocSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class ContactCentreExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/io/presencestream/examples/ContactCentreExample.java");
  private static final Instant T0 = Instant.parse("2026-11-26T15:00:00Z");

  @Test
  void readmeShowsTheCompiledExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String embedding = readme.substring(readme.indexOf("<!-- section: embedding -->"),
        readme.indexOf("<!-- /section: embedding -->"));
    assertThat(embedding).contains(DocSnippets.javaBlock(EXAMPLE, "contact-centre"));
  }

  private static EngineInput presence(long seq, double seconds, ActiveCall... calls) {
    Instant at = T0.plusMillis(Math.round(seconds * 1000));
    PresenceUpdate update = new PresenceUpdate("101", seq, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
        UserStatus.AVAILABLE, TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, null, calls.length, List.of(calls));
    return new EngineInput.NotificationReceived(new Notification("u" + seq,
        "/restapi/v1.0/account/1/extension/101/presence?detailedTelephonyState=true", at, "s", "101", update), at);
  }

  private static ActiveCall queueCall(TelephonyStatus status) {
    return new ActiveCall("c1", Direction.INBOUND, "+16505550123", null, "2001", null, T0, status, TerminationType.FINAL,
        "ps-1", "ts-1", "p-1", true, null);
  }

  @Test
  void theExampleRuns() {
    Flux<PresenceEvent> engineEvents = PresenceEngine.create().process(Flux.just(
        presence(1, 0),
        presence(2, 10, queueCall(TelephonyStatus.RINGING)),
        presence(3, 14, queueCall(TelephonyStatus.CALL_CONNECTED)),
        presence(4, 60)));
    Directory directory = new Directory(T0, List.of(new ExtensionInfo("101", "101", "Alice", "Sales")),
        List.of(new CallQueue("2001", "2001", "Sales Queue", List.of(new QueueMember("101", true, true)))));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ContactCentreExample.run(engineEvents, directory, Clock.fixed(T0, ZoneOffset.UTC),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "queue.stats 2001",
        "agent.state 101",
        "queue.stats 2001",
        "agent.state 101",
        "queue.stats 2001",
        "agent.state 101",
        "queue.stats 2001",
        "queue.call.ended 2001",   // answered: it left the queue
        "agent.state 101",
        "queue.stats 2001",
        "Sales Queue: 1 offered, 1 answered",
        "101 handled 1 today");
  }
}
