package io.presencestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.server.TestEvents;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SinkEncoderTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SinkMeters meters = new SinkMeters(registry, "s", () -> 0);
  private final SinkEncoder encoder = new SinkEncoder("s", event -> {
    if (event.extensionId().equals("bad")) {
      throw new IllegalStateException("cannot");
    }
    return "{\"extensionId\":\"" + event.extensionId() + "\"}";
  }, meters, LoggerFactory.getLogger(SinkEncoderTest.class));

  @Test
  void returnsTheEncodersJson() {
    assertThat(encoder.encode(TestEvents.presence("101", 1))).isEqualTo("{\"extensionId\":\"101\"}");
    assertThat(meters.droppedTotal()).isZero();
  }

  @Test
  void skipsAndCountsAnEventThatCannotBeEncoded() {
    assertThat(encoder.encode(TestEvents.presence("bad", 1))).isNull();
    assertThat(meters.droppedTotal()).isEqualTo(1);
    assertThat(registry.get("presence.sink.dropped").tag("sink", "s").tag("reason", "failed").counter().count())
        .isEqualTo(1.0);
  }
}
