package io.presencestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertRule.Kind;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.CallQueue;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contact-centre settings: documented defaults, validation that lists every problem, per-queue thresholds. */
class ContactCentreOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ContactCentreOptions d = ContactCentreOptions.defaults();
    assertThat(d.wrapUp()).isEqualTo(Duration.ofSeconds(15));
    assertThat(d.timeZone()).isEqualTo(ZoneId.systemDefault());
    assertThat(d.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.queueThresholds()).isEmpty();
    assertThat(d.answeredElsewhereGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.queueGapGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(d.tick()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.alerts()).isEmpty();
    assertThat(d.maxPending()).isEqualTo(ContactCentreOptions.DEFAULT_MAX_PENDING);
  }

  @Test
  void aQueuesThresholdIsFoundByIdNumberOrNameElseTheDefault() {
    ContactCentreOptions o = ContactCentreOptions.defaults().withQueueThresholds(
        Map.of("2001", Duration.ofSeconds(10), "3000", Duration.ofSeconds(30), "Support", Duration.ofSeconds(60)));
    assertThat(o.thresholdOf(new CallQueue("2001", "9", "x", List.of()))).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.thresholdOf(new CallQueue("7", "3000", "x", List.of()))).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.thresholdOf(new CallQueue("8", "4000", "Support", List.of()))).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.thresholdOf(new CallQueue("9", null, null, List.of()))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void everyProblemIsListed() {
    assertThatThrownBy(() -> ContactCentreOptions.defaults().withWrapUp(Duration.ofSeconds(-1)).withTick(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    AlertRule a = AlertRule.onEvent("same", Kind.CALL_MISSED, AlertSeverity.INFO);
    assertThatThrownBy(() -> new ContactCentreOptions(Duration.ofSeconds(-1), ZoneId.of("UTC"), Duration.ofSeconds(20),
        Map.of("q", Duration.ofSeconds(-5)), Duration.ZERO, Duration.ZERO, Duration.ZERO, List.of(a, a), 0))
        .hasMessageContaining("wrapUp cannot be negative")
        .hasMessageContaining("tick must be positive")
        .hasMessageContaining("queueThresholds.q cannot be negative")
        .hasMessageContaining("maxPending must be at least 1")
        .hasMessageContaining("alert rule name same is used twice");
  }

  @Test
  void alertRulesRequireWhatTheirKindNeeds() {
    assertThatThrownBy(() -> AlertRule.longerThan("r", Kind.CALL_RINGING, null, AlertSeverity.INFO))
        .hasMessageContaining("longerThan");
    assertThatThrownBy(() -> AlertRule.serviceLevel("s", "5m", 80, AlertSeverity.INFO)).hasMessageContaining("window");
    assertThatThrownBy(() -> AlertRule.serviceLevel("s", "15m", 180, AlertSeverity.INFO)).hasMessageContaining("below");
    assertThat(AlertRule.onEvent("a", Kind.QUEUE_ABANDONED, AlertSeverity.INFO).clearAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(AlertRule.serviceLevel("s", "today", 80, AlertSeverity.INFO).minCalls()).isEqualTo(5);
    assertThat(Kind.parse("agent.offQueue")).isEqualTo(Kind.AGENT_OFF_QUEUE);
    assertThat(Kind.AGENT_OFF_QUEUE.subject()).isEqualTo("extension");
    assertThat(Kind.QUEUE_SERVICE_LEVEL.subject()).isEqualTo("queue");
    assertThatThrownBy(() -> Kind.parse("call.forever")).hasMessageContaining("call.ringing");
    assertThat(AlertSeverity.parse("critical")).isEqualTo(AlertSeverity.CRITICAL);
  }
}
