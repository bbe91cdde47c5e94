package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

  @Test
  void defaultsAreARealisticOfficeWithRingCentralsLimits() {
    SimulatorOptions o = SimulatorOptions.defaults();

    assertThat(o.extensions()).isEqualTo(24);
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isZero();
    assertThat(o.recoveryBufferSize()).isEqualTo(100);
    assertThat(o.recoveryTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(o.absoluteTimeout()).isEqualTo(Duration.ofSeconds(86400));
    assertThat(o.maxCallsPerMessage()).isEqualTo(7);
    assertThat(o.maxSessions()).isEqualTo(5);
    assertThat(o.maxFramePayload()).isGreaterThan(64 * 1024);
    assertThat(o.callControl()).as("an app with the CallControl permission").isTrue();
    assertThat(o.accountTelephonySessions()).isTrue();
  }

  @Test
  void mutateCopiesEverything() {
    SimulatorOptions o = SimulatorOptions.builder().extensions(3).seed(9).idleTimeout(Duration.ofSeconds(5))
        .callControl(false).accountTelephonySessions(false).build();

    assertThat(o.mutate().build()).isEqualTo(o);
  }

  @Test
  void refusesValuesThatMakeNoSense() {
    assertThatThrownBy(() -> SimulatorOptions.builder().extensions(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().port(70000).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().eventsPerSecond(-1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().idleTimeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().outboundQueueLimit(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimulatorCredentials("id", "", "jwt")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void officesGoUpTo100000Extensions() {
    assertThat(SimulatorOptions.builder().extensions(100_000).build().extensions()).isEqualTo(SimulatorOptions.MAX_EXTENSIONS);
    assertThatThrownBy(() -> SimulatorOptions.builder().extensions(100_001).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extensions must be 1..100000, was 100001");
  }

  @Test
  void credentialsDoNotPrintTheirSecrets() {
    SimulatorCredentials c = SimulatorCredentials.demo();

    assertThat(c.toString()).contains(c.clientId()).doesNotContain(c.clientSecret()).doesNotContain(c.jwt());
  }
}
