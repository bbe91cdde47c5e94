package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ExtensionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayLineTest {

  private final PresenceCodec codec = PresenceCodec.create();

  @Test
  void aReplayLineIsTheStateWithHowTheNotificationWasAppliedInFront() {
    ExtensionState state = new ExtensionState("101", 7L, null, List.of(), Instant.parse("2026-01-02T03:04:05.006Z"));
    String stateJson = codec.encodeState(state);
    String afterId = stateJson.substring("{\"extensionId\":\"101\",".length());

    assertThat(codec.encodeReplayLine(3, false, "stale", state))
        .isEqualTo("{\"index\":3,\"extensionId\":\"101\",\"applied\":false,\"dropReason\":\"stale\"," + afterId);
    assertThat(codec.encodeReplayLine(4, true, null, state))
        .isEqualTo("{\"index\":4,\"extensionId\":\"101\",\"applied\":true,\"dropReason\":null," + afterId)
        .endsWith("\"sequence\":7,\"presence\":null,\"calls\":[],\"updatedAt\":\"2026-01-02T03:04:05.006Z\"}");
  }
}
