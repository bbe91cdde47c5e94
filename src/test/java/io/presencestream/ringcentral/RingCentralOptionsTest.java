package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingCentralOptionsTest {

  @Test
  void neverPrintsTheSecretOrTheJwt() {
    RingCentralOptions options =
        RingCentralOptions.builder(URI.create("https://platform.ringcentral.com"), "client", "s3cr3t-value", "jwt-value-xyz")
            .build();

    assertThat(options.toString()).doesNotContain("s3cr3t-value", "jwt-value-xyz").contains("client");
  }

  @Test
  void mutateStartsFromTheOptionsItIsCalledOn() {
    RingCentralOptions options =
        RingCentralOptions.builder(URI.create("https://platform.ringcentral.com"), "client", "secret", "jwt")
            .extensions(ExtensionSelection.of("101"))
            .presenceBulkSize(10)
            .requestTimeout(Duration.ofSeconds(5))
            .build();

    assertThat(options.mutate().build()).isEqualTo(options);
    RingCentralOptions changed = options.mutate().presenceBulkSize(20).build();
    assertThat(changed.presenceBulkSize()).isEqualTo(20);
    assertThat(changed).usingRecursiveComparison().ignoringFields("presenceBulkSize").isEqualTo(options);
  }

  @Test
  void readsTheEnvironmentAndNamesAMissingVariableWithoutItsValue() {
    RingCentralOptions options =
        RingCentralOptions.fromEnvironment(
                Map.of(
                    "RINGCENTRAL_CLIENT_ID", "id",
                    "RINGCENTRAL_CLIENT_SECRET", "secret",
                    "RINGCENTRAL_JWT", "jwt",
                    "RINGCENTRAL_EXTENSIONS", "101, 102"))
            .build();

    assertThat(options.serverUrl()).isEqualTo(URI.create("https://platform.ringcentral.com"));
    assertThat(options.extensions()).isEqualTo(ExtensionSelection.of("101", "102"));
    assertThatThrownBy(() -> RingCentralOptions.fromEnvironment(Map.of("RINGCENTRAL_CLIENT_ID", "id")))
        .hasMessage("environment variable RINGCENTRAL_CLIENT_SECRET is not set");
  }

  @Test
  void parsesExtensionSelections() {
    assertThat(ExtensionSelection.parse(" ~ ")).isEqualTo(ExtensionSelection.self());
    assertThat(ExtensionSelection.parse("ALL")).isEqualTo(ExtensionSelection.allEnabledUsers());
    assertThat(ExtensionSelection.parse("101,,102")).isEqualTo(ExtensionSelection.of("101", "102"));
    assertThatThrownBy(() -> ExtensionSelection.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtensionSelection.of("1/2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsABulkSizeAboveRingCentralsLimit() {
    assertThatThrownBy(
            () -> RingCentralOptions.builder(URI.create("http://127.0.0.1:1"), "a", "b", "c").presenceBulkSize(31).build())
        .hasMessageContaining("presenceBulkSize");
  }

  @Test
  void feedsArePresenceAloneByDefaultAlwaysIncludePresenceAndKeepTheirScopeThroughMutate() {
    RingCentralOptions.Builder builder = RingCentralOptions.builder(URI.create("http://127.0.0.1:1"), "a", "b", "c");
    RingCentralOptions plain = builder.build();
    assertThat(plain.feeds()).containsExactly(Feed.PRESENCE);
    assertThat(plain.telephonyScope()).isEqualTo(TelephonyScope.AUTO);
    RingCentralOptions both = plain.mutate()
        .feeds(java.util.EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY)).telephonyScope(TelephonyScope.EXTENSIONS).build();
    assertThat(both.mutate().build()).isEqualTo(both);
    assertThat(both.toString()).contains("feeds=[presence, telephony]", "telephonyScope=extensions");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
            () -> plain.mutate().feeds(java.util.EnumSet.of(Feed.TELEPHONY)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feeds must include presence");
    assertThat(Feed.parse("Telephony")).isEqualTo(Feed.TELEPHONY);
    assertThat(TelephonyScope.parse("account")).isEqualTo(TelephonyScope.ACCOUNT);
  }
}
