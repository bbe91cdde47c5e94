package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.EngineInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RingCentralSourceIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void logsInSubscribesAndFollowsTheOffice() {
    try (ClientHarness h = ClientHarness.start(12).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      assertThat(h.inputs).first().isInstanceOf(EngineInput.SnapshotReceived.class);
      assertThat(h.inputs).hasSize(12);

      h.simulator.traffic().step(100);

      h.awaitInSync(WAIT);
      assertThat(h.inputKinds()).contains("notification");
      assertThat(h.errors).isEmpty();
    }
  }
}
