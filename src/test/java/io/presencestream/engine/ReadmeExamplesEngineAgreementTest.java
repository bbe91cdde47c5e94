package io.presencestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EndReason;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonyStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's event examples are not only well-formed (ReadmeEventSchemaTest) but what the engine
 * produces: their raw presence fields fed through the tracker give their derived status, a presence
 * example is an announcement the tracker makes, and call examples follow the call rules.
 */
class ReadmeExamplesEngineAgreementTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

  private final PresenceCodec codec = PresenceCodec.create();

  private static List<String> examples() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String events = readme.substring(readme.indexOf("<!-- section: events -->"), readme.indexOf("<!-- /section: events -->"));
    Matcher m = JSON_BLOCK.matcher(events);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).isNotEmpty();
    return blocks;
  }

  private static PresenceUpdate rawFieldsOf(PresenceState p) {
    return new PresenceUpdate("101", null, p.userStatus(), p.dndStatus(), p.presenceStatus(), p.telephonyStatus(),
        p.meetingStatus(), p.message(), null, null);
  }

  /** What the engine derives from the raw fields of {@code example}. */
  private static PresenceState derived(PresenceState example) {
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    tracker.apply(new EngineInput.SnapshotReceived(rawFieldsOf(example), T));
    return tracker.state("101").orElseThrow().presence();
  }

  @Test
  void everyPresenceInTheExamplesHasTheStatusTheEngineDerives() throws Exception {
    List<PresenceState> presences = new ArrayList<>();
    for (String example : examples()) {
      JsonNode tree = JSON.readTree(example);
      if (!tree.has("kind")) {
        presences.add(codec.decodeState(example).presence());
      } else if (codec.decodeEvent(example) instanceof PresenceEvent.PresenceChanged changed) {
        presences.add(changed.presence());
        if (changed.previous() != null) {
          presences.add(changed.previous());
        }
      }
    }
    assertThat(presences).isNotEmpty();
    for (PresenceState example : presences) {
      assertThat(derived(example)).as("derived from the raw fields of %s", example).isEqualTo(example);
    }
  }

  @Test
  void thePresenceExampleIsAnAnnouncementTheEngineMakes() throws Exception {
    for (String example : examples()) {
      if (JSON.readTree(example).has("kind") && codec.decodeEvent(example) instanceof PresenceEvent.PresenceChanged changed) {
        PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
        tracker.apply(new EngineInput.SnapshotReceived(rawFieldsOf(changed.previous()), T.minusSeconds(1)));
        Outcome outcome = tracker.apply(new EngineInput.SnapshotReceived(rawFieldsOf(changed.presence()), changed.at()));

        assertThat(outcome.events()).first().isEqualTo(changed);
      }
    }
  }

  @Test
  void callExamplesFollowTheCallRules() throws Exception {
    for (String example : examples()) {
      if (!JSON.readTree(example).has("kind")) {
        continue;
      }
      PresenceEvent event = codec.decodeEvent(example);
      if (event instanceof PresenceEvent.CallRinging ringing) {
        assertThat(ringing.call().telephonyStatus()).isEqualTo(TelephonyStatus.RINGING);
      } else if (event instanceof PresenceEvent.CallUpdated updated) {
        assertThat(updated.transition())
            .isEqualTo(CallDiff.transition(updated.previousStatus(), updated.call().telephonyStatus()));
      } else if (event instanceof PresenceEvent.CallEnded ended) {
        assertThat(ended.duration()).isEqualTo(CallDiff.duration(ended.call(), ended.at()));
        if (ended.reason() == EndReason.HANGUP || ended.reason() == EndReason.MISSED) {
          assertThat(ended.reason()).isEqualTo(CallDiff.naturalReason(ended.call()));
        }
        assertThat(ended.mergedInto() != null).isEqualTo(ended.reason() == EndReason.MERGED);
      }
    }
  }

  @Test
  void theStateExampleListsCallsNewestFirst() throws Exception {
    for (String example : examples()) {
      if (!JSON.readTree(example).has("kind")) {
        ExtensionState state = codec.decodeState(example);
        for (int i = 1; i < state.calls().size(); i++) {
          assertThat(state.calls().get(i - 1).startTime()).isAfterOrEqualTo(state.calls().get(i).startTime());
        }
      }
    }
  }
}
