package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFiltersTest {

  private static final String ACCOUNT = "37439510";
  private static final String BASE = "/restapi/v1.0/account/";

  private static EventFilters resolve(String... filters) {
    return EventFilters.resolve(List.of(filters), ACCOUNT, "101", Set.of("101", "102")::contains);
  }

  @Test
  void resolvesTheOwnerAndTheAccountAndKeepsOnlyKnownFlagsInOneOrder() {
    EventFilters filters = resolve("/restapi/v1.0/account/~/extension/~/presence?sipData=true&foo=1&detailedTelephonyState=true");

    assertThat(filters.events()).containsExactly(BASE + ACCOUNT + "/extension/101/presence?detailedTelephonyState=true&sipData=true");
    assertThat(filters.match("101")).isEqualTo(new EventFilters.Match(
        BASE + ACCOUNT + "/extension/101/presence?detailedTelephonyState=true&sipData=true", true, true));
  }

  @Test
  void dropsUnknownExtensionsOtherAccountsAndOtherEvents() {
    assertThat(resolve(
        BASE + "~/extension/999/presence",
        BASE + "other/extension/101/presence",
        BASE + "~/extension/101/message-store")).isNull();
  }

  @Test
  void anExtensionFilterCoversOnlyItsExtension() {
    EventFilters filters = resolve(BASE + "~/extension/102/presence");

    assertThat(filters.match("102")).isEqualTo(new EventFilters.Match(BASE + ACCOUNT + "/extension/102/presence", false, false));
    assertThat(filters.match("101")).isNull();
  }

  @Test
  void anAccountWideFilterCoversEveryExtensionUnderItsOwnEventPath() {
    EventFilters filters = resolve(BASE + ACCOUNT + "/presence?detailedTelephonyState=true");

    assertThat(filters.events()).containsExactly(BASE + ACCOUNT + "/presence?detailedTelephonyState=true");
    assertThat(filters.match("102")).isEqualTo(new EventFilters.Match(
        BASE + ACCOUNT + "/extension/102/presence?detailedTelephonyState=true", true, false));
  }

  @Test
  void telephonySessionFiltersKeepOnlySipDataAndNameTheirScope() {
    EventFilters filters = resolve(
        BASE + "~/extension/~/telephony/sessions?statusCode=Answered&sipData=true",
        BASE + "~/extension/999/telephony/sessions",
        BASE + "other/telephony/sessions",
        BASE + "~/extension/102/presence");

    assertThat(filters.events()).containsExactly(
        BASE + ACCOUNT + "/extension/101/telephony/sessions?sipData=true", BASE + ACCOUNT + "/extension/102/presence");
    assertThat(filters.wantsSessions()).isTrue();
    assertThat(filters.sessionsMatch("101")).isEqualTo(
        new EventFilters.SessionsMatch(BASE + ACCOUNT + "/extension/101/telephony/sessions?sipData=true", true));
    assertThat(filters.sessionsMatch("102")).as("presence only").isNull();
    assertThat(filters.sessionsMatch(null)).as("a party outside the account's extensions").isNull();
  }

  @Test
  void theAccountLevelTelephonyFilterCoversEveryPartyUnderItsExtensionsPathOrTheAccounts() {
    EventFilters filters = resolve(BASE + "~/telephony/sessions");

    assertThat(filters.events()).containsExactly(BASE + ACCOUNT + "/telephony/sessions");
    assertThat(filters.sessionsMatch("102")).isEqualTo(
        new EventFilters.SessionsMatch(BASE + ACCOUNT + "/extension/102/telephony/sessions", false));
    assertThat(filters.sessionsMatch(null)).isEqualTo(
        new EventFilters.SessionsMatch(BASE + ACCOUNT + "/telephony/sessions", false));
    assertThat(filters.match("102")).as("no presence").isNull();
  }

  @Test
  void presenceFiltersAloneWantNoSessions() {
    assertThat(resolve(BASE + "~/presence").wantsSessions()).isFalse();
  }

  @Test
  void tellsTelephonyFiltersOfThisAccountApart() {
    assertThat(EventFilters.isTelephonySessions(BASE + "~/extension/5/telephony/sessions?sipData=true", ACCOUNT)).isTrue();
    assertThat(EventFilters.isTelephonySessions(BASE + ACCOUNT + "/telephony/sessions", ACCOUNT)).isTrue();
    assertThat(EventFilters.isTelephonySessions(BASE + "other/telephony/sessions", ACCOUNT)).isFalse();
    assertThat(EventFilters.isTelephonySessions(BASE + "~/presence", ACCOUNT)).isFalse();
    assertThat(EventFilters.isAccountTelephonySessions(BASE + "~/telephony/sessions?sipData=true", ACCOUNT)).isTrue();
    assertThat(EventFilters.isAccountTelephonySessions(BASE + "~/extension/5/telephony/sessions", ACCOUNT)).isFalse();
  }
}
