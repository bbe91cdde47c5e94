package io.presencestream.engine;

import static io.presencestream.engine.Fixtures.at;
import static io.presencestream.engine.Fixtures.inbound;
import static io.presencestream.engine.Fixtures.notification;
import static io.presencestream.engine.Fixtures.outbound;
import static io.presencestream.engine.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults(), EngineMetrics.micrometer(registry));

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private double counter(String name, String reason) {
    return registry.get(name).tag("reason", reason).counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void countsReceivedAppliedAndDroppedByReason() {
    tracker.apply(notification(update("101").sequence(5), at(0)));
    tracker.apply(notification(update("101").sequence(5), at(1)));
    tracker.apply(notification(update("101").sequence(4), at(2)));

    assertThat(counter("presence.engine.inputs.received")).isEqualTo(3);
    assertThat(counter("presence.engine.inputs.applied")).isEqualTo(1);
    assertThat(counter("presence.engine.inputs.dropped", "duplicate_sequence")).isEqualTo(1);
    assertThat(counter("presence.engine.inputs.dropped", "stale_sequence")).isEqualTo(1);
  }

  @Test
  void countsEachRingOutMergeOnceAndResyncRequestsByReason() {
    var legs = update("101").calls(outbound("10000").from("102").to("101"), inbound("11000").from("101").to("102"));
    tracker.apply(notification(legs, at(0)));
    tracker.apply(notification(legs, at(1)));
    tracker.apply(notification(update("101").total(5).calls(), at(2)));

    assertThat(counter("presence.engine.ringout.merges")).isEqualTo(1);
    assertThat(counter("presence.engine.resync.requests", "truncated_call_list")).isEqualTo(1);
  }

  @Test
  void twoEnginesOnOneRegistryAreBothCountedByTheGauges() {
    PresenceTracker second = new PresenceTracker(EngineOptions.defaults(), EngineMetrics.micrometer(registry));
    tracker.apply(notification(update("101").calls(inbound("1")), at(0)));
    second.apply(notification(update("201").calls(inbound("2"), inbound("3")), at(0)));
    second.apply(notification(update("202"), at(0)));

    assertThat(gauge("presence.engine.extensions.tracked")).isEqualTo(3);
    assertThat(gauge("presence.engine.calls.active")).isEqualTo(3);
  }

  @Test
  void gaugesFollowTrackedExtensionsAndActiveCalls() {
    tracker.apply(notification(update("101").calls(inbound("1"), inbound("2")), at(0)));
    tracker.apply(notification(update("102").calls(inbound("3")), at(0)));
    assertThat(gauge("presence.engine.extensions.tracked")).isEqualTo(2);
    assertThat(gauge("presence.engine.calls.active")).isEqualTo(3);

    tracker.apply(notification(update("101").calls(inbound("1")), at(1)));
    tracker.forget("102");
    assertThat(gauge("presence.engine.extensions.tracked")).isEqualTo(1);
    assertThat(gauge("presence.engine.calls.active")).isEqualTo(1);

    tracker.clear();
    assertThat(gauge("presence.engine.extensions.tracked")).isZero();
    assertThat(gauge("presence.engine.calls.active")).isZero();
  }
}
