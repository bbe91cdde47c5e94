package io.presencestream.cli;

import static io.presencestream.cli.ReplayRuns.replay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.presencestream.cli.ReplayRuns.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --emit sessions}: telephony-session notifications through the session tracker, one line per
 * input line. The fixtures are in {@code replay/sessions} (provenance in its PROVENANCE.md).
 */
class ReplaySessionsTest {

  private static Path fixture(String name) throws Exception {
    return Path.of(ReplaySessionsTest.class.getResource("/replay/sessions/" + name + ".jsonl").toURI());
  }

  private static Run sessions(Path input, String... more) {
    List<String> args = new ArrayList<>(List.of("replay", "--input", input.toString(), "--emit", "sessions"));
    args.addAll(List.of(more));
    return replay(args.toArray(String[]::new));
  }

  private static List<JsonNode> lines(String fixture) throws Exception {
    Run run = sessions(fixture(fixture));
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
    return run.lines();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
      names.add(i.next());
    }
    return names;
  }

  private static String partyId(JsonNode session) {
    JsonNode party = session.get("party");
    return party.isNull() ? null : party.get("id").asText();
  }

  @Test
  void everyLineThatIsNotBlankGivesOneLineIndexedByItsPositionFromZeroAsTheStateReplayIndexesIt() throws Exception {
    Path input = fixture("bad-lines");

    List<JsonNode> sessions = sessions(input).lines();
    List<JsonNode> states = replay("replay", "--input", input.toString(), "--emit", "state").lines();

    // six lines: five with content, the fifth blank
    assertThat(sessions).extracting(l -> l.get("index").asInt()).containsExactly(0, 1, 2, 3, 5);
    // the one presence notification among them is line 2 for both modes
    assertThat(states).extracting(l -> l.get("index").asInt()).containsExactly(2);
    assertThat(sessions.get(2).get("error").get("reason").asText()).isEqualTo("not_telephony_session");
  }

  @Test
  void staleAndRepeatedDeliveriesAreNotAppliedAndLeaveTheViewAsItWas() throws Exception {
    List<JsonNode> lines = lines("sequence-faults");

    JsonNode answered = lines.get(3);
    JsonNode lateProceeding = lines.get(4);
    assertThat(lateProceeding.get("applied").asBoolean()).isFalse();
    assertThat(lateProceeding.get("dropReason").asText()).isEqualTo("stale_sequence");
    assertThat(lateProceeding.get("session")).isEqualTo(answered.get("session"));
    assertThat(lateProceeding.get("session").get("party").get("status").asText()).isEqualTo("Answered");

    JsonNode holdAgain = lines.get(6);
    assertThat(holdAgain.get("applied").asBoolean()).isFalse();
    assertThat(holdAgain.get("dropReason").asText()).isEqualTo("duplicate_sequence");
    assertThat(holdAgain.get("session")).isEqualTo(lines.get(5).get("session"));

    JsonNode disconnectedAgain = lines.get(10);
    assertThat(disconnectedAgain.get("applied").asBoolean()).isFalse();
    assertThat(disconnectedAgain.get("dropReason").asText()).isEqualTo("duplicate_sequence");
    assertThat(disconnectedAgain.get("session").isNull()).as("the session ended on the line before").isTrue();

    assertThat(lines).filteredOn(l -> !l.get("applied").asBoolean()).extracting(l -> l.get("index").asInt())
        .containsExactly(4, 6, 10);
  }

  @Test
  void aSessionFirstSeenWithEveryPartyGoneIsAGhostAndNotTracked() throws Exception {
    List<JsonNode> lines = lines("ghost");

    assertThat(lines).hasSize(2).allSatisfy(line -> {
      assertThat(line.get("applied").asBoolean()).isFalse();
      assertThat(line.get("dropReason").asText()).isEqualTo("ghost");
      assertThat(line.get("session").isNull()).isTrue();
    });
    assertThat(lines).extracting(l -> l.get("ownerId").asText()).containsExactly("170848004", "809646016");
  }

  @Test
  void theInboundLegOfARingOutIsNotAppliedWhicheverLegComesFirst() throws Exception {
    List<JsonNode> lines = lines("ringout");

    // first call: the outbound leg comes first; its inbound leg is dropped from its first line on
    for (int i : new int[] {1, 3, 6}) {
      assertThat(lines.get(i).get("telephonySessionId").asText()).isEqualTo("s-ro1-in");
      assertThat(lines.get(i).get("applied").asBoolean()).isFalse();
      assertThat(lines.get(i).get("dropReason").asText()).isEqualTo("ringout_inbound_leg");
      assertThat(lines.get(i).get("session").isNull()).isTrue();
    }
    assertThat(lines.get(4).get("session").get("origin").asText()).isEqualTo("RingOut");
    // second call: the inbound leg comes first and is tracked until its outbound leg takes its place
    assertThat(lines.get(7).get("applied").asBoolean()).isTrue();
    assertThat(lines.get(7).get("session").get("party").get("direction").asText()).isEqualTo("Inbound");
    assertThat(lines.get(8).get("telephonySessionId").asText()).isEqualTo("s-ro2-out");
    assertThat(lines.get(8).get("applied").asBoolean()).isTrue();
    assertThat(lines.get(9).get("dropReason").asText()).isEqualTo("ringout_inbound_leg");
    assertThat(lines).filteredOn(l -> l.get("applied").asBoolean()).extracting(l -> l.get("index").asInt())
        .containsExactly(0, 2, 4, 5, 7, 8, 10);
  }

  @Test
  void theOwnersPartyIsTheFirstReportedThatHasNotDisconnectedElseTheLastReported() throws Exception {
    List<JsonNode> lines = lines("two-devices");
    String first = "p-a6abd24ca6774373a8120a3390d3cbe8-3"; // reported first, sorts last
    String second = "p-a6abd24ca6774373a8120a3390d3cbe8-2";

    assertThat(lines).extracting(l -> partyId(l.get("session")))
        .containsExactly(first, first, second, second, second);
    // both ring: the first reported, although the parties list (sorted by id) starts with the other
    JsonNode bothRinging = lines.get(1).get("session");
    assertThat(bothRinging.get("parties")).extracting(p -> p.get("id").asText()).containsExactly(second, first);
    // the first left (picked up on the other device): the second
    assertThat(lines.get(2).get("session").get("parties").get(1).get("reason").asText()).isEqualTo("Pickup");
    // both left: the last reported, although it sorts first
    JsonNode bothLeft = lines.get(4).get("session");
    assertThat(bothLeft.get("parties")).extracting(p -> p.get("status").asText())
        .containsExactly("Disconnected", "Disconnected");
    assertThat(bothLeft.get("party").get("id").asText()).isEqualTo(second);
  }

  @Test
  void everyKeyIsWrittenInItsFixedPlaceWithNullForWhatIsAbsent() throws Exception {
    List<JsonNode> lines = lines("sparse");

    JsonNode first = lines.get(0);
    assertThat(fieldNames(first))
        .containsExactly("index", "ownerId", "telephonySessionId", "applied", "dropReason", "error", "session");
    assertThat(first.get("dropReason").isNull()).isTrue();
    assertThat(first.get("error").isNull()).isTrue();
    JsonNode session = first.get("session");
    assertThat(fieldNames(session)).containsExactly("telephonySessionId", "sessionId", "origin", "party", "parties");
    assertThat(session.get("sessionId").isNull()).isTrue();
    assertThat(session.get("origin").asText()).as("absent origin, as the SDK assumes").isEqualTo("Call");
    assertThat(session.get("party").isNull()).as("no party of the owner yet").isTrue();
    JsonNode bare = session.get("parties").get(0);
    assertThat(fieldNames(bare)).containsExactly("id", "extensionId", "direction", "status", "reason", "from", "to",
        "missedCall", "standAlone", "muted", "peerTelephonySessionId");
    assertThat(bare.get("id").asText()).isEqualTo("p-sparse-1");
    assertThat(bare.get("status").asText()).isEqualTo("Setup");
    for (String absent : List.of("extensionId", "direction", "reason", "from", "to", "missedCall", "standAlone",
        "muted", "peerTelephonySessionId")) {
      assertThat(bare.get(absent).isNull()).as(absent).isTrue();
    }

    JsonNode own = lines.get(1).get("session").get("party");
    assertThat(own.get("from").asText()).isEqualTo("+16505550100");
    assertThat(own.get("to").isNull()).isTrue();
  }

  @Test
  void anAccountLevelNotificationWithoutExtensionHasNoOwnerButChangesTheViewsOfThoseTrackingItsSession()
      throws Exception {
    List<JsonNode> lines = lines("sparse");

    JsonNode tracked = lines.get(2);
    assertThat(tracked.get("ownerId").isNull()).isTrue();
    assertThat(tracked.get("applied").asBoolean()).as("applied for 101, which tracks the session").isTrue();
    assertThat(tracked.get("session").isNull()).isTrue();
    JsonNode untracked = lines.get(3);
    assertThat(untracked.get("ownerId").isNull()).isTrue();
    assertThat(untracked.get("applied").asBoolean()).isFalse();
    assertThat(untracked.get("dropReason").asText()).isEqualTo("no_owner");

    // 101's next line shows what the account-level one said, merged into the party it named
    JsonNode after = lines.get(4).get("session");
    assertThat(after.get("sessionId").asText()).isEqualTo("118139140021");
    JsonNode other = after.get("parties").get(0);
    assertThat(other.get("id").asText()).isEqualTo("p-sparse-1");
    assertThat(other.get("direction").asText()).isEqualTo("Outbound");
    assertThat(other.get("status").asText()).isEqualTo("Answered");
    assertThat(other.get("missedCall").asBoolean()).isFalse();
    // and a field a later report leaves out keeps its value
    JsonNode own = after.get("party");
    assertThat(own.get("direction").asText()).isEqualTo("Inbound");
    assertThat(own.get("muted").asBoolean()).isTrue();
  }

  @Test
  void theLineThatEndsASessionShowsItsLastViewAndLaterLinesShowNone() throws Exception {
    List<JsonNode> lines = lines("transfer");

    JsonNode gone = lines.get(5);
    assertThat(gone.get("applied").asBoolean()).isTrue();
    JsonNode party = gone.get("session").get("party");
    assertThat(party.get("status").asText()).isEqualTo("Gone");
    assertThat(party.get("reason").asText()).isEqualTo("AttendedTransfer");
    assertThat(party.get("peerTelephonySessionId").asText()).isEqualTo("s-a4a0d8227f986z17fbeac105cz80c720000");
    assertThat(party.get("muted").asBoolean()).isTrue();

    JsonNode lateDisconnect = lines.get(9);
    assertThat(lateDisconnect.get("ownerId").asText()).isEqualTo("809646016");
    assertThat(lateDisconnect.get("dropReason").asText()).isEqualTo("stale_sequence");
    assertThat(lateDisconnect.get("session").isNull()).isTrue();
    // the caller's view goes on meanwhile
    assertThat(lines.get(8).get("session").get("party").get("status").asText()).isEqualTo("Disconnected");
  }

  @Test
  void aLineThatDoesNotDecodeGivesALineWithATypedErrorIsReportedAndCountedAndTheReplayGoesOn() throws Exception {
    Run run = replay(false, Duration.ofMillis(1), "replay", "--input", fixture("bad-lines").toString(),
        "--emit", "sessions", "--progress");

    assertThat(run.exitCode()).isZero();
    List<JsonNode> lines = run.lines();
    assertThat(lines).extracting(l -> l.get("error").isNull() ? null : l.get("error").get("reason").asText())
        .containsExactly(null, "not_json", "not_telephony_session", "wrong_shape", null);
    JsonNode cut = lines.get(1);
    assertThat(cut.get("applied").asBoolean()).isFalse();
    assertThat(cut.get("ownerId").isNull()).isTrue();
    assertThat(cut.get("telephonySessionId").isNull()).isTrue();
    assertThat(cut.get("dropReason").isNull()).isTrue();
    assertThat(cut.get("session").isNull()).isTrue();
    assertThat(cut.get("error").get("message").asText()).contains("Unexpected end-of-input");
    assertThat(lines.get(3).get("error").get("message").asText()).contains("no telephonySessionId");
    // the session goes on across them
    assertThat(lines.get(4).get("session").get("party").get("status").asText()).isEqualTo("Proceeding");
    assertThat(run.err()).contains("line 2: skipped (not_json): ", "line 3: skipped (not_telephony_session): ",
        "line 4: skipped (wrong_shape): ").doesNotContain("line 5").doesNotContain("Exception\n");
    assertThat(run.err()).contains("replay: 6 lines (2 decoded, 3 skipped malformed), 5 session lines written");
  }

  @Test
  void aLineThatIsNotUtf8OrOverTheLengthLimitGivesAnErrorLineToo(@TempDir Path dir) throws Exception {
    byte[] good = Files.readAllBytes(fixture("call-control-js"));
    Path input = dir.resolve("mixed.jsonl");
    try (var out = Files.newOutputStream(input)) {
      out.write(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}', '\n'});
      out.write(new byte[ReplayCommand.MAX_LINE_BYTES + 1]);
      out.write('\n');
      out.write(good);
    }

    Run run = sessions(input);

    assertThat(run.exitCode()).isZero();
    List<JsonNode> lines = run.lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0).get("error").get("reason").asText()).isEqualTo("not_json");
    assertThat(lines.get(0).get("error").get("message").asText()).isEqualTo("not UTF-8 text");
    assertThat(lines.get(1).get("error").get("reason").asText()).isEqualTo("too_large");
    assertThat(lines.get(1).get("error").get("message").asText())
        .isEqualTo("longer than " + ReplayCommand.MAX_LINE_BYTES + " bytes");
    assertThat(lines.subList(2, 5)).extracting(l -> l.get("index").asInt()).containsExactly(2, 3, 4);
    assertThat(run.err()).contains("line 1: skipped: not UTF-8 text", "line 2: skipped: longer than");
  }

  @Test
  void inputFromWhichNothingDecodesFailsAfterWritingItsErrorLines(@TempDir Path dir) throws Exception {
    Path input = Files.write(dir.resolve("garbage.jsonl"), List.of("not json", "{\"also\": \"no notification\"}"),
        StandardCharsets.UTF_8);

    Run run = sessions(input);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines()).extracting(l -> l.get("error").get("reason").asText())
        .containsExactly("not_json", "not_telephony_session");
    assertThat(run.err()).contains("replay: nothing decoded: 2 lines skipped, no notification in " + input);
  }

  @Test
  void presenceNotificationsAreNotSessions() throws Exception {
    Path presence = Path.of(ReplaySessionsTest.class.getResource("/replay/ringout-session.jsonl").toURI());

    Run run = sessions(presence);

    assertThat(run.exitCode()).as("nothing decoded").isEqualTo(1);
    assertThat(run.lines()).isNotEmpty().allSatisfy(line -> assertThat(line.get("error").get("reason").asText())
        .isIn("not_telephony_session", "not_json"));
  }
}
